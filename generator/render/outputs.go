package render

import (
	"embed"
	"encoding/xml"
	"fmt"
	"html"
	"html/template"
	"io"
	"path"
	"strings"
	ttemplate "text/template"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/site"
)

// The built-in templates of the machine-read outputs (feeds, sitemap.xml,
// robots.txt), used when neither the site nor its theme has one. They are
// text/template with explicit escaping (xmlEscape), so their output is
// exact; a site's own .xml templates are html/template, as in Hugo.
//
//go:embed all:embedded
var embedded embed.FS

// OutputTemplate makes a machine-read output: a feed, sitemap.xml or
// robots.txt.
type OutputTemplate struct {
	Name   string // "_default/rss.xml"
	File   string // relative to the site folder; "" for the built-in default
	Broken bool   // it failed to parse (reported once, by New)
	exec   interface {
		Execute(io.Writer, any) error
	}
}

// Builtin reports whether t is Storyfront's embedded default.
func (t *OutputTemplate) Builtin() bool { return t.File == "" }

// Template names of the machine-read outputs, in Hugo's lookup order.
const (
	rssDefault     = "_default/rss.xml"
	sitemapDefault = "_default/sitemap.xml"
	robotsDefault  = "_default/robots.txt"
	// sitemapIndexDefault is a multilingual site's /sitemap.xml, which
	// lists each language's sitemap.
	sitemapIndexDefault = "_default/sitemapindex.xml"
	// hugoSitemap is the default sitemap of a Hugo site: hugo 0.111.3's
	// layout, with each page's translations as xhtml:link alternates.
	hugoSitemap = "_internal/_default/sitemap.xml"
)

// FeedCandidates lists the templates tried for the feed of list page p.
func FeedCandidates(p *site.Page) []string {
	if p.IsHome {
		return []string{"index.rss.xml", "home.rss.xml", "rss.xml", "list.rss.xml",
			"_default/index.rss.xml", "_default/home.rss.xml", rssDefault, "_default/list.rss.xml"}
	}
	sec := p.Section
	return []string{sec + "/section.rss.xml", sec + "/rss.xml", sec + "/list.rss.xml",
		"section/section.rss.xml", "section/rss.xml", "section/list.rss.xml",
		"_default/section.rss.xml", rssDefault, "_default/list.rss.xml"}
}

// SitemapCandidates lists the templates tried for sitemap.xml.
func SitemapCandidates() []string { return []string{"sitemap.xml", sitemapDefault} }

// SitemapIndexCandidates lists the templates tried for a multilingual
// site's sitemap index.
func SitemapIndexCandidates() []string {
	return []string{"sitemapindex.xml", sitemapIndexDefault}
}

// RobotsCandidates lists the templates tried for robots.txt.
func RobotsCandidates() []string { return []string{"robots.txt", robotsDefault} }

// isOutputTemplate reports whether a layouts/ file is a machine-read
// output's template (not a page layout or partial).
func isOutputTemplate(name string) bool {
	if strings.HasPrefix(name, "partials/") {
		return false
	}
	base := path.Base(name)
	return strings.HasSuffix(base, "rss.xml") || base == "sitemap.xml" || base == "sitemapindex.xml" || base == "robots.txt"
}

// compileOutputs compiles the site's and theme's output templates and the
// built-in defaults.
func (r *Renderer) compileOutputs(funcs template.FuncMap, errs *diag.List, lacking map[string]bool) {
	r.outputs = map[string]*OutputTemplate{}
	for _, name := range sortedNames(r.layouts) {
		l := r.layouts[name]
		if !isOutputTemplate(name) {
			continue
		}
		t := &OutputTemplate{Name: name, File: l.file}
		if lacking[name] {
			t.Broken = true
			r.outputs[name] = t
			continue
		}
		var err error
		if strings.HasSuffix(name, ".txt") {
			t.exec, err = ttemplate.New(name).Funcs(ttemplate.FuncMap(funcs)).Parse(l.src)
		} else {
			t.exec, err = template.New(name).Funcs(funcs).Parse(l.src)
		}
		if err != nil {
			errs.Add(l.file, r.templateError(l.file, err))
			t.Broken = true
		}
		r.outputs[name] = t
	}
	r.builtins = map[string]*OutputTemplate{}
	for _, name := range []string{rssDefault, sitemapDefault, sitemapIndexDefault, robotsDefault} {
		file := name
		if name == sitemapDefault && r.cfg.FromHugo() {
			file = hugoSitemap // Hugo's own, for Hugo sites
		}
		src, err := embedded.ReadFile("embedded/" + file)
		if err != nil {
			panic(err) // embedded at build time
		}
		r.builtins[name] = &OutputTemplate{Name: name,
			exec: ttemplate.Must(ttemplate.New(name).Funcs(ttemplate.FuncMap(funcs)).Parse(string(src)))}
	}
}

// Output returns the first of the candidate templates the site or theme
// has, else the built-in default (the last candidate named _default/...).
func (r *Renderer) Output(candidates []string) *OutputTemplate {
	for _, name := range candidates {
		if t := r.outputs[name]; t != nil {
			return t
		}
	}
	for _, name := range candidates {
		if t := r.builtins[name]; t != nil {
			return t
		}
	}
	return nil
}

// ExecuteOutput runs t with data. Its error is located in the template.
func (r *Renderer) ExecuteOutput(w io.Writer, t *OutputTemplate, data any) error {
	defer r.timer()(t.Name)
	if err := t.exec.Execute(w, data); err != nil {
		if t.Builtin() {
			return fmt.Errorf("built-in %s: %w", t.Name, err)
		}
		return r.templateError(t.File, err)
	}
	return nil
}

// xmlEscape escapes text for XML element content or an attribute value
// (&, <, >, quotes, and tab, newline and carriage return as references).
// It returns template.HTML so that html/template does not escape it again.
func xmlEscape(v any) template.HTML {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(toString(v)))
	return template.HTML(b.String())
}

// htmlEscape escapes &, <, >, ' and " (as Hugo's htmlEscape).
func htmlEscape(v any) string { return html.EscapeString(toString(v)) }

func toString(v any) string {
	switch s := v.(type) {
	case nil:
		return "" // as Hugo's cast gives it
	case string:
		return s
	case template.HTML:
		return string(s)
	}
	return fmt.Sprint(v)
}

// hugoInfo is what the hugo template function returns (as in Hugo).
type hugoInfo struct{ s *site.Site }

// Environment is the build's environment ("production", "development"...).
func (h hugoInfo) Environment() string { return h.s.Environment }

// IsProduction reports whether the build is the public site (see
// site.Site.IsProduction).
func (h hugoInfo) IsProduction() bool { return h.s.IsProduction() }

// IsDevelopment reports whether the build is the dev server's.
func (h hugoInfo) IsDevelopment() bool { return h.s.Environment == "development" }
