package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
)

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func lead(i int, key string) *capture.Lead {
	return &capture.Lead{
		ID:             fmt.Sprintf("01JTESTLEAD%015d", i),
		Form:           "contact",
		Fields:         map[string]string{"email": fmt.Sprintf("Person%d@Example.com", i), "message": "line 1\nline 2"},
		Attribution:    capture.Attribution{Page: "/stories/a/", Story: "A story", UTMCampaign: "spring"},
		Consent:        true,
		UserAgent:      "test",
		IPHash:         "abc",
		IdempotencyKey: key,
		CreatedAt:      time.Date(2026, 11, 26, 2, 0, i, 0, time.UTC),
	}
}

func TestSaveGetAndReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "leads.db")
	s := open(t, path)
	want := lead(1, "k1")
	id, created, err := s.Save(ctx, want, []string{"inbox", "crm", "inbox"})
	if err != nil || !created || id != want.ID {
		t.Fatalf("Save = %q, %v, %v", id, created, err)
	}
	id2, created, err := s.Save(ctx, lead(2, "k1"), []string{"inbox"})
	if err != nil || created || id2 != want.ID {
		t.Fatalf("repeat Save = %q, %v, %v; want the first id, not created", id2, created, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Save(ctx, lead(3, ""), nil); err == nil {
		t.Fatal("Save after Close succeeded")
	}

	s = open(t, path)
	defer s.Close()
	got, err := s.Get(ctx, want.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Fields["message"] != "line 1\nline 2" || got.Attribution != want.Attribution || !got.Consent ||
		got.IdempotencyKey != "k1" || !got.CreatedAt.Equal(want.CreatedAt) || got.Form != "contact" {
		t.Fatalf("Get = %+v, want %+v", got, want)
	}
	if _, err := s.Get(ctx, "nope"); !errors.Is(err, capture.ErrNotFound) {
		t.Fatalf("Get(nope) error = %v, want ErrNotFound", err)
	}
	all, err := s.List(ctx, capture.Query{IncludeSpam: true})
	if err != nil || len(all) != 1 {
		t.Fatalf("List = %d leads, %v; want 1", len(all), err)
	}
	ds, err := s.Deliveries(ctx, want.ID)
	if err != nil || len(ds) != 2 || ds[0].Sink != "crm" || ds[1].Sink != "inbox" || ds[0].State != capture.DeliveryPending {
		t.Fatalf("Deliveries = %+v, %v", ds, err)
	}
}

func TestConcurrentSavesAllDurable(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "leads.db")
	s := open(t, path)
	const n = 400
	var wg sync.WaitGroup
	ids := make([]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprintf("key-%d", i%(n/2)) // every key twice
			ids[i], _, errs[i] = s.Save(ctx, lead(i, key), []string{"inbox"})
		}()
	}
	wg.Wait()
	byKey := map[string]string{}
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		key := fmt.Sprintf("key-%d", i%(n/2))
		if prev, ok := byKey[key]; ok && prev != ids[i] {
			t.Fatalf("key %s answered %s and %s", key, prev, ids[i])
		}
		byKey[key] = ids[i]
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s = open(t, path)
	defer s.Close()
	all, err := s.List(ctx, capture.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != n/2 {
		t.Fatalf("stored %d leads, want %d (one per idempotency key)", len(all), n/2)
	}
	for key, id := range byKey {
		if _, err := s.Get(ctx, id); err != nil {
			t.Fatalf("acked lead %s (key %s) lost after reopen: %v", id, key, err)
		}
	}
	due, err := s.Due(ctx, lead(n, "").CreatedAt, 0)
	if err != nil || len(due) != n/2 {
		t.Fatalf("Due = %d, %v; want %d", len(due), err, n/2)
	}
}

func TestListFiltersSpamFormSince(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "leads.db"))
	defer s.Close()
	for i := range 5 {
		l := lead(i, "")
		l.Spam = i == 0
		if i == 4 {
			l.Form = "demo"
		}
		if _, _, err := s.Save(ctx, l, nil); err != nil {
			t.Fatal(err)
		}
	}
	count := func(q capture.Query) int {
		ls, err := s.List(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return len(ls)
	}
	if got := count(capture.Query{}); got != 4 {
		t.Errorf("without spam: %d, want 4", got)
	}
	if got := count(capture.Query{IncludeSpam: true}); got != 5 {
		t.Errorf("with spam: %d, want 5", got)
	}
	if got := count(capture.Query{Form: "demo"}); got != 1 {
		t.Errorf("form demo: %d, want 1", got)
	}
	if got := count(capture.Query{Since: lead(3, "").CreatedAt}); got != 2 {
		t.Errorf("since lead 3: %d, want 2", got)
	}
	if got := count(capture.Query{IncludeSpam: true, Limit: 2}); got != 2 {
		t.Errorf("limit 2: %d", got)
	}
}

