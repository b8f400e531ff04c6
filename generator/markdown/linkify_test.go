package markdown

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
)

// linkifyInputs are texts with links, addresses and near misses at line
// starts, after each trigger and inside other inline markup.
var linkifyInputs = []string{
	"see http://example.com and https://example.com/a_(b) or ftp://x.org.\n",
	"www.example.com/x?y=1 *www.example.com* _http://a.b_ ~https://c.d~ (www.e.fg)\n",
	"mail me@example.com, or *me@example.com* or (me@sub.example.com).\n",
	"no.links@here but a@b, x@y. and @name and name@ and a.b@c.d-e\n",
	"http:/nope https:// www. ftp:example www..com wwwx.com Http://Case.com\n",
	"[a link](https://example.com) and ![img](http://e.com/i.png) and <https://auto.link>\n",
	"`code http://x.com` and **bold www.y.com** and \\*http://esc.com\n",
	"a\tb@c.de\n\n> quote www.q.com\n\n- item http://list.com\n- me@list.com\n\n| a | b |\n|---|---|\n| www.t.com | t@t.com |\n",
	"é@example.com ü www.ü.com http://ü.example.com x@ü.com\n",
	strings.Repeat("a", 63) + "@example.com " + strings.Repeat("b", 64) + "@example.com " + strings.Repeat("c", 65) + "@example.com\n",
	"trailing space www.t.com \nnext line me@x.com  \nhard break\\\nend\n",
	"[label www.in.label](/u) [x](/y \"t http://title.com\")\n",
	"&amp;http://x.com; (http://x.com/a(b)c) http://x.com/a). www.x.com/a&amp;b;\n",
	"A note[^1] and nothing else.\n\n[^1]: Only here: www.example.com and me@example.com.\n",
	"## Heading www.example.com\n\nTerm\n: definition http://example.com\n",
	"www...example \"quoted\"@example.com o'neil@example.com -- http://x.y\n",
}

// TestLinkFilterIsLinkify converts text with the Linkify extension and
// with linkify (its parser behind linkFilter): the HTML must be the same.
// The texts are linkifyInputs, the corpus-like benchmark pages and
// goldmark's own test inputs (the CommonMark spec and its extra cases).
func TestLinkFilterIsLinkify(t *testing.T) {
	inputs := append([]string(nil), linkifyInputs...)
	for _, p := range benchPages(10) {
		inputs = append(inputs, string(p))
	}
	inputs = append(inputs, goldmarkTestInputs(t)...)
	plain := goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Table, extension.Strikethrough, extension.Typographer))
	filtered := goldmark.New(goldmark.WithExtensions(linkify{}, extension.Table, extension.Strikethrough, extension.Typographer))
	for _, in := range inputs {
		want, got := convertWith(t, plain, in), convertWith(t, filtered, in)
		if got != want {
			t.Errorf("linkify differs on %q:\n got %q\nwant %q", in, got, want)
		}
	}
}

// FuzzLinkFilter compares linkify with goldmark's Linkify on any text.
func FuzzLinkFilter(f *testing.F) {
	for _, in := range linkifyInputs {
		f.Add(in)
	}
	plain := goldmark.New(goldmark.WithExtensions(extension.Linkify))
	filtered := goldmark.New(goldmark.WithExtensions(linkify{}))
	f.Fuzz(func(t *testing.T, in string) {
		if want, got := convertWith(t, plain, in), convertWith(t, filtered, in); got != want {
			t.Errorf("linkify differs on %q:\n got %q\nwant %q", in, got, want)
		}
	})
}

