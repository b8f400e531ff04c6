package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestRelatedIndexIsTheScan: on a Hugo site, .Related through the index
// (from a list's second query on) gives the same pages in the same order
// as the scan of the whole list, for pages with repeated tags and
// keywords, equal dates, no tags, and a page that is not in the list.
func TestRelatedIndexIsTheScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	s := &Site{hugo: true, state: newSiteState()}
	words := func(prefix string, most int) []string {
		var out []string
		for range rng.IntN(most + 1) {
			out = append(out, fmt.Sprintf("%s%d", prefix, rng.IntN(6)))
		}
		return out
	}
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	var list Pages
	for i := range 300 {
		list = append(list, &Page{Title: fmt.Sprint("p", i), Site: s,
			Date: base.Add(time.Duration(rng.IntN(100)) * 24 * time.Hour), // many equal dates
			Tags: words("t", 4), Keywords: words("k", 2)})
	}
	outsider := &Page{Title: "outsider", Site: s, Date: base.Add(50 * 24 * time.Hour), Tags: []string{"t1", "t1", "t2"}}
	queries := append(slices.Clone(list), outsider)
	list.Related(list[0]) // the first query: answered by the scan
	if s.state.related.index(list) == nil {
		t.Fatal("no index for a list asked about twice")
	}
	for _, p := range queries {
		want := list.relatedByKeywords(p)
		got := list.Related(p)
		if !slices.Equal(got, want) {
			t.Fatalf("%s (tags %v, keywords %v): index gives %v, the scan %v", p.Title, p.Tags, p.Keywords, pageTitles(got), pageTitles(want))
		}
	}
	// Another list (a part of the first) has its own index.
	part := list[100:]
	part.Related(part[0])
	for _, p := range queries[:50] {
		if got, want := part.Related(p), part.relatedByKeywords(p); !slices.Equal(got, want) {
			t.Fatalf("part, %s: index gives %v, the scan %v", p.Title, pageTitles(got), pageTitles(want))
		}
	}
}

func pageTitles(ps Pages) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Title)
	}
	return out
}
