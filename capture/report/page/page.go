// Package page writes a report as one self-contained HTML page: inline
// CSS and SVG charts, no script, no external request, so it opens
// offline, can be mailed as an attachment and prints well. It is apart
// from package report so the Lambda binary does not carry it.
package page

import (
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/storyfront/storyfront/capture/report"
)

// palette colours the forms and the funnel stages (colour-blind safe).
var palette = []string{"#1d4ed8", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#0e7490", "#be123c", "#4b5563"}

const css = `body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111827;max-width:980px;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid #d6dbe4;padding-bottom:.25rem}
.lede{color:#4b5563;margin:.25rem 0 1rem}.figures{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.figure{border:1px solid #d6dbe4;border-radius:6px;padding:.5rem 1rem;min-width:9rem}.figure b{display:block;font-size:1.4rem}
.pair{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem}figure{margin:0;min-width:0}svg.bars{max-width:560px}@media(max-width:760px){.pair{grid-template-columns:1fr}}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}th,td{text-align:left;padding:.2rem .5rem;border-bottom:1px solid #e5e7eb}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}svg{max-width:100%;height:auto;display:block}
svg text{font:12px system-ui,sans-serif;fill:#111827}.legend span{display:inline-block;margin-right:1rem}.legend i{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:middle}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}section,figure{break-inside:avoid}}`

// Write writes d as an HTML page; generated names when the page was made.
func Write(w io.Writer, d *report.Data, generated time.Time) error {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"+
		"<title>Leads report: %s</title>\n<style>%s</style></head>\n<body>\n", e(d.Filter.Period()), css)
	fmt.Fprintf(&b, "<h1>Which stories make customers</h1>\n<p class=\"lede\">Leads report, %s. Made %s UTC by <code>storyfront leads report</code>.</p>\n",
		e(d.Filter.Period()), generated.UTC().Format("2006-01-02 15:04"))
	won := d.Value.String()
	if won == "" {
		won = "—"
	}
	contact := "—"
	if d.Contacted > 0 {
		contact = report.Duration(d.MedianContact)
	}
	fmt.Fprintf(&b, "<div class=\"figures\"><div class=\"figure\"><b>%s</b>leads</div><div class=\"figure\"><b>%s</b>more marked as spam (not counted)</div>"+
		"<div class=\"figure\"><b>%s</b>won</div><div class=\"figure\"><b>%s</b>median time to first contact (%s contacted)</div></div>\n",
		report.Count(d.Leads), report.Count(d.Spam), e(won), contact, report.Count(d.Contacted))

	b.WriteString("<section><h2>Leads per week, by form</h2>\n")
	weeksChart(&b, d)
	b.WriteString("</section>\n")

	b.WriteString("<section><h2>By story: leads, qualified and won</h2>\n<div class=\"pair\">")
	for _, dim := range []string{report.DimFirst, report.DimStory} {
		title := "First touch: the first story read"
		if dim == report.DimStory {
			title = "Last touch: the story the form was sent from"
		}
		fmt.Fprintf(&b, "<figure><figcaption><b>%s</b></figcaption>\n", title)
		groupChart(&b, d.Groups[dim], 10)
		groupTable(&b, d.Groups[dim])
		b.WriteString("</figure>")
	}
	b.WriteString("</div></section>\n")

	b.WriteString("<section><h2>Funnel per story (last touch): new → contacted → qualified → won</h2>\n")
	funnelChart(&b, d.Groups[report.DimStory], 8)
	b.WriteString("</section>\n")

	for _, dim := range []string{report.DimCampaign, report.DimSource, report.DimMedium} {
		fmt.Fprintf(&b, "<section><h2>By %s</h2>\n", dim)
		groupChart(&b, d.Groups[dim], 10)
		groupTable(&b, d.Groups[dim])
		b.WriteString("</section>\n")
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func legend(b *strings.Builder, names, colours []string) {
	b.WriteString(`<p class="legend">`)
	for i, n := range names {
		fmt.Fprintf(b, `<span><i style="background:%s"></i>%s</span>`, colours[i], html.EscapeString(n))
	}
	b.WriteString("</p>\n")
}

// weeksChart is a stacked bar per week, one colour per form.
func weeksChart(b *strings.Builder, d *report.Data) {
	if len(d.Weeks) == 0 {
		b.WriteString("<p>No leads in this period.</p>\n")
		return
	}
	max := 1
	for _, w := range d.Weeks {
		max = maxInt(max, w.Total)
	}
	const h, top, left = 180.0, 10.0, 40.0
	bw := 640.0 / float64(len(d.Weeks))
	fmt.Fprintf(b, `<svg viewBox="0 0 700 230" role="img" aria-label="Leads per week, by form">`)
	fmt.Fprintf(b, `<text x="%g" y="%g" text-anchor="end">%s</text><text x="%g" y="%g" text-anchor="end">0</text>`, left-4, top+10, report.Count(max), left-4, top+h)
	colours := make([]string, len(d.Forms))
	for i := range d.Forms {
		colours[i] = palette[i%len(palette)]
	}
	for i, w := range d.Weeks {
		x, y := left+float64(i)*bw, top+h
		for fi, f := range d.Forms {
			n := w.ByForm[f]
			if n == 0 {
				continue
			}
			bh := h * float64(n) / float64(max)
			y -= bh
			fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s, %s: %s</title></rect>`,
				x+1, y, maxF(bw-2, 1), bh, colours[fi], w.Name, html.EscapeString(f), report.Count(n))
		}
		if len(d.Weeks) <= 16 || i%(len(d.Weeks)/8+1) == 0 {
			fmt.Fprintf(b, `<text x="%.1f" y="%g" text-anchor="middle">%s</text>`, x+bw/2, top+h+16, w.Name[5:])
		}
	}
	b.WriteString("</svg>\n")
	legend(b, d.Forms, colours)
}

// groupChart is three bars per key: leads, qualified, won, with the won value.
func groupChart(b *strings.Builder, gs []report.Group, limit int) {
	if len(gs) == 0 {
		b.WriteString("<p>No leads.</p>\n")
		return
	}
	if len(gs) > limit {
		gs = gs[:limit]
	}
	max := 1
	for _, g := range gs {
		max = maxInt(max, g.Leads)
	}
	const rowH, labelW, barW = 58.0, 170.0, 180.0
	fmt.Fprintf(b, `<svg class="bars" viewBox="0 0 460 %g" role="img" aria-label="Leads, qualified and won">`, rowH*float64(len(gs))+4)
	for i, g := range gs {
		y := float64(i) * rowH
		fmt.Fprintf(b, `<text x="0" y="%.1f">%s</text>`, y+14, html.EscapeString(cutName(report.Name(g.Key), 26)))
		for j, bar := range []struct {
			n      int
			colour string
			what   string
		}{{g.Leads, "#93c5fd", "leads"}, {g.Qualified, "#3b82f6", "qualified"}, {g.Won, "#1e3a8a", "won"}} {
			wd := barW * float64(bar.n) / float64(max)
			fmt.Fprintf(b, `<rect x="%g" y="%.1f" width="%.1f" height="11" fill="%s"><title>%s: %s</title></rect>`,
				labelW, y+4+float64(j)*12, wd, bar.colour, bar.what, report.Count(bar.n))
		}
		label := fmt.Sprintf("%s %s, %s won", report.Count(g.Leads), plural(g.Leads, "lead", "leads"), report.Count(g.Won))
		if v := g.Value.String(); v != "" {
			label += ", " + v
		}
		fmt.Fprintf(b, `<text x="%g" y="%.1f" font-size="11">%s</text>`, labelW, y+52, html.EscapeString(label))
	}
	b.WriteString("</svg>\n")
	legend(b, []string{"leads", "qualified", "won"}, []string{"#93c5fd", "#3b82f6", "#1e3a8a"})
}

// funnelChart is one row per story: its leads at each funnel stage.
func funnelChart(b *strings.Builder, gs []report.Group, limit int) {
	if len(gs) == 0 {
		b.WriteString("<p>No leads.</p>\n")
		return
	}
	if len(gs) > limit {
		gs = gs[:limit]
	}
	stages := []string{"new", "contacted", "qualified", "won"}
	colours := []string{"#bfdbfe", "#60a5fa", "#2563eb", "#1e3a8a"}
	const rowH, labelW, colW = 26.0, 230.0, 120.0
	fmt.Fprintf(b, `<svg viewBox="0 0 720 %g" role="img" aria-label="Funnel per story">`, rowH*float64(len(gs)+1))
	for s, name := range stages {
		fmt.Fprintf(b, `<text x="%g" y="14">%s</text>`, labelW+float64(s)*colW, name)
	}
	for i, g := range gs {
		y := rowH * float64(i+1)
		fmt.Fprintf(b, `<text x="0" y="%.1f">%s</text>`, y+13, html.EscapeString(cutName(report.Name(g.Key), 34)))
		counts := []int{g.Leads, g.Contacted, g.Qualified, g.Won}
		for s, n := range counts {
			wd := (colW - 40) * float64(n) / float64(maxInt(g.Leads, 1))
			fmt.Fprintf(b, `<rect x="%g" y="%.1f" width="%.1f" height="16" fill="%s"><title>%s: %s</title></rect><text x="%.1f" y="%.1f" font-size="11">%s</text>`,
				labelW+float64(s)*colW, y+2, wd, colours[s], stages[s], report.Count(n), labelW+float64(s)*colW+wd+3, y+14, report.Count(n))
		}
	}
	b.WriteString("</svg>\n")
}

func groupTable(b *strings.Builder, gs []report.Group) {
	b.WriteString(`<table><thead><tr><th>name</th><th class="n">leads</th><th class="n">contacted</th><th class="n">qualified</th><th class="n">won</th><th class="n">won value</th></tr></thead><tbody>`)
	for _, g := range gs {
		v := g.Value.String()
		if v == "" {
			v = "—"
		}
		fmt.Fprintf(b, `<tr><td>%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td><td class="n">%s</td></tr>`,
			html.EscapeString(report.Name(g.Key)), report.Count(g.Leads), report.Count(g.Contacted), report.Count(g.Qualified), report.Count(g.Won), html.EscapeString(v))
	}
	b.WriteString("</tbody></table>\n")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func cutName(s string, max int) string {
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}

func maxInt(a, b int) int {
	if a > b {
		return a
	}
	return b
}

func maxF(a, b float64) float64 {
	if a > b {
		return a
	}
	return b
}
