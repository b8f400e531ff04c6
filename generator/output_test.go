package generator

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

func TestLookup(t *testing.T) {
	o := &Output{files: map[string]*File{
		"index.html":           {Path: "index.html", Data: []byte("home")},
		"stories/a/index.html": {Path: "stories/a/index.html", Data: []byte("a")},
		"sitemap.xml":          {Path: "sitemap.xml", Data: []byte("map")},
	}}
	tests := []struct{ url, want string }{
		{"/", "home"}, {"", "home"}, {"/index.html", "home"},
		{"/stories/a/", "a"}, {"/stories/a", "a"}, {"/stories/a/index.html", "a"},
		{"/sitemap.xml", "map"}, {"/stories/../sitemap.xml", "map"},
		{"/nope/", ""}, {"/stories/", ""},
	}
	for _, tt := range tests {
		f, ok := o.Lookup(tt.url)
		if ok != (tt.want != "") || string(f.Data) != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.url, f.Data, ok, tt.want)
		}
	}
}

func TestWriteDir(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "old.txt"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// "a" is a file and a folder at once: writing fails half way.
	bad := &Output{files: map[string]*File{
		"a":        {Path: "a", Data: []byte("x")},
		"a/b.html": {Path: "a/b.html", Data: []byte("y")},
		"z.html":   {Path: "z.html", Data: []byte("z")},
	}}
	if err := bad.WriteDir(dir); err == nil {
		t.Fatal("WriteDir of a conflicting output succeeded")
	}
	if b, err := os.ReadFile(filepath.Join(dir, "old.txt")); err != nil || string(b) != "old" {
		t.Fatalf("the previous output was touched: %q, %v", b, err)
	}
	good := &Output{files: map[string]*File{
		"index.html":       {Path: "index.html", Data: []byte("home")},
		"x/y/z/index.html": {Path: "x/y/z/index.html", Data: []byte("deep")},
	}}
	if err := good.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "old.txt")); !os.IsNotExist(err) {
		t.Errorf("old.txt survived the swap: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "x/y/z/index.html")); string(b) != "deep" {
		t.Errorf("x/y/z/index.html = %q", b)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Errorf("left beside the output: %v", entries)
	}
}

// TestDeterministic builds a site twice, in parallel on all cores, and
// wants the same bytes.
func TestDeterministic(t *testing.T) {
	dir := benchSite(t, 300)
	ctx := context.Background()
	a, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBuilder(Options{Source: dir}).Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.files) < 300 {
		t.Fatalf("only %d files", len(a.files))
	}
	for p, fa := range a.files {
		if fb := b.files[p]; fb == nil || !bytes.Equal(fa.Data, fb.Data) {
			t.Errorf("%s differs between two builds", p)
		}
	}
	if len(b.files) != len(a.files) {
		t.Errorf("%d files, then %d", len(a.files), len(b.files))
	}
}
