package generator

import (
	"context"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestMemoryBudget: the budget sets a soft memory limit of 1.7 times the
// live heap plus 32 MiB, raises it after a collection finds more live,
// leaves imageRoom more while paused (images being made), and gives the process its own limit back at
// the end; GOGC or GOMEMLIMIT
// set by the user leave it off. (Not parallel: the limit is the process's.)
func TestMemoryBudget(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	m := startMemoryBudget()
	if m == nil {
		t.Fatal("no budget without GOGC and GOMEMLIMIT")
	}
	first := debug.SetMemoryLimit(-1)
	if first == before || first < budgetSlack {
		t.Fatalf("limit %d after the start (before: %d)", first, before)
	}
	// Keep 96 MiB live: after a collection the limit follows it.
	kept := make([][]byte, 96)
	for i := range kept {
		kept[i] = make([]byte, 1<<20)
		kept[i][0] = 1
	}
	want := budgetFor(96 << 20)
	deadline := time.Now().Add(30 * time.Second)
	for debug.SetMemoryLimit(-1) < want && time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the finalizer runs on its own goroutine
	}
	if got := debug.SetMemoryLimit(-1); got < want {
		t.Errorf("limit %d with 96 MiB live, want at least %d", got, want)
	}
	// Paused (while photos are resized), the budget has room for their
	// buffers on top, and still a limit.
	m.pause()
	if got := debug.SetMemoryLimit(-1); got < want+imageRoom() || got == before {
		t.Errorf("limit %d while paused, want at least %d (budget %d + room %d) and not the process's %d",
			got, want+imageRoom(), want, imageRoom(), before)
	}
	m.resume()
	if got := debug.SetMemoryLimit(-1); got == before || got < budgetSlack {
		t.Errorf("limit %d after resume", got)
	}
	runtime.KeepAlive(kept)
	m.end()
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d after the end, want the process's %d back", got, before)
	}
	t.Setenv("GOGC", "200")
	if m := startMemoryBudget(); m != nil {
		m.end()
		t.Error("a budget although GOGC is set")
	}
}

// TestMemoryBudgetBuild: a build with the budget writes what one without
// writes, and leaves the process's limit as it found it.
func TestMemoryBudgetBuild(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	dir := t.TempDir()
	writeSite(t, dir, baseSite())
	ctx := context.Background()
	plain, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before := debug.SetMemoryLimit(-1)
	budgeted, err := NewBuilder(Options{Source: dir, MemoryBudget: true}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got := debug.SetMemoryLimit(-1); got != before {
		t.Errorf("limit %d after the build, want %d", got, before)
	}
	if len(plain.Paths()) != len(budgeted.Paths()) {
		t.Fatalf("%d outputs with the budget, %d without", len(budgeted.Paths()), len(plain.Paths()))
	}
	for _, p := range plain.Paths() {
		if f := budgeted.files[p]; f == nil || string(f.Data) != string(plain.files[p].Data) {
			t.Errorf("%s differs with the budget", p)
		}
	}
}
