package generator

import (
	"os"
	"path"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/render"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// staticFile is a file of static/ copied as it is.
type staticFile struct {
	source string // relative to the site folder
	data   []byte
}

// loadStatic reads the theme's static/ then the site's over it.
func (b *Builder) loadStatic(errs *diag.List) {
	b.statics = map[string]*staticFile{}
	for _, root := range []string{path.Join(render.ThemeDir(b.cfg), render.StaticDir), render.StaticDir} {
		err := sitefs.Walk(b.dir, root, nil, func(f sitefs.File) error {
			data, err := os.ReadFile(f.Path)
			if err != nil {
				return err
			}
			b.statics[f.Rel] = &staticFile{source: path.Join(root, f.Rel), data: data}
			return nil
		})
		if err != nil {
			errs.Add(root, err)
		}
	}
}
