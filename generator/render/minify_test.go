package render

import (
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/site"
)

// newMinifyRenderer is newTestRenderer with a site.yaml of choice.
func newMinifyRenderer(t *testing.T, siteYAML string, files map[string]string) *Renderer {
	t.Helper()
	dir := writeSite(t, files)
	cfg, err := config.Parse([]byte("title: T\n" + siteYAML))
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(dir, cfg, Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.SetSite(&site.Site{BaseURL: "https://x.example/", Params: map[string]any{}})
	return r
}

// TestMinifyAssets: CSS and JS are published minified, named by the hash
// of the published bytes, with the SRI of those bytes; each kind can be
// turned off; other assets pass through.
func TestMinifyAssets(t *testing.T) {
	files := map[string]string{
		"layouts/index.html":   "x",
		"assets/css/main.css":  "/* brand */\nbody {\n  color : #ff0000 ;\n  margin: 0px;\n}\n",
		"assets/js/forms.js":   "// forms\nfunction hello ( name ) {\n  return 'Hello, ' + name ;\n}\nwindow.hello = hello;\n",
		"assets/data/note.txt": "  keep   me  \n",
	}
	tests := []struct {
		name, siteYAML, asset, want string
	}{
		{"css", "", "css/main.css", "body{color:red;margin:0}"},
		{"js", "", "js/forms.js", "function hello(e){return\"Hello, \"+e}window.hello=hello"},
		{"other", "", "data/note.txt", "  keep   me  \n"},
		{"css off", "minify: {css: false}\n", "css/main.css", files["assets/css/main.css"]},
		{"js off", "minify: {js: false}\n", "js/forms.js", files["assets/js/forms.js"]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newMinifyRenderer(t, tt.siteYAML, files)
			a, err := r.asset(tt.asset)
			if err != nil {
				t.Fatal(err)
			}
			if string(a.Data) != tt.want {
				t.Errorf("published %q, want %q", a.Data, tt.want)
			}
			sri := sha512.Sum384(a.Data)
			if want := "sha384-" + base64.StdEncoding.EncodeToString(sri[:]); a.Integrity != want {
				t.Errorf("Integrity %s, want %s (of the published bytes)", a.Integrity, want)
			}
			sum := sha256.Sum256(a.Data)
			if !strings.Contains(a.OutPath, "."+hex.EncodeToString(sum[:4])+".") {
				t.Errorf("OutPath %s lacks the hash of the published bytes", a.OutPath)
			}
			// Deterministic: a second renderer publishes the same bytes.
			b, err := newMinifyRenderer(t, tt.siteYAML, files).asset(tt.asset)
			if err != nil || string(b.Data) != string(a.Data) || b.OutPath != a.OutPath {
				t.Errorf("second run: %q %s, %v", b.Data, b.OutPath, err)
			}
		})
	}
}

// TestMinifyErrors: a script the minifier cannot parse is an error at its
// place in the asset file.
func TestMinifyErrors(t *testing.T) {
	r := newMinifyRenderer(t, "", map[string]string{"layouts/index.html": "x", "assets/js/bad.js": "let a = 1;\nlet b = (;\n"})
	_, err := r.asset("js/bad.js")
	if err == nil || !strings.HasPrefix(err.Error(), "assets/js/bad.js:2:") {
		t.Errorf("err = %v, want one at assets/js/bad.js:2", err)
	}
}

// TestMinifyHTML: pages are minified only when minify.html is on.
func TestMinifyHTML(t *testing.T) {
	page := []byte("<!doctype html>\n<html lang=\"en\">\n<head>\n  <title> Hi </title>\n</head>\n<body>\n  <p class=\"x\">  Hello  \n  world </p>\n  <pre>  kept\n   as is</pre>\n</body>\n</html>\n")
	r := newMinifyRenderer(t, "", map[string]string{"layouts/index.html": "x"})
	if out, err := r.MinifyHTML("x", page); err != nil || string(out) != string(page) {
		t.Errorf("minify.html off: %q, %v", out, err)
	}
	r = newMinifyRenderer(t, "minify: {html: true}\n", map[string]string{"layouts/index.html": "x"})
	out, err := r.MinifyHTML("x", page)
	want := "<!doctype html><html lang=\"en\"><head><title>Hi</title></head><body><p class=\"x\">Hello\nworld</p><pre>  kept\n   as is</pre></body></html>"
	if err != nil || string(out) != want {
		t.Errorf("minify.html on:\n got %q, %v\nwant %q", out, err, want)
	}
}
