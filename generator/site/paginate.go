package site

import "strconv"

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
	for n := 1; n <= total; n++ {
		q := *p
		lo, hi := (n-1)*size, min(n*size, len(p.Pages))
		pg := &Paginator{Pages: p.Pages[lo:hi], PageNumber: n, TotalPages: total, HasPrev: n > 1, HasNext: n < total,
			First: urlOf(1), Last: urlOf(total), PagerSize: size}
		if pg.HasPrev {
			pg.Prev = urlOf(n - 1)
		}
		if pg.HasNext {
			pg.Next = urlOf(n + 1)
		}
		q.Paginator = pg
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
