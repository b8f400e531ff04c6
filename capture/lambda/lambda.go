// Package lambda runs capture on AWS Lambda: it translates Lambda Function
// URL and API Gateway HTTP API (v2) events into requests for the one
// capture http.Handler, delivers each new lead within a short time budget
// before answering, and runs the delivery sweep for scheduled (EventBridge)
// invocations of the same function.
package lambda

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/storyfront/storyfront/capture/delivery"
)

// Function is the Lambda handler. It implements aws-lambda-go's
// lambda.Handler (Invoke), so lambda.Start(f) runs it.
type Function struct {
	handler http.Handler
	worker  *delivery.Worker
	o       Options
}

// invocation collects the leads one HTTP invocation stored. aws-lambda-go
// may run invocations concurrently, so each has its own, in its context.
type invocation struct {
	mu     sync.Mutex
	stored []string
}

type invocationKey struct{}

// Options tune a Function; zero values mean the defaults.
type Options struct {
	// PathPrefix is stripped from request paths (e.g. "/api/leads" when an
	// API Gateway route is POST /api/leads/{form}). Empty: the handler gets
	// "/" plus the path's last segment, which is the form's name.
	PathPrefix string
	// Budget bounds delivering a new lead before the answer (default 3 s).
	Budget time.Duration
	// Margin is kept free before the invocation's deadline (default 1 s).
	Margin time.Duration
	Logger *slog.Logger
	// OnSweep, when set, runs at each scheduled sweep before deliveries
	// (the weekly digest: package capture/digest).
	OnSweep func(ctx context.Context)
}

// New returns the Function serving h and delivering with w (nil: leads
// are only stored, and the sweep does nothing). Pass f.Stored as
// h's capture.HandlerConfig.OnStored.
func New(h http.Handler, w *delivery.Worker, o Options) *Function {
	if o.Budget <= 0 {
		o.Budget = 3 * time.Second
	}
	if o.Margin <= 0 {
		o.Margin = time.Second
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return &Function{handler: h, worker: w, o: o}
}

// Stored notes that a lead was stored by the invocation whose request
// context ctx is, so it is delivered before that invocation ends.
func (f *Function) Stored(ctx context.Context, leadID string) {
	inv, _ := ctx.Value(invocationKey{}).(*invocation)
	if inv == nil {
		// Not from an invocation's request: the sweep delivers it.
		return
	}
	inv.mu.Lock()
	inv.stored = append(inv.stored, leadID)
	inv.mu.Unlock()
}

// probe holds just enough of any event to tell which kind it is.
type probe struct {
	RequestContext struct {
		HTTP struct {
			Method string `json:"method"`
		} `json:"http"`
	} `json:"requestContext"`
	Source     string `json:"source"`
	DetailType string `json:"detail-type"`
}

// Invoke handles one event: an HTTP event (Function URL or API Gateway v2)
// gets the capture handler's answer; a scheduled event runs the sweep.
func (f *Function) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	var p probe
	if err := json.Unmarshal(payload, &p); err != nil {
		return nil, fmt.Errorf("lambda: event is not JSON: %w", err)
	}
	switch {
	case p.RequestContext.HTTP.Method != "":
		resp, err := f.serveHTTP(ctx, payload)
		if err != nil {
			return nil, err
		}
		return json.Marshal(resp)
	case p.Source == "aws.events" || p.DetailType == "Scheduled Event":
		st, err := f.Sweep(ctx)
		if err != nil {
			return nil, err
		}
		return json.Marshal(st)
	}
	return nil, errors.New("lambda: unknown event: want a Function URL, API Gateway HTTP API (v2) or scheduled event")
}

// Sweep delivers what is due until the invocation's deadline (less the
// margin).
func (f *Function) Sweep(ctx context.Context) (delivery.Stats, error) {
	ctx, cancel := f.budget(ctx, 0)
	defer cancel()
	if f.o.OnSweep != nil {
		f.o.OnSweep(ctx)
	}
	if f.worker == nil {
		return delivery.Stats{}, nil
	}
	st, err := f.worker.RunDue(ctx)
	f.o.Logger.Info("sweep", "delivered", st.Delivered, "retrying", st.Retrying, "dead", st.Dead, "unconfigured", st.Unconfigured)
	return st, err
}

// budget returns ctx bounded by max (0: none) and by its deadline less the
// margin.
func (f *Function) budget(ctx context.Context, max time.Duration) (context.Context, context.CancelFunc) {
	deadline, ok := ctx.Deadline()
	if ok {
		deadline = deadline.Add(-f.o.Margin)
	}
	if max > 0 && (!ok || time.Now().Add(max).Before(deadline)) {
		deadline, ok = time.Now().Add(max), true
	}
	if !ok {
		return context.WithCancel(ctx)
	}
	return context.WithDeadline(ctx, deadline)
}

// deliverStored delivers the leads the invocation stored, within budget;
// what does not make it stays pending for the sweep.
func (f *Function) deliverStored(ctx context.Context, inv *invocation) {
	inv.mu.Lock()
	ids := inv.stored
	inv.stored = nil
	inv.mu.Unlock()
	if f.worker == nil || len(ids) == 0 {
		return
	}
	ctx, cancel := f.budget(ctx, f.o.Budget)
	defer cancel()
	for _, id := range ids {
		if _, err := f.worker.DeliverLead(ctx, id); err != nil {
			f.o.Logger.Error("delivery after store failed: the sweep will retry", "lead", id, "err", err)
		}
	}
}
