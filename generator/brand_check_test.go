package generator

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestRebuildThemeTokens: an edit of the theme's brand.yaml is checked and
// applied by a rebuild (as site.yaml is): a default that fails a pair is a
// located error, and the fixed file gives pages the new colour.
func TestRebuildThemeTokens(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	files := baseSite()
	files["themes/t/brand.yaml"] = "colors: {ink: \"#111111\", paper: \"#ffffff\"}\npairs:\n  - {text: ink, on: paper}\n"
	files["themes/t/layouts/_default/baseof.html"] = `<style>{{ .Site.Brand.CSSVars }}</style>{{ block "main" . }}{{ end }}`
	writeSite(t, dir, files)
	b := NewBuilder(Options{Source: dir})
	if _, err := b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	tokens := filepath.Join(dir, "themes/t/brand.yaml")
	writeSite(t, dir, map[string]string{"themes/t/brand.yaml": "colors: {ink: \"#eeeeee\", paper: \"#ffffff\"}\npairs:\n  - {text: ink, on: paper}\n"})
	_, err := b.Rebuild(ctx, []string{tokens})
	if err == nil || !strings.HasPrefix(err.Error(), "themes/t/brand.yaml:3:5: light palette: ink #eeeeee on paper #ffffff") {
		t.Fatalf("Rebuild error = %v, want the failing pair at themes/t/brand.yaml:3:5", err)
	}
	writeSite(t, dir, map[string]string{"themes/t/brand.yaml": "colors: {ink: \"#222222\", paper: \"#ffffff\"}\npairs:\n  - {text: ink, on: paper}\n"})
	out, err := b.Rebuild(ctx, []string{tokens})
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := out.Lookup("/about/"); !ok || !bytes.Contains(f.Data, []byte("--color-ink:#222222;")) {
		t.Errorf("Lookup(/about/) = %q, %v: want the new ink", f.Data, ok)
	}
}
