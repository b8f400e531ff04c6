package render

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/bep/godartsass/v2"
)

// Hugo resolves a stylesheet's @import and @use itself, before Dart Sass
// (or LibSass) looks anywhere: hugo 0.111.3's importer looks in assets/ as
// the site sees it (the site's files over the theme's, module.mounts), in
// the folder of the compiled resource for the entry's imports and in the
// importing file's folder for the imports of a file it found, and takes the
// first of a fixed list of names: a partial before a plain file
// (`@import "main"` is _main.scss when main.scss is there too, which Dart
// Sass alone refuses as ambiguous). What it does not find is left to the
// compiler's own search: the importing file's folder, then the load paths
// (the resource's folder in the site's and the theme's assets/, then
// includePaths), where index files are found too.

// sassImporter is the importer Storyfront gives Dart Sass: "hugo:vars",
// Hugo's lookup (hugoResolve), and for the LibSass transpiler what LibSass
// does beyond Dart Sass (libsassResolve).
type sassImporter struct {
	vars    sassVars
	libsass bool
	dirs    []string // where a bare URL is looked for, in Dart Sass's order
	// r and base find imports in assets/ as the site sees it: base is the
	// compiled resource's folder in assets/.
	r    *Renderer
	base string
}

// CanonicalizeURL implements godartsass.ImportResolver.
func (s sassImporter) CanonicalizeURL(url string) (string, error) {
	if url == "hugo:vars" {
		return url, nil
	}
	if f := s.hugoResolve(url); f != "" {
		return "file://" + filepath.ToSlash(f), nil
	}
	if !s.libsass {
		return "", nil // Dart Sass goes on to its load paths
	}
	return s.libsassResolve(url), nil
}

// hugoResolve finds url as hugo 0.111.3's importer does: url is relative
// to the compiled resource's folder, or a file: URL that Dart Sass made of
// a relative import in a file this importer loaded. It returns the file's
// path on disk, or "".
func (s sassImporter) hugoResolve(url string) string {
	if s.r == nil {
		return ""
	}
	var dir, name string
	if p, ok := strings.CutPrefix(url, "file://"); ok {
		real := filepath.FromSlash(p)
		virtual, ok := s.r.assetPathOf(filepath.Dir(real))
		if !ok {
			return "" // not under assets/: the compiler's own search
		}
		dir, name = virtual, filepath.Base(real)
	} else {
		if strings.Contains(url, ":") || path.IsAbs(url) {
			return ""
		}
		dir, name = path.Join(s.base, path.Dir(url)), path.Base(url)
	}
	if dir == ".." || strings.HasPrefix(dir, "../") {
		return ""
	}
	for _, cand := range hugoSassNames(name, !s.libsass) {
		file, err := FindAsset(s.r.siteDir, s.r.cfg, path.Join(dir, cand))
		if err != nil {
			continue
		}
		if abs, err := filepath.Abs(filepath.Join(s.r.siteDir, filepath.FromSlash(file))); err == nil {
			return abs
		}
	}
	return ""
}

// hugoSassNames are the names hugo 0.111.3's importer tries for an import
// of name, in its order: a name with a dot as the partial then as it is;
// else the partial, then the plain file, .scss before .sass (and .css for
// Dart Sass). A name that starts with "_" is only a partial.
func hugoSassNames(name string, css bool) []string {
	bare := strings.TrimPrefix(name, "_")
	if strings.Contains(name, ".") {
		return []string{"_" + bare, bare}
	}
	exts := []string{".scss", ".sass"}
	if css {
		exts = append(exts, ".css")
	}
	var names []string
	for _, ext := range exts {
		names = append(names, "_"+bare+ext)
		if !strings.HasPrefix(name, "_") {
			names = append(names, bare+ext)
		}
	}
	return names
}

// libsassResolve claims what LibSass finds by itself and Dart Sass would
// not read the same way: a relative import of a file this importer loaded
// (LibSass looks beside the importing file; Dart Sass would ask this
// importer only), and a .sass file in the load paths that mixes tabs and
// spaces (libsassIndent). It returns a file: URL, or "".
func (s sassImporter) libsassResolve(url string) string {
	if abs, ok := strings.CutPrefix(url, "file://"); ok {
		if f := sassFile(filepath.FromSlash(abs)); f != "" {
			return "file://" + filepath.ToSlash(f)
		}
		return ""
	}
	if strings.Contains(url, ":") || path.IsAbs(url) {
		return ""
	}
	for _, dir := range s.dirs {
		f := sassFile(filepath.Join(dir, filepath.FromSlash(url)))
		if f == "" {
			continue
		}
		if filepath.Ext(f) == ".sass" {
			if b, err := os.ReadFile(f); err == nil {
				if _, mixed := libsassIndent(string(b)); mixed {
					return "file://" + filepath.ToSlash(f)
				}
			}
		}
		return "" // Dart Sass finds it the same way
	}
	return ""
}

// Load implements godartsass.ImportResolver.
func (s sassImporter) Load(url string) (godartsass.Import, error) {
	if url == "hugo:vars" {
		return s.vars.Load(url)
	}
	f := filepath.FromSlash(strings.TrimPrefix(url, "file://"))
	b, err := os.ReadFile(f)
	if err != nil {
		return godartsass.Import{}, err
	}
	src := string(b)
	syntax := godartsass.SourceSyntaxSCSS
	switch filepath.Ext(f) {
	case ".sass":
		syntax = godartsass.SourceSyntaxSASS
		if s.libsass {
			src, _ = libsassIndent(src)
		}
	case ".css":
		syntax = godartsass.SourceSyntaxCSS
	}
	return godartsass.Import{Content: src, SourceSyntax: syntax}, nil
}
