package generator

import (
	"sort"

	"github.com/storyfront/storyfront/generator/site"
)

// assemble makes the Output from the planned jobs: fresh data for the
// jobs just produced, the previous output's files for the others, plus the
// assets the templates asked for. It records what each output was made
// from and lists what changed.
func (b *Builder) assemble(jobs []*job, s *site.Site) *Output {
	files := make(map[string]*File, len(jobs)+8)
	records := make(map[string]*record, len(jobs))
	rendered := 0
	for _, j := range jobs {
		if j.dirty && j.kind != jobCopy && j.kind != jobImage {
			rendered++
		}
		if j.dirty {
			files[j.out] = &File{Path: j.out, Data: j.data, staged: j.staged, disk: j.disk}
		} else {
			files[j.out] = b.prev.files[j.out]
		}
		if j.kind != jobCopy && j.kind != jobImage {
			records[j.out] = &record{layout: layoutName(j), refs: j.refs, siteWide: j.siteWide, pagers: j.pagers}
		}
	}
	for _, a := range b.rend.Assets() {
		files[a.OutPath] = &File{Path: a.OutPath, Data: a.Data}
	}
	for _, f := range b.madeFiles() {
		if files[f.Path] == nil {
			files[f.Path] = f
		}
	}
	b.records = records
	out := &Output{files: files}
	for p, f := range files {
		var old *File
		if b.prev != nil {
			old = b.prev.files[p]
		}
		if old == f {
			continue
		}
		if old == nil || !old.same(f) {
			out.changed = append(out.changed, p)
		}
	}
	if b.prev != nil {
		for p := range b.prev.files {
			if _, ok := files[p]; !ok {
				out.changed = append(out.changed, p)
			}
		}
	}
	sort.Strings(out.changed)
	out.stats = Stats{Pages: len(s.RegularPages), Sections: len(s.Sections), Tags: len(s.Tags), Files: len(files), Rendered: rendered}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
