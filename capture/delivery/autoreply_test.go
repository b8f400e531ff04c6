package delivery_test

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
)

// binary finds name on PATH or in GOPATH/bin; missing, it fails under CI
// and skips otherwise.
func binary(t *testing.T, name string) string {
	t.Helper()
	if p, err := exec.LookPath(name); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		home, _ := os.UserHomeDir()
		gopath = filepath.Join(home, "go")
	}
	if p := filepath.Join(gopath, "bin", name); fileExists(p) {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s not found on PATH or in %s/bin", name, gopath)
	}
	t.Skipf("%s not installed", name)
	return ""
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func mailpit(t *testing.T) (smtpAddr, api string) {
	t.Helper()
	bin := binary(t, "mailpit")
	sp, hp := freePort(t), freePort(t)
	cmd := exec.Command(bin, "--smtp", fmt.Sprintf("127.0.0.1:%d", sp), "--listen", fmt.Sprintf("127.0.0.1:%d", hp),
		"--database", filepath.Join(t.TempDir(), "mailpit.db"), "--quiet")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	api = fmt.Sprintf("http://127.0.0.1:%d", hp)
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(api + "/api/v1/messages"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("mailpit did not start")
		}
	}
	return fmt.Sprintf("127.0.0.1:%d", sp), api
}

type mailbox struct {
	Messages []struct {
		Subject string
		To      []struct{ Address string }
	} `json:"messages"`
}

func messages(t *testing.T, api string) mailbox {
	t.Helper()
	resp, err := http.Get(api + "/api/v1/messages")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var mb mailbox
	if err := json.NewDecoder(resp.Body).Decode(&mb); err != nil {
		t.Fatal(err)
	}
	return mb
}

// The auto-reply is off unless enabled, goes to the lead through an email
// sink, and is rate-limited: past the limit it is dead-lettered with the
// reason instead of sent.
func TestAutoReplyRateLimited(t *testing.T) {
	smtpAddr, api := mailpit(t)
	sales := schema.Sales{
		Sinks: map[string]*schema.Sink{
			"team": {Type: "smtp", HostEnv: "SMTP_HOST", TLS: "none", From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}},
		},
		Routes:    []schema.Route{{To: []string{"team"}}},
		AutoReply: &schema.AutoReply{Enabled: true, Via: "team", From: "hello@bridgework.example", Subject: "Thanks, we got it", PerHour: 1},
	}
	f := setup(t, sales, env{"SMTP_HOST": smtpAddr})
	first := f.save(t, map[string]string{"email": "ann@customer.example"})
	second := f.save(t, map[string]string{"email": "bob@customer.example"})
	if st := f.run(t); st.Delivered != 3 || st.Dead != 1 {
		t.Fatalf("pass = %+v, want 3 delivered (2 to sales, 1 auto-reply) and 1 dead", st)
	}
	replies := 0
	for _, m := range messages(t, api).Messages {
		if m.Subject == "Thanks, we got it" {
			replies++
			if len(m.To) != 1 || m.To[0].Address != "ann@customer.example" && m.To[0].Address != "bob@customer.example" {
				t.Errorf("auto-reply to %v", m.To)
			}
		}
	}
	if replies != 1 {
		t.Errorf("%d auto-replies sent, want 1 (limit 1 per hour)", replies)
	}
	dead := 0
	for _, id := range []string{first, second} {
		if d := f.state(t, id)["autoReply"]; d.State == capture.DeliveryDead {
			dead++
			if !strings.Contains(d.LastError, "rate limit") {
				t.Errorf("dead auto-reply reason = %q", d.LastError)
			}
		}
	}
	if dead != 1 {
		t.Errorf("%d auto-replies dead-lettered, want 1", dead)
	}
	// Without autoReply, leads get no auto-reply delivery at all.
	sales.AutoReply = nil
	g := setup(t, sales, env{"SMTP_HOST": smtpAddr})
	id := g.save(t, map[string]string{"email": "cy@customer.example"})
	if _, ok := g.state(t, id)["autoReply"]; ok {
		t.Error("auto-reply routed while disabled")
	}
}
