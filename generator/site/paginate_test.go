package site

import (
	"fmt"
	"testing"
)

// TestPagersMadeOncePerList: the pager pages of one list share one
// .Pagers (a pagination template ranges over it on every pager page), and
// it lists every pager page with its URL; .Paginate of another list gets
// its own.
func TestPagersMadeOncePerList(t *testing.T) {
	s := &Site{BaseURL: "https://example.org/"}
	list := &Page{Site: s, RelPermalink: "/posts/", OutPath: "posts/index.html"}
	for i := range 10 {
		list.Pages = append(list.Pages, &Page{Title: fmt.Sprint(i)})
	}
	pages := PaginateAt(list, 3, "page")
	if len(pages) != 4 {
		t.Fatalf("%d pager pages, want 4", len(pages))
	}
	first := pages[0].Paginator.Pagers()
	for _, p := range pages {
		got := p.Paginator.Pagers()
		if &got[0] != &first[0] {
			t.Errorf("pager page %d made its own .Pagers", p.Paginator.PageNumber)
		}
	}
	want := []string{"/posts/", "/posts/page/2/", "/posts/page/3/", "/posts/page/4/"}
	for i, g := range first {
		if g.PageNumber != i+1 || g.URL != want[i] {
			t.Errorf("pager %d = %d %s, want %d %s", i, g.PageNumber, g.URL, i+1, want[i])
		}
	}
	other, err := pages[1].Paginate(list.Pages[:4], 2)
	if err != nil {
		t.Fatal(err)
	}
	got := other.Pagers()
	if len(got) != 2 || got[1].URL != "/posts/page/2/" {
		t.Errorf(".Paginate of 4 pages by 2: pagers %v", got)
	}
	if len(first) != 4 {
		t.Errorf("the list's .Pagers changed: %v", first)
	}
}
