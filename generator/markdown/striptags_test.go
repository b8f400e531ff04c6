package markdown

import (
	"html/template"
	"math/rand"
	"strings"
	"testing"
)

// goStripTags is Go's own html/template tag stripping, which hugo 0.111.3's
// plainify and .Plain use: an attribute value given template.HTML is
// stripped of its tags, then escaped with the table below.
func goStripTags(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	tmpl := template.Must(template.New("a").Parse(`<a title="{{.}}">`))
	if err := tmpl.Execute(&b, template.HTML(s)); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	out := strings.TrimPrefix(b.String(), `<a title="`)
	return strings.TrimSuffix(out, `">`)
}

// attrNorm is html/template's escaping of a stripped attribute value.
var attrNorm = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;", "`", "&#96;")

func TestStripTagsAsGo(t *testing.T) {
	cases := []string{
		"Platform API 0.9 -> 0.10",
		"a < b and I <3 it",
		"<p>One <em>two</em></p>\n<p>Three</p>",
		`<a title="1>2" href='x>y'>link</a> after`,
		`<img alt=x>y<br/>z`,
		"<!-- a comment <b> --> text",
		"<script>if (a < b) { x = '</p>' }</script>after",
		"<style>p > a { color: red }</style>css gone",
		"<title>Ti<tle</title>rest",
		"<textarea>a <b>b</b></textarea>c",
		"<SCRIPT>x</Script >y",
		"text <",
		"text </",
		"a </ b> c",
		"unclosed <b",
		`bad <a "x">text`,
		"<a =b>text",
		`<a title="unclosed>text`,
		"<x-y:z a=1>t</x-y:z>",
		"<a-->t",
		"&amp; &lt;kept&gt;",
		"<p>x</p><!-- unclosed",
		"<script>never closed",
		"<title>never closed",
	}
	for _, c := range cases {
		if got, want := attrNorm.Replace(stripTags(c)), goStripTags(t, c); got != want {
			t.Errorf("stripTags(%q)\n got %q\nwant %q", c, got, want)
		}
	}
	// Random pieces of HTML, from a fixed seed: the same each run.
	parts := []string{"<", ">", "</", "<!--", "-->", "a", "b", " ", "\n", "=", `"`, "'", "/", "p", "script", "title", "style", "textarea", "-", ":", "&amp;", "x1"}
	rng := rand.New(rand.NewSource(11))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.Intn(14); k >= 0; k-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		c := b.String()
		if got, want := attrNorm.Replace(stripTags(c)), goStripTags(t, c); got != want {
			t.Fatalf("stripTags(%q)\n got %q\nwant %q", c, got, want)
		}
	}
}

func TestPlainOfHTML(t *testing.T) {
	// Each compared with hugo 0.111.3's plainify.
	cases := map[string]string{
		"Platform API 0.9 -> 0.10":                    "Platform API 0.9 -> 0.10",
		"<p>One <em>two</em></p>\n<p>Three</p>\n":     "One two\nThree\n",
		"a<br>b<br />c  \n d":                         "a\nb\nc d",
		"<script>var a = 1;</script><p>x &amp; y</p>": "x &amp; y\n",
	}
	for in, want := range cases {
		if got := PlainOfHTML(in); got != want {
			t.Errorf("PlainOfHTML(%q) = %q, want %q", in, got, want)
		}
	}
}
