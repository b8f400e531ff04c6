package render

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/generator/site"
	"github.com/storyfront/storyfront/internal/testpart"
)

// execPage renders layouts/_default/single.html of a test site.
func execPage(t *testing.T, r *Renderer) (string, error) {
	t.Helper()
	l, _ := r.Lookup(&site.Page{Kind: site.KindPage})
	if l == nil {
		t.Fatal("no layout")
	}
	var b bytes.Buffer
	err := r.Execute(&b, l, &site.Page{Kind: site.KindPage, Title: "T"})
	return b.String(), err
}

// TestSass compiles SCSS through the real Dart Sass (npm sass-embedded):
// an @import of a partial under the theme's assets/, Hugo's vars as
// @use "hugo:vars", compressed output, the .sass syntax; a Sass error is
// located in its file.
func TestSass(t *testing.T) {
	t.Setenv("PATH", testpart.SassDir(t)+string(os.PathListSeparator)+os.Getenv("PATH"))
	r := newTestRenderer(t, map[string]string{
		"assets/sass/main.scss":                   "@use \"hugo:vars\" as v;\n@import \"mixins\";\n.a { color: v.$brand; .b { @include pad; } }\n",
		"themes/default/assets/sass/_mixins.scss": "@mixin pad { padding: 1px; }\n",
		"assets/sass/indented.sass":               "$c: blue\n.x\n  color: $c\n",
		"assets/sass/broken.scss":                 ".a {\n  color: $nope;\n}\n",
		"layouts/_default/single.html": `{{ $css := resources.Get "sass/main.scss" | css.Sass (dict "vars" (dict "brand" "#f00") "outputStyle" "compressed") -}}
{{ $css.RelPermalink }}|{{ $css.Content }}|{{ (resources.Get "sass/indented.sass" | toCSS).Content }}`,
	})
	out, err := execPage(t, r)
	if err != nil {
		t.Fatal(err)
	}
	want := "/sub/sass/main.css|.a{color:red}.a .b{padding:1px}|.x {\n  color: blue;\n}"
	if out != want {
		t.Errorf("got %q\nwant %q", out, want)
	}
	if len(r.Assets()) != 1 || r.Assets()[0].OutPath != "sass/main.css" {
		t.Errorf("published: %+v", r.Assets())
	}

	r = newTestRenderer(t, map[string]string{
		"assets/sass/broken.scss":      ".a {\n  color: $nope;\n}\n",
		"layouts/_default/single.html": `{{ (resources.Get "sass/broken.scss" | css.Sass).Content }}`,
	})
	if _, err := execPage(t, r); err == nil || !strings.Contains(err.Error(), "assets/sass/broken.scss:2:10: css.Sass: Undefined variable.") {
		t.Errorf("err = %v", err)
	}
}

// TestSassMissing: without Dart Sass on PATH the error names the file and
// how to install it.
func TestSassMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r := newTestRenderer(t, map[string]string{
		"assets/x.scss":                "a { b: c }",
		"layouts/_default/single.html": `{{ (resources.Get "x.scss" | css.Sass).Content }}`,
	})
	_, err := execPage(t, r)
	if err == nil || !strings.Contains(err.Error(), "assets/x.scss: css.Sass (toCSS) needs Dart Sass: install its `sass` executable on PATH (npm install -g sass-embedded") {
		t.Errorf("err = %v", err)
	}
}

// TestPipeErrors: what Storyfront does not run says so, bad options are named, and a pipe given
// nothing says what is missing.
func TestPipeErrors(t *testing.T) {
	tests := []struct{ tmpl, want string }{
		{`{{ resources.Get "a.css" | css.PostCSS (dict "plugins" "x") }}`, `css.PostCSS: unknown option "plugins"`},
		{`{{ resources.Get "a.css" | postCSS (dict "noMap" "maybe") }}`, `css.PostCSS: noMap: strconv.ParseBool`},
		{`{{ resources.Get "a.css" | css.TailwindCSS }}`, "css.TailwindCSS is not supported: run Tailwind as a PostCSS plugin"},
		{`{{ resources.Get "a.js" | babel }}`, "js.Babel (babel) is not supported"},
		{`{{ resources.Get "nope.css" | minify }}`, "minify: no resource (resources.Get found no such file under assets/)"},
		{`{{ fingerprint "crc" (resources.Get "a.css") }}`, `fingerprint: unknown algorithm "crc"`},
		{`{{ slice (resources.Get "a.css") (resources.Get "a.js") | resources.Concat "x.css" }}`, "a.js is text/javascript, not text/css: the resources must be of one media type"},
		{`{{ resources.Get "a.js" | js.Build (dict "format" "amd") }}`, `js.Build: unknown format "amd"`},
		{`{{ resources.FromString "../x.css" "a" }}`, `resources.FromString: "../x.css" is not a path inside the site`},
	}
	for _, tt := range tests {
		r := newTestRenderer(t, map[string]string{
			"assets/a.css": "a{}", "assets/a.js": "var a",
			"layouts/_default/single.html": tt.tmpl,
		})
		if _, err := execPage(t, r); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %s", tt.tmpl, err, tt.want)
		}
	}
}

// TestPipesRunOnce: a pipe used on every page runs once per build, and
// its resource is the same value each time.
func TestPipesRunOnce(t *testing.T) {
	r := newTestRenderer(t, map[string]string{
		"assets/a.css":                 "a { color : red }",
		"layouts/_default/single.html": `{{ $m := resources.Get "a.css" | minify | fingerprint }}{{ $m.RelPermalink }}`,
	})
	first, err := execPage(t, r)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		if again, _ := execPage(t, r); again != first {
			t.Fatalf("%s then %s", first, again)
		}
	}
	if n := len(r.assets.pipes.m); n != 3 {
		t.Errorf("%d pipe results kept, want 3 (get, minify, fingerprint)", n)
	}
	if !strings.HasPrefix(first, "/sub/a.min.") || len(r.Assets()) != 1 {
		t.Errorf("%s %+v", first, r.Assets())
	}
}

func TestMergedOrder(t *testing.T) {
	got := strings.Join(mergedOrder(
		[]string{"css/a.css", "css/b.css", "css/common/y.css", "css/z.css", "js/t.js"},
		[]string{"css/a.css", "css/common/x.css", "tmpl/v.css"}), " ")
	// As hugo 0.111.3 lists them (resources.Match "**" over the same files).
	want := "js/t.js css/b.css css/z.css css/a.css css/common/y.css css/common/x.css tmpl/v.css"
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
