package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture/store/sqlite"
)

// TestCaptureServeKilledKeepsAnsweredLeads posts leads from 8 clients to
// the real binary and SIGKILLs it mid-stream: every lead answered 201
// must be in the database afterwards (stored before answered).
func TestCaptureServeKilledKeepsAnsweredLeads(t *testing.T) {
	dir := t.TempDir()
	bin := buildStoryfront(t, dir)
	db := filepath.Join(dir, "leads.db")
	cmd := exec.Command(bin, "capture", "serve", "-s", "testdata/capture", "--addr", "127.0.0.1:0", "--db", db)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	base := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if _, addr, ok := strings.Cut(sc.Text(), "listening on "); ok {
				base <- addr
			}
		}
	}()
	var url0 string
	select {
	case url0 = <-base:
	case <-time.After(20 * time.Second):
		t.Fatal("capture serve did not start")
	}

	var mu sync.Mutex
	var acked []string
	var wg sync.WaitGroup
	stop := make(chan struct{})
	client := &http.Client{Timeout: 5 * time.Second}
	for c := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 2000; i++ {
				select {
				case <-stop:
					return
				default:
				}
				form := url.Values{"email": {fmt.Sprintf("p%d-%d@example.com", c, i)}, "_idempotency": {fmt.Sprintf("c%d-%d", c, i)}}
				req, _ := http.NewRequest("POST", url0+"/contact", strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.Header.Set("Origin", "https://www.example.com")
				req.Header.Set("Accept", "application/json")
				res, err := client.Do(req)
				if err != nil {
					return // the server is gone
				}
				var body struct{ ID string }
				err = json.NewDecoder(res.Body).Decode(&body)
				res.Body.Close()
				if res.StatusCode == http.StatusCreated && err == nil && body.ID != "" {
					mu.Lock()
					acked = append(acked, body.ID)
					mu.Unlock()
				}
			}
		}()
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 300 || time.Now().After(deadline) {
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	killed = true
	cmd.Wait()
	close(stop)
	wg.Wait()

	if len(acked) < 50 {
		t.Fatalf("only %d leads answered before the kill", len(acked))
	}
	s, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, id := range acked {
		if _, err := s.Get(context.Background(), id); err != nil {
			t.Fatalf("lead %s was answered 201 but is gone after SIGKILL: %v", id, err)
		}
	}
	t.Logf("%d answered leads all present after SIGKILL", len(acked))
}
