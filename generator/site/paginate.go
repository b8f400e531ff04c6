package site

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Pagination is decided while a list page renders, as in Hugo: the first
// call of .Paginator or .Paginate on the list page makes its pager pages
// (from the list and pager size of that call), and only then does the
// page get pager pages (<url>page/2/...) and a page/1 redirect. A list
// page whose layout never calls either, such as a profile home page, gets
// none. The generator renders a list page first, asks PagersOf what it
// made, then renders those pager pages.

// pagination is what a list page's first .Paginator or .Paginate call
// made: its pager pages, the first one's Paginator being what page 1
// shows.
type pagination struct {
	once   sync.Once
	custom bool    // a list or a pager size given by the template
	pages  []*Page // every pager page, page 1's copy first
}

// Paginator is Hugo's .Paginator [SIZE]: this page's part of its list,
// split into pager pages of the site's pager size (or SIZE). The list is
// the page's .Pages; on a Hugo site the home page's is every regular page
// and a section's its regular pages, as in hugo 0.111.3. A pager page
// (page/2/...) gets its own part whatever it asks; a regular page gets
// nil, as in Hugo.
func (p *Page) Paginator(size ...any) (*Paginator, error) {
	if p.pager != nil {
		return p.pager, nil
	}
	if !p.isList() {
		return nil, nil
	}
	n, given, err := pagerSize(size)
	if err != nil {
		return nil, fmt.Errorf("Paginator: %w", err)
	}
	list, def := defaultPagerList(p)
	if !given {
		n = def
	}
	return p.paginate(func() []*Page { return PaginateList(p, list, n) }, given)
}

// Paginate is Hugo's .Paginate LIST [SIZE]: as .Paginator, with LIST split
// instead of the page's own list. The first of the two a list page calls
// decides its pager pages; later calls get the same pager, as in Hugo.
func (p *Page) Paginate(list any, size ...any) (*Paginator, error) {
	if p.pager != nil {
		return p.pager, nil
	}
	if !p.isList() {
		return nil, fmt.Errorf("Paginate: %s is not a list page (a home page, section, taxonomy or term)", p.RelPermalink)
	}
	n, given, err := pagerSize(size)
	if err != nil {
		return nil, fmt.Errorf("Paginate: %w", err)
	}
	if !given {
		n = configPagerSize(p)
	}
	var split func() []*Page
	switch l := list.(type) {
	case Pages:
		split = func() []*Page { return PaginateList(p, l, n) }
	case []*Page:
		split = func() []*Page { return PaginateList(p, l, n) }
	case PagesGroup:
		split = func() []*Page { return PaginateGroups(p, l, n) }
	case []PageGroup:
		split = func() []*Page { return PaginateGroups(p, l, n) }
	case nil:
		split = func() []*Page { return PaginateList(p, nil, n) }
	default:
		return nil, fmt.Errorf("Paginate: want a list of pages or page groups, got %T", list)
	}
	return p.paginate(split, true)
}

// paginate makes p's pager pages with split on its first call; every
// call returns the first pager page's Paginator.
func (p *Page) paginate(split func() []*Page, custom bool) (*Paginator, error) {
	st := p.paginationState()
	if st == nil {
		// A page made outside Build: nothing records the pagination.
		return split()[0].pager, nil
	}
	st.once.Do(func() {
		st.custom = custom
		st.pages = split()
	})
	return st.pages[0].pager, nil
}

// isList reports whether p is a page that can be paginated: a home page,
// section, taxonomy or term (Hugo's nodes; not a regular page or 404).
func (p *Page) isList() bool {
	switch p.Kind {
	case KindHome, KindSection, KindTaxonomy, KindTerm:
		return true
	}
	return false
}

// paginationState is p's pagination record, made on first use; nil for a
// page made outside Build.
func (p *Page) paginationState() *pagination {
	if p.Site == nil || p.Site.state == nil {
		return nil
	}
	st := p.Site.state
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.pagers == nil {
		st.pagers = map[*Page]*pagination{}
	}
	pg := st.pagers[p]
	if pg == nil {
		pg = &pagination{}
		st.pagers[p] = pg
	}
	return pg
}

