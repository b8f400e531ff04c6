package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/internal/testpart"
)

// copyExampleSite copies the repository's example site (site.yaml,
// assets/, content/, layouts/, static/, themes/default) into a temporary folder the test may edit.
func copyExampleSite(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	for _, dir := range []string{"assets", "content", "layouts", "static", "themes/default"} {
		if _, err := os.Stat(filepath.Join(root, dir)); err != nil {
			continue
		}
		if err := os.CopyFS(filepath.Join(dst, dir), os.DirFS(filepath.Join(root, dir))); err != nil {
			t.Fatal(err)
		}
	}
	data, err := os.ReadFile(filepath.Join(root, "site.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, "site.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return dst
}

// servedSite is `storyfront serve` running in the test, through the CLI.
type servedSite struct {
	url            string
	stdout, stderr *testpart.Output
}

// startServe runs `storyfront serve -s dir --addr <free port> args...` until
// the test ends (its context is cancelled as Ctrl-C does), and waits until
// it answers.
func startServe(t *testing.T, dir string, args ...string) *servedSite {
	t.Helper()
	addr := testpart.FreeAddr(t)
	s := &servedSite{url: "http://" + addr, stdout: &testpart.Output{}, stderr: &testpart.Output{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- NewMain(s.stdout, s.stderr).Run(ctx, append([]string{"serve", "-s", dir, "--addr", addr}, args...))
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve returned %v after Ctrl-C, want nil\nstderr:\n%s", err, s.stderr)
			}
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop within 10s of Ctrl-C")
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		select {
		case err := <-done:
			t.Fatalf("serve stopped: %v\nstdout:\n%s\nstderr:\n%s", err, s.stdout, s.stderr)
		default:
		}
		if res, err := http.Get(s.url + "/"); err == nil {
			res.Body.Close()
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not answering after 60s\nstdout:\n%s\nstderr:\n%s", s.stdout, s.stderr)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

func (s *servedSite) get(t *testing.T, path string) (*http.Response, string) {
	t.Helper()
	client := &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res, err := client.Get(s.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}

func TestServeExampleSite(t *testing.T) {
	dir := copyExampleSite(t)
	s := startServe(t, dir, "--db", filepath.Join(t.TempDir(), "leads.db"))
	if out := s.stdout.String(); !strings.Contains(out, s.url+"/") {
		t.Errorf("serve did not print its URL %s/:\n%s", s.url, out)
	}

	tests := []struct {
		path     string
		status   int
		ctype    string
		contains string
	}{
		{"/", 200, "text/html; charset=utf-8", `<script src="/__storyfront/livereload.js"`},
		{"/stories/marketing-vs-sales/", 200, "text/html; charset=utf-8", "</html>"},
		{"/contact/", 200, "text/html; charset=utf-8", `action="/api/leads/contact"`},
		{"/sitemap.xml", 200, "application/xml; charset=utf-8", s.url + "/stories/"},
		{"/index.xml", 200, "application/xml; charset=utf-8", "<rss"},
		{"/robots.txt", 200, "text/plain; charset=utf-8", "Sitemap:"},
		{"/no-such-page/", 404, "text/html; charset=utf-8", `<script src="/__storyfront/livereload.js"`},
	}
	for _, tt := range tests {
		res, body := s.get(t, tt.path)
		if res.StatusCode != tt.status || res.Header.Get("Content-Type") != tt.ctype || !strings.Contains(body, tt.contains) {
			t.Errorf("GET %s: %d %q, body has %q: %v; want %d %q",
				tt.path, res.StatusCode, res.Header.Get("Content-Type"), tt.contains, strings.Contains(body, tt.contains), tt.status, tt.ctype)
		}
	}
	if res, _ := s.get(t, "/stories/marketing-vs-sales?utm_campaign=x"); res.StatusCode != http.StatusFound ||
		res.Header.Get("Location") != "/stories/marketing-vs-sales/?utm_campaign=x" {
		t.Errorf("GET without the trailing slash: %d Location %q", res.StatusCode, res.Header.Get("Location"))
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("serve wrote public/")
	}

	// The live-reload script is the dev server's: `storyfront build` output has none.
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if err := NewMain(&stdout, &stderr).Run(t.Context(), []string{"build", "-s", dir, "-d", out}); err != nil {
		t.Fatalf("storyfront build: %v\n%s", err, stderr.String())
	}
	for _, page := range []string{"index.html", "stories/marketing-vs-sales/index.html", "404.html"} {
		if body := readText(t, filepath.Join(out, page)); strings.Contains(body, "__storyfront") {
			t.Errorf("storyfront build put the live-reload script in %s", page)
		}
	}
}

func TestServeStoresFormPosts(t *testing.T) {
	dir := copyExampleSite(t)
	db := filepath.Join(t.TempDir(), "leads.db")
	s := startServe(t, dir, "--db", db)
	post := func() *http.Response {
		t.Helper()
		form := url.Values{
			"name": {"Ada Byron"}, "email": {"ada@analytical.example"}, "interest": {"Story audit"},
			"_consent": {"yes"}, "_page": {"/contact/"}, "_story": {"Contact"}, "_utm_campaign": {"spring"},
			"_started": {schema.StartedNoScript}, // as the form posts without JavaScript
		}
		req, err := http.NewRequest("POST", s.url+"/api/leads/contact", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", s.url)
		res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	if res := post(); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/thank-you/" {
		t.Fatalf("plain post: %d Location %q, want 303 to /thank-you/", res.StatusCode, res.Header.Get("Location"))
	}
	if leads := storedLeads(t, db); len(leads) != 1 || leads[0].Attribution.UTMCampaign != "spring" {
		t.Errorf("store after one post: %d leads", len(leads))
	}

	// A field added to the form in site.yaml is enforced without a restart.
	config := filepath.Join(dir, "site.yaml")
	yaml := readText(t, config)
	const fields = "    fields:\n"
	if !strings.Contains(yaml, fields) {
		t.Fatalf("site.yaml has no %q", fields)
	}
	saveAtomically(t, config, strings.Replace(yaml, fields, fields+"      - {name: phone, label: Phone, type: tel, required: true}\n", 1))
	deadline := time.Now().Add(15 * time.Second)
	for {
		res := post()
		if res.StatusCode == http.StatusUnprocessableEntity {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a post without the new required field still gets %d after 15s\nstderr:\n%s", res.StatusCode, s.stderr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	var stdout, stderr bytes.Buffer
	err = NewMain(&stdout, &stderr).Run(t.Context(), []string{"serve", "-s", t.TempDir(), "--addr", ln.Addr().String()})
	if err == nil {
		t.Fatal("serve on a busy port succeeded")
	}
	if msg := err.Error(); !strings.Contains(msg, "port "+port+" is already in use") || !strings.Contains(msg, "--addr") {
		t.Errorf("error = %q, want it to name port %s and suggest --addr", msg, port)
	}
}

func TestServeFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	err := NewMain(&stdout, &stderr).Run(t.Context(), []string{"serve", "--help"})
	if err == nil || !strings.Contains(stderr.String(), "-addr") || !strings.Contains(stderr.String(), "-drafts") {
		t.Errorf("serve --help: %v\n%s", err, stderr.String())
	}
	err = NewMain(&stdout, &stderr).Run(t.Context(), []string{"serve", "extra"})
	if err == nil || !strings.Contains(err.Error(), `unexpected argument "extra"`) {
		t.Errorf("serve extra: %v", err)
	}
	missing := filepath.Join(t.TempDir(), "no-such-site")
	err = NewMain(&stdout, &stderr).Run(t.Context(), []string{"serve", "-s", missing})
	if err == nil || !strings.Contains(err.Error(), missing+" is not a site folder") {
		t.Errorf("serve -s %s: %v", missing, err)
	}
	err = NewMain(&stdout, &stderr).Run(t.Context(), []string{"serve", "--addr", "1313"})
	if err == nil || !strings.Contains(err.Error(), "host:port") {
		t.Errorf("serve --addr 1313: %v", err)
	}
}
