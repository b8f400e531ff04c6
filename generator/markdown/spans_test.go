package markdown

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
)

// TestSpanWriterIsChroma highlights chroma's test files (every language)
// with the span writer and with chroma's formatter, with CSS classes and
// with two styles inline: the HTML is the same.
func TestSpanWriterIsChroma(t *testing.T) {
	s := newLexerSet()
	h := NewHighlighter(0)
	settings := []codeOptions{
		{lang: "x"},
		{lang: "x", Highlight: Highlight{NoClasses: true}},
		{lang: "x", Highlight: Highlight{NoClasses: true, Style: "github", TabWidth: 2}},
	}
	checked := 0
	for _, file := range chromaTestFiles(t) {
		base := strings.Split(filepath.Base(file), ".")[0]
		lexer := s.get(base)
		if lexer == nil {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if len(src) > 8<<10 { // enough for every kind of token; keeps the test short
			src = src[:bytes.LastIndexByte(src[:8<<10], '\n')+1]
		}
		tokens := plainWhitespace(coalesce(mustTokenise(t, s, lexer, string(src)))).Tokens()
		for _, o := range settings {
			fm := h.formatter(o)
			var want, got bytes.Buffer
			if err := fm.f.Format(&want, fm.style, chroma.Literator(tokens...)); err != nil {
				t.Fatal(err)
			}
			if err := fm.spans.write(&got, chroma.Literator(tokens...)); err != nil {
				t.Fatalf("%s: %v", base, err)
			}
			if got.String() != want.String() {
				t.Errorf("%s %+v: span writer differs from chroma's formatter:\n got %.300s\nwant %.300s", filepath.Base(file), o.Highlight, got.String(), want.String())
			}
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d languages checked", checked)
	}
	if h.formatter(codeOptions{lang: "go", Highlight: Highlight{LineNos: true}}).spans != nil {
		t.Error("line numbers are chroma's formatter's job")
	}
}

func mustTokenise(t *testing.T, s *lexerSet, lexer chroma.Lexer, code string) chroma.Iterator {
	t.Helper()
	it, err := s.tokenise(lexer, code)
	if err != nil {
		t.Fatal(err)
	}
	return it
}

// TestSpanWriterLines: the span writer splits lines as chroma does, for
// tokens chroma's lexers rarely make — empty tokens, tokens of newlines
// only, a block without a final newline, text to escape — with classes
// and inline styles.
func TestSpanWriterLines(t *testing.T) {
	h := NewHighlighter(0)
	tok := func(typ chroma.TokenType, v string) chroma.Token { return chroma.Token{Type: typ, Value: v} }
	cases := [][]chroma.Token{
		nil,
		{tok(chroma.Text, "")},
		{tok(chroma.Keyword, "")},
		{tok(chroma.Keyword, "if"), tok(chroma.Text, "\n")},
		{tok(chroma.Keyword, "if"), tok(chroma.Text, "\n"), tok(chroma.Keyword, "")},
		{tok(chroma.Keyword, "if"), tok(chroma.Text, "\n"), tok(chroma.Keyword, ""), tok(chroma.Name, "x")},
		{tok(chroma.Keyword, ""), tok(chroma.Keyword, "")},
		{tok(chroma.Comment, "// a\n\n\n// b\n"), tok(chroma.Name, "x")},
		{tok(chroma.Comment, "\n"), tok(chroma.Comment, "\n")},
		{tok(chroma.LiteralString, "\"<a href='x'>&amp;</a>\"\nmore"), tok(chroma.Operator, "&&"), tok(chroma.Text, " \n ")},
		{tok(chroma.Name, "no newline at the end")},
		{tok(chroma.Text, "\n"), tok(chroma.Text, "")},
	}
	for _, o := range []codeOptions{{lang: "x"}, {lang: "x", Highlight: Highlight{NoClasses: true}}} {
		fm := h.formatter(o)
		for _, tokens := range cases {
			var want, got bytes.Buffer
			if err := fm.f.Format(&want, fm.style, chroma.Literator(tokens...)); err != nil {
				t.Fatal(err)
			}
			if err := fm.spans.write(&got, chroma.Literator(tokens...)); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Errorf("%q (classes %v):\n got %s\nwant %s", tokens, !o.NoClasses, got.String(), want.String())
			}
		}
	}
}