// PagersOf returns the pager pages list page p's rendering made by calling
// .Paginator or .Paginate (the first is page 1's copy, whose Paginator
// page 1 showed; the others are rendered at <url>page/N/), and whether the
// template gave the list or the pager size itself. It is nil when p's
// rendering did not paginate.
func PagersOf(p *Page) (pages []*Page, custom bool) {
	if p.Site == nil || p.Site.state == nil {
		return nil, false
	}
	st := p.Site.state
	st.mu.Lock()
	pg := st.pagers[p]
	st.mu.Unlock()
	if pg == nil {
		return nil, false
	}
	// Read after the rendering that made it has finished.
	return pg.pages, pg.custom
}

// ForgetPagers forgets what list page p's rendering paginated, before it
// is rendered again (the dev server's fast path keeps the site graph).
func ForgetPagers(p *Page) {
	if p.Site == nil || p.Site.state == nil {
		return
	}
	st := p.Site.state
	st.mu.Lock()
	delete(st.pagers, p)
	st.mu.Unlock()
}

// SamePagers reports whether two results of PagersOf split the same pages
// the same way.
func SamePagers(a, b []*Page) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i].pager, b[i].pager
		if x.PagerSize != y.PagerSize || x.TotalNumberOfElements != y.TotalNumberOfElements ||
			!slices.Equal(x.Pages, y.Pages) || len(x.PageGroups) != len(y.PageGroups) {
			return false
		}
		for k, g := range x.PageGroups {
			if !reflect.DeepEqual(g.Key, y.PageGroups[k].Key) || !slices.Equal(g.Pages, y.PageGroups[k].Pages) {
				return false
			}
		}
	}
	return true
}

// DefaultPaginator is the Paginator .Paginator would give list page p
// (without a size), without recording a use: what its first page shows
// of its list, for the generator's dependency refs. It is nil for a page
// that is not a list.
func DefaultPaginator(p *Page) *Paginator {
	if !p.isList() {
		return nil
	}
	list, size := defaultPagerList(p)
	return PaginateList(p, list, size)[0].pager
}

// ListPage is the list page a pager page is a copy of, or p itself.
func ListPage(p *Page) *Page { return p.self() }

// defaultPagerList is the list .Paginator splits and its pager size.
func defaultPagerList(p *Page) (Pages, int) {
	size, hugo := configPagerSize(p), p.Site != nil && p.Site.hugo
	switch {
	case hugo && p.IsHome && p.Site != nil:
		// Hugo's home page paginates every regular page.
		return p.Site.RegularPages, size
	case hugo && p.Kind == KindSection:
		return p.RegularPages(), size
	case !hugo && p.Kind == KindTaxonomy:
		// The tags index lists terms, not pages: one pager page holds them all.
		return p.Pages, max(len(p.Pages), 1)
	}
	return p.Pages, size
}

// pagerSize reads Hugo's optional pager size argument; given is false
// without one.
func pagerSize(size []any) (n int, given bool, err error) {
	switch len(size) {
	case 0:
		return 0, false, nil
	case 1:
	default:
		return 0, false, errors.New("too many arguments: the pager size is the only one")
	}
	n, ok := wholeNumber(size[0])
	if !ok || n <= 0 {
		return 0, false, fmt.Errorf("the pager size must be a positive integer, not %v", size[0])
	}
	return n, true, nil
}

// configPagerSize is the site's pager size (pagination.pagerSize, Hugo's
// paginate).
func configPagerSize(p *Page) int {
	if s := p.Site; s != nil && s.config != nil && s.config.Pagination.PagerSize > 0 {
		return s.config.Pagination.PagerSize
	}
	return 10
}

// wholeNumber reads an integer from a number or a numeric string.
func wholeNumber(v any) (int, bool) {
	if s, ok := v.(string); ok {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		return n, err == nil
	}
	if f, ok := ToFloat(v); ok && f == math.Trunc(f) && math.Abs(f) < math.MaxInt32 {
		return int(f), true
	}
	return 0, false
}

