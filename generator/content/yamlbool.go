package content

import (
	"strings"

	"github.com/storyfront/storyfront/generator/config"
)

// yaml11Bool reads the YAML 1.1 boolean words that Hugo's YAML decoder
// takes as true or false when they are not quoted.
func yaml11Bool(s string) (value, ok bool) { return config.YAML11Bool(s) }

// unquotedYAMLBool reports whether top-level key k of YAML front matter
// is written as a bare YAML 1.1 boolean word (draft: yes, not "yes"), and
// its value.
func (d *decoder) unquotedYAMLBool(k string, v any) (value, ok bool) {
	s, isString := v.(string)
	if !isString || d.format != "yaml" {
		return false, false
	}
	b, ok := yaml11Bool(s)
	if !ok {
		return false, false
	}
	lines := strings.Split(string(d.src), "\n")
	i := keyIndex(lines, k, false)
	if i < 0 {
		return false, false
	}
	_, rest, _ := strings.Cut(lines[i], ":")
	rest = strings.TrimSpace(rest)
	if j := strings.Index(rest, " #"); j >= 0 {
		rest = strings.TrimSpace(rest[:j])
	}
	return b, rest == s
}
