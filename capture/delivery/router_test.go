package delivery_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/delivery"
	"github.com/storyfront/storyfront/capture/schema"
)

func TestRoute(t *testing.T) {
	sales := schema.Sales{
		Routes: []schema.Route{
			{Form: "contact", When: map[string]string{"interest": "Enterprise plan"}, To: []string{"enterprise", "slack"}},
			{Form: "demo", To: []string{"demo", "demo"}},
			{To: []string{"team"}},
		},
		AutoReply: &schema.AutoReply{Enabled: true, Via: "team", Forms: []string{"contact"}},
	}
	r := delivery.NewRouter(sales)
	for _, tc := range []struct {
		name string
		lead capture.Lead
		want []string
	}{
		{"enterprise", capture.Lead{Form: "contact", Fields: map[string]string{"interest": " enterprise PLAN ", "email": "a@b.example"}},
			[]string{"enterprise", "slack", delivery.AutoReplySink}},
		{"default", capture.Lead{Form: "contact", Fields: map[string]string{"interest": "Story audit", "email": "a@b.example"}},
			[]string{"team", delivery.AutoReplySink}},
		{"no email, no auto-reply", capture.Lead{Form: "contact", Fields: map[string]string{"interest": "Story audit"}},
			[]string{"team"}},
		{"form route, deduped, auto-reply not for this form", capture.Lead{Form: "demo", Fields: map[string]string{"email": "a@b.example"}},
			[]string{"demo"}},
		{"enterprise value on another form", capture.Lead{Form: "newsletter", Fields: map[string]string{"interest": "Enterprise plan"}},
			[]string{"team"}},
		{"spam", capture.Lead{Form: "contact", Spam: true, Fields: map[string]string{"interest": "Enterprise plan"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := r.Route(&tc.lead)
			if len(got) == 0 && len(tc.want) == 0 {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Route = %v, want %v", got, tc.want)
			}
		})
	}
	if got := delivery.NewRouter(schema.Sales{}).Route(&capture.Lead{Form: "contact"}); len(got) != 0 {
		t.Errorf("no routes: Route = %v, want none", got)
	}
}

func TestBackoff(t *testing.T) {
	p := delivery.PolicyFrom(schema.Retry{MinDelay: time.Second, MaxDelay: 20 * time.Second})
	for attempt, want := range map[int]time.Duration{1: time.Second, 2: 2 * time.Second, 3: 4 * time.Second, 5: 16 * time.Second, 6: 20 * time.Second, 40: 20 * time.Second} {
		distinct := map[time.Duration]bool{}
		for range 50 {
			d := p.Backoff(attempt)
			if d < want/2 || d > want {
				t.Fatalf("Backoff(%d) = %v, want in [%v, %v]", attempt, d, want/2, want)
			}
			distinct[d] = true
		}
		if len(distinct) < 2 {
			t.Errorf("Backoff(%d) has no jitter", attempt)
		}
	}
	if p.Attempts != delivery.DefaultAttempts {
		t.Errorf("default attempts = %d", p.Attempts)
	}
}
