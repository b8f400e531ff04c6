package storetest

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/report"
)

// FixedLeads is a small fixed lead set: three forms' worth of leads over
// two weeks, with journeys, campaigns, spam, and statuses set in order.
// The report golden tests and the store conformance suite share it.
func FixedLeads() ([]*capture.Lead, []capture.StatusChange) {
	t0 := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC) // a Monday, 2026-W45
	mk := func(i int, form, story, first, campaign, source, medium string, spam bool, day int) *capture.Lead {
		l := &capture.Lead{ID: fmt.Sprintf("01KFIXED%018d", i), Form: form, Spam: spam,
			Fields:      map[string]string{"email": fmt.Sprintf("person%d@customer.example", i), "name": fmt.Sprintf("Person %d", i)},
			CreatedAt:   t0.Add(time.Duration(day)*24*time.Hour + time.Duration(i)*time.Minute),
			Attribution: capture.Attribution{Story: story, UTMCampaign: campaign, UTMSource: source, UTMMedium: medium}}
		if first != "" {
			l.Attribution.Journey = &capture.Journey{Stories: []capture.StoryRead{{Title: first, Seconds: 60}, {Title: story, Seconds: 30}}}
		}
		return l
	}
	leads := []*capture.Lead{
		mk(1, "contact", "The first hour", "Marketing vs Sales", "april", "newsletter", "email", false, 0),
		mk(2, "contact", "The first hour", "The first hour", "april", "newsletter", "email", false, 1),
		mk(3, "demo", "Marketing vs Sales", "Marketing vs Sales", "", "linkedin", "social", false, 2),
		mk(4, "contact", "", "", "", "", "", false, 3),
		mk(5, "demo", "The first hour", "Marketing vs Sales", "may", "google", "cpc", false, 8),
		mk(6, "contact", "Marketing vs Sales", "", "may", "google", "cpc", false, 9),
		mk(7, "contact", "The first hour", "", "april", "newsletter", "email", true, 9),
	}
	at := func(i int, h time.Duration) time.Time { return leads[i-1].CreatedAt.Add(h) }
	changes := []capture.StatusChange{
		{LeadID: leads[0].ID, Status: capture.StatusContacted, At: at(1, 2*time.Hour)},
		{LeadID: leads[0].ID, Status: capture.StatusQualified, Value: 1000000, Currency: "EUR", At: at(1, 50*time.Hour)},
		{LeadID: leads[0].ID, Status: capture.StatusWon, Value: 1200000, Currency: "EUR", At: at(1, 200*time.Hour)},
		{LeadID: leads[1].ID, Status: capture.StatusContacted, At: at(2, 30*time.Minute)},
		{LeadID: leads[1].ID, Status: capture.StatusLost, At: at(2, 24*time.Hour)},
		{LeadID: leads[2].ID, Status: capture.StatusQualified, At: at(3, 5*time.Hour)},
		{LeadID: leads[4].ID, Status: capture.StatusWon, Value: 50050, Currency: "USD", At: at(5, 26*time.Hour)},
		{LeadID: leads[5].ID, Status: capture.StatusContacted, At: at(6, 3*time.Hour)},
	}
	for i := range changes {
		changes[i].Source = "cli"
	}
	return leads, changes
}

// Load saves the fixed lead set into s and applies its status changes.
func Load(t testing.TB, s capture.Store) {
	t.Helper()
	ctx := context.Background()
	leads, changes := FixedLeads()
	for _, l := range leads {
		if _, _, err := s.Save(ctx, l, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range changes {
		if _, err := s.(capture.StatusStore).SetStatus(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
}

// RunReport checks the store's report on the fixed lead set against
// report.Build over the leads themselves (report.RowsOf), for several
// filters, and a few figures by hand.
func RunReport(t *testing.T, o Opener) {
	ctx := context.Background()
	s := open(t, o)
	src, ok := s.(report.Source)
	if !ok {
		t.Fatalf("%T is not a report.Source", s)
	}
	Load(t, s)
	day := func(d int) time.Time { return time.Date(2026, 11, 2+d, 0, 0, 0, 0, time.UTC) }
	filters := []report.Filter{{}, {Since: day(1)}, {Until: day(8)}, {Since: day(2), Until: day(9), Form: "contact"}, {Form: "demo"}}
	stored, err := s.List(ctx, capture.Query{IncludeSpam: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range filters {
		got, err := src.Report(ctx, f)
		if err != nil {
			t.Fatalf("Report(%+v): %v", f, err)
		}
		var rows []report.Row
		var delays []report.Delay
		for _, l := range stored {
			if !f.Since.IsZero() && l.CreatedAt.Before(f.Since) || !f.Until.IsZero() && !l.CreatedAt.Before(f.Until) || f.Form != "" && l.Form != f.Form {
				continue
			}
			rs, d := report.RowsOf(l)
			rows = append(rows, rs...)
			if d != nil {
				delays = append(delays, *d)
			}
		}
		want := report.Build(f, rows, delays)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Report(%s):\n got %+v\nwant %+v", f.Period(), got, want)
		}
	}
	all, _ := src.Report(ctx, report.Filter{})
	if all.Leads != 6 || all.Spam != 1 || all.Value.String() != "12,000 EUR + 500.50 USD" || all.Contacted != 5 || all.MedianContact != 3*time.Hour {
		t.Errorf("report = %d leads, %d spam, won %q, %d contacted, median %v", all.Leads, all.Spam, all.Value, all.Contacted, all.MedianContact)
	}
	if g := all.Groups[report.DimStory][0]; g.Key != "The first hour" || g.Leads != 3 || g.Contacted != 3 || g.Qualified != 2 || g.Won != 2 {
		t.Errorf("top story = %+v", g)
	}
	// An erased lead leaves the report.
	if _, err := s.Erase(ctx, "person1@customer.example"); err != nil {
		t.Fatal(err)
	}
	after, _ := src.Report(ctx, report.Filter{})
	if after.Leads != 5 || after.Value.String() != "500.50 USD" {
		t.Errorf("after erasing a won lead: %d leads, won %q", after.Leads, after.Value)
	}
}
