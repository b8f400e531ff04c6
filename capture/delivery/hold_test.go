package delivery_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/delivery"
)

// plainStore is the real SQLite store seen only through capture.Store, as
// the worker sees a store without SinkSkipper or Claimer (DynamoDB has
// Claimer but not SinkSkipper).
type plainStore struct{ capture.Store }

// TestUnconfiguredSinkNoFlood keeps 120 leads pending for a sink that is
// not configured, older than 30 leads for one that works, and runs the
// worker for an hour of passes a minute apart: the working sink gets its
// leads on the first pass, the log says so once per sink each time the
// sink is tried again (the wait doubling from a minute), with the count,
// and the SQLite rows of the held sink are never rewritten. It used to be
// one WARN line and one UPDATE per pending lead per minute.
func TestUnconfiguredSinkNoFlood(t *testing.T) {
	for _, skipper := range []bool{true, false} {
		t.Run(fmt.Sprintf("SinkSkipper=%v", skipper), func(t *testing.T) {
			chat, chatURL := newReceiver(t, http.StatusOK)
			f := setup(t, twoHooks("", chatURL), env{"SLACK_URL": chatURL, "CRM_SECRET": secret})
			ctx := context.Background()
			var crmIDs []string
			for i := range 150 {
				sinks := []string{"crm"}
				if i >= 120 {
					sinks = []string{"slack"}
				}
				l := &capture.Lead{ID: fmt.Sprintf("01JHOLD%019d", i), Form: "contact",
					Fields: map[string]string{"email": "a@customer.example"}, CreatedAt: f.clock.Now().Add(time.Duration(i) * time.Millisecond)}
				if _, _, err := f.store.Save(ctx, l, sinks); err != nil {
					t.Fatal(err)
				}
				if i < 120 {
					crmIDs = append(crmIDs, l.ID)
				}
			}
			f.clock.Add(time.Second)
			w := f.worker
			if !skipper {
				var err error
				w, err = delivery.NewWorker(delivery.Config{Store: plainStore{f.store}, Senders: f.senders, Logger: f.log, Now: f.clock.Now,
					Policy: delivery.PolicyFrom(f.sales.Retry)})
				if err != nil {
					t.Fatal(err)
				}
			}
			f.logs.Reset()
			st, err := w.RunDue(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Delivered != 30 || chat.postCount() != 30 {
				t.Fatalf("first pass: %+v, slack got %d posts; want the 30 slack leads despite 120 older held ones", st, chat.postCount())
			}
			for range 60 {
				f.clock.Add(time.Minute)
				if _, err := w.RunDue(ctx); err != nil {
					t.Fatal(err)
				}
			}
			lines := strings.Count(f.logs.String(), "sink not configured: its leads stay pending")
			// Tried at 0, 1, 3, 7, 15, 31 minutes (and again at 63).
			if lines < 2 || lines > 7 {
				t.Errorf("%d log lines about the unconfigured sink in an hour, want one per retry of the sink (about 6):\n%s", lines, f.logs)
			}
			if skipper && !strings.Contains(f.logs.String(), "pending=120") {
				t.Errorf("the log line does not count the 120 pending leads:\n%s", f.logs)
			}
			rewritten := 0
			for _, id := range crmIDs {
				d := f.state(t, id)["crm"]
				if d.State != capture.DeliveryPending || d.Attempts != 0 {
					t.Fatalf("crm delivery of %s = %+v, want pending, no attempt", id, d)
				}
				if !d.UpdatedAt.Equal(d.NextAt) {
					rewritten++
				}
			}
			if skipper && rewritten != 0 {
				t.Errorf("%d of 120 held rows rewritten, want none", rewritten)
			}
			t.Logf("%d log lines, %d of 120 rows rewritten in an hour", lines, rewritten)
		})
	}
}
