package render

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
)

// Dirs of a site or theme.
const (
	LayoutsDir = "layouts"
	AssetsDir  = "assets"
	StaticDir  = "static"
	ThemesDir  = "themes"
)

// layoutFile is one template file.
type layoutFile struct {
	name string // relative to layouts/: "_default/single.html"
	file string // relative to the site folder, for errors
	src  string
}

// ThemeDir returns the theme's folder relative to the site folder.
func ThemeDir(cfg *config.Config) string { return path.Join(ThemesDir, cfg.Theme) }

// loadLayouts reads the theme's layouts, then the site's over them.
func loadLayouts(siteDir string, cfg *config.Config) (map[string]*layoutFile, error) {
	out := map[string]*layoutFile{}
	var errs diag.List
	themeLayouts := path.Join(ThemeDir(cfg), LayoutsDir)
	_, themeErr := os.Stat(filepath.Join(siteDir, filepath.FromSlash(themeLayouts)))
	_, siteErr := os.Stat(filepath.Join(siteDir, LayoutsDir))
	if themeErr != nil && siteErr != nil {
		line, col := cfg.Locate("$.theme")
		errs.Add(config.FileName, diag.Errorf(config.FileName, line, col,
			"theme %q: no %s/ folder, and the site has no layouts/ of its own", cfg.Theme, themeLayouts))
		return nil, errs.Err()
	}
	for _, root := range []string{themeLayouts, LayoutsDir} {
		dir := filepath.Join(siteDir, filepath.FromSlash(root))
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == dir {
					return fs.SkipAll
				}
				return err
			}
			if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			file := path.Join(root, rel)
			b, err := os.ReadFile(p)
			if err != nil {
				errs.Add(file, err)
				return nil
			}
			out[rel] = &layoutFile{name: rel, file: file, src: string(b)}
			return nil
		})
		if err != nil {
			errs.Add(root, err)
		}
	}
	return out, errs.Err()
}

func sortedNames(m map[string]*layoutFile) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
