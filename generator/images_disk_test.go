package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImagesOnDisk: with Options.ImagesOnDisk (the dev server) image
// versions and share cards stay in the image cache: the output holds none
// of their bytes, File.Bytes reads the same bytes an in-memory build
// holds, and a rebuild that plans everything again (a title edit) keeps
// them so.
func TestImagesOnDisk(t *testing.T) {
	ctx := context.Background()
	dir := imageSite(t)
	mem, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(Options{Source: dir, ImagesOnDisk: true})
	out, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	check := func(when string, out, want *Output) {
		t.Helper()
		onDisk := 0
		for _, p := range want.Paths() {
			f, ok := out.files[p]
			if !ok {
				t.Errorf("%s: no %s", when, p)
				continue
			}
			if ext := filepath.Ext(p); ext == ".webp" || ext == ".jpg" || ext == ".png" {
				if f.Data != nil || f.disk == "" {
					t.Errorf("%s: %s held in memory (%d bytes)", when, p, len(f.Data))
				}
				if strings.Contains(p, "card_") {
					onDisk++
				}
			}
			got, err := f.Bytes()
			if err != nil || !bytes.Equal(got, want.files[p].Data) {
				t.Errorf("%s: %s: %d bytes (%v), want %d", when, p, len(got), err, len(want.files[p].Data))
			}
		}
		if onDisk == 0 {
			t.Errorf("%s: no drawn share card among the outputs", when)
		}
	}
	check("build", out, mem)
	// A title edit: the graph is built again and every image job with it.
	writeSite(t, dir, map[string]string{"content/about.md": "---\ntitle: About us\n---\nNo pictures.\n"})
	mem, err = NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out, err = b.Rebuild(ctx, []string{filepath.Join(dir, "content", "about.md")})
	if err != nil {
		t.Fatal(err)
	}
	check("rebuild", out, mem)
	for _, p := range out.Changed() {
		if strings.HasSuffix(p, ".webp") {
			t.Errorf("a title edit changed %s", p)
		}
	}
	// WriteDir copies them out of the cache.
	pub := filepath.Join(t.TempDir(), "public")
	if err := out.WriteDir(pub); err != nil {
		t.Fatal(err)
	}
	for _, p := range mem.Paths() {
		if strings.Contains(p, "card_") {
			got, err := os.ReadFile(filepath.Join(pub, filepath.FromSlash(p)))
			if err != nil || !bytes.Equal(got, mem.files[p].Data) {
				t.Errorf("written %s: %d bytes (%v), want %d", p, len(got), err, len(mem.files[p].Data))
			}
		}
	}
}
