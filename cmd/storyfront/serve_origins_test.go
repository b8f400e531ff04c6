package main

import (
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDevOrigins(t *testing.T) {
	got := devOrigins("http://127.0.0.1:1313/")
	want := []string{"http://127.0.0.1:1313", "http://localhost:1313", "http://[::1]:1313"}
	if !slices.Equal(got, want) {
		t.Errorf("loopback: %q, want %q", got, want)
	}
	if got := devOrigins("http://192.0.2.10:8080/"); !slices.Equal(got, []string{"http://192.0.2.10:8080"}) {
		t.Errorf("one interface: %q", got)
	}
	if got := devOrigins("http://0.0.0.0:1313/"); !slices.Contains(got, "http://127.0.0.1:1313") || !slices.Contains(got, "http://localhost:1313") {
		t.Errorf("unspecified address: %q lacks the loopback origins", got)
	}
}

// The dev server's capture endpoint trusts its own address, never the Host
// header: a post whose Origin matches a forged Host is refused (issue 14,
// item 10), while the same page opened as localhost posts fine.
func TestServeRefusesForgedHost(t *testing.T) {
	dir := copyExampleSite(t)
	db := filepath.Join(t.TempDir(), "leads.db")
	s := startServe(t, dir, "--db", db)
	_, port, _ := strings.Cut(strings.TrimPrefix(s.url, "http://"), ":")
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(host, origin string) *http.Response {
		t.Helper()
		form := url.Values{"name": {"Mallory"}, "email": {"mallory@evil.example"}, "interest": {"Story audit"}, "_consent": {"yes"}}
		req, err := http.NewRequest("POST", s.url+"/api/leads/contact", strings.NewReader(form.Encode()))
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", origin)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	if res := post("evil.example", "http://evil.example"); res.StatusCode != http.StatusForbidden {
		t.Errorf("forged Host and Origin: %d, want 403", res.StatusCode)
	}
	if res := post("localhost:"+port, "http://localhost:"+port); res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/thank-you/" {
		t.Errorf("from http://localhost:%s: %d Location %q, want 303 to /thank-you/", port, res.StatusCode, res.Header.Get("Location"))
	}
}
