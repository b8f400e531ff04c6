package site

import (
	"fmt"
	"testing"
)

// TestPagersMadeOncePerList: the pager pages of one list share one
// .Pagers (a pagination template ranges over it on every pager page), and
// it lists every pager page with its URL.
func TestPagersMadeOncePerList(t *testing.T) {
	s := &Site{BaseURL: "https://example.org/"}
	list := &Page{Kind: KindSection, Site: s, RelPermalink: "/posts/", OutPath: "posts/index.html"}
	for i := range 10 {
		list.Pages = append(list.Pages, &Page{Title: fmt.Sprint(i)})
	}
	pages := PaginateList(list, list.Pages, 3)
	if len(pages) != 4 {
		t.Fatalf("%d pager pages, want 4", len(pages))
	}
	pagerOf := func(p *Page) *Paginator {
		t.Helper()
		pg, err := p.Paginator()
		if err != nil || pg == nil {
			t.Fatalf("Paginator of %s: %v, %v", p.RelPermalink, pg, err)
		}
		return pg
	}
	first := pagerOf(pages[0]).Pagers()
	for _, p := range pages {
		got := pagerOf(p).Pagers()
		if &got[0] != &first[0] {
			t.Errorf("pager page %d made its own .Pagers", pagerOf(p).PageNumber)
		}
	}
	want := []string{"/posts/", "/posts/page/2/", "/posts/page/3/", "/posts/page/4/"}
	for i, g := range first {
		if g.PageNumber != i+1 || g.URL != want[i] {
			t.Errorf("pager %d = %d %s, want %d %s", i, g.PageNumber, g.URL, i+1, want[i])
		}
	}
	// A pager page keeps its part whatever it asks, as in Hugo.
	other, err := pages[1].Paginate(list.Pages[:4], 2)
	if err != nil {
		t.Fatal(err)
	}
	if other != pagerOf(pages[1]) || len(other.Pages) != 3 || other.TotalPages != 4 {
		t.Errorf(".Paginate on pager page 2 = %+v, want its own part", other)
	}
}

// TestPaginationDecidedByFirstCall: a list page's pager pages are made by
// its first .Paginator or .Paginate call (later calls get the same
// pager), PagersOf reports them and whether the template chose the list,
// a list page never asked has none, and ForgetPagers lets it decide
// again; a regular page's .Paginator is nil, as in Hugo.
func TestPaginationDecidedByFirstCall(t *testing.T) {
	s := &Site{BaseURL: "https://example.org/", state: newSiteState()}
	list := &Page{Kind: KindSection, Site: s, RelPermalink: "/posts/", OutPath: "posts/index.html"}
	for i := range 25 {
		list.Pages = append(list.Pages, &Page{Kind: KindPage, IsPage: true, Title: fmt.Sprint(i), Site: s})
	}
	if pp, _ := PagersOf(list); pp != nil {
		t.Fatalf("pager pages before any call: %d", len(pp))
	}
	pg, err := list.Paginate(list.Pages[:7], 3)
	if err != nil {
		t.Fatal(err)
	}
	if pg.TotalPages != 3 || len(pg.Pages) != 3 || pg.Pages[0] != list.Pages[0] {
		t.Errorf(".Paginate of 7 by 3: %d pager pages, %d on the first", pg.TotalPages, len(pg.Pages))
	}
	again, err := list.Paginator()
	if err != nil || again != pg {
		t.Errorf(".Paginator after .Paginate = %p, %v; want the same pager %p", again, err, pg)
	}
	pp, custom := PagersOf(list)
	if len(pp) != 3 || !custom || pp[2].OutPath != "posts/page/3/index.html" || ListPage(pp[2]) != list {
		t.Errorf("PagersOf = %d pages, custom %v", len(pp), custom)
	}
	ForgetPagers(list)
	if pp, _ := PagersOf(list); pp != nil {
		t.Errorf("ForgetPagers left %d pager pages", len(pp))
	}
	pg, err = list.Paginator()
	if err != nil || pg.TotalPages != 3 || pg.PagerSize != 10 || len(pg.Pages) != 10 {
		t.Errorf(".Paginator of 25 pages: %+v, %v", pg, err)
	}
	pp2, custom := PagersOf(list)
	if len(pp2) != 3 || custom || SamePagers(pp, pp2) {
		t.Errorf("PagersOf after .Paginator: %d pages, custom %v, same as the 7 by 3: %v", len(pp2), custom, SamePagers(pp, pp2))
	}
	if pg, err := list.Pages[0].Paginator(); pg != nil || err != nil {
		t.Errorf("a regular page's .Paginator = %v, %v; want nil", pg, err)
	}
	for _, bad := range [][]any{{0}, {"x"}, {2, 3}} {
		other := &Page{Kind: KindTerm, Site: s, RelPermalink: "/tags/x/"}
		if _, err := other.Paginator(bad...); err == nil {
			t.Errorf(".Paginator %v: no error", bad)
		}
	}
}
