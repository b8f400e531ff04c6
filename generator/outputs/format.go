// Package outputs holds Hugo's output formats and media types: which files
// a page is rendered to (HTML, RSS, JSON, a custom Atom feed...), with
// what media type, file name and link relation, and which formats each
// kind of page gets (the outputs: setting).
package outputs

import (
	"fmt"
	"sort"
	"strings"
)

// MediaType is a media type with its file suffixes, as Hugo's mediaTypes
// setting declares it. In templates, {{ .MediaType }} prints Type.
type MediaType struct {
	Type     string   // "application/rss+xml"
	MainType string   // "application"
	SubType  string   // "rss"
	Suffixes []string // "xml"
	// Delimiter goes between a file's base name and the suffix: "." unless
	// the mediaTypes setting says otherwise ("" with no suffixes makes
	// Netlify's _redirects).
	Delimiter string
}

// String is the full type, "application/rss+xml".
func (m MediaType) String() string { return m.Type }

// Suffix is the first suffix, without a dot ("xml").
func (m MediaType) Suffix() string {
	if len(m.Suffixes) == 0 {
		return ""
	}
	return m.Suffixes[0]
}

// FirstSuffix is Hugo's .MediaType.FirstSuffix (.Suffix, .FullSuffix).
func (m MediaType) FirstSuffix() Suffix {
	return Suffix{Suffix: m.Suffix(), FullSuffix: m.FullSuffix()}
}

// FullSuffix is the delimiter and the first suffix (".xml"), what a file
// name ends with.
func (m MediaType) FullSuffix() string {
	if m.Suffix() == "" {
		return "" // no suffix, no delimiter either (Hugo's _redirects)
	}
	return m.Delimiter + m.Suffix()
}

// Suffix is a media type's file suffix.
type Suffix struct{ Suffix, FullSuffix string }

// newMediaType splits "application/rss+xml" into its parts.
func newMediaType(typ string, suffixes ...string) MediaType {
	main, sub, _ := strings.Cut(typ, "/")
	sub, _, _ = strings.Cut(sub, "+")
	return MediaType{Type: typ, MainType: main, SubType: sub, Suffixes: suffixes, Delimiter: "."}
}

// Format is an output format.
type Format struct {
	Name      string // "RSS"
	MediaType MediaType
	// Path is a folder the outputs go under ("amp" puts them at /amp/...).
	Path string
	// BaseName is the file name without suffix ("index").
	BaseName string
	// Rel is the link relation of the format ("alternate", "canonical").
	Rel      string
	Protocol string
	// IsPlainText formats are executed as text/template, not html/template.
	IsPlainText bool
	IsHTML      bool
	// NoUgly keeps folder/index.xml even with uglyURLs.
	NoUgly bool
	// NotAlternative formats are left out of .AlternativeOutputFormats.
	NotAlternative bool
	// Permalinkable: .Permalink of a page rendered in this format is the
	// format's own URL (else the HTML page's).
	Permalinkable bool
	Weight        int
}

// Suffix is the format's file suffix ("xml").
func (f Format) Suffix() string { return f.MediaType.Suffix() }

// Formats is a set of output formats by lower-case name.
type Formats struct {
	byName map[string]Format
	media  map[string]MediaType
	// kinds are the formats of each kind of page, by lower-case name.
	kinds map[string][]string
}

// defaultMediaTypes are Hugo's built-in media types.
func defaultMediaTypes() map[string]MediaType {
	out := map[string]MediaType{}
	for _, m := range []MediaType{
		newMediaType("text/html", "html"),
		newMediaType("text/css", "css"),
		newMediaType("text/csv", "csv"),
		newMediaType("text/calendar", "ics"),
		newMediaType("text/javascript", "js", "jsm", "mjs"),
		newMediaType("text/plain", "txt"),
		newMediaType("text/markdown", "md", "markdown"),
		newMediaType("text/x-sass", "sass"),
		newMediaType("text/x-scss", "scss"),
		newMediaType("text/typescript", "ts"),
		newMediaType("text/jsx", "jsx"),
		newMediaType("text/tsx", "tsx"),
		newMediaType("application/json", "json"),
		newMediaType("application/manifest+json", "webmanifest"),
		newMediaType("application/rss+xml", "xml", "rss"),
		newMediaType("application/xml", "xml"),
		newMediaType("application/toml", "toml"),
		newMediaType("application/yaml", "yaml", "yml"),
		newMediaType("application/pdf", "pdf"),
		newMediaType("image/svg+xml", "svg"),
		newMediaType("image/png", "png"),
		newMediaType("image/jpeg", "jpg", "jpeg"),
		newMediaType("image/gif", "gif"),
		newMediaType("image/webp", "webp"),
	} {
		out[m.Type] = m
	}
	return out
}

