package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
)

// formOrder is the field order and labels site.yaml declares per form, so
// list, show and export follow the form rather than the alphabet. Without
// a readable site.yaml (leads read elsewhere) fields come sorted by name.
type formOrder struct {
	site *schema.Site
}

func loadFormOrder(dir string) formOrder {
	site, err := schema.Load(dir)
	if err != nil {
		return formOrder{}
	}
	return formOrder{site: site}
}

// fields returns the lead's field names: its form's order, then any
// other field it holds, sorted.
func (o formOrder) fields(l *capture.Lead) []string {
	var out []string
	seen := map[string]bool{}
	if o.site != nil {
		if f := o.site.Forms[l.Form]; f != nil {
			for _, fd := range f.Fields {
				seen[fd.Name] = true
				if _, ok := l.Fields[fd.Name]; ok {
					out = append(out, fd.Name)
				}
			}
		}
	}
	for _, n := range l.FieldNames() {
		if !seen[n] {
			out = append(out, n)
		}
	}
	return out
}

// columns is every field name of leads, in the order of the forms (by
// the order forms first appear), then others sorted.
func (o formOrder) columns(leads []*capture.Lead) []string {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	forms := map[string]bool{}
	for _, l := range leads {
		if forms[l.Form] || o.site == nil || o.site.Forms[l.Form] == nil {
			continue
		}
		forms[l.Form] = true
		for _, fd := range o.site.Forms[l.Form].Fields {
			add(fd.Name)
		}
	}
	var rest []string
	for _, l := range leads {
		for n := range l.Fields {
			if !seen[n] {
				rest = append(rest, n)
			}
		}
	}
	sort.Strings(rest)
	for _, n := range rest {
		add(n)
	}
	return out
}

// shortColumns are the declared fields list shows between company and
// story: short inputs (not textareas, hidden or checkboxes) other than
// name, email and company, in form order.
func (o formOrder) shortColumns(leads []*capture.Lead) []string {
	if o.site == nil {
		return nil
	}
	short := map[string]bool{}
	for _, f := range o.site.Forms {
		for _, fd := range f.Fields {
			switch fd.Type {
			case schema.TypeTextarea, schema.TypeHidden, schema.TypeCheckbox:
			default:
				short[fd.Name] = fd.Limit() <= 254
			}
		}
	}
	var out []string
	for _, n := range o.columns(leads) {
		if short[n] && n != "name" && n != "email" && n != "company" {
			out = append(out, n)
		}
	}
	return out
}

// age says how long ago t was: "12m", "5h", "3d", "7w".
func age(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", max(int(d/time.Minute), 0))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d/time.Hour))
	case d < 14*24*time.Hour:
		return fmt.Sprintf("%dd", int(d/(24*time.Hour)))
	}
	return fmt.Sprintf("%dw", int(d/(7*24*time.Hour)))
}

// journeyLines describes a journey for leads show.
func journeyLines(j *capture.Journey) [][2]string {
	if j.Empty() {
		return nil
	}
	touch := func(t *capture.Touch) string {
		var parts []string
		if t.Page != "" {
			parts = append(parts, t.Page)
		}
		for _, kv := range [][2]string{{"referrer", t.Referrer}, {"source", t.Source}, {"medium", t.Medium}, {"campaign", t.Campaign}, {"term", t.Term}, {"content", t.Content}} {
			if kv[1] != "" {
				parts = append(parts, kv[0]+" "+kv[1])
			}
		}
		if !t.At.IsZero() {
			parts = append(parts, t.At.UTC().Format(time.RFC3339))
		}
		return strings.Join(parts, ", ")
	}
	var out [][2]string
	if j.First != nil {
		out = append(out, [2]string{"first touch", touch(j.First)})
	}
	if j.Last != nil {
		out = append(out, [2]string{"last touch", touch(j.Last)})
	}
	for i, s := range j.Stories {
		v := s.Title
		if s.Page != "" {
			v += " (" + s.Page + ")"
		}
		v += fmt.Sprintf(", %ds", s.Seconds)
		out = append(out, [2]string{fmt.Sprintf("story %d", i+1), v})
	}
	return out
}

// historyLine is one status change in a line.
func historyLine(c capture.StatusChange) string {
	s := c.At.UTC().Format("2006-01-02 15:04") + " " + c.Status
	if c.Currency != "" {
		s += " " + capture.FormatAmount(c.Value) + " " + c.Currency
	}
	s += " (" + c.Source + ")"
	if c.Note != "" {
		s += ": " + c.Note
	}
	return s
}

// storiesLine is the journey's stories for a CSV cell: "A → B".
func storiesLine(j *capture.Journey) string {
	if j == nil {
		return ""
	}
	t := make([]string, len(j.Stories))
	for i, s := range j.Stories {
		t[i] = s.Title
	}
	return strings.Join(t, " → ")
}

// statusHistory is the lead's status history, or none for a store that
// keeps no status.
func statusHistory(ctx context.Context, s capture.Store, id string) ([]capture.StatusChange, error) {
	ss, ok := s.(capture.StatusStore)
	if !ok {
		return nil, nil
	}
	return ss.History(ctx, id)
}
