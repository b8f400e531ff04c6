package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// TestTreeMatcherIsRegexp2 matches every rule that the tree matcher
// takes, of every rebuilt lexer, at every position of chroma's test file
// for that language (and of a few others, for lexers without one) where
// its first character allows, with the tree matcher and with regexp2:
// the same matches, lengths and groups.
func TestTreeMatcherIsRegexp2(t *testing.T) {
	files := chromaTestFiles(t)
	s := newLexerSet()
	texts := map[*ruleLexer][]string{}
	var common []string
	for i, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		text := string(src)
		if len(text) > 1200 {
			text = text[:1200]
		}
		if i%150 == 0 {
			common = append(common, text)
		}
		if fast := s.fast[s.get(strings.Split(filepath.Base(file), ".")[0])]; fast != nil {
			texts[fast] = append(texts[fast], text)
		}
	}
	common = append(common, "a\r\n\tb\u00e9\u4e16 x\n\n", "", "\n")
	rules, taken, positions := 0, 0, 0
	for _, fast := range s.fast {
		if err := fast.prepare(); err != nil {
			t.Fatal(err)
		}
		ts := texts[fast]
		if len(ts) == 0 {
			ts = common
		}
		for state, rs := range fast.states {
			for i, rule := range rs {
				rules++
				if rule.tree == nil {
					continue
				}
				taken++
				for _, text := range ts {
					positions += compareTree(t, fast.lexer.Config().Name+" "+state, i, rule, []rune(text))
				}
			}
		}
	}
	t.Logf("%d of %d rules taken by the tree matcher; %d matches compared", taken, rules, positions)
	if taken < rules/2 {
		t.Errorf("only %d of %d rules taken", taken, rules)
	}
}

// compareTree matches rule at every position of text where it can start,
// with the tree matcher and with regexp2, and reports a difference.
func compareTree(t *testing.T, where string, i int, rule fastRule, text []rune) int {
	t.Helper()
	var m machine
	n := 0
	for pos := range text {
		if !rule.canStart(text[pos]) {
			continue
		}
		n++
		want, err := rule.Regexp.FindRunesMatchStartingAt(text, pos)
		if err != nil {
			t.Fatalf("%s rule %d at %d: %v", where, i, pos, err)
		}
		if want != nil && want.RuneIndex != pos {
			want = nil
		}
		got, ok := rule.tree.match(&m, text, pos)
		if ok != (want != nil) {
			t.Errorf("%s rule %d %q at %d (%q): tree matched %v, regexp2 %v", where, i, rule.Pattern, pos, snippet(text, pos), ok, want != nil)
			return n
		}
		if !ok {
			continue
		}
		if got != want.RuneLength {
			t.Errorf("%s rule %d %q at %d (%q): tree matched %d runes, regexp2 %d", where, i, rule.Pattern, pos, snippet(text, pos), got, want.RuneLength)
			return n
		}
		gs := want.Groups()
		if len(gs) != rule.tree.slots {
			t.Errorf("%s rule %d %q: tree has %d groups, regexp2 %d", where, i, rule.Pattern, rule.tree.slots, len(gs))
			return n
		}
		for j := range gs {
			g := ""
			if k := m.caps[2*j]; k >= 0 {
				g = string(text[k : k+m.caps[2*j+1]])
			}
			if g != gs[j].String() {
				t.Errorf("%s rule %d %q at %d (%q): group %d is %q, regexp2 %q", where, i, rule.Pattern, pos, snippet(text, pos), j, g, gs[j].String())
				return n
			}
		}
	}
	return n
}

func snippet(text []rune, pos int) string {
	return string(text[pos:min(pos+20, len(text))])
}

// FuzzTreeMatcher compares the tree matcher with regexp2 on every rule
// of the common languages' lexers, at every position of the input.
func FuzzTreeMatcher(f *testing.F) {
	for _, seed := range []string{"func main() { x := `a` }\n", "<a href=\"/x\">y</a>\n", "key: [1, 'two']\n# c\n",
		"{\"a\": 1.5e3, \"b\": null}", "const f = async (e) => /re+/g.test(e);\n", "\u00e9\u4e16\r\n\t"} {
		f.Add(seed)
	}
	s := newLexerSet()
	var lexers []*ruleLexer
	for _, lang := range []string{"go", "javascript", "json", "yaml", "html", "css", "python", "bash", "toml", "c"} {
		fast := s.fast[s.get(lang)]
		if fast == nil {
			f.Fatalf("%s: not a rebuilt lexer", lang)
		}
		if err := fast.prepare(); err != nil {
			f.Fatal(err)
		}
		lexers = append(lexers, fast)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 200 {
			return
		}
		runes := []rune(text)
		for _, fast := range lexers {
			for state, rs := range fast.states {
				for i, rule := range rs {
					if rule.tree != nil {
						compareTree(t, fast.lexer.Config().Name+" "+state, i, rule, runes)
					}
				}
			}
		}
	})
}

// TestTreeMatcherLongText: a string longer than the tree matcher takes is
// lexed whole (by regexp2 first, then by the tree matcher once the rest
// is short enough), as one token.
func TestTreeMatcherLongText(t *testing.T) {
	s := newLexerSet()
	long := strings.Repeat("ab\\\"c ", maxTreeText/3)
	code := "{\"k\": \"" + long + "\", \"m\": \"" + long[:maxTreeText/2] + "\"}\n"
	got := tokens(t, s, s.get("json"), code)
	var strs []string
	for _, tok := range got {
		if tok.Type == chroma.LiteralStringDouble {
			strs = append(strs, tok.Value)
		}
	}
	if len(strs) != 2 || strs[0] != "\""+long+"\"" || strs[1] != "\""+long[:maxTreeText/2]+"\"" {
		t.Fatalf("%d string tokens (%d bytes)", len(strs), len(strings.Join(strs, "")))
	}
}
