package site

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Taxonomy is one taxonomy of .Site.Taxonomies: its terms by slug, each
// with the pages that carry it, as in Hugo.
type Taxonomy map[string]WeightedPages

// WeightedPage is a page in a term's list with the page's weight for that
// term (front matter <taxonomy>_weight).
type WeightedPage struct {
	Weight int
	*Page
	term *Page // the term's own page, for WeightedPages.Page
}

// WeightedPages are a term's pages, lightest first, then as lists sort.
type WeightedPages []WeightedPage

// Pages returns the pages without their weights.
func (wp WeightedPages) Pages() []*Page {
	out := make([]*Page, len(wp))
	for i, w := range wp {
		out[i] = w.Page
	}
	return out
}

// Page is the term's own page (Hugo's WeightedPages.Page: range
// .Data.Terms gives {{ .Page.Title }} and {{ .Page.Permalink }}); nil for
// no pages.
func (wp WeightedPages) Page() *Page {
	if len(wp) == 0 {
		return nil
	}
	return wp[0].term
}

// Count is how many pages carry the term.
func (wp WeightedPages) Count() int { return len(wp) }

// Len is Count, as Hugo names it too.
func (wp WeightedPages) Len() int { return len(wp) }

// OrderedTaxonomyEntry is one term of a sorted taxonomy.
type OrderedTaxonomyEntry struct {
	Name string // the term's slug, Hugo's key
	WeightedPages
}

// Term returns the term's slug.
func (e OrderedTaxonomyEntry) Term() string { return e.Name }

// OrderedTaxonomy is a taxonomy's terms in an order (.ByCount,
// .Alphabetical), as Hugo's.
type OrderedTaxonomy []OrderedTaxonomyEntry

// Reverse returns the terms in the reverse order (Jane's tag cloud:
// .Site.Taxonomies.tags.ByCount.Reverse).
func (o OrderedTaxonomy) Reverse() OrderedTaxonomy {
	out := make(OrderedTaxonomy, len(o))
	for i, e := range o {
		out[len(o)-1-i] = e
	}
	return out
}

