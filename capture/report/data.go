package report

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/storyfront/storyfront/capture"
)

// Dimensions a lead is counted by, in the order reports show them.
const (
	DimStory    = "story"    // the story the form was sent from (last touch)
	DimFirst    = "first"    // the first story read (first touch)
	DimCampaign = "campaign" // utm_campaign
	DimSource   = "source"   // utm_source
	DimMedium   = "medium"   // utm_medium
	// DimAll has one key (""): the totals, per day and form, that the
	// weekly counts and totals come from.
	DimAll = "all"
)

// Dimensions lists the dimensions in report order.
func Dimensions() []string { return []string{DimStory, DimFirst, DimCampaign, DimSource, DimMedium} }

// Filter selects the leads a report counts. Since and Until are UTC days
// (Until exclusive); zero means unbounded.
type Filter struct {
	Since, Until time.Time
	Form         string
}

// Day is the UTC day number of t (days since 1970-01-01).
func Day(t time.Time) int64 { return t.UTC().Unix() / 86400 }

// Row is one tally: the leads of one UTC day and form that share a key in
// one dimension (and, for won leads, a currency).
type Row struct {
	Dim, Key  string
	Day       int64
	Form      string
	Currency  string // the currency of won leads; "" otherwise
	Spam      bool
	Leads     int
	Contacted int   // reached contacted or further
	Qualified int   // reached qualified or further
	Won       int   // status won
	Value     int64 // won value, minor units of Currency
}

// Delay is a count of leads whose first contact came Minutes after they arrived.
type Delay struct {
	Minutes int64
	N       int
}

// RowsOf returns the Rows one lead adds (one per dimension), and its
// Delay when it was contacted. Stores that cannot count in place (DynamoDB)
// use it, so every store counts alike.
func RowsOf(l *capture.Lead) ([]Row, *Delay) {
	o := l.Outcome
	base := Row{Day: Day(l.CreatedAt), Form: l.Form, Spam: l.Spam, Leads: 1}
	if o.Reached >= 1 {
		base.Contacted = 1
	}
	if o.Reached >= 2 {
		base.Qualified = 1
	}
	if o.State() == capture.StatusWon {
		base.Won, base.Value, base.Currency = 1, o.Value, o.Currency
	}
	a := l.Attribution
	keys := []string{a.Story, a.Journey.FirstStory(), a.UTMCampaign, a.UTMSource, a.UTMMedium}
	rows := make([]Row, len(keys)+1)
	for i, dim := range Dimensions() {
		rows[i] = base
		rows[i].Dim, rows[i].Key = dim, keys[i]
	}
	rows[len(keys)] = base
	rows[len(keys)].Dim = DimAll
	var d *Delay
	if !o.ContactedAt.IsZero() && !l.Spam {
		d = &Delay{Minutes: DelayBucket(int64(o.ContactedAt.Sub(l.CreatedAt) / time.Minute)), N: 1}
	}
	return rows, d
}

// DelayBucket rounds a time to first contact, in minutes, down to its
// bucket: the minute under 2 hours, 10 minutes under 2 days, the hour
// after. The median time to first contact is that precise; the buckets
// keep the SQLite tally small however many leads there are.
func DelayBucket(minutes int64) int64 {
	switch {
	case minutes < 0:
		return 0
	case minutes < 120:
		return minutes
	case minutes < 48*60:
		return minutes / 10 * 10
	}
	return minutes / 60 * 60
}

// Money is amounts by currency, in minor units.
type Money map[string]int64

// String writes the amounts largest currency first: "12,000 EUR + 500 USD"; "" when none.
func (m Money) String() string {
	var cs []string
	for c, v := range m {
		if v != 0 {
			cs = append(cs, c)
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		if m[cs[i]] != m[cs[j]] {
			return m[cs[i]] > m[cs[j]]
		}
		return cs[i] < cs[j]
	})
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = capture.FormatAmount(m[c]) + " " + c
	}
	return strings.Join(parts, " + ")
}

// Group is the count of one key of a dimension.
type Group struct {
	Key                              string
	Leads, Contacted, Qualified, Won int
	Value                            Money
}

