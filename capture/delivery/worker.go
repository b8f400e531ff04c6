package delivery

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink"
)

// Claimer is a Store that can claim a pending delivery atomically, so that
// two workers (concurrent Lambda invocations, a sweep) never send the same
// delivery at once. Claim succeeds only if the stored delivery is still
// pending with d's Attempts and NextAt; it then moves NextAt to until, so a
// worker that dies mid-send leaves the delivery due again at until.
type Claimer interface {
	Claim(ctx context.Context, d capture.Delivery, until time.Time) (bool, error)
}

// SinkSkipper is a Store that can leave deliveries to some sinks out of
// Due. With it, the deliveries to a sink that is not configured wait
// untouched while it stays so; without it (DynamoDB) they are postponed
// with the sink's back-off, one write each, so that they do not hide the
// deliveries behind them.
type SinkSkipper interface {
	DueExcept(ctx context.Context, now time.Time, limit int, skip []string) ([]capture.Delivery, error)
	// CountPending returns how many deliveries to sink are pending.
	CountPending(ctx context.Context, sink string) (int, error)
}

// Config is what NewWorker needs. Store and Senders are required.
type Config struct {
	Store   capture.Store
	Site    *schema.Site // for forms' labels and field order; may be nil
	Senders map[string]sink.Sender
	Policy  Policy
	Logger  *slog.Logger     // nil discards
	Now     func() time.Time // nil: time.Now
	// Parallel is how many deliveries are sent at once (default 4).
	Parallel int
}

// Worker delivers pending deliveries.
type Worker struct {
	cfg  Config
	log  *slog.Logger
	now  func() time.Time
	wake chan struct{}

	mu    sync.Mutex
	holds map[string]*hold // sinks found not configured, by name
}

// NewWorker returns a worker for cfg.
func NewWorker(cfg Config) (*Worker, error) {
	if cfg.Store == nil {
		return nil, errors.New("delivery: Config.Store is nil")
	}
	cfg.Policy = cfg.Policy.withDefaults()
	if cfg.Parallel <= 0 {
		cfg.Parallel = 4
	}
	w := &Worker{cfg: cfg, log: cfg.Logger, now: cfg.Now, wake: make(chan struct{}, 1), holds: map[string]*hold{}}
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	if w.now == nil {
		w.now = time.Now
	}
	return w, nil
}

// Wake makes a running Run look for due deliveries now. It never blocks;
// pass it as capture.HandlerConfig.OnStored.
func (w *Worker) Wake(context.Context, string) {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run delivers what is due, then again every interval or when woken,
// until ctx is done. Store errors are logged and retried on the next pass.
func (w *Worker) Run(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := w.RunDue(ctx); err != nil && ctx.Err() == nil {
			w.log.Error("delivery pass failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-t.C:
		}
	}
}

// Stats counts what a pass did.
type Stats struct {
	Delivered, Retrying, Dead, Unconfigured int
}

// RunDue delivers every due delivery, in batches, until none is left or
// ctx is done (a Lambda sweep passes a context with its time budget).
func (w *Worker) RunDue(ctx context.Context) (Stats, error) {
	var st Stats
	seen := make(map[[2]string]bool)
	for ctx.Err() == nil {
		due, err := w.due(ctx, w.now(), 50)
		if err != nil {
			return st, fmt.Errorf("delivery: due: %w", err)
		}
		var fresh []capture.Delivery
		for _, d := range due {
			k := [2]string{d.LeadID, d.Sink}
			if !seen[k] {
				seen[k] = true
				fresh = append(fresh, d)
			}
		}
		if len(fresh) == 0 {
			break
		}
		w.deliverAll(ctx, fresh, &st)
	}
	return st, nil
}

// DeliverLead sends the lead's due deliveries now: on Lambda, right after
// the lead is stored, within the invocation's budget (ctx).
func (w *Worker) DeliverLead(ctx context.Context, leadID string) (Stats, error) {
	var st Stats
	ds, err := w.cfg.Store.Deliveries(ctx, leadID)
	if err != nil {
		return st, fmt.Errorf("delivery: lead %s: %w", leadID, err)
	}
	now := w.now()
	var due []capture.Delivery
	for _, d := range ds {
		if d.State == capture.DeliveryPending && !d.NextAt.After(now) {
			due = append(due, d)
		}
	}
	w.deliverAll(ctx, due, &st)
	return st, nil
}

func (w *Worker) deliverAll(ctx context.Context, ds []capture.Delivery, st *Stats) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, w.cfg.Parallel)
	for _, d := range ds {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			outcome := w.deliver(ctx, d)
			mu.Lock()
			defer mu.Unlock()
			switch outcome {
			case capture.DeliveryDelivered:
				st.Delivered++
			case capture.DeliveryDead:
				st.Dead++
			case outcomeUnconfigured:
				st.Unconfigured++
			case capture.DeliveryPending:
				st.Retrying++
			}
		}()
	}
	wg.Wait()
}

