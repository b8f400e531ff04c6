package hugodiff

import (
	"reflect"
	"testing"
)

func TestArticle(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"article", `<body><nav>x</nav><article class="a"><article>in</article></article><footer/></body>`,
			`<article class="a"><article>in</article></article>`},
		{"main when no article", `<body><main><p>m</p></main></body>`, `<main><p>m</p></main>`},
		{"not a longer tag name", `<body><articles>no</articles></body>`, `<body><articles>no</articles></body>`},
		{"whole page without body", `<p>x</p>`, `<p>x</p>`},
	} {
		if got := Article(tt.in); got != tt.want {
			t.Errorf("%s: Article = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	hugo := map[string]string{
		"index.html":   "<html>\n<head><meta name=\"generator\" content=\"Hugo 0.111.3\"></head><body><article>Home</article></body></html>",
		"a/index.html": "<body><nav>1</nav><article>A</article></body>",
		"b/index.html": "<body><article>B</article></body>",
		"index.xml":    "<rss/>",
		"style.css":    "x",
	}
	ours := map[string]string{
		"index.html":   "<html><head></head><body>  <article>Home</article>\n</body></html>",
		"a/index.html": "<body><nav>2</nav><article>A</article></body>",
		"b/index.html": "<body><article>B!</article></body>",
		"c/index.html": "<body></body>",
	}
	r := Compare(hugo, ours)
	want := &Report{
		OnlyHugo: []string{"index.xml"}, OnlyOurs: []string{"c/index.html"}, Pages: 3,
		SamePage:    []string{"index.html"},
		SameArticle: []string{"a/index.html", "index.html"},
		Differ:      []string{"b/index.html"},
	}
	if !reflect.DeepEqual(r, want) {
		t.Errorf("Compare = %+v\nwant %+v", r, want)
	}
	if s := r.Share(); s < 0.66 || s > 0.67 {
		t.Errorf("Share = %v, want 2/3", s)
	}
}
