package render

import (
	"errors"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
)

// TestUnknownFuncsAllAtOnce: every call of a function Storyfront lacks, in
// every layout, is one error at its file:line:col, in one build, where
// Go's parser alone stops at the first of each file.
func TestUnknownFuncsAllAtOnce(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"layouts/_default/single.html": "{{ .Title }}\n{{ noSuchOne 1 }} {{ upper \"x\" }}\n  {{ noSuchTwo | noSuchOne }}",
		"layouts/partials/p.html":      "{{ with noSuchThree }}{{ end }}",
		"layouts/_default/list.html":   "fine {{ .Title | lower }}",
	})
	cfg, err := config.Parse([]byte("title: T\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(dir, cfg, Options{})
	var es diag.Errors
	if !errors.As(err, &es) {
		t.Fatalf("err = %v, want the located errors", err)
	}
	var got []string
	for _, e := range es {
		got = append(got, e.Error()[:strings.Index(e.Error(), " not defined")])
	}
	want := []string{
		`layouts/_default/single.html:2:4: function "noSuchOne"`,
		`layouts/_default/single.html:3:6: function "noSuchTwo"`,
		`layouts/_default/single.html:3:18: function "noSuchOne"`,
		`layouts/partials/p.html:1:9: function "noSuchThree"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestPluralCategory: CLDR plural forms of the language families i18n knows.
func TestPluralCategory(t *testing.T) {
	tests := []struct {
		lang string
		n    float64
		want string
	}{
		{"en", 1, "one"}, {"en", 0, "other"}, {"en", 2, "other"}, {"en", 1.5, "other"},
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"},
		{"ja", 1, "other"}, {"zh-tw", 1, "other"},
		{"ru", 1, "one"}, {"ru", 21, "one"}, {"ru", 11, "many"}, {"ru", 3, "few"}, {"ru", 14, "many"}, {"ru", 5, "many"}, {"ru", 1.5, "other"},
		{"uk", 22, "few"}, {"pl", 1, "one"}, {"pl", 22, "few"}, {"pl", 21, "many"},
		{"cs", 1, "one"}, {"cs", 3, "few"}, {"cs", 5, "other"},
		{"he", 2, "two"}, {"ar", 0, "zero"}, {"ar", 2, "two"}, {"ar", 105, "few"}, {"ar", 111, "many"},
		{"de", 1, "one"}, {"hi", 0, "one"},
	}
	for _, tt := range tests {
		if got := pluralCategory(tt.lang, tt.n); got != tt.want {
			t.Errorf("pluralCategory(%s, %v) = %s, want %s", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestI18nFiles: TOML, YAML and JSON tables, the site's over the theme's,
// the plural form by count, and a missing key is a warning, not an error.
func TestI18nFiles(t *testing.T) {
	r := newTestRenderer(t, map[string]string{
		"themes/default/i18n/en.toml":       "[a]\nother = \"theme a\"\n[b]\nother = \"theme b\"\n",
		"i18n/en.yaml":                      "a: site a\nn:\n  one: \"{{ .Count }} thing\"\n  other: \"{{ .Count }} things\"\n",
		"i18n/fr.json":                      `{"a": {"other": "fr a"}}`,
		"themes/default/layouts/index.html": "x",
	})
	l := langNS{r: r}
	for _, c := range []struct {
		key  string
		arg  any
		want string
	}{{"a", nil, "site a"}, {"b", nil, "theme b"}, {"n", 1, "1 thing"}, {"n", 4, "4 things"}, {"N", 4, "4 things"}, {"missing", nil, ""}} {
		var args []any
		if c.arg != nil {
			args = append(args, c.arg)
		}
		got, err := l.Translate(c.key, args...)
		if err != nil || got != c.want {
			t.Errorf("i18n %q %v = %q, %v; want %q", c.key, c.arg, got, err, c.want)
		}
	}
	if len(r.site.Warnings) != 1 || !strings.Contains(r.site.Warnings[0].Msg, `no translation of "missing"`) {
		t.Errorf("warnings = %v", r.site.Warnings)
	}
}
