package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
)

// Opener returns a new, empty store; the test closes it.
type Opener func(t *testing.T) capture.Store

var seq atomic.Int64

// Lead returns a valid lead created at, with a unique id.
func Lead(email string, at time.Time) *capture.Lead {
	return &capture.Lead{ID: fmt.Sprintf("01JCONF%019d", seq.Add(1)), Form: "contact",
		Fields:    map[string]string{"email": email, "name": "Ann Lee", "company": "Customer Ltd"},
		CreatedAt: at.UTC().Truncate(time.Millisecond),
		Attribution: capture.Attribution{Page: "/contact/", Story: "Marketing vs Sales", UTMCampaign: "spring",
			UTMSource: "newsletter", UTMMedium: "email"}}
}

func open(t *testing.T, o Opener) capture.Store {
	t.Helper()
	s := o(t)
	t.Cleanup(func() { s.Close() })
	return s
}

// RunJourney checks that a lead's journey is stored and read back whole.
func RunJourney(t *testing.T, o Opener) {
	ctx := context.Background()
	s := open(t, o)
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	l := Lead("ann@customer.example", at)
	l.Attribution.Journey = &capture.Journey{
		First: &capture.Touch{Page: "/", Referrer: "https://news.example/", Source: "newsletter", Medium: "email", Campaign: "april", At: at.AddDate(0, 0, -9)},
		Last:  &capture.Touch{Page: "/stories/a/", At: at.Add(-time.Hour)},
		Stories: []capture.StoryRead{{Title: "A", Page: "/stories/a/", Seconds: 120},
			{Title: "B", Page: "/stories/b/", Seconds: 40}},
	}
	if _, _, err := s.Save(ctx, l, nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Attribution.Journey, l.Attribution.Journey) {
		t.Errorf("journey = %+v, want %+v", got.Attribution.Journey, l.Attribution.Journey)
	}
	plain := Lead("bob@customer.example", at)
	if _, _, err := s.Save(ctx, plain, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Get(ctx, plain.ID); err != nil || got.Attribution.Journey != nil {
		t.Errorf("lead saved without a journey reads back with %+v, %v", got.Attribution.Journey, err)
	}
}

// RunStatus checks SetStatus and History: history kept in order, the
// outcome on Get and List, unknown leads and statuses refused, a replayed
// event id refused with nothing changed, history erased with the lead.
func RunStatus(t *testing.T, o Opener) {
	ctx := context.Background()
	s := open(t, o)
	ss, ok := s.(capture.StatusStore)
	if !ok {
		t.Fatalf("%T is not a capture.StatusStore", s)
	}
	t0 := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	l := Lead("ann@customer.example", t0)
	if _, _, err := s.Save(ctx, l, []string{"team"}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Get(ctx, l.ID); got.Outcome.State() != capture.StatusNew || got.Outcome.Reached != 0 {
		t.Errorf("new lead's outcome = %+v", got.Outcome)
	}
	if h, err := ss.History(ctx, l.ID); err != nil || len(h) != 0 {
		t.Errorf("new lead's history = %+v, %v", h, err)
	}
	changes := []capture.StatusChange{
		{LeadID: l.ID, Status: capture.StatusContacted, Source: "cli", At: t0.Add(90 * time.Minute)},
		{LeadID: l.ID, Status: capture.StatusQualified, Value: 1000000, Currency: "EUR", Note: "budget confirmed", Source: "cli", At: t0.Add(48 * time.Hour)},
		{LeadID: l.ID, Status: capture.StatusWon, Source: "webhook", EventID: "msg_1", At: t0.Add(240 * time.Hour)},
	}
	for _, c := range changes {
		if _, err := ss.SetStatus(ctx, c); err != nil {
			t.Fatalf("SetStatus(%s) = %v", c.Status, err)
		}
	}
	want := capture.Outcome{Status: capture.StatusWon, Value: 1000000, Currency: "EUR", Reached: 3,
		At: t0.Add(240 * time.Hour), ContactedAt: t0.Add(90 * time.Minute)}
	got, err := s.Get(ctx, l.ID)
	if err != nil || got.Outcome != want {
		t.Fatalf("outcome = %+v, %v; want %+v", got.Outcome, err, want)
	}
	list, err := s.List(ctx, capture.Query{})
	if err != nil || len(list) != 1 || list[0].Outcome != want {
		t.Fatalf("List outcome = %+v, %v", list, err)
	}
	h, err := ss.History(ctx, l.ID)
	if err != nil || len(h) != 3 {
		t.Fatalf("History = %+v, %v", h, err)
	}
	for i, c := range changes {
		if h[i].Status != c.Status || !h[i].At.Equal(c.At) || h[i].Note != c.Note || h[i].Source != c.Source ||
			h[i].Value != c.Value || h[i].Currency != c.Currency || h[i].EventID != c.EventID {
			t.Errorf("history[%d] = %+v, want %+v", i, h[i], c)
		}
	}

	// A replay of the same event changes nothing.
	replay := changes[2]
	replay.Status = capture.StatusLost
	if _, err := ss.SetStatus(ctx, replay); !errors.Is(err, capture.ErrReplayed) {
		t.Errorf("replayed event: %v, want ErrReplayed", err)
	}
	if got, _ := s.Get(ctx, l.ID); got.Outcome != want {
		t.Errorf("after replay outcome = %+v", got.Outcome)
	}
	// Lost after won: the funnel stage reached stays.
	if got, err := ss.SetStatus(ctx, capture.StatusChange{LeadID: l.ID, Status: capture.StatusLost, Source: "cli", At: t0.Add(300 * time.Hour)}); err != nil ||
		got.Outcome.State() != capture.StatusLost || got.Outcome.Reached != 3 || got.Outcome.Value != 1000000 {
		t.Errorf("lost: %+v, %v", got, err)
	}

	if _, err := ss.SetStatus(ctx, capture.StatusChange{LeadID: "01JNOSUCHLEAD", Status: capture.StatusWon}); !errors.Is(err, capture.ErrNotFound) {
		t.Errorf("unknown lead: %v, want ErrNotFound", err)
	}
	if _, err := ss.SetStatus(ctx, capture.StatusChange{LeadID: l.ID, Status: "maybe"}); err == nil {
		t.Error("unknown status accepted")
	}
	if _, err := ss.SetStatus(ctx, capture.StatusChange{LeadID: l.ID, Status: capture.StatusWon, Value: 5, Currency: "euro"}); err == nil {
		t.Error("bad currency accepted")
	}
	if h, _ := ss.History(ctx, l.ID); len(h) != 4 {
		t.Errorf("refused changes reached the history: %d entries", len(h))
	}

	if n, err := s.Erase(ctx, "ann@customer.example"); err != nil || n != 1 {
		t.Fatalf("Erase = %d, %v", n, err)
	}
	if h, err := ss.History(ctx, l.ID); !errors.Is(err, capture.ErrNotFound) || len(h) != 0 {
		t.Errorf("erased lead's history = %+v, %v", h, err)
	}
}
