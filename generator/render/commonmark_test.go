package render

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/markdown"
	"github.com/storyfront/storyfront/generator/site"
)

// TestCommonMarkSpec runs the CommonMark spec's examples (testdata/
// commonmark, CC BY-SA 4.0) through the generator's Markdown path:
// shortcodes, render hooks and the converter, configured as Hugo settings
// allow (typographer off, raw HTML on, no automatic heading IDs, plain
// code fences, XHTML tags as the spec writes them). At least 99% must give
// the spec's HTML; go test -run TestCommonMarkSpec -v lists the others.
func TestCommonMarkSpec(t *testing.T) {
	b, err := os.ReadFile("testdata/commonmark/spec.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []struct {
		Markdown, HTML, Section string
		Example                 int
	}
	if err := json.Unmarshal(b, &examples); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse([]byte(`title: Spec
markdown:
  unsafe: true
  typographer: false
markup:
  goldmark:
    renderer:
      xhtml: true
    parser:
      autoHeadingID: false
  highlight:
    codeFences: false
`))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(writeSite(t, map[string]string{"layouts/_default/single.html": "{{ .Content }}"}), cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := &site.Site{BaseURL: "https://x.example/", Params: map[string]any{}}
	r.SetSite(s)
	conv := r.Markdown()
	defer r.PutMarkdown(conv)
	pass := 0
	for _, ex := range examples {
		p := &site.Page{Kind: site.KindPage, Title: "Spec", Site: s, Params: map[string]any{}}
		res, err := r.Content(conv, p, []byte(ex.Markdown), &markdown.Env{File: "spec.md", Line: 1})
		if err != nil {
			t.Logf("example %d (%s): %v", ex.Example, ex.Section, err)
			continue
		}
		if string(res.HTML) == ex.HTML {
			pass++
			continue
		}
		t.Logf("example %d (%s):\nmarkdown: %q\ngot:  %q\nwant: %q", ex.Example, ex.Section, ex.Markdown, res.HTML, ex.HTML)
	}
	rate := float64(pass) / float64(len(examples))
	t.Logf("CommonMark %d of %d examples (%.1f%%)", pass, len(examples), 100*rate)
	if rate < 0.99 {
		t.Errorf("CommonMark: %d of %d examples (%.1f%%), want at least 99%%", pass, len(examples), 100*rate)
	}
}
