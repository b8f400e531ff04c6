package capture

import (
	"fmt"
	"testing"
	"time"
)

func TestLimiterForgetsIdleThenAnyClients(t *testing.T) {
	l := newLimiter(2, 100)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	got := []bool{l.allow("a", t0), l.allow("a", t0), l.allow("a", t0)}
	if !got[0] || !got[1] || got[2] {
		t.Fatalf("3 posts at once: allowed %v, want 2 allowed, the 3rd refused", got)
	}
	if !l.allow("a", t0.Add(31*time.Second)) {
		t.Fatal("a token should come back after 30 s")
	}
	for i := range 99 {
		l.allow(fmt.Sprint("idle", i), t0)
	}
	if l.size() != 100 {
		t.Fatalf("size %d, want 100", l.size())
	}
	// A new client when full, a minute later: the idle ones go.
	l.allow("new", t0.Add(2*time.Minute))
	if n := l.size(); n != 1 {
		t.Fatalf("after evicting idle clients size = %d, want 1", n)
	}
	// Full of active clients: still bounded.
	t1 := t0.Add(3 * time.Minute)
	for i := range 500 {
		l.allow(fmt.Sprint("busy", i), t1)
	}
	if n := l.size(); n > 100 {
		t.Fatalf("size %d exceeds the bound", n)
	}
}
