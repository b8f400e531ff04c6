package storetest

import (
	"context"
	"testing"
	"time"
)

// digestMarker is what package digest needs of a store.
type digestMarker interface {
	ClaimDigest(ctx context.Context, week string, now time.Time, lease time.Duration) (bool, error)
	DigestSent(ctx context.Context, week string, now time.Time) error
}

// RunDigestMarker checks the weekly digest marker: one claim per week
// wins; a sent week is never claimed again, even after the lease; an
// unfinished claim can be taken over once the lease is over.
func RunDigestMarker(t *testing.T, o Opener) {
	ctx := context.Background()
	s := open(t, o)
	m, ok := s.(digestMarker)
	if !ok {
		t.Fatalf("%T keeps no digest markers", s)
	}
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	claim := func(week string, at time.Time) bool {
		t.Helper()
		ok, err := m.ClaimDigest(ctx, week, at, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !claim("2026-W49", t0) {
		t.Fatal("first claim lost")
	}
	if claim("2026-W49", t0.Add(time.Minute)) {
		t.Error("second claim within the lease won")
	}
	if !claim("2026-W50", t0.Add(time.Minute)) {
		t.Error("another week's claim lost")
	}
	// The claimer died: after the lease another may send.
	if !claim("2026-W49", t0.Add(61*time.Minute)) {
		t.Error("claim after the lease lost")
	}
	if err := m.DigestSent(ctx, "2026-W49", t0.Add(62*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if claim("2026-W49", t0.Add(30*24*time.Hour)) {
		t.Error("a sent week was claimed again")
	}
}
