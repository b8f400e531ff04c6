package generator

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/internal/testpart"
)

// postcssSite is a Hugo site whose home page runs css.PostCSS: with the
// theme's postcss.config.js (the site has none) and autoprefixer, in a
// minify | fingerprint chain, with inlined @imports (from the site's and
// the theme's assets/, one twice, one missing and skipped), and with a
// config elsewhere whose plugin writes what the environment tells it.
var postcssSite = map[string]string{
	"hugo.toml": `baseURL = "https://ex.org/"
theme = "t"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "404", "section", "page", "robotsTXT"]
`,
	"package.json":                 `{"private": true}` + "\n",
	"themes/t/postcss.config.js":   "module.exports = { plugins: { autoprefixer: {} } }\n",
	"themes/t/assets/css/base.css": "html { user-select: none }\n",
	"assets/css/main.css":          ".a { display: flex; user-select: none; }\n::placeholder { color: gray }\n",
	"assets/css/imports.css": "/* top */\n@import \"parts/one.css\";\n  @import 'base.css';\n/* theme */\n" +
		".z { appearance: none }\n@import \"parts/one.css\";\n@import url(\"x.css\");\n",
	"assets/css/parts/one.css":     ".one { backdrop-filter: blur(2px) }\n@import \"two.css\"\n",
	"assets/css/parts/two.css":     ".two { text-size-adjust: none }",
	"assets/css/skip.css":          "@import \"nope.css\";\n.s { color: red }\n",
	"assets/css/env.css":           ".e { color: blue }\n",
	"tools/postcss.config.js":      postcssEnvConfig,
	"layouts/_default/baseof.html": `{{ block "main" . }}{{ end }}`,
	"layouts/index.html": `@@default: {{ $c := resources.Get "css/main.css" | postCSS }}{{ $c.RelPermalink }} {{ $c.Content }}
@@chain: {{ with resources.Get "css/main.css" | resources.PostCSS (dict "noMap" true) | minify | fingerprint }}{{ .RelPermalink }} {{ .Data.Integrity }}{{ end }}
@@inline: {{ (resources.Get "css/imports.css" | resources.PostCSS (dict "inlineImports" true)).Content }}
@@skip: {{ (resources.Get "css/skip.css" | postCSS (dict "inlineImports" true "skipInlineImportsNotFound" true)).Content }}
@@env: {{ (resources.Get "css/env.css" | postCSS (dict "config" "tools/postcss.config.js" "no-map" true)).Content }}
`,
}

// postcssEnvConfig's plugin appends a comment naming what Hugo's
// environment gives a Node tool (paths relative to the folder postcss runs
// in); STORYFRONT_TEST_SECRET is not passed on.
const postcssEnvConfig = `const path = require('path');
const rel = (v) => (v ? path.relative(process.cwd(), v) || '.' : 'unset');
module.exports = {
  plugins: [{
    postcssPlugin: 'env',
    Once(root, { Comment }) {
      const e = process.env;
      root.append(new Comment({ text: [
        'HUGO_ENVIRONMENT=' + e.HUGO_ENVIRONMENT, 'HUGO_ENV=' + e.HUGO_ENV,
        'HUGO_PUBLISHDIR=' + rel(e.HUGO_PUBLISHDIR), 'NODE_PATH=' + rel(e.NODE_PATH),
        'HUGO_FILE_POSTCSS_CONFIG_JS=' + rel(e.HUGO_FILE_POSTCSS_CONFIG_JS),
        'HUGO_FILE_PACKAGE_JSON=' + rel(e.HUGO_FILE_PACKAGE_JSON),
        'SECRET=' + (e.STORYFRONT_TEST_SECRET || 'unset'),
      ].join(' ') }));
    },
  }],
};
`

