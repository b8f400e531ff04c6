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
//
// A save of one file that is already complete (RunSettled's settled says
// so) leaves after Quick instead of Quiet, unless a batch left within the
// last BurstQuiet (the file may be the first of a burst).
type Batcher struct {
	Quiet      time.Duration
	Quick      time.Duration // quiet window for one settled file; 0: Quiet
	Burst      int           // 0: never switch to BurstQuiet
	BurstQuiet time.Duration // quiet window for a burst
	MaxWait    time.Duration
}

// DefaultBatcher is the batching the dev server uses: a short quiet window
// keeps a save's latency low; a burst waits longer for its stragglers; the
// max wait bounds the delay under a steady stream of changes.
func DefaultBatcher() Batcher {
	return Batcher{Quiet: 10 * time.Millisecond, Quick: 2 * time.Millisecond, Burst: 3, BurstQuiet: 100 * time.Millisecond, MaxWait: time.Second}
}

// Run reads paths from in and sends each batch, sorted and without
// duplicates, to out. Paths that arrive while out is not ready join the next
// batch. Run closes out when in is closed (after sending what it holds) or
// ctx is done.
func (b Batcher) Run(ctx context.Context, in <-chan string, out chan<- []string) {
	b.RunSettled(ctx, in, out, nil)
}

// RunSettled is Run with a check of whether a file changed alone is
// complete (the watcher's Settled): when it is, the batch leaves after
// Quick. A nil settled is never sure.
func (b Batcher) RunSettled(ctx context.Context, in <-chan string, out chan<- []string, settled func(path string) bool) {
	defer close(out)
	pending := map[string]struct{}{}
	var first, last, sent time.Time
	quick := "" // the one path whose Quick window the timer runs
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
			sent = time.Now()
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
			last = now
			pending[p] = struct{}{}
			quiet := b.Quiet
			if b.Burst > 0 && len(pending) > b.Burst {
				quiet = b.BurstQuiet
			}
			quick = ""
			if settled != nil && b.Quick > 0 && b.Quick < quiet && len(pending) == 1 &&
				p != Everything && (sent.IsZero() || now.Sub(sent) >= b.BurstQuiet) {
				quick, quiet = p, b.Quick
			}
			wait := min(quiet, first.Add(b.MaxWait).Sub(now))
			timer.Reset(max(wait, 0))
		case <-timer.C:
			if len(pending) == 0 {
				continue
			}
			if quick != "" {
				p := quick
				quick = ""
				if !settled(p) {
					// Not complete yet (gone, or empty): wait out Quiet.
					now := time.Now()
					wait := min(last.Add(b.Quiet).Sub(now), first.Add(b.MaxWait).Sub(now))
					timer.Reset(max(wait, 0))
					continue
				}
			}
			if !flush() {
				return
			}
		}
	}
}
