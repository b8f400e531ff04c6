package render

import (
	"fmt"
	"regexp"
	"strings"
)

// regexpMatcher is a compiled glob.
type regexpMatcher struct{ re *regexp.Regexp }

// MatchString reports whether name matches.
func (m *regexpMatcher) MatchString(name string) bool { return m.re.MatchString(name) }

// compileGlob turns a glob into a regular expression: ** (any folders), *
// (anything but /), ? (one character but /), {a,b} and [abc] as written.
func compileGlob(glob string) (*regexpMatcher, error) {
	var b strings.Builder
	b.WriteString("^")
	depth := 0
	for i := 0; i < len(glob); i++ {
		c := glob[i]
		switch {
		case c == '*' && i+1 < len(glob) && glob[i+1] == '*':
			i++
			if i+1 < len(glob) && glob[i+1] == '/' {
				i++
				b.WriteString("(?:.*/)?")
			} else {
				b.WriteString(".*")
			}
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		case c == '{':
			depth++
			b.WriteString("(?:")
		case c == '}' && depth > 0:
			depth--
			b.WriteString(")")
		case c == ',' && depth > 0:
			b.WriteString("|")
		case c == '[':
			j := strings.IndexByte(glob[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("glob %q: [ without ]", glob)
			}
			b.WriteString(glob[i : i+j+1])
			i += j
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	if depth != 0 {
		return nil, fmt.Errorf("glob %q: { without }", glob)
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return nil, fmt.Errorf("glob %q: %w", glob, err)
	}
	return &regexpMatcher{re}, nil
}
