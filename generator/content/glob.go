package content

import (
	"regexp"
	"strings"
)

// Glob compiles a Hugo glob pattern (matched without regard to case):
// * and ? stop at "/", ** crosses it, {a,b} is either. Hugo uses such
// patterns for resources: src, .Resources.Match and cascade _target.path.
func Glob(pattern string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	p := strings.ToLower(pattern)
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '*':
			if i+1 < len(p) && p[i+1] == '*' {
				b.WriteString(".*")
				i++
			} else {
				b.WriteString("[^/]*")
			}
		case '?':
			b.WriteString("[^/]")
		case '{':
			b.WriteString("(?:")
		case '}':
			b.WriteString(")")
		case ',':
			b.WriteString("|")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return regexp.MustCompile(`^` + regexp.QuoteMeta(strings.ToLower(pattern)) + `$`)
	}
	return re
}
