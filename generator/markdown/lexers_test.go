package markdown

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// tokens lexes code with a set's lexer the way the highlighter does
// (ruleLexer, then chroma's coalescing).
func tokens(t *testing.T, s *lexerSet, lexer chroma.Lexer, code string) []chroma.Token {
	t.Helper()
	it, err := s.tokenise(lexer, code)
	if err != nil {
		t.Fatal(err)
	}
	return coalesce(it).Tokens()
}

// TestRuleLexerIsChroma lexes chroma's own test files (every language it
// has them for, from the chroma module in the module cache) with the
// highlighter's lexers and compares the tokens with the files chroma's
// tests expect: rebuilding the lexers and skipping rules by first
// character change nothing.
func TestRuleLexerIsChroma(t *testing.T) {
	files := chromaTestFiles(t)
	s := newLexerSet()
	checked := 0
	for _, file := range files {
		base := strings.Split(filepath.Base(file), ".")[0]
		lexer := s.get(base)
		if s.fast[lexer] == nil {
			continue // one of the lexers kept as chroma has them
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(strings.TrimSuffix(file, ".actual") + ".expected")
		if err != nil {
			t.Fatal(err)
		}
		var want []chroma.Token
		if err := json.Unmarshal(data, &want); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		got := tokens(t, s, lexer, string(src))
		if len(got) != len(want) {
			t.Errorf("%s: %d tokens, chroma's test expects %d", filepath.Base(file), len(got), len(want))
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: token %d is %v, chroma's test expects %v", filepath.Base(file), i, got[i], want[i])
				break
			}
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d languages checked", checked)
	}
}

// chromaTestFiles are the source files of chroma's lexer tests, one or
// more per language, from the chroma module in the module cache.
func chromaTestFiles(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/alecthomas/chroma/v2").Output()
	if err != nil {
		t.Fatalf("finding the chroma module: %v", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), "lexers", "testdata")
	files, err := filepath.Glob(filepath.Join(dir, "*.actual"))
	if err != nil || len(files) < 100 {
		t.Fatalf("chroma's test files in %s: %d found (%v)", dir, len(files), err)
	}
	return files
}

// TestLexersHaveNoTimeLimit: every compiled pattern of the lexers the
// highlighter uses, and of those they call, runs without chroma's 250 ms
// limit, so a busy machine cannot turn code into error tokens.
func TestLexersHaveNoTimeLimit(t *testing.T) {
	s := newLexerSet()
	for _, lang := range []string{"go", "js", "json", "yaml", "html", "css", "python", "bash", "toml"} {
		lexer := s.get(lang)
		fast := s.fast[lexer]
		if fast == nil {
			t.Fatalf("%s: not rebuilt", lang)
		}
		tokens(t, s, lexer, "x\n")
		n := 0
		for state, rules := range fast.rules {
			for i, r := range rules {
				if r.Regexp.MatchTimeout != noMatchTimeout {
					t.Errorf("%s: %s rule %d has a time limit of %v", lang, state, i, r.Regexp.MatchTimeout)
				}
				n++
			}
		}
		if n < 5 {
			t.Errorf("%s: only %d rules", lang, n)
		}
	}
	// HTML lexes <script> with the JavaScript lexer of its registry: the
	// set's own, compiled (without limits) by that use.
	s = newLexerSet()
	tokens(t, s, s.get("html"), "<script>let x = 1;</script>\n")
	js := s.fast[s.get("javascript")]
	if js == nil || js.rules == nil {
		t.Fatal("HTML did not use the set's JavaScript lexer")
	}
	for _, rules := range js.rules {
		for _, r := range rules {
			if r.Regexp.MatchTimeout != noMatchTimeout {
				t.Fatalf("JavaScript called from HTML has a time limit of %v", r.Regexp.MatchTimeout)
			}
		}
	}
}

// TestSlowMatchIsNotAnError: a pattern that takes long to match (its first
// branch backtracks through about 300,000 paths before the second
// matches) still matches. With chroma's limit, a match that outruns
// 250 ms — this one on a slow or busy machine — fails, and the code
// comes out as error tokens.
func TestSlowMatchIsNotAnError(t *testing.T) {
	slow := chroma.MustNewLexer(&chroma.Config{Name: "slow"}, func() chroma.Rules {
		return chroma.Rules{"root": {
			{Pattern: `(?:(?:x|xx)+y|x+z)`, Type: chroma.Keyword},
			{Pattern: `\n`, Type: chroma.Text},
		}}
	})
	code := strings.Repeat("x", 26) + "z\n"
	s := newLexerSet()
	got := tokens(t, s, s.rebuild(slow), code)
	want := []chroma.Token{{Type: chroma.Keyword, Value: code[:len(code)-1]}, {Type: chroma.Text, Value: "\n"}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("tokens %v, want %v", got, want)
	}
	if chromas, err := chroma.Tokenise(chroma.Coalesce(slow), nil, code); err == nil {
		t.Logf("with chroma's limit: %v", chromas)
	}
}

// TestNamedGroupsOnlyWhereRead: the groups of a match are collected by
// name only for lexers with a rule that may read them (a function emitter
// or mutator, ByGroupNames), and the common languages have none.
func TestNamedGroupsOnlyWhereRead(t *testing.T) {
	s := newLexerSet()
	for lang, want := range map[string]bool{
		"go": false, "javascript": false, "json": false, "yaml": false, "html": false,
		"css": false, "python": false, "bash": false, "toml": false,
		"raku": true, "haxe": true, "rst": true,
	} {
		fast := s.fast[s.get(lang)]
		if fast == nil {
			t.Errorf("%s: not a rebuilt lexer", lang)
			continue
		}
		if err := fast.prepare(); err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if fast.named != want {
			t.Errorf("%s: groups by name collected = %v, want %v", lang, fast.named, want)
		}
	}
}
