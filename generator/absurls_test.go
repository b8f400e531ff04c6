package generator

import "testing"

func TestAbsURLs(t *testing.T) {
	const base = "https://x.example/"
	cases := []struct{ in, want string }{
		{`<a href="/a/">`, `<a href="https://x.example/a/">`},
		{`<a href='/a/' src=/b>`, `<a href='https://x.example/a/' src=https://x.example/b>`},
		{`<a href="//cdn/x">`, `<a href="//cdn/x">`},
		{`<a href="x/y">`, `<a href="x/y">`},
		{`href=/`, `href=/`}, // a slash at the very end stays, as in Hugo
		{`<img srcset="/a.png 1x,
  /b.png 2x">`, `<img srcset="https://x.example/a.png 1x, https://x.example/b.png 2x">`},
		{`<img srcset=/a.png>`, `<img srcset=/a.png>`}, // srcset only when quoted
		{`&lt;a href=&#34;/a/&#34;&gt;`, `&lt;a href=&#34;/a/&#34;&gt;`},
	}
	for _, c := range cases {
		if got := string(absURLs([]byte(c.in), base, htmlQuotes)); got != c.want {
			t.Errorf("absURLs(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
	if got := string(absURLs([]byte(`&lt;a href=&#34;/a/&#34;&gt;`), base, xmlQuotes)); got != `&lt;a href=&#34;https://x.example/a/&#34;&gt;` {
		t.Errorf("XML: got %q", got)
	}
	for out, want := range map[string]string{"index.html": "./", "docs/index.html": "../", "docs/a/index.html": "../../", "404.html": "./"} {
		if got := dottedPath(out); got != want {
			t.Errorf("dottedPath(%q) = %q, want %q", out, got, want)
		}
	}
}