func convertWith(t *testing.T, md goldmark.Markdown, in string) string {
	t.Helper()
	var b bytes.Buffer
	if err := md.Convert([]byte(in), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// goldmarkTestInputs are the Markdown inputs of goldmark's own tests (the
// CommonMark spec's examples, its extra cases and those of its linkify,
// typographer and table extensions), from the module cache.
func goldmarkTestInputs(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/yuin/goldmark").Output()
	if err != nil {
		t.Fatalf("finding the goldmark module: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	var inputs []string
	spec, err := os.ReadFile(filepath.Join(dir, "_test", "spec.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct{ Markdown string }
	if err := json.Unmarshal(spec, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		inputs = append(inputs, c.Markdown)
	}
	// Their other cases: a number, the input and the expected HTML,
	// separated by //- - -// lines; cases separated by //= = =// lines.
	for _, name := range []string{"_test/extra.txt", "extension/_test/linkify.txt", "extension/_test/typographer.txt", "extension/_test/table.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range strings.Split(string(b), "//= = = = = = = = = = = = = = = = = = = = = = = =//") {
			if parts := strings.Split(c, "//- - - - - - - - -//"); len(parts) == 3 {
				inputs = append(inputs, strings.TrimPrefix(parts[1], "\n"))
			}
		}
	}
	if len(inputs) < 700 {
		t.Fatalf("found %d goldmark test inputs in %s, want the spec's 650-odd and more", len(inputs), dir)
	}
	return inputs
}

// linkParseConverters are two converters with every extension and the
// typographer: one parses as Convert does (without linkify when that makes
// the same document), the other always with linkify.
func linkParseConverters() (chosen, always *Converter) {
	opts := Options{Typographer: true, Unsafe: true, BlockAttributes: true}
	chosen, always = NewConverter(opts), NewConverter(opts)
	always.noLink = nil
	return chosen, always
}

// sameConversion fails t when the two converters' results for in differ.
func sameConversion(t *testing.T, chosen, always *Converter, in string) {
	t.Helper()
	env := &Env{File: "x.md", Line: 1}
	want, werr := always.Convert([]byte(in), env)
	got, gerr := chosen.Convert([]byte(in), env)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("errors differ on %q: %v, %v", in, gerr, werr)
	}
	if !bytes.Equal(got.HTML, want.HTML) || !bytes.Equal(got.Summary, want.Summary) || !bytes.Equal(got.TOC, want.TOC) ||
		got.WordCount != want.WordCount || got.HasMore != want.HasMore || got.Truncated != want.Truncated || got.RawHTML != want.RawHTML {
		t.Errorf("conversion differs on %q:\n got %+v\nwant %+v", in, got, want)
	}
}

// TestLinkParseIsLinkify: a document parsed without linkify when its text
// nodes hold nothing linkify could link converts as with linkify, on the
// inputs of TestLinkFilterIsLinkify.
func TestLinkParseIsLinkify(t *testing.T) {
	chosen, always := linkParseConverters()
	inputs := append([]string(nil), linkifyInputs...)
	for _, p := range benchPages(10) {
		inputs = append(inputs, string(p))
	}
	inputs = append(inputs, goldmarkTestInputs(t)...)
	without := 0
	for _, in := range inputs {
		sameConversion(t, chosen, always, in)
		if !mayLinkify([]byte(in)) || !textMayLinkify(chosen.parseWith(chosen.noLink, []byte(in)), []byte(in)) {
			without++
		}
	}
	// The marks found once in the source are those found in each text
	// node.
	for _, in := range inputs {
		src := []byte(in)
		marks := linkMarks(src)
		_ = ast.Walk(chosen.parseWith(chosen.noLink, src), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if txt, ok := n.(*ast.Text); ok && entering {
				if got, want := hasMark(marks, txt.Segment.Start, txt.Segment.Stop), mayLinkify(txt.Segment.Value(src)); got != want {
					t.Errorf("%q: text %q: hasMark %v, mayLinkify %v", in, txt.Segment.Value(src), got, want)
				}
			}
			return ast.WalkContinue, nil
		})
	}
	// Most inputs have no bare link: the comparison covers the parse
	// without linkify, not only the fallback.
	if without < len(inputs)/2 {
		t.Errorf("only %d of %d inputs parsed without linkify", without, len(inputs))
	}
}

// FuzzLinkParse compares Convert with a converter that always parses
// with linkify.
func FuzzLinkParse(f *testing.F) {
	for _, in := range linkifyInputs {
		f.Add(in)
	}
	chosen, always := linkParseConverters()
	f.Fuzz(func(t *testing.T, in string) {
		sameConversion(t, chosen, always, in)
	})
}
