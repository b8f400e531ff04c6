package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/store/sqlite"
	"github.com/storyfront/storyfront/internal/testpart"
)

func TestCaptureServe(t *testing.T) {
	t.Setenv(ipSaltEnv, "test-salt")
	db := filepath.Join(t.TempDir(), "leads.db")
	var out, logs testpart.Output
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- NewMain(&out, &logs).Run(ctx, []string{"capture", "serve", "-s", "testdata/capture", "--addr", "127.0.0.1:0", "--db", db})
	}()
	addrRE := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)
	var base string
	for i := 0; i < 200 && base == ""; i++ {
		if m := addrRE.FindStringSubmatch(out.String()); m != nil {
			base = m[1]
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if base == "" {
		t.Fatalf("server did not start; stdout %q, logs %q", out.String(), logs.String())
	}
	client := &http.Client{Timeout: 5 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := url.Values{"email": {"ada@example.com"}, "name": {"Ada"}, "_story": {"A story"}}
	req, _ := http.NewRequest("POST", base+"/contact", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://www.example.com")
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "https://www.example.com/thank-you/" {
		t.Fatalf("status %d, Location %q", res.StatusCode, res.Header.Get("Location"))
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if l := logs.String(); !strings.Contains(l, `"msg":"lead stored"`) || strings.Contains(l, "ada@example.com") || strings.Contains(l, "127.0.0.1:") && strings.Contains(l, "remote") {
		t.Errorf("logs must name the lead by id, without personal data:\n%s", l)
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	leads, err := s.List(context.Background(), capture.Query{})
	if err != nil || len(leads) != 1 || leads[0].Attribution.Story != "A story" || leads[0].IPHash == "" {
		t.Fatalf("stored leads = %+v, %v", leads, err)
	}
}

func TestCaptureServeBadSite(t *testing.T) {
	dir := t.TempDir()
	var out, errb testpart.Output
	err := NewMain(&out, &errb).Run(context.Background(), []string{"capture", "serve", "-s", dir, "--db", filepath.Join(dir, "x.db")})
	if err == nil || !strings.Contains(err.Error()+errb.String(), "site.yaml") {
		t.Fatalf("want a site.yaml error, got %v / %s", err, errb.String())
	}
}

// captureServer is `storyfront capture serve` running in the test.
type captureServer struct {
	base      string
	out, logs *testpart.Output
	stop      func() error // Ctrl-C, then wait for the command's result
}

func startCaptureServe(t *testing.T, args ...string) *captureServer {
	t.Helper()
	t.Setenv(ipSaltEnv, "test-salt")
	s := &captureServer{out: &testpart.Output{}, logs: &testpart.Output{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- NewMain(s.out, s.logs).Run(ctx, append([]string{"capture", "serve", "-s", "testdata/capture", "--addr", "127.0.0.1:0"}, args...))
	}()
	stopped := false
	s.stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(15 * time.Second):
			return errors.New("capture serve did not shut down within 15s")
		}
	}
	t.Cleanup(func() { s.stop() })
	addrRE := regexp.MustCompile(`listening on (http://127\.0\.0\.1:\d+)`)
	for i := 0; i < 500 && s.base == ""; i++ {
		if m := addrRE.FindStringSubmatch(s.out.String()); m != nil {
			s.base = m[1]
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if s.base == "" {
		t.Fatalf("server did not start; stdout %q, logs %q", s.out.String(), s.logs.String())
	}
	return s
}

// post sends one JSON-answered post of the contact form.
func (s *captureServer) post(t *testing.T, email string) (int, http.Header, map[string]any) {
	t.Helper()
	form := url.Values{"email": {email}}
	req, _ := http.NewRequest("POST", s.base+"/contact", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://www.example.com")
	req.Header.Set("Accept", "application/json")
	res, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Fatalf("status %d, body not JSON: %v", res.StatusCode, err)
	}
	return res.StatusCode, res.Header, body
}

// TestCaptureServeDatabaseDeleted deletes the SQLite file under a running
// capture serve: posts are then answered 503 with Retry-After and
// "retry": true, an error is logged, and nothing answered 201 after the
// deletion is missing from the file a restart opens.
func TestCaptureServeDatabaseDeleted(t *testing.T) {
	db := filepath.Join(t.TempDir(), "leads.db")
	s := startCaptureServe(t, "--db", db)
	if code, _, body := s.post(t, "before@example.com"); code != http.StatusCreated {
		t.Fatalf("post before: %d %v", code, body)
	}
	for _, p := range []string{db, db + "-wal", db + "-shm"} {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	var acked []string
	for i := range 5 {
		code, hdr, body := s.post(t, fmt.Sprintf("after%d@example.com", i))
		if code == http.StatusCreated {
			acked = append(acked, fmt.Sprint(body["id"]))
			continue
		}
		if code != http.StatusServiceUnavailable || hdr.Get("Retry-After") == "" || body["retry"] != true {
			t.Errorf("post after deletion: %d, Retry-After %q, body %v; want 503, Retry-After, retry: true", code, hdr.Get("Retry-After"), body)
		}
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	if l := s.logs.String(); !strings.Contains(l, `"level":"ERROR"`) || !strings.Contains(l, "deleted or replaced") {
		t.Errorf("no error logged about the deleted file:\n%s", l)
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, id := range acked {
		if _, err := st.Get(context.Background(), id); err != nil {
			t.Errorf("lead %s answered 201 after the file was deleted is not in the file a restart opens: %v", id, err)
		}
	}
}