func TestDeliveryLifecycle(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "leads.db"))
	defer s.Close()
	l := lead(1, "")
	if _, _, err := s.Save(ctx, l, []string{"inbox", "slack"}); err != nil {
		t.Fatal(err)
	}
	later := l.CreatedAt.Add(time.Hour)
	if err := s.UpdateDelivery(ctx, capture.Delivery{LeadID: l.ID, Sink: "inbox", State: capture.DeliveryPending, Attempts: 1, NextAt: later, LastError: "timeout"}); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateDelivery(ctx, capture.Delivery{LeadID: l.ID, Sink: "slack", State: capture.DeliveryDead, Attempts: 9}); err != nil {
		t.Fatal(err)
	}
	due, err := s.Due(ctx, l.CreatedAt.Add(time.Minute), 10)
	if err != nil || len(due) != 0 {
		t.Fatalf("Due before retry time = %+v, %v", due, err)
	}
	due, err = s.Due(ctx, later, 10)
	if err != nil || len(due) != 1 || due[0].Attempts != 1 || due[0].LastError != "timeout" {
		t.Fatalf("Due at retry time = %+v, %v", due, err)
	}
	dead, err := s.Dead(ctx, 0)
	if err != nil || len(dead) != 1 || dead[0].Sink != "slack" {
		t.Fatalf("Dead = %+v, %v", dead, err)
	}
	err = s.UpdateDelivery(ctx, capture.Delivery{LeadID: l.ID, Sink: "fax", State: capture.DeliveryDead})
	if !errors.Is(err, capture.ErrNotFound) {
		t.Fatalf("UpdateDelivery(unknown sink) = %v, want ErrNotFound", err)
	}
}

func TestErase(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "leads.db"))
	defer s.Close()
	for i := range 3 {
		l := lead(i, "")
		if i < 2 {
			l.Fields["email"] = "Ada@Example.com"
		}
		if _, _, err := s.Save(ctx, l, []string{"inbox"}); err != nil {
			t.Fatal(err)
		}
	}
	n, err := s.Erase(ctx, " ada@example.COM ")
	if err != nil || n != 2 {
		t.Fatalf("Erase = %d, %v; want 2", n, err)
	}
	left, err := s.List(ctx, capture.Query{IncludeSpam: true})
	if err != nil || len(left) != 1 || left[0].Fields["email"] != "Person2@Example.com" {
		t.Fatalf("left = %+v, %v", left, err)
	}
	ds, err := s.Due(ctx, lead(9, "").CreatedAt, 0)
	if err != nil || len(ds) != 1 {
		t.Fatalf("deliveries left = %+v, %v; want only the kept lead's", ds, err)
	}
}

// TestTwoStoresOnOneFile is `storyfront leads` reading and erasing while
// `capture serve` writes: both open the same file; neither may fail busy.
func TestTwoStoresOnOneFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "leads.db")
	server := open(t, path)
	defer server.Close()
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for i := range 200 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := server.Save(ctx, lead(i, fmt.Sprint("k", i)), []string{"inbox"}); err != nil {
				errs <- err
			}
		}()
	}
	for range 3 {
		cli := open(t, path)
		if _, err := cli.List(ctx, capture.Query{}); err != nil {
			t.Fatal(err)
		}
		if _, err := cli.Erase(ctx, "person7@example.com"); err != nil {
			t.Fatal(err)
		}
		if err := cli.Close(); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	all, err := server.List(ctx, capture.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(all); n < 199 || n > 200 {
		t.Fatalf("%d leads, want 200 (199 if lead 7 was saved before an erase)", n)
	}
}

// TestFileReplacedWhileOpen deletes, replaces or un-WALs the database
// file under a store that keeps saving from 8 goroutines: no save begun
// after that may be acknowledged unless its lead is in the file a restart
// opens (none is: they must all fail, wrapping ErrReplaced).
func TestFileReplacedWhileOpen(t *testing.T) {
	for _, tc := range []struct {
		name string
		do   func(t *testing.T, path string)
	}{
		{"deleted", func(t *testing.T, path string) {
			for _, p := range []string{path, path + "-wal", path + "-shm"} {
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"replaced", func(t *testing.T, path string) {
			other := path + ".restored"
			if err := open(t, other).Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(other, path); err != nil {
				t.Fatal(err)
			}
		}},
		{"wal deleted", func(t *testing.T, path string) {
			if err := os.Remove(path + "-wal"); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "leads.db")
			s := open(t, path)
			if err := s.CheckFile(); err != nil {
				t.Fatalf("CheckFile on a fresh store: %v", err)
			}
			var replaced atomic.Bool
			type result struct {
				id    string
				after bool // Save began after the file was replaced
				err   error
			}
			results := make(chan result, 8*400)
			var wg sync.WaitGroup
			var n atomic.Int64
			for g := range 8 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range 400 {
						after := replaced.Load()
						l := lead(g*1000+i, "")
						_, _, err := s.Save(ctx, l, []string{"inbox"})
						results <- result{l.ID, after, err}
						if err == nil {
							n.Add(1)
						}
						if after && i%50 == 0 {
							time.Sleep(time.Millisecond)
						}
					}
				}()
			}
			for n.Load() < 200 {
				time.Sleep(time.Millisecond)
			}
			tc.do(t, path)
			replaced.Store(true)
			wg.Wait()
			close(results)
			if err := s.CheckFile(); !errors.Is(err, ErrReplaced) {
				t.Errorf("CheckFile after the change = %v, want ErrReplaced", err)
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			s = open(t, path) // what a restart reads
			defer s.Close()
			refused := 0
			for r := range results {
				if !r.after {
					continue
				}
				if r.err == nil {
					if _, err := s.Get(ctx, r.id); err != nil {
						t.Fatalf("lead %s was acknowledged after the file was %s, but a restart does not find it: %v", r.id, tc.name, err)
					}
					continue
				}
				if !errors.Is(r.err, ErrReplaced) {
					t.Errorf("save after the change: %v, want ErrReplaced", r.err)
				}
				refused++
			}
			if refused == 0 {
				t.Fatal("no save began after the change; the test proves nothing")
			}
		})
	}
}
