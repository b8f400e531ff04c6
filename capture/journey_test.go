package capture_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
)

func TestJourneyStoredWithTheLead(t *testing.T) {
	f := newFixture(t, nil)
	first := now.Add(-9 * 24 * time.Hour)
	var stories []string
	for i := range 25 {
		stories = append(stories, fmt.Sprintf(`{"title":"Story %d","page":"/stories/%d/","seconds":%d}`, i, i, 10*i+4))
	}
	j := fmt.Sprintf(`{"first":{"page":"/","referrer":"https://mail.example/","source":"newsletter","medium":"email","campaign":"april","at":%d},
		"last":{"page":"/stories/1/","at":%d},"stories":[%s]}`,
		first.UnixMilli(), now.Add(time.Hour).UnixMilli(), strings.Join(stories, ","))
	id := idOf(t, post(t, f.h, with(valid(), "_journey", j)))
	l, err := f.store.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	got := l.Attribution.Journey
	if got == nil || got.First == nil || got.Last == nil {
		t.Fatalf("journey = %+v", got)
	}
	if got.First.Campaign != "april" || got.First.Referrer != "https://mail.example/" || !got.First.At.Equal(first) {
		t.Errorf("first touch = %+v", got.First)
	}
	if !got.Last.At.Equal(now) {
		t.Errorf("a last touch in the future is not clamped to now: %v", got.Last.At)
	}
	if len(got.Stories) != capture.MaxStories || got.Stories[0].Title != "Story 5" || got.Stories[19].Title != "Story 24" {
		t.Fatalf("stories not cut to the last %d: %d, first %+v", capture.MaxStories, len(got.Stories), got.Stories[0])
	}
	if got.Stories[0].Seconds != 50 || got.Stories[1].Seconds != 60 {
		t.Errorf("seconds not rounded to 10: %+v", got.Stories[:2])
	}
}

func TestJourneyRefusedWhenForged(t *testing.T) {
	f := newFixture(t, nil)
	huge := `{"stories":[{"title":"` + strings.Repeat("x", capture.MaxJourneyBytes) + `"}]}`
	for name, j := range map[string]string{
		"not JSON":        "A → B",
		"wrong shape":     `{"stories":"A,B"}`,
		"trailing data":   `{} {}`,
		"oversized":       huge,
		"wrong time type": `{"first":{"at":"yesterday"}}`,
	} {
		w := post(t, f.h, with(valid(), "_journey", j))
		var body struct{ Errors map[string]string }
		_ = json.Unmarshal(w.Body.Bytes(), &body)
		if w.Code != 422 || body.Errors["_journey"] == "" {
			t.Errorf("%s: %d %s, want 422 with a _journey error", name, w.Code, w.Body)
		}
	}
	if n := len(f.leads(t)); n != 0 {
		t.Errorf("%d forged journeys stored", n)
	}
	// Control characters and over-long text are cleaned, not stored raw.
	id := idOf(t, post(t, f.h, with(valid(), "_journey", `{"stories":[{"title":"A\u202e\u0007 story","page":"/a/","seconds":-40},{"title":"   "}]}`)))
	l, _ := f.store.Get(context.Background(), id)
	if s := l.Attribution.Journey.Stories; len(s) != 1 || s[0].Title != "A story" || s[0].Seconds != 0 {
		t.Errorf("cleaned stories = %+v", s)
	}
	// No journey is no journey.
	id = idOf(t, post(t, f.h, with(valid(), "_journey", "")))
	if l, _ := f.store.Get(context.Background(), id); l.Attribution.Journey != nil {
		t.Errorf("empty _journey stored as %+v", l.Attribution.Journey)
	}
}
