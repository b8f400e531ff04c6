package generator

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// A one-shot build's heap is mostly what every page keeps until the end
// (its converted HTML, summary, table of contents, front matter, the site
// graph) plus the garbage of the page being rendered. Go's collector lets
// the heap grow to twice what was live at its last cycle (GOGC=100), so
// the peak is about twice the site. While converting and rendering,
// Options.MemoryBudget caps the heap instead at budgetRatio times the live
// heap plus budgetSlack (a soft limit, debug.SetMemoryLimit): the
// collector runs more often, which costs CPU. Measured with the default
// theme (load ~25; bench/build/README.md): 1.7 + 32 MiB gives 10,000
// pages ~350 MiB (400 without) and 100,000 pages 2.8 GiB (3.3 without)
// for ~20 % more CPU at 100,000; 1.5 + 64 MiB gave 2.4 GiB there but
// half again the CPU.
//
// While photos and share cards are made (pause to resume) the limit is
// the budget plus imageRoom for their decoding buffers, and stops
// following the live heap. It used to step aside then, so the heap could
// reach twice the site: 4.0 GiB for the first build of 100,000 pages with
// the default theme (every share card drawn), against 2.4 GiB for a build
// with the cards cached. imageRoom only binds on big sites: below ~1 GiB
// live the collector's own goal (twice the live heap) is lower.
const (
	budgetRatio = 1.7
	budgetSlack = 32 << 20
)

// imageRoom is the room for image buffers on top of the budget while
// images are made: 128 MiB for each processor that may decode a photo
// at once (a 24-megapixel photo is 96 MiB decoded), at least 256 MiB.
func imageRoom() int64 {
	return max(256<<20, int64(runtime.GOMAXPROCS(0))*128<<20)
}

// memoryBudget is the soft memory limit of a build's render phase.
type memoryBudget struct {
	mu     sync.Mutex
	prev   int64 // the limit before the build, restored by end
	limit  int64 // the limit set now
	paused bool  // images are being made: the limit has imageRoom more until resume
	done   bool
	live   []metrics.Sample
}

// startMemoryBudget sets the soft memory limit from the live heap, and
// follows it after every collection until end; nil when the user set
// GOMEMLIMIT or GOGC (theirs are kept).
func startMemoryBudget() *memoryBudget {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return nil
	}
	m := &memoryBudget{prev: debug.SetMemoryLimit(-1), limit: -1,
		live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	m.update()
	m.afterNextGC()
	return m
}

// gcTick is the object whose finalizer says a collection is done (it has
// a pointer so it is not one of the tiny objects that may share a block
// and never be finalized).
type gcTick struct{ _ *int }

// afterNextGC has update run once the collector's next cycle is done:
// a finalizer runs after the cycle that finds its object unreachable.
func (m *memoryBudget) afterNextGC() {
	tick := &gcTick{}
	runtime.SetFinalizer(tick, func(*gcTick) {
		m.update()
		m.mu.Lock()
		done := m.done
		m.mu.Unlock()
		if !done {
			m.afterNextGC()
		}
	})
}

// budgetFor is the limit for a live heap of live bytes.
func budgetFor(live uint64) int64 {
	return int64(float64(live)*budgetRatio) + budgetSlack
}

// liveHeap is the heap the collector's last cycle found live.
func (m *memoryBudget) liveHeap() (uint64, bool) {
	metrics.Read(m.live)
	if m.live[0].Value.Kind() != metrics.KindUint64 {
		return 0, false
	}
	return m.live[0].Value.Uint64(), true
}

// update raises the limit when the heap kept live (as the collector's
// last cycle found it) has grown, so the limit never forces the collector
// to run without end: it follows what the build holds, and never falls.
func (m *memoryBudget) update() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.done || m.paused {
		return
	}
	live, ok := m.liveHeap()
	if !ok {
		return
	}
	if want := budgetFor(live); want > m.limit {
		m.limit = want
		debug.SetMemoryLimit(want)
	}
}

// pause leaves room for image buffers until resume: the limit becomes
// the budget of the live heap plus imageRoom (never lower than it was),
// or the process's own limit when the live heap cannot be read.
func (m *memoryBudget) pause() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.paused = true
	live, ok := m.liveHeap()
	if !ok {
		debug.SetMemoryLimit(m.prev)
		return
	}
	debug.SetMemoryLimit(max(budgetFor(live), m.limit) + imageRoom())
}

// resume sets the limit again, from the live heap of now.
func (m *memoryBudget) resume() {
	if m == nil {
		return
	}
	m.mu.Lock()
	m.paused, m.limit = false, -1
	m.mu.Unlock()
	m.update()
}

// end gives the process its limit of before the build back.
func (m *memoryBudget) end() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.done = true
	debug.SetMemoryLimit(m.prev)
}
