package content

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWalkModTime checks each source carries its file's modification time,
// which the frontmatter :fileModTime rule reads.
func TestWalkModTime(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, Dir, "x.md")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("---\ntitle: X\n---\nbody\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	when := time.Date(2021, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := os.Chtimes(p, when, when); err != nil {
		t.Fatal(err)
	}
	tree, err := Walk(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(tree.Sources) != 1 || !tree.Sources[0].ModTime.Equal(when) {
		t.Fatalf("sources %+v, want one with ModTime %v", tree.Sources, when)
	}
	s, err := Read(dir, "x.md")
	if err != nil || !s.ModTime.Equal(when) {
		t.Fatalf("Read: ModTime %v, %v; want %v", s.ModTime, err, when)
	}
}
