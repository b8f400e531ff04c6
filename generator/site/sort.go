package site

import "sort"

// SortPages orders pages as lists show them: pages with a weight first
// (lightest first), then newest first, then by title and URL.
func SortPages(ps []*Page) {
	sort.SliceStable(ps, func(i, j int) bool { return less(ps[i], ps[j]) })
}

func less(a, b *Page) bool {
	if (a.Weight != 0) != (b.Weight != 0) {
		return a.Weight != 0
	}
	if a.Weight != b.Weight {
		return a.Weight < b.Weight
	}
	if !a.Date.Equal(b.Date) {
		return a.Date.After(b.Date)
	}
	if ta, tb := a.linkTitle(), b.linkTitle(); ta != tb {
		return a.Site.CompareText(ta, tb) < 0 // Hugo's collation of link titles
	}
	if a.Site != nil && a.Site.hugo {
		// hugo 0.111.3's last two: a page without a file first, then
		// by file name.
		if a.Source == nil || b.Source == nil {
			return a.Source == nil && b.Source != nil
		}
		if a.Source.Path != b.Source.Path {
			return a.Source.Path < b.Source.Path
		}
	}
	return a.RelPermalink < b.RelPermalink
}

// linkTitle is the link title, else the title.
func (p *Page) linkTitle() string {
	if p.LinkTitle != "" {
		return p.LinkTitle
	}
	return p.Title
}