// Alphabetical returns the terms sorted by slug.
func (t Taxonomy) Alphabetical() OrderedTaxonomy {
	out := t.entries()
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// ByCount returns the terms with the most pages first (then by slug).
func (t Taxonomy) ByCount() OrderedTaxonomy {
	out := t.entries()
	sort.SliceStable(out, func(i, j int) bool {
		if len(out[i].WeightedPages) != len(out[j].WeightedPages) {
			return len(out[i].WeightedPages) > len(out[j].WeightedPages)
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Get returns the pages of a term, given by its name or slug.
func (t Taxonomy) Get(term string) WeightedPages {
	if wp, ok := t[term]; ok {
		return wp
	}
	return t[HugoPath(term, true)]
}

// Count returns how many pages carry a term.
func (t Taxonomy) Count(term string) int { return len(t.Get(term)) }

func (t Taxonomy) entries() OrderedTaxonomy {
	out := make(OrderedTaxonomy, 0, len(t))
	for k, v := range t {
		out = append(out, OrderedTaxonomyEntry{Name: k, WeightedPages: v})
	}
	return out
}

// GetTerms returns the term pages of a page for a taxonomy ("tags"), in
// the order the page lists them.
func (p *Page) GetTerms(taxonomy string) []*Page {
	var out []*Page
	for _, t := range p.terms[taxonomy] {
		if t.Page != nil {
			out = append(out, t.Page)
		}
	}
	return out
}

// termValues returns the terms a page gives for a taxonomy: tags and
// categories from their fields, any other from its front matter key.
func termValues(p *Page, plural string) []string {
	switch plural {
	case "tags":
		return p.Tags
	case "categories":
		if p.Source != nil {
			return p.Source.Front.Categories
		}
		return nil
	}
	for k, v := range p.Params {
		if !strings.EqualFold(k, plural) {
			continue
		}
		switch v := v.(type) {
		case string:
			return []string{v}
		case []any:
			out := make([]string, 0, len(v))
			for _, it := range v {
				out = append(out, fmt.Sprint(it))
			}
			return out
		case []string:
			return v
		}
	}
	return nil
}

// hugoTermNames names each term as the first page that gives it in hugo
// 0.111.3's walk of the content (hugoWalkKey), so "Plugin" and "plugin"
// make one term named as that page writes it.
func hugoTermNames(pages []*Page, plural string, bySlug map[string]*Term, slugOf func(string) string) {
	walk := make([]*Page, 0, len(pages))
	for _, p := range pages {
		if len(termValues(p, plural)) > 0 {
			walk = append(walk, p)
		}
	}
	keys := make(map[*Page]string, len(walk))
	for _, p := range walk {
		keys[p] = hugoWalkKey(p)
	}
	sort.SliceStable(walk, func(i, j int) bool { return keys[walk[i]] < keys[walk[j]] })
	named := map[*Term]bool{}
	for _, p := range walk {
		for _, name := range termValues(p, plural) {
			if t := bySlug[slugOf(name)]; t != nil && !named[t] {
				t.Name = name
				named[t] = true
			}
		}
	}
}

// hugoWalkKey is where hugo 0.111.3's content tree holds a regular page:
// its section's folder, then the rest of its path, so a section's own
// pages come before those of its sections ("/blog/__hb_/b.md" before
// "/blog/sub/__hb_/a.md").
func hugoWalkKey(p *Page) string {
	if p.Source == nil {
		return ""
	}
	rel := p.Source.Rel
	dir := ""
	if sec := p.CurrentSection(); sec != nil && !sec.IsHome {
		dir = strings.Trim(sec.Dir, "/")
	}
	if dir == "" {
		return "/__hb_/" + rel
	}
	return "/" + dir + "/__hb_/" + strings.TrimPrefix(rel, dir+"/")
}

// termWeight reads <plural>_weight from a page's front matter.
func termWeight(p *Page, plural string) int {
	for k, v := range p.Params {
		if !strings.EqualFold(k, plural+"_weight") {
			continue
		}
		switch v := v.(type) {
		case int64:
			return int(v)
		case uint64:
			return int(v)
		case float64:
			return int(v)
		case int:
			return v
		case string:
			n, _ := strconv.Atoi(v)
			return n
		}
	}
	return 0
}

// termSlug is a term's URL segment (and Hugo's .Site.Taxonomies key).
func (b *builder) termSlug(name string) string {
	if b.cfg.HugoURLs() {
		return HugoPath(name, !b.cfg.DisablePathToLower)
	}
	return Urlize(name)
}

// listPlace returns the output file and URL path of a list page at folder
// dir: "dir/index.html", or "dir.html" with uglyURLs.
func (b *builder) listPlace(dir string) (out, u string) {
	if section, _, _ := strings.Cut(dir, "/"); b.cfg.Ugly(section) && dir != "" {
		return dir + ".html", "/" + dir + ".html"
	}
	return dir + "/index.html", "/" + dir + "/"
}

// taxonomy makes, for each configured taxonomy, its list page, a page per
// term and .Site.Taxonomies; then the 404 page.
func (b *builder) taxonomy(s *Site) {
	s.Taxonomies = map[string]Taxonomy{}
	plurals := make([]string, 0, len(b.cfg.Taxonomies))
	singular := map[string]string{}
	for sing, plural := range b.cfg.Taxonomies {
		plurals = append(plurals, plural)
		singular[plural] = sing
	}
	sort.Strings(plurals)
	for _, plural := range plurals {
		terms, tax := b.terms(s, plural)
		s.Taxonomies[plural] = tax
		if b.cfg.FromHugo() && b.cfg.KindDisabled(KindTerm) {
			// With no term pages, hugo 0.111.3's .Site.Taxonomies has
			// the taxonomy without terms.
			s.Taxonomies[plural] = Taxonomy{}
		}
		if plural == TaxonomyDir {
			s.Tags = terms
		}
		// Hugo publishes a taxonomy's page even without terms.
		hugo := b.cfg.FromHugo()
		if b.cfg.KindDisabled(KindTaxonomy) && b.cfg.KindDisabled(KindTerm) {
			continue
		}
		title := titleWords(plural)
		dir := b.dirPath(plural)
		tp := b.tagPage(plural, &Page{Title: title, LinkTitle: title})
		tp.Kind, tp.Section, tp.Type, tp.Terms = KindTaxonomy, plural, plural, terms
		tp.Data = map[string]any{"Singular": singular[plural], "Plural": plural, "Terms": tax}
		out, u := b.listPlace(dir)
		placeTag(s, tp, out, u)
		if plural == TaxonomyDir {
			s.Taxonomy = tp
		}
		if (len(terms) > 0 || hugo) && !b.cfg.KindDisabled(KindTaxonomy) {
			s.Pages = append(s.Pages, tp)
		}
		for _, t := range terms {
			t.Count = len(t.Pages)
			pg := b.tagPage(path.Join(plural, t.Slug), &Page{Title: t.Name, LinkTitle: t.Name})
			pg.Kind, pg.Section, pg.Type, pg.Term, pg.Pages = KindTerm, plural, plural, t, t.Pages
			pg.Data = map[string]any{"Singular": singular[plural], "Plural": plural, "Term": t.Name}
			if _, ok := pg.Params["title"]; !ok && hugo {
				pg.Params["title"] = pg.Title // Hugo's term pages have it, as if in front matter
			}
			if pg.Lastmod.IsZero() {
				pg.Lastmod = newest(t.Pages)
			}
			if pg.Date.IsZero() && hugo {
				pg.Date = newestOwnDate(t.Pages)
			}
			out, u := b.listPlace(dir + "/" + t.Slug)
			if pattern, ok := b.cfg.Permalinks[plural]; ok && b.cfg.HugoURLs() {
				// Hugo's permalinks apply to a taxonomy's term pages.
				pp := permalinkPage{date: pg.Date, dir: plural, name: t.Slug, title: pg.Title, slug: t.Slug,
					lower: !b.cfg.DisablePathToLower, contentB: t.Slug}
				out, u = outOf(pp.expand(pattern))
				if b.cfg.Ugly(plural) && strings.HasSuffix(u, "/") {
					u = strings.TrimSuffix(u, "/") + ".html"
					out = u[1:]
				}
			}
			placeTag(s, pg, out, u)
			t.RelPermalink, t.Permalink, t.Page = pg.RelPermalink, pg.Permalink, pg
			for i := range tax[t.Slug] {
				tax[t.Slug][i].term = pg
			}
			if !b.cfg.KindDisabled(KindTerm) {
				s.Pages = append(s.Pages, pg)
			}
		}
		tp.Pages = make([]*Page, 0, len(terms))
		for _, t := range terms {
			tp.Pages = append(tp.Pages, t.Page)
		}
		if hugo {
			// Hugo lists term pages as it lists pages: newest first, and
			// dates the taxonomy page by its newest term.
			SortPages(tp.Pages)
			if tp.Date.IsZero() {
				tp.Date = newestDate(tp.Pages)
			}
			if tp.Lastmod.IsZero() {
				tp.Lastmod = newest(tp.Pages)
			}
		}
	}
	nf := &Page{Kind: Kind404, Title: "Page not found", Params: map[string]any{}}
	if b.cfg.FromHugo() {
		nf.Title = "404 Page not found" // Hugo's title
	}
	s.place(nf, "404.html", "/404.html")
	s.NotFound = nf
}

// terms collects a taxonomy's terms from the regular pages (and, on a
// Hugo site, the home and section pages): sorted by
// slug, each term's pages by term weight, then as lists sort.
func (b *builder) terms(s *Site, plural string) ([]*Term, Taxonomy) {
	bySlug := map[string]*Term{}
	weights := map[*Term]map[*Page]int{}
	var terms []*Term
	pages := s.RegularPages
	if b.cfg.FromHugo() {
		// Hugo files list pages under their terms too (a docs section
		// with tags: [docs]).
		pages = append(Pages(nil), pages...)
		if s.Home != nil && s.Home.Source != nil {
			pages = append(pages, s.Home)
		}
		dirs := make([]string, 0, len(s.sectionsByDir))
		for d := range s.sectionsByDir {
			dirs = append(dirs, d)
		}
		sort.Strings(dirs)
		for _, d := range dirs {
			if sec := s.sectionsByDir[d]; sec.Source != nil {
				pages = append(pages, sec)
			}
		}
		SortPages(pages) // as the regular pages are: in list order
	}
	for _, p := range pages {
		for _, name := range termValues(p, plural) {
			if strings.TrimSpace(name) == "" {
				continue
			}
			slug := b.termSlug(name)
			term := bySlug[slug]
			if term == nil {
				term = &Term{Name: name, Slug: slug}
				bySlug[slug] = term
				terms = append(terms, term)
				weights[term] = map[*Page]int{}
			}
			if n := len(term.Pages); n == 0 || term.Pages[n-1] != p {
				term.Pages = append(term.Pages, p)
				weights[term][p] = termWeight(p, plural)
				if p.terms == nil {
					p.terms = map[string][]*Term{}
				}
				p.terms[plural] = append(p.terms[plural], term)
			}
		}
	}
	if b.cfg.FromHugo() {
		hugoTermNames(s.RegularPages, plural, bySlug, b.termSlug)
	}
	sort.Slice(terms, func(i, j int) bool { return terms[i].Slug < terms[j].Slug })
	tax := Taxonomy{}
	for _, t := range terms {
		w := weights[t]
		sort.SliceStable(t.Pages, func(i, j int) bool {
			wi, wj := w[t.Pages[i]], w[t.Pages[j]]
			if (wi != 0) != (wj != 0) {
				return wi != 0
			}
			return wi < wj
		})
		wp := make(WeightedPages, len(t.Pages))
		for i, p := range t.Pages {
			wp[i] = WeightedPage{Weight: w[p], Page: p}
		}
		tax[t.Slug] = wp
	}
	return terms, tax
}

// placeTag places a taxonomy's or a term's page at out and u, or at the
// url its _index.md sets (Hugo Coder's translated terms), as hugo 0.111.3
// places it: its pages, feed and pager pages below it.
func placeTag(s *Site, p *Page, out, u string) {
	if p.Source == nil || p.Source.Front.URL == "" || !s.hugo {
		s.place(p, out, u)
		return
	}
	raw := p.Source.Front.URL
	if o, cu, err := cleanURL(raw); err == nil { // an error is the page's own, reported
		out, u = o, cu
	}
	s.placeURL(p, raw, out, u)
}

// tagPage returns the page of content/<dir>/_index.md made a taxonomy or
// term page (its title, text, front matter), or def when there is none.
func (b *builder) tagPage(dir string, def *Page) *Page {
	p := b.tagPages[dir]
	if p == nil {
		kind := KindTaxonomy
		if strings.Contains(dir, "/") {
			kind = KindTerm
		}
		def.Params = b.cascadeParams(map[string]any{}, dir, kind)
		return def
	}
	p.IsSection = false
	if p.Source.Front.Title == "" {
		p.Title = def.Title
	}
	if p.LinkTitle == "" || p.Source.Front.LinkTitle == "" {
		p.LinkTitle = p.Title
	}
	return p
}

// newestOwnDate is newestDate of the pages' own dates: a list page dated
// by its pages counts as undated, as in hugo 0.111.3, which dates a term
// page before it dates sections by their pages (a term given only to an
// undated section's _index.md is dated 0001-01-01: Anatole's "index" tag).
func newestOwnDate(ps []*Page) time.Time {
	var t time.Time
	for _, p := range ps {
		if !p.datedByPages && p.Date.After(t) {
			t = p.Date
		}
	}
	return t
}

func newestDate(ps []*Page) time.Time {
	var t time.Time
	for _, p := range ps {
		if p.Date.After(t) {
			t = p.Date
		}
	}
	return t
}
