package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
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
