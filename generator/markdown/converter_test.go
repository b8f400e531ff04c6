package markdown

import (
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

func testEnv() *Env {
	links := map[string]string{"other.md": "/other/", "sub/deep.md": "/sub/deep/"}
	return &Env{
		File: "content/x.md",
		Line: 1,
		Link: func(dest string) (string, bool) { u, ok := links[dest]; return u, ok },
	}
}

// TestConvert runs the cases of testdata/convert.txtar.
func TestConvert(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/convert.txtar")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, f := range ar.Files {
		if name, ok := strings.CutSuffix(f.Name, ".html"); ok {
			want[name] = string(f.Data)
		}
	}
	c := NewConverter(Options{Typographer: true})
	for _, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".md")
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			res, err := c.Convert(f.Data, testEnv())
			if err != nil {
				t.Fatal(err)
			}
			// txtar ends every file with a newline; compare without it.
			if got := strings.TrimSuffix(string(res.HTML), "\n"); got != strings.TrimSuffix(want[name], "\n") {
				t.Errorf("got:\n%s\nwant:\n%s\n(%q)", got, want[name], got)
			}
		})
	}
}

func TestConvertResult(t *testing.T) {
	tests := []struct {
		name        string
		src         string
		summary     string
		hasMore     bool
		toc         string
		words       int
		unsafe      bool
		htmlContain string
	}{
		{name: "first paragraph is the summary", src: "One *two*.\n\nThree.\n", summary: "<p>One <em>two</em>.</p>", words: 3},
		{name: "more divider", src: "One.\n\nTwo.\n\n<!--more-->\n\nThree.\n", summary: "<p>One.</p>\n<p>Two.</p>", hasMore: true, words: 3},
		{name: "code is not counted", src: "Four words here now.\n\n```\nnot counted at all\n```\n", summary: "<p>Four words here now.</p>", words: 4},
		{name: "toc nests and skips h1 and h5", src: "# Top\n## A\n### A1\n##### deep\n## B `code`\n",
			toc: `<nav class="toc"><ul><li><a href="#a">A</a><ul><li><a href="#a1">A1</a></li></ul></li><li><a href="#b-code">B code</a></li></ul></nav>`, words: 6},
		{name: "toc starting deeper", src: "### Deep\n## Up\n",
			toc: `<nav class="toc"><ul><li><a href="#deep">Deep</a></li><li><a href="#up">Up</a></li></ul></nav>`, words: 2},
		{name: "no headings no toc", src: "Just text.\n", summary: "<p>Just text.</p>", words: 2},
		{name: "unsafe lets raw html through", src: "<div>raw</div>\n", unsafe: true, htmlContain: "<div>raw</div>", words: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := NewConverter(Options{Unsafe: tt.unsafe}).Convert([]byte(tt.src), testEnv())
			if err != nil {
				t.Fatal(err)
			}
			if tt.summary != "" && string(res.Summary) != tt.summary {
				t.Errorf("Summary = %q, want %q", res.Summary, tt.summary)
			}
			if res.HasMore != tt.hasMore {
				t.Errorf("HasMore = %v, want %v", res.HasMore, tt.hasMore)
			}
			if tt.toc != "" && string(res.TOC) != tt.toc {
				t.Errorf("TOC = %s\nwant  %s", res.TOC, tt.toc)
			}
			if res.WordCount != tt.words {
				t.Errorf("WordCount = %d, want %d", res.WordCount, tt.words)
			}
			if tt.htmlContain != "" && !strings.Contains(string(res.HTML), tt.htmlContain) {
				t.Errorf("HTML = %s, want it to contain %s", res.HTML, tt.htmlContain)
			}
		})
	}
}

func TestConvertErrors(t *testing.T) {
	env := testEnv()
	env.Line = 5 // the body starts on line 5 of the file
	_, err := NewConverter(Options{}).Convert([]byte("Text.\n\nSee [x](missing.md) and [y](other.md).\n\n[z](gone.md)\n"), env)
	want := "content/x.md:7:5: link to missing.md: no such page\ncontent/x.md:9:1: link to gone.md: no such page"
	if err == nil || err.Error() != want {
		t.Fatalf("err =\n%v\nwant\n%s", err, want)
	}
}

// TestHeadingID checks each algorithm against what Hugo 0.111.3 gives
// for the same headings (autoHeadingIDType github, github-ascii,
// blackfriday).
func TestHeadingID(t *testing.T) {
	tests := []struct{ in, github, ascii, blackfriday string }{
		{"Café & Crème!", "café--crème", "cafe--creme", "café-crème"},
		{"C++ / Go_lang -- dash", "c--go_lang----dash", "c--go_lang----dash", "c-go-lang-dash"},
		{"Ünïcödé 日本語 Ångström", "ünïcödé-日本語-ångström", "unicode--angstrom", "ünïcödé-日本語-ångström"},
		{"Don't stop", "dont-stop", "dont-stop", "don-t-stop"},
		{"Hello **World** `code`", "hello-world-code", "hello-world-code", "hello-world-code"},
		{"  Why it matters  ", "why-it-matters", "why-it-matters", "why-it-matters"},
	}
	for _, tt := range tests {
		for kind, want := range map[string]string{IDsGitHub: tt.github, IDsGitHubASCII: tt.ascii, IDsBlackfriday: tt.blackfriday} {
			if got := string(HeadingID(nil, []byte(tt.in), kind)); got != want {
				t.Errorf("HeadingID(%q, %s) = %q, want %q", tt.in, kind, got, want)
			}
		}
	}
}

// TestExtensionsOff: Hugo's markup.goldmark.extensions can turn each off.
func TestExtensionsOff(t *testing.T) {
	src := "| a |\n|---|\n| 1 |\n\n~~x~~ www.example.com\n\n- [ ] t\n\nT\n: d\n\nN[^1]\n\n[^1]: n\n"
	on, err := NewConverter(Options{}).Convert([]byte(src), testEnv())
	if err != nil {
		t.Fatal(err)
	}
	off, err := NewConverter(Options{Off: map[string]bool{"linkify": true, "table": true, "strikethrough": true,
		"taskList": true, "footnote": true, "definitionList": true}}).Convert([]byte(src), testEnv())
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"<table>", "<del>", "www.example.com</a>", "<input", "<dl>", "footnote"} {
		if !strings.Contains(string(on.HTML), tag) {
			t.Errorf("on: no %s in %s", tag, on.HTML)
		}
		if strings.Contains(string(off.HTML), tag) {
			t.Errorf("off: %s in %s", tag, off.HTML)
		}
	}
}
