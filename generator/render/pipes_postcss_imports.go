package render

import (
	"crypto/sha256"
	"path"
	"regexp"
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
)

// cssImports inlines a stylesheet's @import lines before postcss runs
// (css.PostCSS's inlineImports), as Hugo does: a line that is only
// `@import "file.css";` (no url(), no media query) is replaced by that
// file of assets/, found beside the importing file, its own imports
// inlined in turn; a file whose content was inlined once is left out the
// next time (but, as in Hugo, the same @import line again in one file is
// replaced by what it was replaced with the first time). lines maps each line of the result to where it came from,
// so that postcss's errors point into the right file.
type cssImports struct {
	r           *Renderer
	skipMissing bool
	seen        map[string]bool // sha256 of the contents inlined
	lines       map[int]cssLine // line of the result (from 1) -> its source
	out         int             // lines written so far
}

type cssLine struct {
	file string // relative to the site folder
	line int
}

// cssImportLine is the form of an @import Hugo inlines.
var cssImportLine = regexp.MustCompile(`^@import ["'].*["'];?\s*(/\*.*\*/)?$`)

// inline returns in's content with its imports inlined.
func (imp *cssImports) inline(in *AssetResource) ([]byte, error) {
	imp.lines = map[int]cssLine{}
	s, err := imp.expand(string(in.data), in.name, cmpOr(in.file, in.name))
	return []byte(s), err
}

// expand inlines the imports of content, the asset at name (file is its
// path in the site folder).
func (imp *cssImports) expand(content, name, file string) (string, error) {
	lines := strings.Split(content, "\n")
	var b strings.Builder
	done := map[string]string{} // an @import line -> what replaced it
	for i, line := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		trimmed := strings.TrimSpace(line)
		if !strings.HasPrefix(trimmed, "@import") || strings.Contains(trimmed, "url(") || !cssImportLine.MatchString(trimmed) {
			imp.track(file, i+1)
			b.WriteString(line)
			continue
		}
		start := strings.Index(line, trimmed)
		if repl, ok := done[trimmed]; ok {
			for range strings.Count(repl, "\n") + 1 {
				imp.track(file, i+1)
			}
			b.WriteString(line[:start] + repl + line[start+len(trimmed):])
			continue
		}
		target := strings.Trim(strings.TrimPrefix(trimmed, "@import"), " \"';")
		full := path.Join(path.Dir(name), target)
		data, from, err := imp.r.readAsset(full)
		if err != nil {
			if imp.skipMissing {
				imp.track(file, i+1)
				b.WriteString(line)
				continue
			}
			return "", diag.Errorf(file, i+1, start+1, "css.PostCSS: failed to resolve CSS @import %q: no assets/%s", target, full)
		}
		nested := ""
		sum := sha256.Sum256(data)
		if key := string(sum[:]); !imp.seen[key] {
			imp.seen[key] = true
			if nested, err = imp.expand(string(data), full, from); err != nil {
				return "", err
			}
		} else {
			imp.track(file, i+1)
		}
		done[trimmed] = nested
		b.WriteString(line[:start] + nested + line[start+len(trimmed):])
	}
	return b.String(), nil
}

// track records that the next line of the result is line of file. An
// inlined file's last line and the line after its @import share one line
// of the result; the inlined file's wins.
func (imp *cssImports) track(file string, line int) {
	imp.out++
	imp.lines[imp.out] = cssLine{file: file, line: line}
}
