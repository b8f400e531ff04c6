package delivery

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/storyfront/storyfront/capture"
)

// hold is a sink found not configured: no delivery to it is tried before
// until. Each time it is still not configured when tried again, the wait
// doubles, from Policy.UnconfiguredDelay up to Policy.MaxDelay (a sink's
// configuration comes from the environment at start, so it will not
// change by itself while the process runs).
type hold struct {
	until  time.Time
	delay  time.Duration
	reason string
	// postponed counts the deliveries rewritten to until since the last
	// log line (stores without SinkSkipper only).
	postponed int
}

// due returns the due deliveries, leaving out the held sinks' when the
// store can.
func (w *Worker) due(ctx context.Context, now time.Time, limit int) ([]capture.Delivery, error) {
	sk, ok := w.cfg.Store.(SinkSkipper)
	if !ok {
		return w.cfg.Store.Due(ctx, now, limit)
	}
	w.mu.Lock()
	var skip []string
	for name, h := range w.holds {
		if now.Before(h.until) {
			skip = append(skip, name)
		}
	}
	w.mu.Unlock()
	slices.Sort(skip)
	return sk.DueExcept(ctx, now, limit, skip)
}

// held reports whether d's sink is held back now. A store without
// SinkSkipper still returns such deliveries from Due: d is then postponed
// to the end of the hold (one write), and counted for the next log line.
func (w *Worker) held(ctx context.Context, log *slog.Logger, d capture.Delivery, now time.Time) bool {
	w.mu.Lock()
	h := w.holds[d.Sink]
	if h == nil || !now.Before(h.until) {
		w.mu.Unlock()
		return false
	}
	until := h.until
	if _, ok := w.cfg.Store.(SinkSkipper); !ok {
		h.postponed++
	}
	w.mu.Unlock()
	if _, ok := w.cfg.Store.(SinkSkipper); !ok && d.NextAt.Before(until) {
		d.NextAt, d.UpdatedAt = until, now
		w.update(ctx, log, d)
	}
	return true
}

// hold holds d's sink back after a send found it not configured, and logs
// it: one line per sink each time the hold is renewed, with the number of
// its deliveries left pending.
func (w *Worker) hold(ctx context.Context, d capture.Delivery, cause error, now time.Time) {
	p := w.cfg.Policy
	w.mu.Lock()
	h := w.holds[d.Sink]
	if h != nil && now.Before(h.until) {
		// Another delivery of the same pass found it first.
		w.mu.Unlock()
		w.held(ctx, w.log, d, now)
		return
	}
	if h == nil {
		h = &hold{delay: p.UnconfiguredDelay}
		w.holds[d.Sink] = h
	} else {
		h.delay = min(h.delay*2, max(p.MaxDelay, p.UnconfiguredDelay))
	}
	h.until, h.reason = now.Add(h.delay), cause.Error()
	postponed := h.postponed
	h.postponed = 0
	until := h.until
	w.mu.Unlock()

	pending := postponed + 1
	sk, skips := w.cfg.Store.(SinkSkipper)
	if skips {
		if n, err := sk.CountPending(ctx, d.Sink); err == nil {
			pending = n
		}
	} else {
		d.NextAt, d.UpdatedAt = until, now
		w.update(ctx, w.log, d)
	}
	w.log.Warn("sink not configured: its leads stay pending", "sink", d.Sink, "pending", pending,
		"reason", cause.Error(), "next", until.Format(time.RFC3339))
}
