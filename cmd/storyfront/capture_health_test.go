package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/capture/store/sqlite"
)

func TestHealthz(t *testing.T) {
	path := filepath.Join(t.TempDir(), "leads.db")
	store, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	var logs strings.Builder
	next := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	srv := httptest.NewServer(withHealth(next, store, slog.New(slog.NewTextHandler(&logs, nil))))
	defer srv.Close()
	get := func(method, p string) (int, string) {
		req, _ := http.NewRequest(method, srv.URL+p, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	if code, body := get("GET", "/healthz"); code != 200 || body != "{\"status\":\"ok\"}\n" {
		t.Errorf("healthy: %d %q", code, body)
	}
	if code, _ := get("HEAD", "/healthz"); code != 200 {
		t.Errorf("HEAD: %d", code)
	}
	// Other paths and methods go to the capture handler.
	if code, _ := get("POST", "/healthz"); code != http.StatusTeapot {
		t.Errorf("POST /healthz: %d", code)
	}
	if code, _ := get("GET", "/contact"); code != http.StatusTeapot {
		t.Errorf("GET /contact: %d", code)
	}
	// The database file deleted under the server: unhealthy, and logged.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if code, body := get("GET", "/healthz"); code != 503 || strings.Contains(body, path) {
		t.Errorf("file gone: %d %q", code, body)
	}
	if !strings.Contains(logs.String(), "health check") {
		t.Errorf("log %q", logs.String())
	}
}
