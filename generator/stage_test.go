package generator

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestStageDir: a build that streams its outputs into a stage folder
// writes the same files as one that keeps them in memory, holds none of
// the rendered pages in memory, and a failed build leaves the previous
// output as it was.
func TestStageDir(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeSite(t, dir, baseSite())
	mem, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	stage, err := NewStage(out)
	if err != nil {
		t.Fatal(err)
	}
	staged, err := NewBuilder(Options{Source: dir, StageDir: stage}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if f := staged.files["stories/a/index.html"]; f == nil || !f.staged || f.Data != nil {
		t.Errorf("stories/a/index.html kept in memory: %+v", f)
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
