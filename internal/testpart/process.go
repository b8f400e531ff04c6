package testpart

import (
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"
)

// start runs bin with args until the test ends; the part's own complaints
// go to the test's stderr.
func start(t testing.TB, bin string, args ...string) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
}

// waitOK polls url for up to limit until it answers 200 OK, and fails the
// test naming part if it never does.
func waitOK(t testing.TB, part, url string, limit time.Duration) {
	t.Helper()
	client := &http.Client{Timeout: 2 * time.Second}
	for deadline := time.Now().Add(limit); ; time.Sleep(30 * time.Millisecond) {
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not start within %v: %s: %v", part, limit, url, err)
		}
	}
}

// getJSON decodes the JSON answer to a GET of url into v.
func getJSON(t testing.TB, url string, v any) {
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

// waitAnswer polls url for up to limit until it answers anything over
// HTTP (an S3 server answers 403 to an unsigned request), and fails the
// test naming part if it never does.
func waitAnswer(t testing.TB, part, url string, limit time.Duration) {
	t.Helper()
	client := &http.Client{Timeout: 2 * time.Second}
	for deadline := time.Now().Add(limit); ; time.Sleep(30 * time.Millisecond) {
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer within %v: %s: %v", part, limit, url, err)
		}
	}
}

// mkdir makes folder dir and its parents, or fails the test.
func mkdir(t testing.TB, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}
