package render

import (
	"os"
	"path"
	"sort"
	"strings"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/sitefs"
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
func ThemeDir(cfg *config.Config) string { return cfg.ThemeFolder() }

// loadLayouts reads the theme's layouts, then the site's over them.
func loadLayouts(siteDir string, cfg *config.Config) (map[string]*layoutFile, error) {
	out := map[string]*layoutFile{}
	var errs diag.List
	if err := loadBuiltins(out); err != nil {
		errs.Add(LayoutsDir, err)
	}
	themeLayouts := path.Join(ThemeDir(cfg), LayoutsDir)
	_, themeErr := sitefs.Stat(siteDir, themeLayouts)
	_, siteErr := sitefs.Stat(siteDir, LayoutsDir)
	if themeErr != nil && siteErr != nil {
		line, col := cfg.Locate("$.theme")
		errs.Add(config.FileName, diag.Errorf(config.FileName, line, col,
			"theme %q: no %s/ folder, and the site has no layouts/ of its own", cfg.Theme, themeLayouts))
		return nil, errs.Err()
	}
	for _, root := range []string{themeLayouts, LayoutsDir} {
		err := sitefs.Walk(siteDir, root, func(name string, isDir bool) bool {
			return !isDir && strings.HasPrefix(name, ".")
		}, func(f sitefs.File) error {
			b, err := os.ReadFile(f.Path)
			if err != nil {
				return err
			}
			out[f.Rel] = &layoutFile{name: f.Rel, file: path.Join(root, f.Rel), src: string(b)}
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
