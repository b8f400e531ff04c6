package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/sink/webhook"
	"github.com/storyfront/storyfront/capture/store/sqlite"
	"github.com/storyfront/storyfront/internal/testpart"
)

const dlvSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

const dlvSite = `baseURL: https://bridgework.example/
forms:
  contact:
    thankYou: /thank-you/
    fields:
      - {name: name, label: Your name, required: true}
      - {name: email, label: Work email, type: email, required: true}
capture:
  minSeconds: 0
sales:
  sinks:
    crm: {type: webhook, urlEnv: CRM_URL, secretEnv: CRM_SECRET}
    team:
      type: smtp
      hostEnv: SMTP_HOST
      tls: none
      from: leads@bridgework.example
      to: [sales@bridgework.example]
  routes:
    - to: [crm, team]
  retry: {attempts: 50, minDelay: 1s, maxDelay: 2s}
`

// dlvServer is a running `storyfront capture serve` process.
type dlvServer struct {
	cmd  *exec.Cmd
	base string
	logs *testpart.Output
}

func dlvStart(t *testing.T, bin, site, db string, env ...string) *dlvServer {
	t.Helper()
	cmd := exec.Command(bin, "capture", "serve", "-s", site, "--addr", "127.0.0.1:0", "--db", db)
	cmd.Env = append(os.Environ(), append([]string{"STORYFRONT_IP_SALT=test"}, env...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &dlvServer{cmd: cmd, logs: &testpart.Output{}}
	cmd.Stderr = s.logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	found := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`listening on (http://\S+)`)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
			}
		}
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case s.base = <-found:
	case <-time.After(20 * time.Second):
		t.Fatalf("capture serve did not start:\n%s", s.logs.String())
	}
	return s
}

// crmReceiver is the CRM: it verifies each webhook's signature and counts
// deliveries per lead id.
type crmReceiver struct {
	mu  sync.Mutex
	got map[string]int
	bad int
}

func (c *crmReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	key, _ := webhook.DecodeSecret(dlvSecret)
	c.mu.Lock()
	defer c.mu.Unlock()
	if webhook.Verify(key, r.Header, body, time.Now(), 5*time.Minute) != nil {
		c.bad++
	}
	c.got[r.Header.Get("webhook-id")]++
	w.WriteHeader(http.StatusNoContent)
}

func (c *crmReceiver) count(id string) (int, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.got[id], c.bad
}

