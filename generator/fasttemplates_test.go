package generator

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestFastTemplatesSameOutput: the default theme and the Hugo theme
// fixtures (Ananke, PaperMod) built with treeexec (the default) and with
// html/template alone give the same files, byte for byte.
func TestFastTemplatesSameOutput(t *testing.T) {
	themeEnv(t)
	dir := t.TempDir()
	copyDefaultTheme(t, dir)
	files := map[string]string{
		"site.yaml": "title: Fast & <templates>\nbaseURL: https://fast.example/\ntheme: default\npagination: {pagerSize: 3}\n" +
			"feed: {sections: [stories], limit: 5}\nparams: {storyForm: demo}\ncapture: {endpoint: https://fast.example/api/leads}\n" +
			"menus:\n  main:\n    - {name: Stories, url: /stories/}\n    - {name: \"Q&A <x>\", url: \"https://other.example/?a=1&b=<2>\"}\n" +
			"forms:\n  demo:\n    title: Demo \"form\"\n    thankYou: /stories/\n    fields:\n      - {name: email, label: Email, type: email, required: true}\n" +
			"      - {name: size, label: Size, type: select, options: [\"1-10\", \"<11>\"]}\n      - {name: note, label: \"Note & more\", type: textarea, help: \"Say 'hi'\"}\n",
		"content/_index.md": "---\ntitle: Home\n---\nWelcome & <b>hello</b>.\n",
		"content/about.md":  "---\ntitle: \"About \\\"us\\\" & <them>\"\ndescription: \"It's <ours> & yours\"\n---\nAbout text with [a link](https://example.com/?q=1&r=2).\n",
	}
	tags := []string{"x & y", "<z>", "w"}
	for i := range 8 {
		files[fmt.Sprintf("content/stories/s%02d.md", i)] = themeStory(fmt.Sprintf("S%02d \"quoted\" & <b>", i), i+1,
			fmt.Sprintf("%q, %q", tags[i%3], tags[(i+1)%3]), "Body with <em>HTML</em> & `code`.")
	}
	writeSite(t, dir, files)
	sites := []string{dir}
	for _, name := range []string{"ananke", "papermod"} {
		sites = append(sites, filepath.Join("testdata/hugothemes", name))
	}
	for _, site := range sites {
		t.Run(filepath.Base(site), func(t *testing.T) {
			fast := buildTo(t, site, false)
			slow := buildTo(t, site, true)
			compareTrees(t, slow, fast)
		})
	}
}

// buildTo builds a copy of the site at dir and writes it to a new folder.
func buildTo(t *testing.T, dir string, noFast bool) string {
	t.Helper()
	work := t.TempDir()
	if err := os.CopyFS(work, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	o, err := NewBuilder(Options{Source: work, NoFastTemplates: noFast}).Build(context.Background())
	if err != nil {
		t.Fatalf("build (NoFastTemplates %v): %v", noFast, err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := o.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	return out
}

// compareTrees fails for each file that differs between folders want and
// got, or is in one only.
func compareTrees(t *testing.T, want, got string) {
	t.Helper()
	read := func(root string) map[string][]byte {
		m := map[string][]byte{}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			rel, _ := filepath.Rel(root, p)
			m[rel] = b
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	w, g := read(want), read(got)
	if len(w) < 10 {
		t.Fatalf("only %d files built", len(w))
	}
	for name, wb := range w {
		gb, ok := g[name]
		switch {
		case !ok:
			t.Errorf("%s: missing with treeexec", name)
		case !bytes.Equal(wb, gb):
			t.Errorf("%s differs with treeexec:\n got %.300q\nwant %.300q", name, gb, wb)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s: only with treeexec", name)
		}
	}
}
