package generator

import (
	"path"
	"strings"

	"github.com/storyfront/storyfront/generator/site"
)

// Pager pages are decided while rendering, as in Hugo: a list page gets
// pager pages (<url>page/2/...) and, on a Hugo site, the <url>page/1/
// redirect only when its rendering called .Paginator or .Paginate (see
// site/paginate.go). So a list page is rendered first, then its pager
// pages are planned from what it asked and rendered.
//
// A rebuild that does not render a list page again knows what it asked
// from its record: nothing (no pager pages), its own list (.Paginator:
// split again from the new site graph, as the page would), or a list or
// pager size of the template's own (.Paginate LIST): such a page is
// rendered again on every rebuild, as only its template knows its list.

// pagerUse is what a list page's last rendering asked of its paginator.
type pagerUse uint8

const (
	pagerNone    pagerUse = iota // no .Paginator or .Paginate call
	pagerDefault                 // .Paginator: the page's own list at the site's pager size
	pagerCustom                  // .Paginate LIST, or a pager size given
)

func usedPagers(pages []*site.Page, custom bool) pagerUse {
	switch {
	case pages == nil:
		return pagerNone
	case custom:
		return pagerCustom
	}
	return pagerDefault
}

// isList reports whether p is a page that may paginate.
func isList(p *site.Page) bool {
	switch p.Kind {
	case site.KindHome, site.KindSection, site.KindTaxonomy, site.KindTerm:
		return true
	}
	return false
}

// planPagers adds to js the pager pages of the list pages that paginated
// (js.lists, rendered or kept by now) and returns the jobs it added.
func (b *Builder) planPagers(js *jobSet) []*job {
	var added []*job
	add := func(j *job) {
		if js.add(j) {
			added = append(added, j)
		}
	}
	for _, j := range js.lists {
		p := j.page
		var pages []*site.Page
		custom := false
		if j.dirty {
			pages, custom = site.PagersOf(p)
		} else if rec := b.records[j.out]; rec != nil && rec.pagers == pagerDefault {
			// Kept as it was: it paginates its own list, as last time.
			if _, err := p.Paginator(); err == nil {
				pages, custom = site.PagersOf(p)
			}
		}
		j.pagers = usedPagers(pages, custom)
		if pages == nil {
			continue
		}
		for _, q := range pages[1:] {
			pg, _ := q.Paginator()
			add(&job{kind: jobPage, out: q.OutPath, self: p.OutPath, owner: j.owner, page: q, layout: j.layout,
				refs: withTranslations(refsOf(p.OutPath, q, pg, j.layout, b.colls), p), siteWide: j.siteWide})
		}
		if js.hugo && strings.HasSuffix(p.OutPath, "index.html") {
			// Hugo redirects a list's first pager page, <url>page/1/, to it.
			out := path.Join(path.Dir(p.OutPath), site.PagerDir(p), "1", "index.html")
			add(&job{kind: jobAlias, out: out, owner: j.owner, page: p, refs: []string{p.OutPath}})
		}
	}
	return added
}

// pagersBefore is what list jobs about to be rendered again had asked of
// their paginators, forgotten so that the rendering asks afresh (the fast
// path, which keeps the site graph and the pager pages).
type pagersBefore map[*job][]*site.Page

func forgetPagers(todo []*job) pagersBefore {
	before := pagersBefore{}
	for _, j := range todo {
		if j.list {
			before[j], _ = site.PagersOf(j.page)
			site.ForgetPagers(j.page)
		}
	}
	return before
}

// same reports whether the rendering asked for the same pager pages as
// before: else the pages to write differ and the fast path gives up.
func (before pagersBefore) same() bool {
	for j, old := range before {
		pages, custom := site.PagersOf(j.page)
		if usedPagers(pages, custom) != j.pagers || !site.SamePagers(old, pages) {
			return false
		}
	}
	return true
}
