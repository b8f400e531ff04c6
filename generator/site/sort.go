package site

import (
	"sort"
	"strings"
)

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
	if a.Title != b.Title {
		// Without regard to case first, as Hugo's collation orders titles.
		if la, lb := strings.ToLower(a.Title), strings.ToLower(b.Title); la != lb {
			return la < lb
		}
		return a.Title < b.Title
	}
	return a.RelPermalink < b.RelPermalink
}
