package sitecompare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	got, err := Text(strings.NewReader(`<html><head><title>T &amp; U</title><style>p{}</style><script>x()</script></head>
<body><p>Hello   <b>you</b></p><noscript>no</noscript><br/>there</body></html>`))
	if err != nil || got != "T & U Hello you there" {
		t.Errorf("Text = %q, %v", got, err)
	}
	// Inline elements add no space (two highlighters' spans read alike);
	// block elements do.
	a, _ := Text(strings.NewReader(`<pre><code><span>SET</span> <span>@@x</span><span>=</span><span>'v'</span></code></pre><p>a</p><p>b</p>`))
	b, _ := Text(strings.NewReader(`<pre><code><span>SET</span> @@<span>x=</span>'v'</code></pre><div>a</div>b`))
	if a != "SET @@x='v' a b" || a != b {
		t.Errorf("inline spans: %q and %q, want both \"SET @@x='v' a b\"", a, b)
	}
}

// TestCompare: paths only one side has, and pages whose visible text
// differs (markup and whitespace alone do not count).
func TestCompare(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	write := func(dir, rel, s string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(a, "index.html", "<p>Same  text</p>")
	write(b, "index.html", "<div>Same\ntext</div>")
	write(a, "x/index.html", "<p>one</p>")
	write(b, "x/index.html", "<p>two</p>")
	write(a, "only-a.xml", "")
	write(b, "only-b/index.html", "")
	r, err := Compare(a, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.OnlyA, ",") != "only-a.xml" || strings.Join(r.OnlyB, ",") != "only-b/index.html" {
		t.Errorf("only a %v, only b %v", r.OnlyA, r.OnlyB)
	}
	if r.Pages != 2 || r.SameText != 1 || len(r.Differ) != 1 || r.Differ[0].Path != "x/index.html" || r.Share() != 0.5 {
		t.Errorf("report = %+v", r)
	}
}
