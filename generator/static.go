package generator

import (
	"os"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/render"
)

// staticFile is a file of static/ copied as it is.
type staticFile struct {
	source string // relative to the site folder
	data   []byte
}

// loadStatic reads the theme's static/ then the site's over it (or the
// folders module.mounts puts in static/, Docsy's webfonts).
func (b *Builder) loadStatic(errs *diag.List) {
	b.statics = map[string]*staticFile{}
	files := render.MountedFiles(b.dir, b.cfg, render.StaticDir, func(source string, err error) { errs.Add(source, err) })
	for rel, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			errs.Add(f.Source, err)
			continue
		}
		b.statics[rel] = &staticFile{source: f.Source, data: data}
	}
}
