package digest

import (
	"fmt"
	"html"
	"strings"

	"github.com/storyfront/storyfront/capture/report"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink"
)

// topN is how many stories and campaigns the digest names.
const topN = 5

// Email renders the digest of d for week.
func Email(d *report.Data, week string, cfg *schema.Digest, from string) *sink.Email {
	subject := cfg.Subject
	if subject == "" {
		subject = "Leads this week"
	}
	won := d.Value.String()
	if won == "" {
		won = "nothing yet"
	}
	lines := []string{
		fmt.Sprintf("%s leads (%s more marked as spam), %s.", report.Count(d.Leads), report.Count(d.Spam), d.Filter.Period()),
		"Won: " + won + ".",
	}
	if d.Contacted > 0 {
		lines = append(lines, fmt.Sprintf("Median time to first contact: %s (%s leads contacted).", report.Duration(d.MedianContact), report.Count(d.Contacted)))
	}
	sections := []struct{ title, dim string }{
		{"Top stories (the story the form was sent from)", report.DimStory},
		{"Top first stories (what they read first)", report.DimFirst},
		{"Top campaigns", report.DimCampaign},
	}
	var text, body strings.Builder
	fmt.Fprintf(&text, "Storyfront weekly digest, %s\n\n%s\n", week, strings.Join(lines, "\n"))
	e := html.EscapeString
	fmt.Fprintf(&body, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body style=\"font-family:system-ui,sans-serif;color:#111827\">\n<h1 style=\"font-size:1.25rem\">Weekly digest, %s</h1>\n", e(subject), e(week))
	for _, l := range lines {
		fmt.Fprintf(&body, "<p>%s</p>\n", e(l))
	}
	for _, sec := range sections {
		gs := d.Groups[sec.dim]
		if len(gs) > topN {
			gs = gs[:topN]
		}
		if len(gs) == 0 {
			continue
		}
		fmt.Fprintf(&text, "\n%s\n", sec.title)
		fmt.Fprintf(&body, "<h2 style=\"font-size:1rem\">%s</h2>\n<table style=\"border-collapse:collapse\">\n<tr><th align=\"left\">name</th><th>leads</th><th>won</th><th>won value</th></tr>\n", e(sec.title))
		for _, g := range gs {
			v := g.Value.String()
			if v == "" {
				v = "-"
			}
			name := sink.OneLine(report.Name(g.Key), 100)
			fmt.Fprintf(&text, "  %s: %s leads, %s won, %s\n", name, report.Count(g.Leads), report.Count(g.Won), v)
			fmt.Fprintf(&body, "<tr><td>%s</td><td align=\"right\">%s</td><td align=\"right\">%s</td><td align=\"right\">%s</td></tr>\n", e(name), report.Count(g.Leads), report.Count(g.Won), e(v))
		}
		body.WriteString("</table>\n")
	}
	text.WriteString("\nThe full report: storyfront leads report --html report.html\n")
	body.WriteString("<p style=\"color:#4b5563\">The full report: <code>storyfront leads report --html report.html</code></p>\n</body></html>\n")
	return &sink.Email{From: from, To: append([]string(nil), cfg.To...),
		Subject: sink.OneLine(fmt.Sprintf("%s: %s leads, %s won (%s)", subject, report.Count(d.Leads), won, week), 200),
		Text:    text.String(), HTML: body.String(), LeadID: "digest-" + week}
}
