package render

import (
	"testing"

	"github.com/storyfront/storyfront/generator/site"
)

// TestLayoutDependencies: what the dependency model reads from layouts.
func TestLayoutDependencies(t *testing.T) {
	tests := []struct {
		name, layout, card string
		siteWide           bool
		content, pages     bool
		siteText           bool
	}{
		{name: "own fields", layout: `{{ .Title }}{{ .Content }}{{ .Summary }}`},
		{name: "neighbour summary", layout: `{{ with .Prev }}{{ .Summary }}{{ end }}`, content: true},
		{name: "related reading time", layout: `{{ range .Related }}{{ .ReadingTime }}{{ end }}`, content: true},
		{name: "neighbour title", layout: `{{ with .Prev }}{{ .Title }}{{ end }}{{ .Next.Title }}`},
		{name: "two hops in a chain", layout: `{{ .Prev.Next.Title }}`, siteWide: true},
		{name: "hop inside a list", layout: `{{ range .Pages }}{{ .Prev.Title }}{{ end }}`, siteWide: true, pages: true},
		{name: "hop through a variable", layout: `{{ $ps := .Pages }}{{ range $ps }}{{ .Title }}{{ end }}{{ range $p := .Related }}{{ $p.Related }}{{ end }}`, siteWide: true, pages: true},
		{name: "paginated summaries", layout: `{{ range .Paginator.Pages }}{{ .Summary }}{{ end }}{{ with .Paginator }}{{ .Next }}{{ end }}{{ .Paginator.Prev }}`, content: true},
		{name: "term pages", layout: `{{ .Term.Name }}{{ range .Term.Pages }}{{ .Title }}{{ end }}`, pages: true},
		{name: "site pages", layout: `{{ range .Site.RegularPages }}{{ .Title }}{{ end }}`, siteWide: true},
		{name: "site pages through a variable", layout: `{{ $s := where .Site.RegularPages "Section" "x" }}{{ range first 3 $s }}{{ partial "card" . }}{{ end }}`,
			card: `{{ .Summary }}`, siteWide: true, content: true, siteText: true},
		{name: "breadcrumb and tag links", layout: `{{ range where .Site.Sections "Section" .Section }}{{ .Title }}{{ end }}` +
			`{{ range .Tags }}{{ range where $.Site.Tags "Name" . }}{{ .RelPermalink }}{{ end }}{{ end }}{{ range .Related }}{{ .Summary }}{{ end }}`,
			siteWide: true, content: true},
		{name: "site tags", layout: `{{ range .Site.Tags }}{{ .Name }}{{ end }}{{ .Content }}`, siteWide: true},
		{name: "site pages text", layout: `{{ range .Site.RegularPages }}{{ .Summary }}{{ end }}`, siteWide: true, content: true, siteText: true},
		{name: "site passed on", layout: `{{ with .Site }}{{ range .Tags }}{{ end }}{{ end }}`, siteWide: true},
		{name: "card without hops", layout: `{{ range .Pages }}{{ partial "card" . }}{{ end }}`, card: `{{ .Title }}{{ .Summary }}`, content: true, pages: true},
		{name: "card that hops", layout: `{{ range .Pages }}{{ partial "card.html" . }}{{ end }}`, card: `{{ .Next.Title }}`, siteWide: true, pages: true},
		{name: "card on the page itself", layout: `{{ partial "card" . }}`, card: `{{ .Summary }}`},
		{name: "card on a neighbour", layout: `{{ partial "card" .Prev }}`, card: `{{ range .Related }}{{ end }}`, siteWide: true},
		{name: "jsonify shows everything", layout: `{{ jsonify . }}`, content: true, siteText: true},
		{name: "site passed to a text partial", layout: `{{ partial "card" .Site }}`, card: `{{ range .RegularPages }}{{ .Content }}{{ end }}`, siteWide: true, content: true, siteText: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"layouts/_default/single.html": tt.layout}
			if tt.card != "" {
				files["layouts/partials/card.html"] = tt.card
			}
			r := newTestRenderer(t, files)
			l, _ := r.Lookup(&site.Page{Kind: site.KindPage})
			if l.SiteWide != tt.siteWide || l.UsesContent != tt.content || l.UsesPages != tt.pages || l.SiteText != tt.siteText {
				t.Errorf("SiteWide %v UsesContent %v UsesPages %v SiteText %v; want %v %v %v %v",
					l.SiteWide, l.UsesContent, l.UsesPages, l.SiteText, tt.siteWide, tt.content, tt.pages, tt.siteText)
			}
		})
	}
}

// TestUsesPaginator: a layout is split into pager pages only when it, its
// baseof or a partial it calls mentions .Paginator; a theme's pagination
// partial that this layout never calls does not count.
func TestUsesPaginator(t *testing.T) {
	tests := []struct {
		name   string
		layout string
		want   bool
	}{
		{"own", `{{ range .Paginator.Pages }}{{ .Title }}{{ end }}`, true},
		{"partial not called", `{{ range .Terms }}{{ .Name }}{{ end }}`, false},
		{"partial called", `{{ partial "pagination.html" . }}`, true},
		{"partial called without .html", `{{ partial "pagination" . }}`, true},
		{"through another partial", `{{ partial "footer" . }}`, true},
		{"unrelated partial", `{{ partial "card" . }}`, false},
		{"partial named at run time", `{{ partial (printf "%s" "card") . }}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newTestRenderer(t, map[string]string{
				"layouts/_default/list.html":       tt.layout,
				"layouts/partials/pagination.html": `{{ with .Paginator }}{{ .Next }}{{ end }}`,
				"layouts/partials/footer.html":     `<footer>{{ template "partials/pagination.html" . }}</footer>`,
				"layouts/partials/card.html":       `{{ .Title }}`,
			})
			if l, _ := r.Lookup(&site.Page{Kind: site.KindSection}); l.UsesPaginator != tt.want {
				got := l.UsesPaginator
				t.Errorf("UsesPaginator = %v, want %v", got, tt.want)
			}
		})
	}
}
