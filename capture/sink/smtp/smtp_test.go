package smtp_test

import (
	"context"
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
	"github.com/storyfront/storyfront/capture/sink"
	"github.com/storyfront/storyfront/capture/sink/smtp"
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
	p := filepath.Join(gopath, "bin", name)
	if _, err := os.Stat(p); err == nil {
		return p
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s not found on PATH or in %s/bin (go install github.com/axllent/mailpit)", name, gopath)
	}
	t.Skipf("%s not installed", name)
	return ""
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// mailpit runs a real Mailpit and returns its SMTP port and HTTP API base.
func mailpit(t *testing.T, extra ...string) (smtpPort int, api string) {
	t.Helper()
	bin := binary(t, "mailpit")
	smtpPort, httpPort := freePort(t), freePort(t)
	args := append([]string{"--smtp", fmt.Sprintf("127.0.0.1:%d", smtpPort),
		"--listen", fmt.Sprintf("127.0.0.1:%d", httpPort),
		"--database", filepath.Join(t.TempDir(), "mailpit.db"), "--quiet"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	api = fmt.Sprintf("http://127.0.0.1:%d", httpPort)
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(api + "/api/v1/messages")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("mailpit did not start: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return smtpPort, api
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

var form = &schema.Form{Name: "contact", Fields: []schema.Field{
	{Name: "name", Label: "Your name"}, {Name: "email", Label: "Work email", Type: "email"},
	{Name: "message", Label: "Message", Type: "textarea"},
}}

func hostileLead() *capture.Lead {
	return &capture.Lead{
		ID:   "01JDELIVERYTEST0000000000A",
		Form: "contact",
		Fields: map[string]string{
			"name":    "Eve\r\nBcc: victim@evil.example",
			"email":   "eve@customer.example",
			"message": "Hello <script>alert(1)</script>\r\nsecond line",
		},
		Attribution: capture.Attribution{Story: "Marketing vs Sales", Page: "/stories/marketing-vs-sales/",
			UTMCampaign: "spring", UTMSource: "newsletter", UTMMedium: "email"},
		Consent:   true,
		CreatedAt: time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC),
	}
}

func TestSendToMailpit(t *testing.T) {
	port, api := mailpit(t)
	s, err := smtp.New(smtp.Options{Name: "team", Host: "127.0.0.1", Port: port, TLS: smtp.TLSNone,
		Email: sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Send(ctx, sink.Message{Lead: hostileLead(), Form: form}); err != nil {
		t.Fatal(err)
	}
	var list struct {
		Messages []struct {
			ID      string
			Subject string
			Bcc     []struct{ Address string }
			To      []struct{ Address string }
			ReplyTo []struct{ Address string }
		} `json:"messages"`
	}
	getJSON(t, api+"/api/v1/messages", &list)
	if len(list.Messages) != 1 {
		t.Fatalf("mailpit has %d messages, want 1", len(list.Messages))
	}
	m := list.Messages[0]
	if len(m.Bcc) != 0 || len(m.To) != 1 || m.To[0].Address != "sales@bridgework.example" {
		t.Errorf("recipients: to %v bcc %v", m.To, m.Bcc)
	}
	if len(m.ReplyTo) != 1 || m.ReplyTo[0].Address != "eve@customer.example" {
		t.Errorf("reply-to = %v, want the lead's email", m.ReplyTo)
	}
	if strings.ContainsAny(m.Subject, "\r\n") || !strings.Contains(m.Subject, "Eve Bcc: victim@evil.example") {
		t.Errorf("subject = %q", m.Subject)
	}
	var full struct{ Text, HTML string }
	getJSON(t, api+"/api/v1/message/"+m.ID, &full)
	for _, want := range []string{"Work email: eve@customer.example", "Marketing vs Sales", "spring (newsletter / email)", "01JDELIVERYTEST0000000000A"} {
		if !strings.Contains(full.Text, want) {
			t.Errorf("text body lacks %q:\n%s", want, full.Text)
		}
	}
	if strings.Contains(full.HTML, "<script>") || !strings.Contains(full.HTML, "&lt;script&gt;") {
		t.Errorf("html body does not escape the lead's markup:\n%s", full.HTML)
	}
	var headers map[string][]string
	getJSON(t, api+"/api/v1/message/"+m.ID+"/headers", &headers)
	if got := headers["X-Storyfront-Lead"]; len(got) != 1 || got[0] != "01JDELIVERYTEST0000000000A" {
		t.Errorf("X-Storyfront-Lead = %v", got)
	}
	if _, ok := headers["Bcc"]; ok {
		t.Errorf("a field injected a Bcc header: %v", headers["Bcc"])
	}
}

func TestRejectedRecipientIsPermanent(t *testing.T) {
	port, _ := mailpit(t, "--smtp-allowed-recipients", `^sales@bridgework\.example$`)
	s, err := smtp.New(smtp.Options{Name: "team", Host: "127.0.0.1", Port: port, TLS: smtp.TLSNone,
		Email: sink.EmailOptions{From: "leads@bridgework.example", To: []string{"nobody@bridgework.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), sink.Message{Lead: hostileLead(), Form: form})
	if err == nil || !sink.IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent error", err)
	}
	if strings.Contains(err.Error(), "@") {
		t.Errorf("error quotes an address: %v", err)
	}
}

func TestServerDownIsRetried(t *testing.T) {
	s, err := smtp.New(smtp.Options{Name: "team", Host: "127.0.0.1", Port: freePort(t), TLS: smtp.TLSNone,
		Timeout: 2 * time.Second,
		Email:   sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), sink.Message{Lead: hostileLead(), Form: form})
	if err == nil || sink.IsPermanent(err) {
		t.Fatalf("err = %v, want a retryable error", err)
	}
}

func TestNewRejectsBadAddresses(t *testing.T) {
	for _, from := range []string{"", "a@b.example\r\nBcc: x@y.example", "Sales <a@b.example>", "not-an-address"} {
		_, err := smtp.New(smtp.Options{Name: "team", Host: "127.0.0.1",
			Email: sink.EmailOptions{From: from, To: []string{"sales@bridgework.example"}}})
		if err == nil {
			t.Errorf("from %q accepted", from)
		}
	}
}