// Paginate splits list page p's own list into pager pages of size pages
// each (see PaginateList).
func Paginate(p *Page, size int) []*Page { return PaginateList(p, p.Pages, size) }

// PaginateList splits list into pager pages of list page p, size pages
// each: the first keeps p's URL, the n-th lives at <url><dir>/n/ (dir is
// the site's pagination.path, Hugo's paginatePath: "page"). Each returned
// page is a copy of p with its own Paginator.
func PaginateList(p *Page, list Pages, size int) []*Page {
	return paginate(p, list, nil, size)
}

// PaginateGroups is PaginateList for page groups (.Paginate
// (.Pages.GroupByDate "2006")), as Hugo splits them: by pages, a group
// that spans two pager pages is in both (with its pages on each), and
// each pager page's groups are its .PageGroups (its .Pages are empty).
func PaginateGroups(p *Page, groups PagesGroup, size int) []*Page {
	var flat Pages
	for _, g := range groups {
		flat = append(flat, g.Pages...)
	}
	return paginate(p, flat, groups, size)
}

// paginate splits list (the pages of groups, when there are groups).
func paginate(p *Page, list Pages, groups PagesGroup, size int) []*Page {
	dir := PagerDir(p)
	if size < 1 {
		size = 1
	}
	total := max(pagerCount(len(list), size), 1) // an empty list has one, empty
	urlOf := func(n int) string {
		if n == 1 {
			return p.RelPermalink
		}
		return p.RelPermalink + dir + "/" + strconv.Itoa(n) + "/"
	}
	out := make([]*Page, total)
	base := dirOf(p.OutPath)
	pagers := &pagerList{}
	for n := 1; n <= total; n++ {
		q := *p
		lo, hi := (n-1)*size, min(n*size, len(list))
		pg := &Paginator{Pages: list[lo:hi], PageNumber: n, TotalPages: pagerCount(len(list), size), HasPrev: n > 1, HasNext: n < total,
			First: &Pager{PageNumber: 1, URL: urlOf(1)}, Last: &Pager{PageNumber: total, URL: urlOf(total)}, PagerSize: size,
			URL: urlOf(n), TotalNumberOfElements: len(list), NumberOfElements: hi - lo, base: dir, pagers: pagers}
		if groups != nil {
			pg.Pages, pg.PageGroups = nil, groupsBetween(groups, lo, hi)
		}
		if pg.HasPrev {
			pg.Prev = &Pager{PageNumber: n - 1, URL: urlOf(n - 1)}
		}
		if pg.HasNext {
			pg.Next = &Pager{PageNumber: n + 1, URL: urlOf(n + 1)}
		}
		q.pager = pg
		q.origin = p.self()
		if n > 1 {
			rel := dir + "/" + strconv.Itoa(n) + "/index.html"
			if base != "" {
				rel = base + "/" + rel
			}
			q.OutPath = rel
			q.RelPermalink = urlOf(n)
			q.Permalink = p.Site.url(q.RelPermalink)
		}
		out[n-1] = &q
	}
	return out
}

// groupsBetween are the groups holding the pages lo to hi of the groups'
// pages in order, each with those of its pages only.
func groupsBetween(groups PagesGroup, lo, hi int) PagesGroup {
	out := PagesGroup{}
	at := 0
	for _, g := range groups {
		from, to := max(lo-at, 0), min(hi-at, len(g.Pages))
		if from < to {
			out = append(out, PageGroup{Key: g.Key, Pages: g.Pages[from:to]})
		}
		at += len(g.Pages)
	}
	return out
}

// pagerCount is how many pager pages a list of n pages needs: 0 when it
// is empty (Hugo's .TotalPages; the list page is still its first).
func pagerCount(n, size int) int { return (n + size - 1) / size }

// PagerDir is the folder of list page p's pager pages under its URL
// (pagination.path, Hugo's paginatePath: "page").
func PagerDir(p *Page) string {
	if s := p.Site; s != nil && s.config != nil && s.config.Pagination.Path != "" {
		return s.config.Pagination.Path
	}
	return "page"
}
