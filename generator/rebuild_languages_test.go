package generator

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRebuildLanguages: on a multilingual Hugo site, each edit's rebuild
// gives exactly the output a full build of the same files gives: a
// translation's title shows on the other language's page, an added
// translation links both pages, a removed one unlinks them, and an i18n
// or config edit reaches every language.
func TestRebuildLanguages(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"hugo.toml": "baseURL = \"https://l.example/\"\ntitle = \"L\"\n[languages.en]\nweight = 1\n" +
			"[languages.fr]\nweight = 2\ntitle = \"L fr\"\n",
		"content/blog/a.md":            "---\ntitle: A\n---\nA.\n",
		"content/blog/a.fr.md":         "---\ntitle: A fr\n---\nA fr.\n",
		"content/blog/b.md":            "---\ntitle: B\n---\nB.\n",
		"i18n/en.toml":                 "read = \"Read\"\n",
		"i18n/fr.toml":                 "read = \"Lire\"\n",
		"layouts/_default/single.html": `{{ .Title }} {{ .Site.Title }} {{ i18n "read" }}{{ range .Translations }} [{{ .Lang }} {{ .Title }} {{ .RelPermalink }}]{{ end }}`,
		"layouts/_default/list.html":   `{{ .Title }}{{ range .Pages }} {{ .Title }}{{ end }}{{ range .Translations }} [{{ .Lang }}]{{ end }}`,
	})
	ctx := context.Background()
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		edit map[string]string // "" removes the file
		page string            // an output to check
		want string            // its text after the rebuild
	}{
		{"translation title", map[string]string{"content/blog/a.fr.md": "---\ntitle: A deux\n---\nA fr.\n"},
			"/blog/a/", "A L Read [fr A deux /fr/blog/a/]"},
		{"translation added", map[string]string{"content/blog/b.fr.md": "---\ntitle: B fr\n---\nB fr.\n"},
			"/blog/b/", "B L Read [fr B fr /fr/blog/b/]"},
		{"translation removed", map[string]string{"content/blog/a.fr.md": ""},
			"/blog/a/", "A L Read"},
		{"i18n", map[string]string{"i18n/fr.toml": "read = \"Lisez\"\n"},
			"/fr/blog/b/", "B fr L fr Lisez [en B /blog/b/]"},
		{"language config", map[string]string{"hugo.toml": "baseURL = \"https://l.example/\"\ntitle = \"L\"\n[languages.en]\nweight = 1\n" +
			"[languages.fr]\nweight = 2\ntitle = \"Le site\"\n"},
			"/fr/blog/b/", "B fr Le site Lisez [en B /blog/b/]"},
	}
	for _, st := range steps {
		out := editAndRebuild(ctx, t, b, dir, st.name, st.edit)
		f, ok := out.Lookup(st.page)
		if !ok {
			t.Fatalf("%s: no %s", st.name, st.page)
		}
		if got := strings.TrimSpace(string(f.Data)); got != st.want {
			t.Errorf("%s: %s is %q, want %q", st.name, st.page, got, st.want)
		}
	}
}

// editAndRebuild writes the files of edit under dir ("" removes one),
// rebuilds b with them and fails the test unless that rebuild equals a
// full build of dir; it returns the rebuild's output.
func editAndRebuild(ctx context.Context, t *testing.T, b *Builder, dir, name string, edit map[string]string) *Output {
	t.Helper()
	var changed []string
	for p, c := range edit {
		full := filepath.Join(dir, filepath.FromSlash(p))
		changed = append(changed, full)
		if c == "" {
			removeFile(t, full)
			continue
		}
		writeSite(t, dir, map[string]string{p: c})
	}
	out, err := b.Rebuild(ctx, changed)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	full, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if d := diffOutputs(out, full); d != "" {
		t.Errorf("%s: rebuild and full build differ:\n%s", name, d)
	}
	return out
}

