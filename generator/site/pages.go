package site

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// Pages is a list of pages with Hugo's methods: .ByDate, .ByWeight,
// .Reverse, .GroupByDate, .Related...
type Pages []*Page

// String is how hugo 0.111.3 prints a list of pages: Pages(3).
func (ps Pages) String() string { return fmt.Sprintf("Pages(%d)", len(ps)) }

// Len is the number of pages.
func (ps Pages) Len() int { return len(ps) }

func (ps Pages) sorted(less func(a, b *Page) bool) Pages {
	out := append(Pages(nil), ps...)
	sort.SliceStable(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}

// byThen orders by key, then as Hugo's default order does.
func byThen(cmp func(a, b *Page) int) func(a, b *Page) bool {
	return func(a, b *Page) bool {
		if c := cmp(a, b); c != 0 {
			return c < 0
		}
		return less(a, b)
	}
}

func timeCmp(a, b time.Time) int { return a.Compare(b) }

// ByWeight is Hugo's default order: weight, date (newest first), title.
func (ps Pages) ByWeight() Pages { return ps.sorted(less) }

// ByDate orders the pages oldest first.
func (ps Pages) ByDate() Pages {
	return ps.sorted(byThen(func(a, b *Page) int { return timeCmp(a.Date, b.Date) }))
}

// ByPublishDate orders the pages by publish date, oldest first.
func (ps Pages) ByPublishDate() Pages {
	return ps.sorted(byThen(func(a, b *Page) int { return timeCmp(a.PublishDate, b.PublishDate) }))
}

// ByLastmod orders the pages by last modification, oldest first.
func (ps Pages) ByLastmod() Pages {
	return ps.sorted(byThen(func(a, b *Page) int { return timeCmp(a.Lastmod, b.Lastmod) }))
}

// ByExpiryDate orders the pages by expiry date, soonest first.
func (ps Pages) ByExpiryDate() Pages {
	return ps.sorted(byThen(func(a, b *Page) int { return timeCmp(a.ExpiryDate, b.ExpiryDate) }))
}

// ByTitle orders the pages by title.
func (ps Pages) ByTitle() Pages {
	return ps.sorted(byThen(func(a, b *Page) int { return a.Site.CompareText(a.Title, b.Title) }))
}

// ByLinkTitle orders the pages by link title.
func (ps Pages) ByLinkTitle() Pages {
	return ps.sorted(byThen(func(a, b *Page) int { return a.Site.CompareText(a.linkTitle(), b.linkTitle()) }))
}

// ByLength orders the pages by the length of their content.
func (ps Pages) ByLength() Pages {
	return ps.sorted(byThen(func(a, b *Page) int { return len(a.Content) - len(b.Content) }))
}

// ByParam orders the pages by a parameter (see Page.Param); pages without it last.
func (ps Pages) ByParam(key string) Pages {
	return ps.sorted(func(a, b *Page) bool {
		va, vb := a.Param(key), b.Param(key)
		if va == nil || vb == nil {
			return va != nil
		}
		if fa, ok := ToFloat(va); ok {
			if fb, ok := ToFloat(vb); ok {
				return fa < fb
			}
		}
		return fmt.Sprint(va) < fmt.Sprint(vb)
	})
}

// Reverse returns the pages in reverse order.
func (ps Pages) Reverse() Pages {
	out := make(Pages, len(ps))
	for i, p := range ps {
		out[len(ps)-1-i] = p
	}
	return out
}

// Related returns the pages related to p, p itself never. On a site.yaml
// site they are the pages sharing its tags (see related.go). On a Hugo
// site they follow Hugo's default related config: pages sharing a
// keyword (weight 100) or a tag (weight 80), not newer than p
// (includeNewer false), highest score first, then newest (the related:
// config is not read).
func (ps Pages) Related(p any) Pages {
	pg, _ := p.(*Page)
	if pg == nil {
		return nil
	}
	if pg.Site != nil && pg.Site.hugo {
		if pg.Site.state != nil {
			if idx := pg.Site.state.related.index(ps); idx != nil {
				return idx.related(pg)
			}
		}
		return ps.relatedByKeywords(pg)
	}
	in := make(map[*Page]bool, len(ps))
	for _, q := range ps {
		in[q] = true
	}
	var out Pages
	for _, q := range pg.Related {
		if in[q] && q != pg {
			out = append(out, q)
		}
	}
	return out
}

func (ps Pages) relatedByKeywords(p *Page) Pages {
	if len(p.Keywords)+len(p.Tags) == 0 {
		return nil
	}
	keywords, tags := map[string]bool{}, map[string]bool{}
	for _, k := range p.Keywords {
		keywords[k] = true
	}
	for _, t := range p.Tags {
		tags[t] = true
	}
	shared := map[*Page]int{}
	var out Pages
	for _, q := range ps {
		if q == p || q.Date.After(p.Date) {
			continue
		}
		n := 0
		for _, k := range q.Keywords {
			if keywords[k] {
				n += 100
			}
		}
		for _, t := range q.Tags {
			if tags[t] {
				n += 80
			}
		}
		if n > 0 {
			shared[q] = n
			out = append(out, q)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if shared[out[i]] != shared[out[j]] {
			return shared[out[i]] > shared[out[j]]
		}
		return out[i].Date.After(out[j].Date)
	})
	return out
}

// PageGroup is one group of GroupBy...: its key and pages.
type PageGroup struct {
	Key   any
	Pages Pages
}

// PagesGroup is the groups of GroupBy..., in order.
type PagesGroup []PageGroup

// Len is the number of pages in the groups, as Hugo's (len gives the
// number of groups).
func (g PagesGroup) Len() int {
	n := 0
	for _, x := range g {
		n += len(x.Pages)
	}
	return n
}

// Reverse returns the groups in reverse order.
func (g PagesGroup) Reverse() PagesGroup {
	out := make(PagesGroup, len(g))
	for i, x := range g {
		out[len(g)-1-i] = x
	}
	return out
}

// GroupByDate groups the pages by their date formatted with layout (a Go
// layout: "2006", "2006-01"), newest group first unless order is "asc".
func (ps Pages) GroupByDate(layout string, order ...string) PagesGroup {
	return ps.groupByTime(layout, func(p *Page) time.Time { return p.Date }, order)
}

// GroupByPublishDate is GroupByDate by publish date.
func (ps Pages) GroupByPublishDate(layout string, order ...string) PagesGroup {
	return ps.groupByTime(layout, func(p *Page) time.Time { return p.PublishDate }, order)
}

// GroupByLastmod is GroupByDate by last modification.
func (ps Pages) GroupByLastmod(layout string, order ...string) PagesGroup {
	return ps.groupByTime(layout, func(p *Page) time.Time { return p.Lastmod }, order)
}

func (ps Pages) groupByTime(layout string, at func(*Page) time.Time, order []string) PagesGroup {
	// As Hugo: oldest first, ties kept in the list's order (a stable
	// sort by the date alone), then reversed unless order is "asc" ("rev"
	// and "reverse" too). Grouping a group's pages again (an archive's
	// months in its years) so gives hugo's order.
	sorted := ps.sorted(func(a, b *Page) bool { return at(a).Before(at(b)) })
	if len(order) == 0 || !(strings.EqualFold(order[0], "asc") || strings.EqualFold(order[0], "rev") || strings.EqualFold(order[0], "reverse")) {
		sorted = sorted.Reverse()
	}
	var out PagesGroup
	for _, p := range sorted {
		key := p.Site.FormatTime(at(p), layout)
		if n := len(out); n > 0 && out[n-1].Key == key {
			out[n-1].Pages = append(out[n-1].Pages, p)
			continue
		}
		out = append(out, PageGroup{Key: key, Pages: Pages{p}})
	}
	return out
}

// GroupBy groups the pages by a field (Section, Type, Kind...), groups in
// ascending key order unless order is "desc".
func (ps Pages) GroupBy(key string, order ...string) (PagesGroup, error) {
	get := func(p *Page) (any, error) {
		switch key {
		case "Section":
			return p.Section, nil
		case "Type":
			return p.Type, nil
		case "Kind":
			return p.Kind, nil
		case "Title":
			return p.Title, nil
		case "Weight":
			return p.Weight, nil
		}
		return nil, fmt.Errorf("GroupBy %q: Storyfront groups by Section, Type, Kind, Title or Weight (GroupByParam for parameters)", key)
	}
	return ps.groupBy(get, order)
}

// GroupByParam groups the pages by a parameter; pages without it are left out.
func (ps Pages) GroupByParam(key string, order ...string) (PagesGroup, error) {
	return ps.groupBy(func(p *Page) (any, error) { return p.Param(key), nil }, order)
}

func (ps Pages) groupBy(get func(*Page) (any, error), order []string) (PagesGroup, error) {
	desc := len(order) > 0 && strings.EqualFold(order[0], "desc")
	idx := map[string]int{}
	var out PagesGroup
	for _, p := range ps {
		k, err := get(p)
		if err != nil {
			return nil, err
		}
		if k == nil {
			continue
		}
		ks := fmt.Sprint(k)
		i, ok := idx[ks]
		if !ok {
			i = len(out)
			idx[ks] = i
			out = append(out, PageGroup{Key: k})
		}
		out[i].Pages = append(out[i].Pages, p)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Key, out[j].Key
		var l bool
		if fa, ok := ToFloat(a); ok {
			fb, _ := ToFloat(b)
			l = fa < fb
		} else {
			l = fmt.Sprint(a) < fmt.Sprint(b)
		}
		if desc {
			return !l && fmt.Sprint(a) != fmt.Sprint(b)
		}
		return l
	})
	return out, nil
}
