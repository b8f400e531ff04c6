package site

import (
	"fmt"
	"strconv"
)

// Paginate splits list page p into pager pages of size pages each: the
// first keeps p's URL, the n-th lives at <url>page/n/. Each returned page
// is a copy of p with its own Paginator.
func Paginate(p *Page, size int) []*Page { return PaginateAt(p, size, "page") }

// PaginateAt is Paginate with the pager pages' folder named dir (Hugo's
// paginatePath): <url><dir>/n/.
func PaginateAt(p *Page, size int, dir string) []*Page {
	if size < 1 {
		size = 1
	}
	total := (len(p.Pages) + size - 1) / size
	if total == 0 {
		total = 1
	}
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
		lo, hi := (n-1)*size, min(n*size, len(p.Pages))
		pg := &Paginator{Pages: p.Pages[lo:hi], PageNumber: n, TotalPages: total, HasPrev: n > 1, HasNext: n < total,
			First: &Pager{PageNumber: 1, URL: urlOf(1)}, Last: &Pager{PageNumber: total, URL: urlOf(total)}, PagerSize: size,
			URL: urlOf(n), TotalNumberOfElements: len(p.Pages), NumberOfElements: hi - lo, base: dir, pagers: pagers}
		if pg.HasPrev {
			pg.Prev = &Pager{PageNumber: n - 1, URL: urlOf(n - 1)}
		}
		if pg.HasNext {
			pg.Next = &Pager{PageNumber: n + 1, URL: urlOf(n + 1)}
		}
		q.Paginator = pg
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

// Paginate is Hugo's .Paginate LIST [SIZE]: this pager page's part of
// LIST instead of the page's own list. Storyfront makes a list's pager
// pages from the page's own list (.Pages), so when LIST is shorter the
// last pager pages show an empty part.
func (p *Page) Paginate(list any, size ...int) (*Paginator, error) {
	pg := p.Paginator
	if pg == nil {
		return nil, fmt.Errorf("Paginate: %s is not a list page", p.RelPermalink)
	}
	var items Pages
	switch l := list.(type) {
	case Pages:
		items = l
	case []*Page:
		items = l
	case nil:
	default:
		return nil, fmt.Errorf("Paginate: want a list of pages, got %T", list)
	}
	n := pg.PagerSize
	if len(size) > 0 && size[0] > 0 {
		n = size[0]
	}
	if n < 1 {
		n = 1
	}
	total := max((len(items)+n-1)/n, 1)
	out := *pg
	lo, hi := min((pg.PageNumber-1)*n, len(items)), min(pg.PageNumber*n, len(items))
	out.Pages, out.PagerSize, out.TotalNumberOfElements, out.NumberOfElements = items[lo:hi], n, len(items), hi-lo
	out.TotalPages = min(total, pg.TotalPages)
	out.pagers = nil // another list: its pagers are its own
	out.HasNext = pg.PageNumber < out.TotalPages
	if !out.HasNext {
		out.Next = nil
	}
	if out.Last != nil && out.TotalPages != pg.TotalPages {
		out.Last = &Pager{PageNumber: out.TotalPages, URL: out.urlOf(out.TotalPages)}
	}
	return &out, nil
}
