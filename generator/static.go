package generator

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/render"
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
		dir := filepath.Join(b.dir, filepath.FromSlash(root))
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					return fs.SkipAll
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			data, err := os.ReadFile(p)
			if err != nil {
				errs.Add(path.Join(root, rel), err)
				return nil
			}
			b.statics[rel] = &staticFile{source: path.Join(root, rel), data: data}
			return nil
		})
		if err != nil {
			errs.Add(root, err)
		}
	}
}
