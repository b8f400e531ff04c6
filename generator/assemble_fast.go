package generator

import (
	"maps"
	"sort"
)

// assembleFast is assemble for the fast path (fast.go), where the jobs are
// the last build's and only the dirty ones were produced again: the new
// file map is a copy of the last one with those outputs replaced, and only
// they, the assets and the template images can have changed. Its cost is
// a copy of the map, not a pass that rebuilds it output by output (at
// 10,000 stories the difference between ~1 ms and ~12 ms a save).
func (b *Builder) assembleFast() *Output {
	files := maps.Clone(b.prev.files)
	out := &Output{files: files}
	rendered := 0
	set := map[string]bool{} // the paths given a new file
	put := func(f *File) {
		old := b.prev.files[f.Path]
		files[f.Path] = f
		set[f.Path] = true
		if old == nil || !old.same(f) {
			out.changed = append(out.changed, f.Path)
		}
	}
	for _, j := range b.jobs {
		if !j.dirty {
			continue
		}
		if j.kind != jobCopy && j.kind != jobImage {
			rendered++
			b.records[j.out] = &record{layout: layoutName(j), refs: j.refs, siteWide: j.siteWide, pagers: j.pagers}
		}
		put(&File{Path: j.out, Data: j.data, staged: j.staged, disk: j.disk})
	}
	for _, a := range b.rend.Assets() {
		put(&File{Path: a.OutPath, Data: a.Data})
	}
	for _, f := range b.madeFiles() {
		if !set[f.Path] {
			put(f)
		}
	}
	sort.Strings(out.changed)
	out.changed = compactSorted(out.changed)
	s := b.site
	out.stats = Stats{Pages: len(s.RegularPages), Sections: len(s.Sections), Tags: len(s.Tags), Files: len(files), Rendered: rendered}
	return out
}

// compactSorted drops repeated strings from a sorted list.
func compactSorted(ss []string) []string {
	out := ss[:0]
	for i, s := range ss {
		if i == 0 || s != ss[i-1] {
			out = append(out, s)
		}
	}
	return out
}