func removeFile(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

// TestRebuildContentDirOutside: a language whose contentDir is a folder
// outside content/ (content_fr): an edit, an added and a removed file
// there, and a config edit that moves the language's content to another
// folder, each give exactly what a full build gives.
func TestRebuildContentDirOutside(t *testing.T) {
	dir := t.TempDir()
	config := func(frDir string) string {
		return "baseURL = \"https://l.example/\"\ntitle = \"L\"\n[languages.en]\nweight = 1\n" +
			"[languages.fr]\nweight = 2\ncontentDir = \"" + frDir + "\"\n"
	}
	writeSite(t, dir, map[string]string{
		"hugo.toml":                    config("content_fr"),
		"content/blog/a.md":            "---\ntitle: A\n---\nA.\n",
		"content_fr/blog/a.md":         "---\ntitle: A fr\n---\nA fr.\n",
		"content_fr/blog/b.md":         "---\ntitle: B fr\n---\nB fr.\n",
		"lang/fr/blog/a.md":            "---\ntitle: A ailleurs\n---\nAilleurs.\n",
		"layouts/_default/single.html": `{{ .Title }} {{ .File.Path }}{{ range .Translations }} [{{ .Lang }} {{ .Title }}]{{ end }}`,
		"layouts/_default/list.html":   `{{ .Title }}{{ range .Pages }} {{ .Title }}{{ end }}`,
	})
	ctx := context.Background()
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	if got := b.SourceFolders(); len(got) != 1 || got[0] != "content_fr" {
		t.Errorf("SourceFolders() = %v, want [content_fr]", got)
	}
	steps := []struct {
		name string
		edit map[string]string // "" removes the file
		page string            // an output to check
		want string            // its text after the rebuild
	}{
		{"edit", map[string]string{"content_fr/blog/a.md": "---\ntitle: A deux\n---\nA fr.\n"},
			"/blog/a/", "A blog/a.md [fr A deux]"},
		{"add", map[string]string{"content_fr/blog/c.md": "---\ntitle: C fr\n---\nC.\n"},
			"/fr/blog/", "Blogs A deux B fr C fr"},
		{"remove", map[string]string{"content_fr/blog/b.md": ""},
			"/fr/blog/", "Blogs A deux C fr"},
		{"text only", map[string]string{"content_fr/blog/a.md": "---\ntitle: A deux\n---\nAutre texte.\n"},
			"/fr/blog/a/", "A deux blog/a.md [en A]"},
		{"moved", map[string]string{"hugo.toml": config("lang/fr")},
			"/fr/blog/a/", "A ailleurs blog/a.md [en A]"},
	}
	for _, st := range steps {
		out := editAndRebuild(ctx, t, b, dir, st.name, st.edit)
		f, ok := out.Lookup(st.page)
		if !ok {
			t.Fatalf("%s: no %s", st.name, st.page)
		}
		if got := strings.TrimSpace(string(f.Data)); got != st.want {
			t.Errorf("%s: %s is %q, want %q", st.name, st.page, got, st.want)
		}
	}
}

// TestRebuildLanguagesIncremental: a multilingual site's rebuilds render
// only what an edit reaches, as a site of one language's do, and each
// gives exactly what a full build gives: a text edit renders the page and
// the lists showing its summary (the fast path), not the other language;
// a title edit reaches the page's translation (its language switcher)
// and the site-wide outputs, not the other pages; a
// menu entry in a French page's front matter reaches every page; a page
// added in one language links its translation.
func TestRebuildLanguagesIncremental(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"hugo.toml": "baseURL = \"https://l.example/\"\ntitle = \"L\"\n[languages.en]\nweight = 1\n" +
			"[languages.fr]\nweight = 2\ntitle = \"L fr\"\n",
		"content/blog/a.md":    "---\ntitle: A\n---\nA text.\n",
		"content/blog/a.fr.md": "---\ntitle: A fr\n---\nA texte.\n",
		"content/blog/b.md":    "---\ntitle: B\n---\nB text.\n",
		"content/blog/c.fr.md": "---\ntitle: C fr\n---\nC texte.\n",
		"content/about.md":     "---\ntitle: About\n---\nAbout.\n",
		"layouts/_default/baseof.html": `{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">{{ end }}` +
			`{{ range .Site.Menus.main }}[{{ .Name }}]{{ end }}{{ block "main" . }}{{ end }}`,
		"layouts/_default/single.html": `{{ define "main" }}{{ .Title }} {{ .Content }}{{ range .Translations }} ({{ .Lang }} {{ .Title }}){{ end }}{{ end }}`,
		"layouts/_default/list.html":   `{{ define "main" }}{{ .Title }}{{ range .Pages }} {{ .Title }}: {{ .Summary }}{{ end }}{{ end }}`,
	})
	ctx := context.Background()
	b := NewBuilder(Options{Source: dir})
	first, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	all := first.Stats().Rendered
	steps := []struct {
		name string
		edit map[string]string // "" removes the file
		page string            // an output to check
		want string            // text it must hold after the rebuild
		most int               // at most this many outputs rendered (-1: every one)
	}{
		{"French text", map[string]string{"content/blog/a.fr.md": "---\ntitle: A fr\n---\nNouveau texte.\n"},
			"/fr/blog/a/", "Nouveau texte.", 12}, // the page, its list, the feeds (site-wide), the sitemap index
		{"English title", map[string]string{"content/blog/a.md": "---\ntitle: A2\n---\nA text.\n"},
			"/fr/blog/a/", "(en A2)", 20},
		{"French menu entry", map[string]string{"content/blog/c.fr.md": "---\ntitle: C fr\nmenu: main\n---\nC texte.\n"},
			"/fr/", "[C fr]", -1},
		{"translation added", map[string]string{"content/blog/b.fr.md": "---\ntitle: B fr\n---\nB texte.\n"},
			"/blog/b/", "(fr B fr)", 20},
		{"translation removed", map[string]string{"content/blog/a.fr.md": ""},
			"/blog/a/", "A2 <p>A text.</p>\n", 20},
	}
	for _, st := range steps {
		out := editAndRebuild(ctx, t, b, dir, st.name, st.edit)
		f, ok := out.Lookup(st.page)
		if !ok {
			t.Fatalf("%s: no %s", st.name, st.page)
		}
		if !strings.Contains(string(f.Data), st.want) {
			t.Errorf("%s: %s is %q, want it to hold %q", st.name, st.page, f.Data, st.want)
		}
		if n := out.Stats().Rendered; st.most >= 0 && (n > st.most || n >= all) {
			t.Errorf("%s: rendered %d outputs of %d, want at most %d", st.name, n, all, st.most)
		}
	}
}
