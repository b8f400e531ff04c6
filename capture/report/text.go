package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/storyfront/storyfront/capture"
)

// titles names each dimension in a report.
var titles = map[string]string{
	DimStory:    "By story (last touch: the story the form was sent from)",
	DimFirst:    "By story (first touch: the first story read)",
	DimCampaign: "By campaign",
	DimSource:   "By source",
	DimMedium:   "By medium",
}

// Period says which days a report covers: "all time", "from 2026-01-01",
// "2026-01-01 to 2026-03-31" (Until is exclusive; the last day is shown).
func (f Filter) Period() string {
	day := func(t time.Time) string { return t.UTC().Format("2006-01-02") }
	var s string
	switch {
	case f.Since.IsZero() && f.Until.IsZero():
		s = "all time"
	case f.Until.IsZero():
		s = "from " + day(f.Since)
	case f.Since.IsZero():
		s = "until " + day(f.Until.AddDate(0, 0, -1))
	default:
		s = day(f.Since) + " to " + day(f.Until.AddDate(0, 0, -1))
	}
	if f.Form != "" {
		s += ", form " + f.Form
	}
	return s
}

// Count writes n with thousands separators.
func Count(n int) string { return capture.FormatAmount(int64(n) * 100) }

// Duration writes a time to first contact: "45m", "3h 20m", "2d 4h".
func Duration(d time.Duration) string {
	m := int64(d / time.Minute)
	switch {
	case m < 60:
		return strconv.FormatInt(m, 10) + "m"
	case m < 48*60:
		return fmt.Sprintf("%dh %02dm", m/60, m%60)
	}
	return fmt.Sprintf("%dd %dh", m/1440, m%1440/60)
}

// Name is a group key as a report shows it: "(none)" for an empty one,
// neutralized for a terminal.
func Name(key string) string {
	if key == "" {
		return "(none)"
	}
	return capture.Printable(key)
}

// Text writes d as the plain-text report `storyfront leads report` prints.
func Text(w io.Writer, d *Data) error {
	ew := &errWriter{w: w}
	fmt.Fprintf(ew, "%s leads (%s more marked as spam), %s\n", Count(d.Leads), Count(d.Spam), d.Filter.Period())
	if v := d.Value.String(); v != "" {
		fmt.Fprintf(ew, "Won: %s\n", v)
	}
	if d.Contacted > 0 {
		fmt.Fprintf(ew, "Median time to first contact: %s (%s leads contacted)\n", Duration(d.MedianContact), Count(d.Contacted))
	} else {
		fmt.Fprintln(ew, "Median time to first contact: - (no lead contacted yet)")
	}
	if len(d.Weeks) > 0 {
		fmt.Fprintln(ew, "\nLeads per week")
		tw := tabwriter.NewWriter(ew, 0, 4, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintf(tw, "WEEK\t%s\tTOTAL\t\n", strings.ToUpper(strings.Join(printable(d.Forms), "\t")))
		for _, wk := range d.Weeks {
			fmt.Fprintf(tw, "%s\t", wk.Name)
			for _, f := range d.Forms {
				fmt.Fprintf(tw, "%s\t", Count(wk.ByForm[f]))
			}
			fmt.Fprintf(tw, "%s\t\n", Count(wk.Total))
		}
		tw.Flush()
	}
	for _, dim := range Dimensions() {
		fmt.Fprintf(ew, "\n%s\n", titles[dim])
		tw := tabwriter.NewWriter(ew, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "LEADS\tCONTACTED\tQUALIFIED\tWON\tWON VALUE\tNAME")
		for _, g := range d.Groups[dim] {
			v := g.Value.String()
			if v == "" {
				v = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", Count(g.Leads), Count(g.Contacted), Count(g.Qualified), Count(g.Won), v, cut(Name(g.Key), 70))
		}
		tw.Flush()
	}
	return ew.err
}

func printable(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = capture.Printable(s)
	}
	return out
}

func cut(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

// errWriter keeps the first write error.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return len(p), nil
	}
	_, e.err = e.w.Write(p)
	return len(p), nil
}
