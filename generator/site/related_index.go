package site

import (
	"slices"
	"sort"
	"sync"
)

// Hugo's default related-content weights: a shared keyword counts 100, a
// shared tag 80 (its date index only reorders pages of the same year, which
// newest-first already does among the older pages that qualify).
const (
	relatedKeywordWeight = 100
	relatedTagWeight     = 80
)

// relatedIndex is an inverted index of one list of pages for .Related on
// a Hugo site: the list newest first, and for each tag and keyword the
// positions in that order of the pages that have it. A query then visits
// only the pages sharing a tag or keyword with the page, and only those
// not newer than it, instead of the whole list.
type relatedIndex struct {
	order          []*Page          // the list, newest first (ties in list order)
	tags, keywords map[string][]int // ascending positions in order, once per occurrence
}

func newRelatedIndex(ps Pages) *relatedIndex {
	idx := &relatedIndex{order: slices.Clone(ps), tags: map[string][]int{}, keywords: map[string][]int{}}
	sort.SliceStable(idx.order, func(i, j int) bool { return idx.order[i].Date.After(idx.order[j].Date) })
	for i, q := range idx.order {
		for _, k := range q.Keywords {
			idx.keywords[k] = append(idx.keywords[k], i)
		}
		for _, t := range q.Tags {
			idx.tags[t] = append(idx.tags[t], i)
		}
	}
	return idx
}

// posting is one tag's or keyword's positions still to merge, and what a
// match through it weighs.
type posting struct {
	pos    []int
	weight int
}

// related is relatedByKeywords through the index: the pages of the list
// sharing a keyword or tag with p and not newer than it, by score (the
// weights of what they share) and then newest first.
func (idx *relatedIndex) related(p *Page) Pages {
	// The pages not newer than p start at from.
	from := sort.Search(len(idx.order), func(i int) bool { return !idx.order[i].Date.After(p.Date) })
	var lists []posting
	add := func(words []string, index map[string][]int, weight int) {
		for i, w := range words {
			if slices.Contains(words[:i], w) {
				continue // p's own repeats count once
			}
			pos := index[w]
			start := sort.SearchInts(pos, from)
			if start < len(pos) {
				lists = append(lists, posting{pos[start:], weight})
			}
		}
	}
	add(p.Keywords, idx.keywords, relatedKeywordWeight)
	add(p.Tags, idx.tags, relatedTagWeight)
	// Merge the lists in order (newest first), summing each page's score.
	type candidate struct{ pos, score int }
	var cands []candidate
	var scores []int // the distinct scores
	for {
		next := -1
		for _, l := range lists {
			if len(l.pos) > 0 && (next < 0 || l.pos[0] < next) {
				next = l.pos[0]
			}
		}
		if next < 0 {
			break
		}
		score := 0
		for i := range lists {
			for len(lists[i].pos) > 0 && lists[i].pos[0] == next {
				score += lists[i].weight
				lists[i].pos = lists[i].pos[1:]
			}
		}
		if idx.order[next] != p {
			cands = append(cands, candidate{next, score})
			if !slices.Contains(scores, score) {
				scores = append(scores, score)
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	// Highest score first; within a score, newest first (the merge order).
	slices.Sort(scores)
	out := make(Pages, 0, len(cands))
	for i := len(scores) - 1; i >= 0; i-- {
		for _, c := range cands {
			if c.score == scores[i] {
				out = append(out, idx.order[c.pos])
			}
		}
	}
	return out
}

// relatedIndexes keeps the indexes of the lists .Related is called on in
// one build. A list is known by its first element's address and length
// (the lists a build hands templates are not changed while it renders).
// A list gets an index on its second query: one built for a list that a
// template makes afresh for each page would cost more than the scan.
type relatedIndexes struct {
	mu   sync.Mutex
	seen map[listKey]*relatedEntry
}

type listKey struct {
	first **Page
	n     int
}

type relatedEntry struct {
	once sync.Once
	idx  *relatedIndex
}

// maxRelatedLists bounds the lists remembered per build, so that lists
// made afresh on every page do not pile up.
const maxRelatedLists = 64

// index returns ps's index, or nil when ps is asked about for the first
// time (or too many lists have been).
func (r *relatedIndexes) index(ps Pages) *relatedIndex {
	if len(ps) == 0 {
		return nil
	}
	key := listKey{&ps[0], len(ps)}
	r.mu.Lock()
	if r.seen == nil {
		r.seen = map[listKey]*relatedEntry{}
	}
	e := r.seen[key]
	if e == nil {
		if len(r.seen) < maxRelatedLists {
			r.seen[key] = &relatedEntry{}
		}
		r.mu.Unlock()
		return nil
	}
	r.mu.Unlock()
	e.once.Do(func() { e.idx = newRelatedIndex(ps) })
	return e.idx
}
