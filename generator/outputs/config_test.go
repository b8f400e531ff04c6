package outputs

import (
	"strings"
	"testing"
)

func TestNewErrors(t *testing.T) {
	tests := []struct {
		name string
		c    Config
		want string
	}{
		{"undeclared media type", Config{OutputFormats: map[string]FormatConfig{"Atom": {MediaType: "application/atom+xml"}}},
			`outputFormats.Atom.mediaType: unknown media type "application/atom+xml": declare it under mediaTypes`},
		{"new format without media type", Config{OutputFormats: map[string]FormatConfig{"X": {BaseName: "x"}}},
			"outputFormats.X: a new output format needs a mediaType"},
		{"bad media type", Config{MediaTypes: map[string]MediaTypeConfig{"atom": {Suffixes: []string{"atom"}}}},
			"mediaTypes.atom: a media type is main/sub"},
		{"unknown format", Config{Outputs: map[string][]string{"home": {"HTML", "Nope"}}},
			`outputs.home[1]: unknown output format "Nope"`},
		{"unknown kind", Config{Outputs: map[string][]string{"homepage": {"HTML"}}},
			`outputs.homepage: unknown page kind "homepage"`},
	}
	for _, tt := range tests {
		_, err := New(tt.c, false)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %s", tt.name, err, tt.want)
		}
	}
}

func TestFormats(t *testing.T) {
	fs, err := New(Config{
		Outputs:       map[string][]string{"home": {"RSS", "HTML", "Atom"}, "page": {"HTML", "JSON"}},
		MediaTypes:    map[string]MediaTypeConfig{"application/atom+xml": {Suffixes: []string{"atom"}}},
		OutputFormats: map[string]FormatConfig{"Atom": {MediaType: "application/atom+xml", BaseName: "feed"}, "JSON": {BaseName: "data"}},
	}, false)
	if err != nil {
		t.Fatal(err)
	}
	names := func(list []Format) string {
		var out []string
		for _, f := range list {
			out = append(out, f.Name+":"+f.BaseName+"."+f.Suffix())
		}
		return strings.Join(out, " ")
	}
	for kind, want := range map[string]string{
		"home":     "HTML:index.html RSS:index.xml Atom:feed.atom", // HTML first, the rest in order
		"page":     "HTML:index.html JSON:data.json",               // a built-in format changed
		"section":  "HTML:index.html RSS:index.xml",                // Hugo's defaults
		"taxonomy": "HTML:index.html RSS:index.xml",
	} {
		if got := names(fs.ForKind(kind)); got != want {
			t.Errorf("%s: %s, want %s", kind, got, want)
		}
	}
	if f, ok := fs.Get("atom"); !ok || f.Rel != "alternate" || f.MediaType.String() != "application/atom+xml" || f.MediaType.SubType != "atom" {
		t.Errorf("atom = %+v", f)
	}
	if _, err := fs.List([]string{"HTML", "Calendar", "x"}); err == nil || !strings.Contains(err.Error(), `unknown output format "x"`) {
		t.Errorf("List: %v", err)
	}
	site, _ := New(Config{}, true)
	if got := names(site.ForKind("home")); got != "HTML:index.html" {
		t.Errorf("a Storyfront site's home: %s (its feeds are made by feed:)", got)
	}
}
