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

// themeConfigSite is a Docsy-like Hugo site: a multilingual site whose
// theme has its own config (params, an output format, a menu, a
// language's params) and module.mounts that put its node_modules under
// assets/vendor and static/webfonts (and one whose source is missing),
// Sass that imports through that mount, a page whose front matter follows
// a blank line, relref "/docs" under contentDir content/en, union of
// Pages sorted .ByWeight, .Site.Param, .HasShortcode, relref of nil,
// enableMissingTranslationPlaceholders, .Translations in hugo's order,
// a section dated by its pages only when it has no dates of its own,
// terms of a section page, where through methods ("Parent.File.UniqueID"),
// a version-1 shortcode ({{ $_hugo_config := `{ "version": 1 }` }}) and a
// {{% %}} call inside another call (their inner rendered as Markdown).
var themeConfigSite = map[string]string{
	"hugo.toml": `baseURL = "https://ex.org/"
theme = ["t"]
contentDir = "content/en"
defaultContentLanguage = "en"
disableKinds = ["RSS", "sitemap", "404", "robotsTXT"]
enableMissingTranslationPlaceholders = true
[outputs]
section = ["HTML", "print"]
[params]
color = "site"
[params.ui]
sidebar = "site"
[languages.en]
weight = 1
[languages.en.params]
greeting = "hello"
[languages.fa]
weight = 2
contentDir = "content/fa"
[languages.xx]
contentDir = "content/xx"
[languages.no]
contentDir = "content/no"
`,
	"i18n/en.toml": "[hello]\nother = \"Hello\"\n",
	"i18n/no.toml": "[hello]\nother = \"Hei\"\n",
	"themes/t/config.yaml": `params:
  color: theme
  onlytheme: fromtheme
  ui:
    sidebar: theme
    footer: theme
outputFormats:
  PRINT:
    baseName: index
    isHTML: true
    mediaType: text/html
    path: _print
    permalinkable: false
menu:
  main:
    - name: Theme entry
      url: /x/
languages:
  en:
    params:
      greeting: theme
      farewell: bye
  de:
    params:
      greeting: hallo
module:
  mounts:
    - source: assets
      target: assets
    - source: node_modules/lib
      target: assets/vendor/lib
    - source: layouts
      target: layouts
    - source: node_modules/lib/webfonts
      target: static/webfonts
    - source: ../../node_modules/lib
      target: assets/vendor/lib
`,
	"themes/t/node_modules/lib/scss/_vars.scss":  "$c: #123456;\n",
	"themes/t/node_modules/lib/scss/lib.scss":    "@import \"vars\";\n.lib { color: $c; }\n",
	"themes/t/node_modules/lib/js/lib.js":        "var lib = 1;\n",
	"themes/t/node_modules/lib/webfonts/f.woff2": "font",
	"themes/t/assets/scss/main.scss":             "@import \"../vendor/lib/scss/lib\";\n.main { margin: 0; }\n",
	"themes/t/layouts/_default/baseof.html":      `{{ block "main" . }}{{ end }}`,
	"themes/t/layouts/_default/single.html":      `{{ define "main" }}{{ .Title }}|{{ .Date.Format "2006-01-02" }}|{{ .Content }}{{ end }}`,
	"themes/t/layouts/_default/list.html":        `{{ define "main" }}{{ .Title }}|{{ range (union .Pages .Sections).ByWeight }}{{ .Title }},{{ end }}|{{ .Content }}{{ end }}`,
	"themes/t/layouts/_default/list.print.html":  `print {{ .Title }}`,
	"layouts/index.html": `@@params: {{ .Site.Params.color }} {{ .Site.Params.onlytheme }} {{ .Site.Params.ui.sidebar }} {{ .Site.Params.ui.footer }} {{ .Site.Param "color" }} {{ .Site.Param "ui.footer" }} {{ .Site.Params.greeting }} {{ .Site.Params.farewell }}
@@menu: {{ range .Site.Menus.main }}{{ .Name }} {{ .URL }}{{ end }}
@@print: {{ with .Site.GetPage "/docs" }}{{ with .OutputFormats.Get "print" }}{{ .RelPermalink }}{{ end }}{{ end }}
@@css: {{ trim (resources.Get "scss/main.scss" | toCSS (dict "outputStyle" "compressed")).Content "\n" }}
@@js: {{ (resources.Get "vendor/lib/js/lib.js").Content }}
@@shortcode: {{ with .Site.GetPage "/docs/a" }}{{ .HasShortcode "note" }} {{ .HasShortcode "nested/box" }} {{ .HasShortcode "missing" }}{{ end }}
@@refs: {{ relref . nil }} {{ .Content }}
@@i18n: {{ i18n "hello" }}
@@translations: {{ with .Site.GetPage "/docs" }}{{ range .Translations }}{{ .Lang }} {{ end }}{{ end }}
@@dates: {{ with .Site.GetPage "/docs/sub" }}{{ .Date.Format "2006" }}{{ end }} {{ with .Site.GetPage "/docs/undated" }}{{ .Date.Format "2006" }}{{ end }}
@@terms: {{ range .Site.Taxonomies.tags.docs }}{{ .Title }},{{ end }}
@@where: {{ $p := .Site.GetPage "/docs" }}{{ $pages := where .Site.Pages ".Parent" "!=" nil }}{{ range (where $pages "Parent.File.UniqueID" "==" $p.File.UniqueID).ByWeight }}{{ .Title }},{{ end }}
`,
	"layouts/shortcodes/v1.html":         "{{ $_hugo_config := `{ \"version\": 1 }` }}\n<div class=\"v1\">\n    {{ .Inner }}\n</div>\n",
	"layouts/shortcodes/wrap.html":       `<section>{{ .Inner }}</section>`,
	"layouts/shortcodes/plain.html":      `<div>{{ .Inner }}</div>`,
	"layouts/shortcodes/note.html":       `<b>{{ .Inner }}</b>`,
	"layouts/shortcodes/nested/box.html": `<i>{{ .Inner }}</i>`,
	"content/en/_index.md":               "---\ntitle: Home\n---\n[docs]({{< relref \"/docs\" >}}) [a]({{< ref \"/docs/a.md\" >}})\n",
	"content/en/docs/_index.md":          "---\ntitle: Docs\nlastmod: 2020-01-02\ntags: [docs]\n---\n{{% v1 %}}One **line**{{% /v1 %}}\n\n{{% v1 %}}\nTwo\n\nparas\n{{% /v1 %}}\n\n{{< wrap >}}{{% plain %}}[x](/y) *z*{{% /plain %}}{{< /wrap >}}\n",
	"content/en/docs/a.md":               "\n\n---\ntitle: A\nweight: 2\ndate: 2018-10-06\n---\n{{< note >}}n{{< nested/box >}}b{{< /nested/box >}}{{< /note >}}\n",
	"content/en/docs/b.md":               "---\ntitle: B\nweight: 1\ntags: [docs]\n---\nb\n",
	"content/en/docs/sub/_index.md":      "---\ntitle: Sub\nweight: 3\nexpiryDate: 2099-01-01\n---\n",
	"content/en/docs/sub/c.md":           "---\ntitle: C\ndate: 2018-05-05\n---\n",
	"content/en/docs/undated/_index.md":  "---\ntitle: Undated\nweight: 4\n---\n",
	"content/en/docs/undated/d.md":       "---\ntitle: D\ndate: 2017-05-05\n---\n",
	"content/fa/_index.md":               "---\ntitle: Fa\n---\n",
	"content/fa/docs/_index.md":          "---\ntitle: Docs fa\n---\n",
	"content/no/docs/_index.md":          "---\ntitle: Aaa\n---\n",
	"content/xx/docs/_index.md":          "---\ntitle: Bbb\n---\n",
}

