package render

import (
	"os"
	"path/filepath"
	"strings"
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
