package digest_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture/delivery"
	"github.com/storyfront/storyfront/capture/digest"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/store/sqlite"
	"github.com/storyfront/storyfront/capture/store/storetest"
	"github.com/storyfront/storyfront/internal/testpart"
)

const site = `baseURL: https://bridgework.example/
forms:
  contact:
    thankYou: /thanks/
    fields:
      - {name: email, type: email, required: true}
sales:
  sinks:
    team:
      type: smtp
      hostEnv: SMTP_HOST
      tls: none
      from: leads@bridgework.example
      to: [sales@bridgework.example]
  routes:
    - to: [team]
  digest: {via: team, to: [marketing@bridgework.example], weekday: monday, hour: 9, timezone: Europe/Berlin}
`

func TestWeek(t *testing.T) {
	s, err := schema.Parse("site.yaml", []byte(site))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := s.Sales.Digest.Location()
	cases := []struct {
		now        time.Time
		week, send string
	}{
		// Monday 2026-11-16 09:00 in Berlin is 08:00 UTC.
		{time.Date(2026, 11, 16, 7, 59, 0, 0, time.UTC), "2026-W46", "2026-11-09T09:00:00+01:00"},
		{time.Date(2026, 11, 16, 8, 0, 0, 0, time.UTC), "2026-W47", "2026-11-16T09:00:00+01:00"},
		{time.Date(2026, 11, 22, 22, 0, 0, 0, time.UTC), "2026-W47", "2026-11-16T09:00:00+01:00"},
	}
	for _, c := range cases {
		week, send, period := digest.Week(s.Sales.Digest, loc, c.now)
		if week != c.week || send.Format(time.RFC3339) != c.send || period.Until.Sub(period.Since) != 7*24*time.Hour {
			t.Errorf("Week(%v) = %s %v %s, want %s %s", c.now, week, send, period.Period(), c.week, c.send)
		}
	}
}

// The digest goes to a real Mailpit once per week: not before its hour,
// once when due, not again after a restart, and again the next week.
func TestDigestOncePerWeek(t *testing.T) {
	ctx := context.Background()
	mail := testpart.Mailpit(t)
	s, err := schema.Parse("site.yaml", []byte(site))
	if err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "leads.db")
	env := func(k string) string {
		if k == "SMTP_HOST" {
			return mail.SMTPAddr
		}
		return ""
	}
	start := func() (*digest.Sender, func()) {
		st, err := sqlite.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		senders, problems := delivery.Senders(ctx, s.Sales, delivery.SenderOptions{Getenv: env})
		if len(problems) > 0 {
			t.Fatal(problems)
		}
		d, err := digest.New(s, senders, st, nil)
		if err != nil || d == nil {
			t.Fatalf("digest.New = %v, %v", d, err)
		}
		return d, func() { st.Close() }
	}
	d, stop := start()
	st, _ := sqlite.Open(ctx, db)
	storetest.Load(t, st) // leads of 2026-11-02 .. 2026-11-11
	st.Close()
	count := func() int {
		var list struct{ Messages []struct{ Subject string } }
		mail.Get(t, "/api/v1/messages", &list)
		return len(list.Messages)
	}
	monday := time.Date(2026, 11, 9, 8, 0, 0, 0, time.UTC) // 09:00 Berlin: week 2026-W46 covers 11-02..11-08
	if sent, err := d.RunOnce(ctx, monday.Add(-time.Minute)); err != nil || !sent {
		// A minute before, the previous week (never sent) is still due.
		t.Fatalf("RunOnce before the hour: %v %v (the previous week's digest was due)", sent, err)
	}
	if sent, err := d.RunOnce(ctx, monday); err != nil || !sent {
		t.Fatalf("RunOnce at the hour: %v %v", sent, err)
	}
	for _, at := range []time.Duration{time.Minute, 3 * time.Hour, 6 * 24 * time.Hour} {
		if sent, err := d.RunOnce(ctx, monday.Add(at)); err != nil || sent {
			t.Errorf("RunOnce %v later sent again (%v)", at, err)
		}
	}
	stop()
	d, stop = start() // a restart
	defer stop()
	if sent, err := d.RunOnce(ctx, monday.Add(2*time.Hour)); err != nil || sent {
		t.Errorf("after a restart the week was sent again (%v)", err)
	}
	if sent, err := d.RunOnce(ctx, monday.Add(7*24*time.Hour)); err != nil || !sent {
		t.Errorf("next week: %v %v", sent, err)
	}
	if n := count(); n != 3 {
		t.Fatalf("Mailpit holds %d digests, want 3 (W45, W46, W47)", n)
	}
	var list struct {
		Messages []struct {
			ID      string
			Subject string
		}
	}
	mail.Get(t, "/api/v1/search?query="+"W46", &list)
	if len(list.Messages) != 1 {
		t.Fatalf("W46 digests: %+v", list.Messages)
	}
	var msg struct{ Text string }
	mail.Get(t, "/api/v1/message/"+list.Messages[0].ID, &msg)
	for _, want := range []string{"Storyfront weekly digest, 2026-W46", "4 leads (0 more marked as spam), 2026-11-02 to 2026-11-08",
		"Won: 12,000 EUR.", "Top stories", "The first hour: 2 leads, 1 won, 12,000 EUR"} {
		if !strings.Contains(msg.Text, want) {
			t.Errorf("digest lacks %q:\n%s", want, msg.Text)
		}
	}
	if !strings.Contains(list.Messages[0].Subject, "Leads this week: 4 leads, 12,000 EUR won (2026-W46)") {
		t.Errorf("subject = %q", list.Messages[0].Subject)
	}
}
