package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/generator/images"
)

// TestStageDir: a build that streams its outputs into a stage folder
// writes the same files as one that keeps them in memory, holds none of
// the rendered pages in memory, and a failed build leaves the previous
// output as it was.
func TestStageDir(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, dir, baseSite())
	mem, sb, staged, out, stage := memAndStagedBuilds(t, dir)
	if f := staged.files["stories/a/index.html"]; f == nil || !f.staged || f.Data != nil {
		t.Errorf("stories/a/index.html kept in memory: %+v", f)
	}
	// Nor the Markdown sources, once converted.
	for rel, src := range sb.sources {
		if src.Body != nil {
			t.Errorf("content/%s: its text is still held after the streamed build", rel)
		}
	}
	if err := staged.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	for _, p := range mem.Paths() {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if string(got) != string(mem.files[p].Data) {
			t.Errorf("%s differs from the in-memory build:\n%s\nwant\n%s", p, got, mem.files[p].Data)
		}
	}
	if _, err := os.Stat(stage); !os.IsNotExist(err) {
		t.Errorf("the stage folder is still there: %v", err)
	}
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("beside the output: %v, want public only", entries)
	}
}

// TestStageDirRawContent: a streamed build drops each source's text once
// converted, but not when a template shows it: .RawContent (and the list
// that shows other pages' text) is then what an in-memory build prints.
func TestStageDirRawContent(t *testing.T) {
	dir := t.TempDir()
	files := baseSite()
	files["themes/t/layouts/_default/single.html"] = `{{ define "main" }}<pre>{{ .RawContent }}</pre>{{ .Content }}{{ end }}`
	files["themes/t/layouts/_default/list.html"] = `{{ define "main" }}{{ range .Pages }}<pre>{{ .RawContent }}</pre>{{ end }}{{ end }}`
	writeSite(t, dir, files)
	mem, _, staged, out, _ := memAndStagedBuilds(t, dir)
	if err := staged.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "stories", "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(got), "<pre>First para of A.\n\nMore of A.\n</pre>") {
		t.Errorf("stories/a/index.html shows no raw content:\n%s", got)
	}
	for _, p := range mem.Paths() {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if string(got) != string(mem.files[p].Data) {
			t.Errorf("%s differs from the in-memory build:\n%s\nwant\n%s", p, got, mem.files[p].Data)
		}
	}
}

// TestStageDirImages: image versions and share cards (a cover cut and
// drawn cards) stream into the stage folder like pages: none is held in
// memory, and the files are those of an in-memory build.
func TestStageDirImages(t *testing.T) {
	dir := imageSite(t)
	mem, b, staged, out, _ := memAndStagedBuilds(t, dir)
	kinds := map[string]int{}
	for _, p := range staged.Paths() {
		f := staged.files[p]
		switch ext := filepath.Ext(p); {
		case ext == ".webp" || ext == ".jpg" || ext == ".png": // (the GIF is published as it is)
			if strings.Contains(p, "card_") {
				kinds["drawn card"]++
			} else {
				kinds["image"]++
			}
			if !f.staged || f.Data != nil {
				t.Errorf("%s kept in memory (%d bytes)", p, len(f.Data))
			}
		}
	}
	if kinds["drawn card"] == 0 || kinds["image"] < 4 {
		t.Fatalf("outputs %v: want drawn cards and image versions", kinds)
	}
	if len(b.img.data) != 0 {
		t.Errorf("the builder keeps %d images' bytes after a streamed build", len(b.img.data))
	}
	if err := staged.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	if len(staged.Paths()) != len(mem.Paths()) {
		t.Errorf("%d outputs streamed, %d in memory", len(staged.Paths()), len(mem.Paths()))
	}
	for _, p := range mem.Paths() {
		got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Errorf("%s: %v", p, err)
			continue
		}
		if !bytes.Equal(got, mem.files[p].Data) {
			t.Errorf("%s differs from the in-memory build (%d bytes, want %d)", p, len(got), len(mem.files[p].Data))
		}
	}
	// The drawn cards the in-memory build cached are published as links
	// to the cache's files: neither read nor written again.
	var cached []os.FileInfo
	filepath.WalkDir(filepath.Join(dir, filepath.FromSlash(images.CacheDir)), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".png" {
			if fi, err := os.Stat(p); err == nil {
				cached = append(cached, fi)
			}
		}
		return nil
	})
	for _, p := range staged.Paths() {
		if !strings.Contains(p, "card_") || filepath.Ext(p) != ".png" {
			continue
		}
		fi, err := os.Stat(filepath.Join(out, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		linked := false
		for _, c := range cached {
			linked = linked || os.SameFile(fi, c)
		}
		if !linked {
			t.Errorf("%s: not a link to the image cache's file (%d cached PNGs)", p, len(cached))
		}
	}
}

// memAndStagedBuilds builds the site in dir twice: in memory (which also
// fills the image cache), then streamed into a stage folder for out. It
// returns both outputs, the streaming builder, out and the stage folder.
func memAndStagedBuilds(t *testing.T, dir string) (mem *Output, b *Builder, staged *Output, out, stage string) {
	t.Helper()
	ctx := context.Background()
	mem, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out = filepath.Join(t.TempDir(), "public")
	if stage, err = NewStage(out); err != nil {
		t.Fatal(err)
	}
	b = NewBuilder(Options{Source: dir, StageDir: stage})
	if staged, err = b.Build(ctx); err != nil {
		t.Fatal(err)
	}
	return mem, b, staged, out, stage
}