const outcomeUnconfigured = "unconfigured"

// claimMargin is how long a claim lasts beyond the send timeout: the
// outcome's write may take up to 10 s (see update), plus clock skew
// between Lambda hosts.
const claimMargin = 15 * time.Second

// deliver makes one attempt and records its outcome; it returns the new
// state ("" when nothing was attempted).
func (w *Worker) deliver(ctx context.Context, d capture.Delivery) string {
	log := w.log.With("lead", d.LeadID, "sink", d.Sink)
	now := w.now()
	sender := w.cfg.Senders[d.Sink]
	if sender != nil && w.held(ctx, log, d, now) {
		return outcomeUnconfigured
	}
	if u, ok := sender.(unconfigured); ok {
		// Known not configured: nothing to send, nothing to claim.
		w.hold(ctx, d, u.err, now)
		return outcomeUnconfigured
	}
	lead, err := w.cfg.Store.Get(ctx, d.LeadID)
	if errors.Is(err, capture.ErrNotFound) {
		return "" // erased since: its deliveries went with it
	}
	if err != nil {
		log.Error("delivery: reading the lead failed", "err", err)
		return ""
	}
	if sender == nil {
		d.State, d.LastError = capture.DeliveryDead, fmt.Sprintf("sink %q is not in site.yaml's sales.sinks", d.Sink)
		d.UpdatedAt = now
		log.Warn("delivery dead-lettered", "reason", d.LastError)
		w.update(ctx, log, d)
		return capture.DeliveryDead
	}
	if c, ok := w.cfg.Store.(Claimer); ok {
		// The claim outlasts the send and the write of its outcome (each
		// bounded); a process that dies mid-send leaves the delivery due
		// again when it runs out.
		won, err := c.Claim(ctx, d, now.Add(w.cfg.Policy.SendTimeout+claimMargin))
		if err != nil {
			log.Error("delivery: claim failed", "err", err)
			return ""
		}
		if !won {
			return "" // another worker has it
		}
	}
	sendCtx, cancel := context.WithTimeout(ctx, w.cfg.Policy.SendTimeout)
	err = sender.Send(sendCtx, sink.Message{Lead: lead, Form: w.form(lead.Form)})
	cancel()
	now = w.now()
	d.UpdatedAt = now
	switch {
	case err == nil:
		d.Attempts++
		d.State, d.LastError, d.NextAt = capture.DeliveryDelivered, "", now
		log.Info("lead delivered", "attempt", d.Attempts)
	case errors.Is(err, sink.ErrNotConfigured):
		// Not an attempt: nothing was sent. The sink is held back.
		w.hold(ctx, d, err, now)
		return outcomeUnconfigured
	case sink.IsPermanent(err):
		d.Attempts++
		d.State, d.LastError = capture.DeliveryDead, err.Error()
		log.Warn("delivery dead-lettered", "attempt", d.Attempts, "reason", d.LastError)
	default:
		d.Attempts++
		d.LastError = err.Error()
		if d.Attempts >= w.cfg.Policy.Attempts {
			d.State = capture.DeliveryDead
			d.LastError = fmt.Sprintf("gave up after %d attempts: %s", d.Attempts, err)
			log.Warn("delivery dead-lettered", "attempt", d.Attempts, "reason", d.LastError)
		} else {
			d.NextAt = now.Add(w.cfg.Policy.Backoff(d.Attempts))
			log.Warn("delivery failed, will retry", "attempt", d.Attempts, "next", d.NextAt.Format(time.RFC3339), "reason", d.LastError)
		}
	}
	w.update(ctx, log, d)
	return d.State
}

func (w *Worker) update(ctx context.Context, log *slog.Logger, d capture.Delivery) {
	// A cancelled pass still records what it did.
	uctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := w.cfg.Store.UpdateDelivery(uctx, d); err != nil {
		log.Error("delivery: recording the outcome failed", "state", d.State, "err", err)
	}
}

func (w *Worker) form(name string) *schema.Form {
	if w.cfg.Site == nil {
		return nil
	}
	return w.cfg.Site.Forms[name]
}

// Redeliver puts the lead's dead (and, with all, delivered) deliveries back
// to pending, due now, with their attempts reset; a running worker then
// sends them. It returns how many it reset.
func Redeliver(ctx context.Context, store capture.Store, leadID string, all bool, now time.Time) (int, error) {
	ds, err := store.Deliveries(ctx, leadID)
	if err != nil {
		return 0, fmt.Errorf("redeliver %s: %w", leadID, err)
	}
	n := 0
	for _, d := range ds {
		if d.State == capture.DeliveryDead || all && d.State == capture.DeliveryDelivered {
			d.State, d.Attempts, d.NextAt, d.LastError, d.UpdatedAt = capture.DeliveryPending, 0, now, "", now
			if err := store.UpdateDelivery(ctx, d); err != nil {
				return n, fmt.Errorf("redeliver %s to %s: %w", leadID, d.Sink, err)
			}
			n++
		}
	}
	return n, nil
}