// defaultFormats are Hugo's built-in output formats.
func defaultFormats(media map[string]MediaType) []Format {
	return []Format{
		{Name: "HTML", MediaType: media["text/html"], BaseName: "index", Rel: "canonical", IsHTML: true, Permalinkable: true, Weight: 10},
		{Name: "AMP", MediaType: media["text/html"], Path: "amp", BaseName: "index", Rel: "amphtml", IsHTML: true, Permalinkable: true},
		{Name: "CSS", MediaType: media["text/css"], BaseName: "styles", Rel: "stylesheet", IsPlainText: true, NotAlternative: true},
		{Name: "CSV", MediaType: media["text/csv"], BaseName: "index", Rel: "alternate", IsPlainText: true},
		{Name: "Calendar", MediaType: media["text/calendar"], BaseName: "index", Rel: "alternate", Protocol: "webcal://", IsPlainText: true},
		{Name: "JSON", MediaType: media["application/json"], BaseName: "index", Rel: "alternate", IsPlainText: true},
		{Name: "WebAppManifest", MediaType: media["application/manifest+json"], BaseName: "manifest", Rel: "manifest", IsPlainText: true, NotAlternative: true},
		{Name: "ROBOTS", MediaType: media["text/plain"], BaseName: "robots", Rel: "alternate", IsPlainText: true},
		{Name: "RSS", MediaType: media["application/rss+xml"], BaseName: "index", Rel: "alternate", NoUgly: true},
		{Name: "Sitemap", MediaType: media["application/xml"], BaseName: "sitemap", Rel: "sitemap", NoUgly: true},
	}
}

// Page kinds as the outputs: setting names them.
var kinds = []string{"home", "section", "page", "taxonomy", "term"}

// Get returns the format named name (any case).
func (fs *Formats) Get(name string) (Format, bool) {
	f, ok := fs.byName[strings.ToLower(name)]
	return f, ok
}

// ForKind returns the formats of a kind of page ("home", "section",
// "page", "taxonomy", "term"), HTML first when it is one of them.
func (fs *Formats) ForKind(kind string) []Format {
	return fs.list(fs.kinds[kind])
}

// List returns the named formats (a page's outputs: front matter), in the
// order Hugo renders them (HTML first). Unknown names are errors.
func (fs *Formats) List(names []string) ([]Format, error) {
	for _, n := range names {
		if _, ok := fs.Get(n); !ok {
			return nil, fmt.Errorf("unknown output format %q (known: %s)", n, strings.Join(fs.names(), ", "))
		}
	}
	return fs.list(names), nil
}

func (fs *Formats) list(names []string) []Format {
	var out []Format
	seen := map[string]bool{}
	for _, n := range names {
		f, ok := fs.Get(n)
		if !ok || seen[strings.ToLower(f.Name)] {
			continue
		}
		seen[strings.ToLower(f.Name)] = true
		out = append(out, f)
	}
	// HTML (the page's own URL) comes first; the rest keep their order.
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].IsHTML && out[i].Path == "" && !(out[j].IsHTML && out[j].Path == "")
	})
	return out
}

func (fs *Formats) names() []string {
	var out []string
	for _, f := range fs.byName {
		out = append(out, f.Name)
	}
	sort.Strings(out)
	return out
}

// MediaTypeOf returns the built-in media type of a file suffix ("css",
// "js", "svg"; without the dot), as Hugo gives resources: "xml" is
// application/xml; an unknown suffix is application/octet-stream.
func MediaTypeOf(suffix string) MediaType {
	suffix = strings.ToLower(strings.TrimPrefix(suffix, "."))
	if suffix == "xml" {
		return newMediaType("application/xml", "xml")
	}
	media := defaultMediaTypes()
	types := make([]string, 0, len(media))
	for t := range media {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		for _, s := range media[t].Suffixes {
			if s == suffix {
				return media[t]
			}
		}
	}
	return newMediaType("application/octet-stream", suffix)
}

// MediaTypeByType returns the built-in media type of a MIME type
// ("text/css"), as Hugo's media types list holds it.
func MediaTypeByType(typ string) (MediaType, bool) {
	m, ok := defaultMediaTypes()[typ]
	return m, ok
}

// IsText reports whether a media type is text as Hugo counts it: a text/
// type, or JavaScript, JSON, RSS, XML, SVG, TOML or YAML.
func (m MediaType) IsText() bool {
	main, sub, _ := strings.Cut(m.Type, "/")
	if main == "text" {
		return true
	}
	sub, _, _ = strings.Cut(sub, "+")
	switch sub {
	case "javascript", "json", "rss", "xml", "svg", "toml", "yaml":
		return true
	}
	return false
}