// TestHugoPostCSS builds postcssSite with hugo 0.111.3 and with
// Storyfront, both running the real postcss-cli and autoprefixer from npm,
// and compares each case and every published stylesheet byte for byte.
func TestHugoPostCSS(t *testing.T) {
	hugo := testpart.Binary(t, "hugo", "apt-get install -y hugo")
	modules := testpart.PostCSSModules(t)
	dir := t.TempDir()
	writeSite(t, dir, postcssSite)
	if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("STORYFRONT_TEST_SECRET", "s3cret")
	t.Setenv("NODE_PATH", "")

	// -d public: HUGO_PUBLISHDIR is the site's public/ for both.
	hugoOut := filepath.Join(dir, "public")
	cmd := exec.Command(hugo, "--quiet", "-d", "public", "--cacheDir", t.TempDir())
	cmd.Dir = dir // hugo runs `npx --no-install postcss` in its working folder
	cmd.Env = append(os.Environ(), "HUGO_ENVIRONMENT=production")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	want, err := os.ReadFile(filepath.Join(hugoOut, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	o, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err != nil {
		t.Fatalf("storyfront build: %v", err)
	}
	home, ok := o.Lookup("/index.html")
	if !ok {
		t.Fatal("storyfront wrote no index.html")
	}
	w, g := splitCases(string(want)), splitCases(string(home.Data))
	for _, n := range []string{"default", "chain", "inline", "skip", "env"} {
		if w[n] == "" || w[n] != g[n] {
			t.Errorf("%s:\nhugo:       %q\nstoryfront: %q", n, w[n], g[n])
		}
	}
	// What the properties say, should hugo's output ever go blank.
	for _, s := range []string{"-webkit-user-select: none", "::-moz-placeholder", ".one", ".two", "/* theme */", "@import url", "HUGO_ENVIRONMENT=production",
		"HUGO_FILE_POSTCSS_CONFIG_JS=themes/t/postcss.config.js", "HUGO_PUBLISHDIR=public", "NODE_PATH=node_modules", "SECRET=unset"} {
		if !strings.Contains(string(home.Data), s) {
			t.Errorf("storyfront's page lacks %q", s)
		}
	}
	var css []string
	for _, p := range o.Paths() {
		if strings.HasSuffix(p, ".css") {
			css = append(css, p)
			f, _ := o.Lookup("/" + p)
			h, err := os.ReadFile(filepath.Join(hugoOut, filepath.FromSlash(p)))
			if err != nil || !bytes.Equal(h, f.Data) {
				t.Errorf("%s: hugo's (%v) and storyfront's differ:\n%s\n%s", p, err, h, f.Data)
			}
		}
	}
	if len(css) != 2 { // main.css, main.min.<hash>.css
		t.Errorf("stylesheets published: %v", css)
	}
}

// TestPostCSSErrors: a CSS syntax error is located in the file it is in
// (through inlined imports), a missing import and a missing config are
// errors, and without postcss-cli the error names the template's line and
// how to install it.
func TestPostCSSErrors(t *testing.T) {
	modules := testpart.PostCSSModules(t)
	tests := []struct {
		name, layout, want string
		noPostCSS          bool
	}{
		{"syntax", `{{ (resources.Get "css/broken.css" | postCSS (dict "inlineImports" true)).Content }}`,
			"assets/css/parts/bad.css:2:4: css.PostCSS: CssSyntaxError: Unexpected }", false},
		{"import", `{{ (resources.Get "css/skip.css" | postCSS (dict "inlineImports" true)).Content }}`,
			`assets/css/skip.css:1:1: css.PostCSS: failed to resolve CSS @import "nope.css"`, false},
		{"config", `{{ (resources.Get "css/main.css" | postCSS (dict "config" "nope/postcss.config.js")).Content }}`,
			`css.PostCSS: config "nope/postcss.config.js" not found`, false},
		{"option", `{{ (resources.Get "css/main.css" | postCSS (dict "plugins" "x")).Content }}`,
			`css.PostCSS: unknown option "plugins"`, false},
		{"missing", "\n{{ (resources.Get \"css/main.css\" | postCSS).Content }}",
			"layouts/index.html:2:", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{"layouts/index.html": tt.layout,
				"assets/css/broken.css":    ".ok { color: red }\n@import \"parts/bad.css\";\n",
				"assets/css/parts/bad.css": ".b {\n  }}\n"}
			for k, v := range postcssSite {
				if _, ok := files[k]; !ok {
					files[k] = v
				}
			}
			writeSite(t, dir, files)
			if tt.noPostCSS {
				t.Setenv("PATH", t.TempDir())
			} else if err := os.Symlink(modules, filepath.Join(dir, "node_modules")); err != nil {
				t.Fatal(err)
			}
			_, err := NewBuilder(Options{Source: dir}).Build(context.Background())
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant %s", err, tt.want)
			}
			if tt.noPostCSS && !strings.Contains(err.Error(), "npm i -D postcss postcss-cli autoprefixer") {
				t.Errorf("err = %v: does not say how to install postcss-cli", err)
			}
		})
	}
}
