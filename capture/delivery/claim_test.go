package delivery_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/delivery"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

// TestTwoServersOneFileDeliverOnce is two capture serve processes on one
// SQLite file: two stores, each with its own worker, sweeping the same 60
// leads at the same time into a slow CRM. Each lead must reach it exactly
// once (before the SQLite store could claim a delivery, most went twice).
func TestTwoServersOneFileDeliverOnce(t *testing.T) {
	var mu sync.Mutex
	got := map[string]int{}
	crm := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(2 * time.Millisecond) // a real CRM takes a while: the sweeps overlap
		mu.Lock()
		got[r.Header.Get("webhook-id")]++
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}))
	defer crm.Close()
	sales := schema.Sales{Sinks: map[string]*schema.Sink{"crm": {Type: "webhook", URL: crm.URL}},
		Routes: []schema.Route{{To: []string{"crm"}}}}

	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "leads.db")
	var workers []*delivery.Worker
	var stores []*sqlite.Store
	for range 2 {
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		senders, problems := delivery.Senders(ctx, sales, delivery.SenderOptions{})
		if len(problems) > 0 {
			t.Fatal(problems)
		}
		w, err := delivery.NewWorker(delivery.Config{Store: st, Senders: senders, Parallel: 4})
		if err != nil {
			t.Fatal(err)
		}
		stores, workers = append(stores, st), append(workers, w)
	}
	var ids []string
	for i := range 60 {
		l := &capture.Lead{ID: fmt.Sprintf("01JTWO%020d", i), Form: "contact",
			Fields: map[string]string{"email": "a@customer.example"}, CreatedAt: time.Now().Add(-time.Minute)}
		if _, _, err := stores[i%2].Save(ctx, l, []string{"crm"}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ID)
	}
	var wg sync.WaitGroup
	stats := make([]delivery.Stats, 2)
	for i, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				st, err := w.RunDue(ctx)
				if err != nil {
					t.Error(err)
				}
				stats[i].Delivered += st.Delivered
			}
		}()
	}
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	for _, id := range ids {
		if got[id] != 1 {
			t.Errorf("lead %s reached the CRM %d times, want 1", id, got[id])
		}
	}
	t.Logf("worker 1 delivered %d, worker 2 %d", stats[0].Delivered, stats[1].Delivered)
}
