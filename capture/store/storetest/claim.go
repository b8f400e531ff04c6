package storetest

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
)

// claimer is delivery.Claimer (not imported: the delivery package needs
// the sinks, which a store's tests do not).
type claimer interface {
	Claim(ctx context.Context, d capture.Delivery, until time.Time) (bool, error)
}

// RunClaim checks that a pending delivery is claimed by exactly one of
// several concurrent claimers, that a claim moves its next try, and that
// a stale view of the delivery cannot claim it.
func RunClaim(t *testing.T, o Opener) {
	ctx := context.Background()
	s := open(t, o)
	c, ok := s.(claimer)
	if !ok {
		t.Fatalf("%T has no Claim method", s)
	}
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	l := Lead("ann@customer.example", at)
	if _, _, err := s.Save(ctx, l, []string{"crm"}); err != nil {
		t.Fatal(err)
	}
	ds, err := s.Deliveries(ctx, l.ID)
	if err != nil || len(ds) != 1 {
		t.Fatalf("Deliveries = %+v, %v", ds, err)
	}
	d := ds[0]
	until := at.Add(time.Minute)
	var won atomic.Int32
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ok, err := c.Claim(ctx, d, until)
			if err != nil {
				t.Error(err)
			}
			if ok {
				won.Add(1)
			}
		}()
	}
	wg.Wait()
	if n := won.Load(); n != 1 {
		t.Fatalf("%d of 8 concurrent claims won, want exactly 1", n)
	}
	if due, err := s.Due(ctx, at.Add(time.Second), 0); err != nil || len(due) != 0 {
		t.Fatalf("Due right after the claim = %+v, %v; want none", due, err)
	}
	due, err := s.Due(ctx, until, 0)
	if err != nil || len(due) != 1 || !due[0].NextAt.Equal(until) || due[0].State != capture.DeliveryPending {
		t.Fatalf("Due when the claim runs out = %+v, %v; want the delivery, next try %v", due, err, until)
	}
	if ok, err := c.Claim(ctx, d, until.Add(time.Minute)); err != nil || ok {
		t.Fatalf("a claim with the stale delivery = %v, %v; want false", ok, err)
	}
	d = due[0]
	d.State, d.Attempts = capture.DeliveryDelivered, 1
	if err := s.UpdateDelivery(ctx, d); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Claim(ctx, due[0], until.Add(time.Minute)); err != nil || ok {
		t.Fatalf("claiming a delivered delivery = %v, %v; want false", ok, err)
	}
}
