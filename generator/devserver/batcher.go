package devserver

import (
	"context"
	"slices"
	"time"
)

// Batcher folds bursts of changed paths into batches. A batch is sent once
// no path has arrived for Quiet, or MaxWait after its first path, whichever
// comes first: an editor's save (a few events within microseconds) and a
// `git checkout` (hundreds within milliseconds) each become one rebuild.
//
// Once a batch holds more than Burst distinct paths it is a burst (a
// checkout, a folder copied in), not a save: the quiet window grows to
// BurstQuiet, so a writer pausing briefly (a busy machine) does not split it.
type Batcher struct {
	Quiet      time.Duration
	Burst      int           // 0: never switch to BurstQuiet
	BurstQuiet time.Duration // quiet window for a burst
	MaxWait    time.Duration
}

// DefaultBatcher is the batching the dev server uses: a short quiet window
// keeps a save's latency low; a burst waits longer for its stragglers; the
// max wait bounds the delay under a steady stream of changes.
func DefaultBatcher() Batcher {
	return Batcher{Quiet: 10 * time.Millisecond, Burst: 3, BurstQuiet: 100 * time.Millisecond, MaxWait: time.Second}
}

// Run reads paths from in and sends each batch, sorted and without
// duplicates, to out. Paths that arrive while out is not ready join the next
// batch. Run closes out when in is closed (after sending what it holds) or
// ctx is done.
func (b Batcher) Run(ctx context.Context, in <-chan string, out chan<- []string) {
	defer close(out)
	pending := map[string]struct{}{}
	var first time.Time
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()

	flush := func() bool {
		batch := make([]string, 0, len(pending))
		for p := range pending {
			batch = append(batch, p)
		}
		slices.Sort(batch)
		clear(pending)
		select {
		case out <- batch:
			return true
		case <-ctx.Done():
			return false
		}
	}

	for {
		select {
		case <-ctx.Done():
			return
		case p, ok := <-in:
			if !ok {
				if len(pending) > 0 {
					flush()
				}
				return
			}
			now := time.Now()
			if len(pending) == 0 {
				first = now
			}
			pending[p] = struct{}{}
			quiet := b.Quiet
			if b.Burst > 0 && len(pending) > b.Burst {
				quiet = b.BurstQuiet
			}
			wait := min(quiet, first.Add(b.MaxWait).Sub(now))
			timer.Reset(max(wait, 0))
		case <-timer.C:
			if len(pending) > 0 && !flush() {
				return
			}
		}
	}
}
