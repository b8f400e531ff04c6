package generator

import (
	"fmt"
	"sort"
	"strings"

	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/diag"
)

// oneLanguage keeps the sources of the language Storyfront builds: a file
// named for another of the Hugo config's languages (x.fr.md, and
// index.fr.md) is left out, and one named for the default language
// (x.en.md) is the page x. It returns the kept sources and, when some were
// left out, a warning that counts them.
func (b *Builder) oneLanguage(sources []*content.Source) ([]*content.Source, *diag.Error) {
	others, def := b.cfg.ContentLanguages, b.cfg.DefaultContentLanguage
	if len(others) == 0 && def == "" {
		return sources, nil
	}
	out := sources[:0:0]
	left := map[string]int{}
	for _, s := range sources {
		if l := s.Language(others...); l != "" {
			left[strings.ToLower(l)]++
			continue
		}
		if def != "" && s.Language(def) != "" {
			s = s.WithoutLanguage(s.Language(def))
		}
		out = append(out, s)
	}
	if len(left) == 0 {
		return out, nil
	}
	langs := make([]string, 0, len(left))
	n := 0
	for l, c := range left {
		langs = append(langs, fmt.Sprintf("%s: %d", l, c))
		n += c
	}
	sort.Strings(langs)
	line, col := b.cfg.Locate("$.languages")
	return out, diag.Errorf(b.cfg.File(), line, col,
		"%d content file(s) in other languages left out (%s): multilingual sites are not supported yet; the default language %s is built",
		n, strings.Join(langs, ", "), def)
}