// Week is the leads of one ISO week, by form.
type Week struct {
	Name   string // "2026-W48"
	Start  time.Time
	ByForm map[string]int
	Total  int
}

// Data is a computed report.
type Data struct {
	Filter      Filter
	Leads, Spam int
	Forms       []string // forms with leads, by name
	Weeks       []Week   // oldest first, only weeks with leads
	Groups      map[string][]Group
	// Contacted counts leads with a first contact; MedianContact is the
	// median time to it, to the minute.
	Contacted     int
	MedianContact time.Duration
	Value         Money // won value of every lead
}

// Build makes Data from tally rows and contact delays that a store
// selected with f (rows of spam leads are counted as spam only).
func Build(f Filter, rows []Row, delays []Delay) *Data {
	d := &Data{Filter: f, Groups: map[string][]Group{}, Value: Money{}}
	groups := map[string]map[string]*Group{}
	weeks := map[string]*Week{}
	forms := map[string]bool{}
	for _, r := range rows {
		if r.Dim == DimAll {
			d.addTotal(r, weeks, forms)
			continue
		}
		if r.Spam {
			continue
		}
		gs := groups[r.Dim]
		if gs == nil {
			gs = map[string]*Group{}
			groups[r.Dim] = gs
		}
		g := gs[r.Key]
		if g == nil {
			g = &Group{Key: r.Key, Value: Money{}}
			gs[r.Key] = g
		}
		g.Leads += r.Leads
		g.Contacted += r.Contacted
		g.Qualified += r.Qualified
		g.Won += r.Won
		if r.Value != 0 {
			g.Value[r.Currency] += r.Value
		}
	}
	for dim, gs := range groups {
		list := make([]Group, 0, len(gs))
		for _, g := range gs {
			list = append(list, *g)
		}
		sort.Slice(list, func(i, j int) bool {
			a, b := list[i], list[j]
			if a.Won != b.Won {
				return a.Won > b.Won
			}
			if a.Leads != b.Leads {
				return a.Leads > b.Leads
			}
			return a.Key < b.Key
		})
		d.Groups[dim] = list
	}
	for f := range forms {
		d.Forms = append(d.Forms, f)
	}
	sort.Strings(d.Forms)
	for _, w := range weeks {
		d.Weeks = append(d.Weeks, *w)
	}
	sort.Slice(d.Weeks, func(i, j int) bool { return d.Weeks[i].Start.Before(d.Weeks[j].Start) })
	d.Contacted, d.MedianContact = median(delays)
	return d
}

// addTotal counts a DimAll row: totals, spam, weeks and forms.
func (d *Data) addTotal(r Row, weeks map[string]*Week, forms map[string]bool) {
	if r.Spam {
		d.Spam += r.Leads
		return
	}
	d.Leads += r.Leads
	if r.Value != 0 {
		d.Value[r.Currency] += r.Value
	}
	if r.Leads == 0 {
		return
	}
	forms[r.Form] = true
	start := time.Unix(r.Day*86400, 0).UTC()
	start = start.AddDate(0, 0, -((int(start.Weekday()) + 6) % 7)) // back to Monday
	y, wk := start.ISOWeek()
	name := fmt.Sprintf("%d-W%02d", y, wk)
	w := weeks[name]
	if w == nil {
		w = &Week{Name: name, Start: start, ByForm: map[string]int{}}
		weeks[name] = w
	}
	w.ByForm[r.Form] += r.Leads
	w.Total += r.Leads
}

// median returns how many delays there are and their median, to the minute.
func median(delays []Delay) (int, time.Duration) {
	ds := append([]Delay(nil), delays...)
	sort.Slice(ds, func(i, j int) bool { return ds[i].Minutes < ds[j].Minutes })
	n := 0
	for _, d := range ds {
		n += d.N
	}
	if n == 0 {
		return 0, 0
	}
	// The lower median for an even count: a real lead's delay, not an average.
	seen, mid := 0, (n+1)/2
	for _, d := range ds {
		seen += d.N
		if seen >= mid {
			return n, time.Duration(d.Minutes) * time.Minute
		}
	}
	return n, 0
}

// Source is a store that can report (both stores implement it).
type Source interface {
	Report(ctx context.Context, f Filter) (*Data, error)
}
