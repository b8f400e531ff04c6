package generator

import (
	"bytes"
	"context"
	"image"
	_ "image/png"
	"regexp"
	"testing"
)

// TestShareCardsPerLanguage: on a multilingual site every language's
// pages get share cards, each drawn in its page's language (its title and
// its language's site title), published beside the page; a page's card
// differs from its translation's.
func TestShareCardsPerLanguage(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"site.yaml": "hugo: true\ntitle: Cards\nbaseURL: https://cards.example/\ntheme: t\nbrand: {name: Cards}\n" +
			"defaultContentLanguage: en\nlanguages:\n  en:\n    languageWeight: 1\n  fr:\n    languageWeight: 2\n    title: Cartes\n",
		"content/stories/a.md":                  "---\ntitle: Spring\n---\nSpring.\n",
		"content/stories/a.fr.md":               "---\ntitle: Printemps\n---\nPrintemps.\n",
		"themes/t/layouts/_default/baseof.html": `{{ with .ShareImage }}<meta property="og:image" content="{{ .URL }}" data-size="{{ .Width }}x{{ .Height }}" data-alt="{{ .Alt }}">{{ end }}{{ block "main" . }}{{ end }}`,
		"themes/t/layouts/_default/single.html": `{{ define "main" }}{{ .Title }}{{ end }}`,
		"themes/t/layouts/_default/list.html":   `{{ define "main" }}{{ .Title }}{{ end }}`,
	})
	out, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	og := regexp.MustCompile(`og:image" content="https://cards.example/([^"]+\.png)" data-size="1200x630" data-alt="([^"]*)"`)
	cardOf := func(page, alt, dir string) []byte {
		t.Helper()
		f, ok := out.Lookup(page)
		if !ok {
			t.Fatalf("no %s", page)
		}
		m := og.FindStringSubmatch(string(f.Data))
		if m == nil {
			t.Fatalf("%s has no share card:\n%s", page, f.Data)
		}
		if m[2] != alt || !regexp.MustCompile(`^`+dir+`card_[0-9a-f]{10}\.png$`).MatchString(m[1]) {
			t.Errorf("%s: card %s, alt %q; want one in /%s, alt %q", page, m[1], m[2], dir, alt)
		}
		c, ok := out.Lookup("/" + m[1])
		if !ok {
			t.Fatalf("%s: card /%s not published", page, m[1])
		}
		if cfg, format, err := image.DecodeConfig(bytes.NewReader(c.Data)); err != nil || format != "png" || cfg.Width != 1200 || cfg.Height != 630 {
			t.Errorf("%s: card is %s %dx%d (%v)", page, format, cfg.Width, cfg.Height, err)
		}
		return c.Data
	}
	en := cardOf("/stories/a/", "Spring", "stories/a/")
	fr := cardOf("/fr/stories/a/", "Printemps", "fr/stories/a/")
	if bytes.Equal(en, fr) {
		t.Error("the French card is the English one")
	}
	cardOf("/fr/", "Cartes", "fr/")
	cardOf("/", "Cards", "")
}
