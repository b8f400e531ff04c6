package generator

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestRebuildCascade: editing a section's cascade re-renders the pages
// below it, though their own files did not change.
func TestRebuildCascade(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, map[string]string{
		"hugo.toml":                      "baseURL = \"https://c.example/\"\ntitle = \"C\"\n",
		"content/blog/_index.md":         "---\ntitle: Blog\ncascade:\n  color: red\n---\n",
		"content/blog/a.md":              "---\ntitle: A\n---\nA.\n",
		"content/blog/b.md":              "---\ntitle: B\ncolor: own\n---\nB.\n",
		"layouts/_default/single.html":   "{{ .Title }} {{ .Params.color }}",
		"layouts/_default/list.html":     "{{ .Title }}",
		"layouts/_default/terms.html":    "{{ .Title }}",
		"layouts/_default/taxonomy.html": "{{ .Title }}",
	})
	ctx := context.Background()
	b := NewBuilder(Options{Source: dir})
	out, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	page := func(o *Output, u string) string {
		f, ok := o.Lookup(u)
		if !ok {
			t.Fatalf("no %s", u)
		}
		return strings.TrimSpace(string(f.Data))
	}
	if a, bb := page(out, "/blog/a/"), page(out, "/blog/b/"); a != "A red" || bb != "B own" {
		t.Fatalf("first build: %q, %q; want A red, B own", a, bb)
	}
	index := filepath.Join(dir, "content/blog/_index.md")
	writeSite(t, dir, map[string]string{"content/blog/_index.md": "---\ntitle: Blog\ncascade:\n  color: blue\n---\n"})
	out, err = b.Rebuild(ctx, []string{index})
	if err != nil {
		t.Fatal(err)
	}
	if a, bb := page(out, "/blog/a/"), page(out, "/blog/b/"); a != "A blue" || bb != "B own" {
		t.Errorf("after the cascade edit: %q, %q; want A blue, B own", a, bb)
	}
}
