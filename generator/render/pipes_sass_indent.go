package render

import (
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/bep/godartsass/v2"
)

// Hugo's toCSS runs LibSass unless transpiler is "dartsass". LibSass reads
// the indented syntax (.sass) by comparing the length of each line's
// leading whitespace, so a file may indent one block with spaces and the
// next with tabs; Dart Sass stops at the first change ("Expected spaces,
// was tabs."). For the LibSass transpiler, a .sass file that mixes the two
// is given to Dart Sass with each leading tab read as one space: the same
// lengths, so the same nesting, and the same offsets for error positions.
// Files that do not mix are left to Dart Sass as they are.

// libsassIndent returns src with the tabs of its lines' indentation made
// spaces when it indents lines with both, and whether it did.
func libsassIndent(src string) (string, bool) {
	tabs, spaces := false, false
	for _, line := range strings.Split(src, "\n") {
		if line == "" || strings.TrimLeft(line, " \t") == "" {
			continue
		}
		switch line[0] {
		case '\t':
			tabs = true
		case ' ':
			spaces = true
		}
	}
	if !tabs || !spaces {
		return src, false
	}
	lines := strings.Split(src, "\n")
	for i, line := range lines {
		n := len(line) - len(strings.TrimLeft(line, " \t"))
		if n > 0 {
			lines[i] = strings.ReplaceAll(line[:n], "\t", " ") + line[n:]
		}
	}
	return strings.Join(lines, "\n"), true
}

// sassImporter serves Dart Sass "hugo:vars", and, for the LibSass
// transpiler, the .sass files that mix tabs and spaces (libsassIndent).
// It is asked first for every @import and @use: it claims a URL only when
// the file it names is one of those (or was reached from one, so that
// that file's relative imports keep working); otherwise Dart Sass goes on
// to its load paths.
type sassImporter struct {
	vars    sassVars
	libsass bool
	dirs    []string // where a bare URL is looked for, in Dart Sass's order
	// r and base find imports through module.mounts (sassImporter.mounted,
	// pipes_sass.go): base is the compiled resource's folder in assets/.
	r    *Renderer
	base string
}

// CanonicalizeURL implements godartsass.ImportResolver.
func (s sassImporter) CanonicalizeURL(url string) (string, error) {
	if url == "hugo:vars" {
		return url, nil
	}
	if !s.libsass {
		return s.mounted(url), nil
	}
	if abs, ok := strings.CutPrefix(url, "file://"); ok {
		// A relative import of a file this importer loaded.
		if f := sassFile(filepath.FromSlash(abs)); f != "" {
			return "file://" + filepath.ToSlash(f), nil
		}
		return s.mounted(url), nil
	}
	if strings.Contains(url, ":") || path.IsAbs(url) {
		return "", nil
	}
	for _, dir := range s.dirs {
		f := sassFile(filepath.Join(dir, filepath.FromSlash(url)))
		if f == "" {
			continue
		}
		if filepath.Ext(f) == ".sass" {
			if b, err := os.ReadFile(f); err == nil {
				if _, mixed := libsassIndent(string(b)); mixed {
					return "file://" + filepath.ToSlash(f), nil
				}
			}
		}
		return "", nil // Dart Sass finds it the same way
	}
	return s.mounted(url), nil
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
		src, _ = libsassIndent(src)
	case ".css":
		syntax = godartsass.SourceSyntaxCSS
	}
	return godartsass.Import{Content: src, SourceSyntax: syntax}, nil
}

// sassFile finds the file a Sass import of p means, as Dart Sass does:
// p with its extension, or p.sass, p.scss, p.css, each also as a _partial,
// then p/index and p/_index. It returns "" when there is none.
func sassFile(p string) string {
	dir, base := filepath.Split(p)
	var names []string
	switch filepath.Ext(base) {
	case ".sass", ".scss", ".css":
		names = []string{base, "_" + base}
	default:
		for _, ext := range []string{".sass", ".scss", ".css"} {
			names = append(names, base+ext, "_"+base+ext)
		}
	}
	for _, n := range names {
		f := filepath.Join(dir, n)
		if st, err := os.Stat(f); err == nil && !st.IsDir() {
			return f
		}
	}
	if filepath.Ext(base) == "" {
		for _, n := range []string{"index.sass", "_index.sass", "index.scss", "_index.scss", "index.css", "_index.css"} {
			f := filepath.Join(p, n)
			if st, err := os.Stat(f); err == nil && !st.IsDir() {
				return f
			}
		}
	}
	return ""
}
