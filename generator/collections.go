package generator

import (
	"hash/fnv"
	"strconv"

	"github.com/storyfront/storyfront/generator/site"
)

// collections gives each list of pages an output shows as a whole (a
// layout that mentions .Pages) one ref, instead of one ref per page:
// with the default theme every pager page of a 10,000-story section and
// of each tag showed the whole list, and listing every page in each of
// them made the refs grow as pages × pager pages (24 million strings at
// 10,000 pages).
//
// A collection ref is "\x00pages LIST HASH": LIST the list page's output
// path and HASH a hash of its members' output paths in order, so a page
// added, removed or moved in the list changes the ref (and dirty sees a
// changed list of refs). A member whose text changed makes the ref
// changed: see mark.
type collections struct {
	members map[string][]*site.Page // ref -> the pages it stands for
	byList  map[listKey]string      // the same slice -> its ref, computed once
	sets    map[listKey]string      // the same slice -> its membership ref
}

// listKey identifies one slice of pages (pager pages share their list
// page's slice).
type listKey struct {
	first **site.Page
	n     int
}

func newCollections() *collections {
	return &collections{members: map[string][]*site.Page{}, byList: map[listKey]string{}, sets: map[listKey]string{}}
}

// ref returns the ref of the list ps that the output of list page self
// shows.
func (c *collections) ref(self string, ps []*site.Page) string {
	if len(ps) == 0 {
		return "\x00pages " + self + " empty"
	}
	k := listKey{&ps[0], len(ps)}
	if r, ok := c.byList[k]; ok {
		return r
	}
	h := fnv.New64a()
	for _, p := range ps {
		h.Write([]byte(p.OutPath))
		h.Write([]byte{0})
	}
	r := "\x00pages " + self + " " + strconv.Itoa(len(ps)) + " " + strconv.FormatUint(h.Sum64(), 16)
	c.byList[k] = r
	c.members[r] = ps
	return r
}

// membership returns a ref that changes only when which pages ps holds,
// or their order, changes: for a layout that shows how many pages a list
// has (.Term.Count) but not the pages.
func (c *collections) membership(self string, ps []*site.Page) string {
	if len(ps) == 0 {
		return "\x00members " + self + " empty"
	}
	k := listKey{&ps[0], len(ps)}
	if r, ok := c.sets[k]; ok {
		return r
	}
	h := fnv.New64a()
	for _, p := range ps {
		h.Write([]byte(p.OutPath))
		h.Write([]byte{0})
	}
	r := "\x00members " + self + " " + strconv.Itoa(len(ps)) + " " + strconv.FormatUint(h.Sum64(), 16)
	c.sets[k] = r
	return r
}

// mark adds to changed the ref of every collection holding a changed
// page. Its cost is the total size of the lists, once per build, not per
// output.
func (c *collections) mark(changed map[string]bool) {
	if c == nil || len(changed) == 0 {
		return
	}
	for r, ps := range c.members {
		for _, p := range ps {
			if changed[p.OutPath] {
				changed[r] = true
				break
			}
		}
	}
}
