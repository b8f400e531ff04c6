package site

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/content"
)

func mustParse(t *testing.T, rel, src string) *content.Source {
	t.Helper()
	s, err := content.Parse(rel, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func testConfig(t *testing.T) *config.Config {
	t.Helper()
	cfg, err := config.Parse([]byte("title: T\nbaseURL: https://x.example/blog/\npagination: {pagerSize: 2}\n"))
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestBuildGraph(t *testing.T) {
	tree := &content.Tree{Sources: []*content.Source{
		mustParse(t, "stories/a.md", "---\ntitle: A\ndate: 2024-01-01\ntags: [X, y]\n---\na"),
		mustParse(t, "stories/b.md", "---\ntitle: B\ndate: 2024-01-02\ntags: [x]\n---\nb"),
		mustParse(t, "stories/c.md", "---\ntitle: C\ndate: 2024-01-03\nweight: 1\n---\nc"),
		mustParse(t, "stories/sub/d.md", "---\ntitle: D\ndate: 2024-01-04\n---\nd"),
		mustParse(t, "stories/bundle/index.md", "---\ntitle: Bundle\ndate: 2024-01-05\ndraft: true\n---\nb"),
		mustParse(t, "stories/later.md", "---\ntitle: Later\ndate: 2030-01-01\n---\nl"),
		mustParse(t, "about.md", "---\ntitle: About\n---\nabout"),
	}}
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	s, err := Build(testConfig(t), tree, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	titles := func(ps []*Page) (out []string) {
		for _, p := range ps {
			out = append(out, p.Title)
		}
		return out
	}
	// Weighted first, then newest first; drafts and future pages left out.
	if got := titles(s.RegularPages); !equal(got, []string{"C", "D", "B", "A", "About"}) {
		t.Errorf("RegularPages = %v", got)
	}
	if len(s.Sections) != 1 || s.Sections[0].Title != "Stories" || s.Sections[0].RelPermalink != "/blog/stories/" {
		t.Fatalf("Sections = %+v", s.Sections)
	}
	if got := titles(s.Sections[0].Pages); !equal(got, []string{"C", "D", "B", "A"}) {
		t.Errorf("stories Pages = %v", got)
	}
	// Tags merge by slug; the newest page's spelling names the tag.
	if len(s.Tags) != 2 || s.Tags[0].Name != "x" || s.Tags[0].Count != 2 || s.Tags[0].RelPermalink != "/blog/tags/x/" {
		t.Errorf("Tags[0] = %+v", s.Tags[0])
	}
	var a, b *Page
	for _, p := range s.RegularPages {
		switch p.Title {
		case "A":
			a = p
		case "B":
			b = p
		}
	}
	if a.Permalink != "https://x.example/blog/stories/a/" || a.OutPath != "stories/a/index.html" {
		t.Errorf("A: %s %s", a.Permalink, a.OutPath)
	}
	if a.Next != b || b.Prev != a || a.Prev != nil {
		t.Errorf("A.Next = %v, B.Prev = %v, A.Prev = %v", a.Next, b.Prev, a.Prev)
	}
	if len(a.Related) != 1 || a.Related[0] != b {
		t.Errorf("A.Related = %v", titles(a.Related))
	}
	// With drafts and future pages.
	s, err = Build(testConfig(t), tree, Options{Now: now, Drafts: true, Future: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.RegularPages) != 7 {
		t.Errorf("with drafts and future: %v", titles(s.RegularPages))
	}
	for _, p := range s.RegularPages {
		if p.Title == "Bundle" && (p.Bundle != "stories/bundle" || p.OutPath != "stories/bundle/index.html") {
			t.Errorf("bundle: %q %q", p.Bundle, p.OutPath)
		}
	}
}

func TestPaginate(t *testing.T) {
	s := &Site{BaseURL: "https://x.example/"}
	l := &Page{OutPath: "stories/index.html", RelPermalink: "/stories/", Site: s}
	for range 5 {
		l.Pages = append(l.Pages, &Page{})
	}
	pp := Paginate(l, 2)
	if len(pp) != 3 {
		t.Fatalf("%d pager pages, want 3", len(pp))
	}
	p2 := pp[1]
	if p2.OutPath != "stories/page/2/index.html" || p2.RelPermalink != "/stories/page/2/" ||
		p2.Permalink != "https://x.example/stories/page/2/" {
		t.Errorf("page 2 at %q %q %q", p2.OutPath, p2.RelPermalink, p2.Permalink)
	}
	g, _ := p2.Paginator()
	if g.PageNumber != 2 || g.TotalPages != 3 || !g.HasPrev || !g.HasNext || g.Prev.URL != "/stories/" ||
		g.Next.String() != "/stories/page/3/" || g.First.URL != "/stories/" || g.Last.URL != "/stories/page/3/" || len(g.Pages) != 2 ||
		g.Prev.PageNumber != 1 || g.Next.PageNumber != 3 || g.URL != "/stories/page/2/" || g.TotalNumberOfElements != 5 || g.NumberOfElements != 2 {
		t.Errorf("page 2 paginator = %+v", g)
	}
	var urls []string
	for _, p := range g.Pagers() {
		urls = append(urls, fmt.Sprint(p.PageNumber, " ", p))
	}
	if got := strings.Join(urls, ", "); got != "1 /stories/, 2 /stories/page/2/, 3 /stories/page/3/" {
		t.Errorf("Pagers = %s", got)
	}
	if last, _ := pp[2].Paginator(); len(last.Pages) != 1 || pp[0].OutPath != "stories/index.html" {
		t.Errorf("last page has %d pages; first at %s", len(last.Pages), pp[0].OutPath)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
