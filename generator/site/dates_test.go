package site

import (
	"testing"
	"time"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/content"
)

// TestDateRules checks the frontmatter: rules: :fileModTime, :filename
// (with its slug), another front matter key, and Hugo's defaults.
func TestDateRules(t *testing.T) {
	cfg, err := config.Parse([]byte("title: T\nfrontmatter:\n  date: [':filename', 'released', ':fileModTime']\n  lastmod: [':fileModTime']\n"))
	if err != nil {
		t.Fatal(err)
	}
	mod := time.Date(2022, 2, 2, 2, 2, 2, 0, time.UTC)
	named := mustParse(t, "posts/2021-03-04-first.md", "---\ntitle: A\n---\na")
	released := mustParse(t, "posts/second.md", "---\ntitle: B\nreleased: 2020-01-02\n---\nb")
	plain := mustParse(t, "posts/third.md", "---\ntitle: C\n---\nc")
	for _, s := range []*content.Source{named, released, plain} {
		s.ModTime = mod
	}
	s, err := Build(cfg, &content.Tree{Sources: []*content.Source{named, released, plain}}, Options{Now: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]*Page{}
	for _, p := range s.RegularPages {
		byTitle[p.Title] = p
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		title         string
		date, lastmod time.Time
		url           string
	}{
		{"A", day(2021, 3, 4), mod, "/posts/first/"},
		{"B", day(2020, 1, 2), mod, "/posts/second/"},
		{"C", mod, mod, "/posts/third/"},
	}
	for _, tt := range tests {
		p := byTitle[tt.title]
		if p == nil || !p.Date.Equal(tt.date) || !p.Lastmod.Equal(tt.lastmod) || p.RelPermalink != tt.url {
			t.Errorf("%s: %+v; want date %v lastmod %v url %s", tt.title, p, tt.date, tt.lastmod, tt.url)
		}
	}
}