// TestHugoThemeConfig builds themeConfigSite with hugo 0.111.3 and with
// Storyfront and compares every file both write (the stylesheet, from
// LibSass in hugo and Dart Sass here, is compared compressed, without
// LibSass's last newline).
func TestHugoThemeConfig(t *testing.T) {
	hugo, dir := hugoWithSass(t)
	writeSite(t, dir, themeConfigSite)
	hugoOut := filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(hugo, "--quiet", "-s", dir, "-d", hugoOut, "--cacheDir", t.TempDir())
	cmd.Env = append(os.Environ(), "HUGO_ENVIRONMENT=production")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	o, err := NewBuilder(Options{Source: dir}).Build(context.Background())
	if err != nil {
		t.Fatalf("storyfront build: %v", err)
	}
	want, err := testpart.ReadTree(hugoOut)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range o.Paths() {
		if _, ok := want[p]; !ok {
			t.Errorf("only storyfront wrote %s", p)
		}
	}
	for p, w := range want {
		if p == "en/index.html" {
			// The redirect to /: hugo gives it the lang of the language it
			// renders last (no), an ordering this test is not about.
			continue
		}
		f, ok := o.Lookup("/" + p)
		if !ok {
			t.Errorf("only hugo wrote %s", p)
			continue
		}
		if !bytes.Equal(w, f.Data) {
			t.Errorf("%s:\nhugo:       %q\nstoryfront: %q", p, w, f.Data)
		}
	}
	home, _ := o.Lookup("/index.html")
	for _, s := range []string{"site fromtheme site theme site theme hello bye", "Theme entry /x/", "/docs/_print/", ".lib{color:#123456}", "var lib = 1", "true true false", `<a href="/docs/">docs</a>`,
		"@@translations: fa no xx", "@@dates: 0001 2017", "@@terms: B,Docs,", "@@where: B,A,Sub,Undated,"} {
		if !strings.Contains(string(home.Data), s) {
			t.Errorf("home lacks %q:\n%s", s, home.Data)
		}
	}
}