// The server is SIGKILLed after storing a lead and before delivering it
// (both sinks unreachable at first). After a restart with the sinks up,
// the lead reaches each sink exactly once.
func TestCaptureServeKilledBeforeDelivery(t *testing.T) {
	dir := t.TempDir()
	bin := buildStoryfront(t, dir)
	site := filepath.Join(dir, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "site.yaml"), []byte(dlvSite), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "leads.db")
	mail := testpart.Mailpit(t)
	down := testpart.FreeAddr(t) // nothing listens here

	s := dlvStart(t, bin, site, db, "CRM_URL=http://"+down+"/hook", "CRM_SECRET="+dlvSecret, "SMTP_HOST="+down)
	id := dlvPost(t, s.base, "name=Ann+Lee&email=ann%40customer.example")
	// Let the worker fail once against each unreachable sink, then kill -9
	// (the kill may still land in a retry's send: see below).
	failed := func(sink string) bool {
		for _, line := range strings.Split(s.logs.String(), "\n") {
			if strings.Contains(line, "will retry") && strings.Contains(line, `"sink":"`+sink+`"`) {
				return true
			}
		}
		return false
	}
	for deadline := time.Now().Add(20 * time.Second); !(failed("crm") && failed("team")) && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	if !failed("team") {
		t.Logf("the team sink had not failed yet when killed:\n%s", s.logs.String())
	}
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = s.cmd.Wait()

	crm := &crmReceiver{got: map[string]int{}}
	hook := httptest.NewServer(crm)
	defer hook.Close()
	s = dlvStart(t, bin, site, db, "CRM_URL="+hook.URL+"/hook", "CRM_SECRET="+dlvSecret, "SMTP_HOST="+mail.SMTPAddr)
	// A retry killed mid-send waits for its claim to run out (35 s).
	deadline := time.Now().Add(60 * time.Second)
	for {
		n, _ := crm.count(id)
		if n >= 1 && mail.Count(t, id) >= 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("not delivered 60 s after restart: webhook %d, mail %d\nlogs:\n%s", n, mail.Count(t, id), s.logs.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	// Give a duplicate every chance to show up, then stop the server.
	time.Sleep(2500 * time.Millisecond)
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	_ = s.cmd.Wait()
	n, bad := crm.count(id)
	if mails := mail.Count(t, id); n != 1 || mails != 1 || bad != 0 {
		t.Errorf("webhook deliveries %d, emails %d, bad signatures %d: want exactly 1, 1, 0", n, mails, bad)
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds, err := st.Deliveries(context.Background(), id)
	if err != nil || len(ds) != 2 {
		t.Fatalf("deliveries %+v %v", ds, err)
	}
	for _, d := range ds {
		if d.State != capture.DeliveryDelivered {
			t.Errorf("%s: %s after %d attempts (%s)", d.Sink, d.State, d.Attempts, d.LastError)
		}
	}
	if logs := s.logs.String(); strings.Contains(logs, "ann@customer.example") || strings.Contains(logs, dlvSecret[6:]) {
		t.Errorf("logs name the lead's email or the secret:\n%s", logs)
	}
}

// TestTwoCaptureServesOneFile runs two capture serve processes on one
// SQLite file. 30 leads are posted, half to each, while the CRM is down;
// when it comes back both servers' workers find the same due deliveries:
// each lead must still reach the CRM exactly once (a delivery is claimed
// in one UPDATE before it is sent).
func TestTwoCaptureServesOneFile(t *testing.T) {
	dir := t.TempDir()
	bin := buildStoryfront(t, dir)
	site := filepath.Join(dir, "site")
	if err := os.MkdirAll(site, 0o755); err != nil {
		t.Fatal(err)
	}
	crmOnly := strings.NewReplacer("    - to: [crm, team]", "    - to: [crm]", "minDelay: 1s, maxDelay: 2s", "minDelay: 1s, maxDelay: 1s",
		"  minSeconds: 0", "  minSeconds: 0\n  rateLimit: 1000").Replace(dlvSite)
	if err := os.WriteFile(filepath.Join(site, "site.yaml"), []byte(crmOnly), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "leads.db")
	var mu sync.Mutex
	up := false
	got := map[string]int{}
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond) // a CRM takes a while: the two workers overlap
		mu.Lock()
		defer mu.Unlock()
		if !up {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		got[r.Header.Get("webhook-id")]++
		w.WriteHeader(http.StatusNoContent)
	}))
	defer hook.Close()
	env := []string{"CRM_URL=" + hook.URL + "/hook", "CRM_SECRET=" + dlvSecret, "SMTP_HOST=127.0.0.1:1"}
	servers := []*dlvServer{dlvStart(t, bin, site, db, env...), dlvStart(t, bin, site, db, env...)}
	var ids []string
	for i := range 30 {
		body := fmt.Sprintf("name=Ann+Lee&email=ann%d%%40customer.example", i)
		ids = append(ids, dlvPost(t, servers[i%2].base, body))
	}
	time.Sleep(1500 * time.Millisecond) // both workers fail at least once
	mu.Lock()
	up = true
	mu.Unlock()
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		n := len(got)
		mu.Unlock()
		if n == len(ids) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d of %d leads delivered after 30s\nlogs:\n%s\n%s", n, len(ids), servers[0].logs, servers[1].logs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	time.Sleep(2500 * time.Millisecond) // a duplicate has every chance to show up
	mu.Lock()
	defer mu.Unlock()
	for _, id := range ids {
		if got[id] != 1 {
			t.Errorf("lead %s reached the CRM %d times, want 1", id, got[id])
		}
	}
	for i, s := range servers {
		if !strings.Contains(s.logs.String(), `"msg":"lead delivered"`) {
			t.Logf("server %d delivered nothing (the other won every claim)", i+1)
		}
	}
}

// dlvPost sends one contact form as JSON-accepting browser post from the
// site's origin and returns the new lead's id; anything but 201 with an id
// fails the test.
func dlvPost(t *testing.T, base, body string) string {
	t.Helper()
	req, _ := http.NewRequest("POST", base+"/contact", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://bridgework.example")
	req.Header.Set("Accept", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var created struct{ ID string }
	_ = json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || created.ID == "" {
		t.Fatalf("post: %d %+v", resp.StatusCode, created)
	}
	return created.ID
}
