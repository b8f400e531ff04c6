package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/internal/testpart"
)

// TestHugoSassMixedIndent: hugo 0.111.3's toCSS runs LibSass, which reads
// indented-syntax (.sass) files that indent some blocks with spaces and
// others with tabs, in the entry file and in the partials it imports.
// Storyfront compiles them through Dart Sass to the same CSS. With
// transpiler "dartsass" Storyfront refuses them as Dart Sass does (hugo
// 0.111.3 would need the old dart-sass-embedded, which Debian lacks).
func TestHugoSassMixedIndent(t *testing.T) {
	hugo, dir := hugoWithSass(t)
	files := map[string]string{
		"hugo.toml": "baseURL = \"https://sass.example/\"\ndisableKinds = [\"taxonomy\", \"term\", \"sitemap\", \"RSS\", \"404\", \"section\", \"page\"]\n",
		"assets/sass/main.sass": "@import \"parts/nav\"\n@import \"plain\"\n$c: #123456\n\n" +
			".a\n  color: $c\n  .b\n    margin: 1px\n\n.d\n\tpadding: 2px\n\t&:hover\n\t\tcolor: #a1b2c3\n",
		"assets/sass/parts/_nav.sass": ".nav\n    color: #b1c2d3\n\n.nav-item\n\tcolor: #c1d2e3\n\t.x\n\t\tmargin: 0\n",
		"assets/sass/_plain.sass":     ".plain\n  color: #d1e2f3\n",
		"layouts/index.html":          "[{{ (resources.Get \"sass/main.sass\" | toCSS (dict \"outputStyle\" \"compressed\")).Content }}]\n",
	}
	writeSiteFiles(t, dir, files)
	want, got, _, _ := buildHomeBoth(t, hugo, dir)
	// LibSass ends compressed output with a newline, Dart Sass does not.
	if w := strings.ReplaceAll(string(want), "\n]", "]"); w != string(got) {
		t.Errorf("hugo:       %s\nstoryfront: %s", w, got)
	}

	layout := filepath.Join(dir, "layouts", "index.html")
	if err := os.WriteFile(layout, []byte(`{{ (resources.Get "sass/main.sass" | toCSS (dict "transpiler" "dartsass")).Content }}`), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err == nil || !strings.Contains(err.Error(), "assets/sass/main.sass:11:1: css.Sass: Expected spaces, was tabs.") {
		t.Errorf("storyfront with dartsass: %v", err)
	}
}

// TestHugoSassThemeIncludePaths: a relative includePaths entry is a folder
// of the site's and of the theme's, as in hugo 0.111.3: a theme imports
// a package from its own node_modules/ with includePaths "node_modules".
func TestHugoSassThemeIncludePaths(t *testing.T) {
	hugo, dir := hugoWithSass(t)
	writeSiteFiles(t, dir, map[string]string{
		"hugo.toml":                                "baseURL = \"https://sass.example/\"\ntheme = \"t\"\ndisableKinds = [\"taxonomy\", \"term\", \"sitemap\", \"RSS\", \"404\", \"section\", \"page\"]\n",
		"themes/t/assets/sass/style.sass":          "@import \"kit/sass/base\"\n.site\n  color: $kit-color\n",
		"themes/t/node_modules/kit/sass/base.sass": "$kit-color: #a1b2c3\n.kit\n  margin: 1px\n",
		"themes/t/layouts/index.html":              "[{{ (resources.Get \"sass/style.sass\" | toCSS (dict \"outputStyle\" \"compressed\" \"includePaths\" (slice \"node_modules\"))).Content }}]\n",
	})
	want, got, _, _ := buildHomeBoth(t, hugo, dir)
	if w := strings.ReplaceAll(string(want), "\n]", "]"); w != string(got) {
		t.Errorf("hugo:       %s\nstoryfront: %s", w, got)
	}
}

// TestHugoSassImportResolution: hugo 0.111.3 resolves @import itself
// before the Sass compiler, in assets/ as the site sees it: a partial
// before a plain file of the same name (hello-friend-ng's main.scss
// imports "main" beside _main.scss), the site's file over the theme's
// also for a theme file's relative import, "name.scss" and "_name" as
// given, .sass beside .scss; what it does not find the compiler finds:
// index files, plain .css, includePaths and their own relative imports,
// the folder of a resources.Concat result, and that of the file a pipe
// started from (resources.ExecuteAsTemplate renames it first: Hermit).
// Storyfront's CSS is hugo's.
func TestHugoSassImportResolution(t *testing.T) {
	hugo, dir := hugoWithSass(t)
	writeSiteFiles(t, dir, map[string]string{
		"hugo.toml": "baseURL = \"https://sass.example/\"\ntheme = \"t\"\ndisableKinds = [\"taxonomy\", \"term\", \"sitemap\", \"RSS\", \"404\", \"section\", \"page\"]\n",
		"themes/t/assets/scss/main.scss": "@import \"main\";\n@import \"vars\";\n@import \"parts/a\";\n@import \"indented\";\n" +
			"@import \"widgets\";\n@import \"explicit.scss\";\n@import \"_under\";\n@import \"kit\";\n.entry { color: $c; }\n",
		"themes/t/assets/scss/_main.scss":            ".partial-main { a: 1; }\n",
		"themes/t/assets/scss/_vars.scss":            "$c: #111111;\n",
		"assets/scss/_vars.scss":                     "$c: #222222;\n",
		"themes/t/assets/scss/parts/_a.scss":         "@import \"b\"; .a { a: 2; }\n",
		"themes/t/assets/scss/parts/_b.scss":         ".theme-b { a: 3; }\n",
		"assets/scss/parts/_b.scss":                  ".site-b { a: 4; }\n",
		"themes/t/assets/scss/_indented.sass":        ".ind\n  a: 5\n",
		"themes/t/assets/scss/widgets/_index.scss":   ".widgets-index { a: 6; }\n",
		"themes/t/assets/scss/_explicit.scss":        ".explicit-partial { a: 7; }\n",
		"themes/t/assets/scss/explicit.scss":         ".explicit-plain { a: 8; }\n",
		"themes/t/assets/scss/_under.scss":           ".under { a: 9; }\n",
		"lib/kit/_kit.scss":                          ".kit { a: 10; }\n",
		"themes/t/assets/scss/second.scss":           "@import \"parts/c\";\n@import \"plain\";\n@import \"kit2\";\n.second { a: 1; }\n",
		"themes/t/assets/scss/parts/_c.scss":         "@import \"sub\"; .c { a: 2; }\n",
		"themes/t/assets/scss/parts/sub/_index.scss": ".sub-index { a: 3; }\n",
		"themes/t/assets/scss/plain.css":             ".plain-css { a: 4; }\n",
		"lib/kit/_kit2.scss":                         "@import \"inner/deep\"; .kit2 { a: 5; }\n",
		"lib/kit/inner/_deep.scss":                   "@import \"../kit\"; .deep { a: 6; }\n",
		"themes/t/layouts/index.html": `{{ $o := dict "outputStyle" "compressed" "includePaths" (slice "lib/kit") -}}
[{{ (resources.Get "scss/main.scss" | toCSS $o).Content }}]
[{{ (resources.Get "scss/second.scss" | toCSS $o).Content }}]
[{{ (slice (resources.Get "scss/_vars.scss") (resources.Get "scss/second.scss") | resources.Concat "scss/all.scss" | toCSS $o).Content }}]
[{{ (resources.Get "scss/tmpl.scss" | resources.ExecuteAsTemplate "css/tmpl.scss" . | toCSS $o).Content }}]
`,
		"themes/t/assets/scss/tmpl.scss": "@import \"under.scss\";\n.tmpl { a: \"{{ site.Title }}\"; }\n",
	})
	want, got, _, _ := buildHomeBoth(t, hugo, dir)
	// LibSass ends compressed output with a newline, Dart Sass does not.
	if w := strings.ReplaceAll(string(want), "\n]", "]"); w != string(got) {
		t.Errorf("hugo:\n%s\nstoryfront:\n%s", w, got)
	}
	if !strings.Contains(string(got), ".partial-main{a:1}.site-b{a:4}") {
		t.Errorf("want the partial _main.scss and the site's parts/_b.scss:\n%s", got)
	}
}

func writeSiteFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// hugoWithSass is the hugo binary and a new site folder, with Dart Sass
// on PATH for both tools.
func hugoWithSass(t *testing.T) (hugo, dir string) {
	t.Helper()
	hugo = testpart.Binary(t, "hugo", "apt-get install -y hugo")
	t.Setenv("PATH", testpart.SassDir(t)+string(os.PathListSeparator)+os.Getenv("PATH"))
	return hugo, t.TempDir()
}
