package render

import (
	"strings"

	"github.com/storyfront/storyfront/generator/outputs"
	"github.com/storyfront/storyfront/generator/site"
)

// Descriptor is what decides a page's template, as in Hugo: its kind,
// type, front matter layout, section (a taxonomy's singular name for
// taxonomy and term pages), language, and the output format rendered.
type Descriptor struct {
	Kind, Type, Layout, Section, Lang string
	Format                            outputs.Format
	// Baseof looks up the base template (baseof) of the page's layout.
	Baseof bool
}

// DescriptorOf returns p's descriptor for output format f.
func DescriptorOf(p *site.Page, f outputs.Format, singular map[string]string) Descriptor {
	d := Descriptor{Kind: p.Kind, Type: p.Type, Layout: p.Layout, Lang: langOf(p), Format: f}
	switch p.Kind {
	case site.KindSection:
		d.Section = p.Section
	case site.KindTaxonomy, site.KindTerm:
		d.Section = singular[p.Section]
		if d.Section == "" {
			d.Section = p.Section
		}
	}
	switch {
	case p.Kind == site.Kind404:
		// Hugo 0.111 looks up the 404 page by format alone: 404.html.html, 404.html.
		d.Type, d.Lang = "", ""
	case d.Type == "":
		d.Type = "page" // Hugo's type of a page outside any section
	}
	return d
}

// langOf is the language code templates may be named by (index.fr.html):
// the primary subtag of the site's language ("en" of "en-us").
func langOf(p *site.Page) string {
	if p.Site == nil || p.Site.LanguageCode == "" {
		return "en"
	}
	l, _, _ := strings.Cut(strings.ToLower(p.Site.LanguageCode), "-")
	return l
}

// reservedTypes never name a type folder of layouts.
var reservedTypes = map[string]bool{"shortcodes": true, "partials": true}

// Candidates lists the templates Hugo tries for d, most specific first:
// for each type folder (the page's type, its section, its kind, "",
// _default), each variant (language + format, format, language, none),
// each layout name (front matter layout, then by kind: single, list,
// index/home, terms, taxonomy, term...). For RSS the last resort is the
// built-in _internal/_default/rss.xml.
func Candidates(d Descriptor) []string {
	var types, layouts []string
	addType := func(vs ...string) {
		for _, v := range vs {
			if !reservedTypes[v] && !contains(types, v) {
				types = append(types, v)
			}
		}
	}
	addLayout := func(vs ...string) {
		for _, v := range vs {
			if d.Baseof && v != "baseof" {
				if v == "" {
					continue
				}
				v += "-baseof"
			}
			if !contains(layouts, v) {
				layouts = append(layouts, v)
			}
		}
	}
	addSectionType := func() {
		if d.Section != "" {
			addType(d.Section)
		}
	}
	addKind := func() {
		addLayout(d.Kind)
		addType(d.Kind)
	}
	if d.Layout != "" {
		addLayout(d.Layout)
	}
	if d.Type != "" {
		addType(d.Type)
	}
	switch d.Kind {
	case site.KindPage:
		addLayout("single")
		addSectionType()
	case site.KindHome:
		addLayout("index", "home")
		addType("")
	case site.KindSection:
		if d.Section != "" {
			addLayout(d.Section)
		}
		addSectionType()
		addKind()
	case site.KindTerm:
		addKind()
		if d.Section != "" {
			addLayout(d.Section)
		}
		addLayout("taxonomy")
		addType("taxonomy")
		addSectionType()
	case site.KindTaxonomy:
		if d.Section != "" {
			addLayout(d.Section + ".terms")
		}
		addSectionType()
		addLayout("terms")
		addKind() // last, as in Hugo, for old sites
	case site.Kind404:
		addLayout("404")
		addType("")
	}
	rss := strings.EqualFold(d.Format.Name, "RSS")
	if rss && !d.Baseof {
		addLayout("") // rss.xml, _default/rss.xml
	}
	if d.Baseof || d.Kind != site.Kind404 {
		addType("_default")
	}
	if d.Kind != site.KindPage && d.Kind != site.Kind404 {
		addLayout("list")
	}
	if d.Baseof {
		addLayout("baseof")
	}
	name := strings.ToLower(d.Format.Name)
	variants := []string{name, ""}
	if d.Lang != "" {
		variants = []string{d.Lang + "." + name, name, d.Lang, ""}
	}
	suffix := d.Format.Suffix()
	var out []string
	for _, t := range types {
		for _, v := range variants {
			for _, l := range layouts {
				if v == "" && l == "" {
					continue
				}
				out = append(out, layoutPath(t, l, v, suffix))
			}
		}
	}
	if rss && !d.Baseof {
		out = append(out, internalRSS)
	}
	return out
}

// internalRSS is the built-in feed template's name.
const internalRSS = "_internal/_default/rss.xml"

func layoutPath(typ, layout, variant, suffix string) string {
	var b strings.Builder
	if typ != "" {
		b.WriteString(typ)
		b.WriteByte('/')
	}
	parts := make([]string, 0, 3)
	for _, s := range []string{layout, variant, suffix} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	b.WriteString(strings.Join(parts, "."))
	return b.String()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
