package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site makes a site folder with real symbolic links:
//
//	site/content/a.md
//	site/content/inner.md   -> shared/b.md       (inside: followed)
//	site/content/docs       -> ../shared          (inside, a folder: followed)
//	site/content/loop/again -> ..                 (a loop: an error)
//	site/content/secret.md  -> outside/secret.md  (outside: refused)
//	site/content/out        -> outside            (outside folder: refused)
//	site/content/broken.md  -> missing            (broken)
//	site/shared/b.md
func site(t *testing.T) (dir, outside string) {
	t.Helper()
	tmp := t.TempDir()
	dir = filepath.Join(tmp, "site")
	outside = filepath.Join(tmp, "outside")
	write := func(p, s string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	link := func(target, p string) {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, p); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "content/a.md"), "a")
	write(filepath.Join(dir, "shared/b.md"), "b")
	write(filepath.Join(outside, "secret.md"), "secret")
	link(filepath.Join(dir, "shared/b.md"), filepath.Join(dir, "content/inner.md"))
	link("../shared", filepath.Join(dir, "content/docs"))
	link("..", filepath.Join(dir, "content/loop/again"))
	link(filepath.Join(outside, "secret.md"), filepath.Join(dir, "content/secret.md"))
	link(outside, filepath.Join(dir, "content/out"))
	link("missing", filepath.Join(dir, "content/broken.md"))
	return dir, outside
}

func TestWalkFollowsInsideRefusesOutside(t *testing.T) {
	dir, _ := site(t)
	got := map[string]string{}
	err := Walk(dir, "content", nil, func(f File) error {
		b, err := os.ReadFile(f.Path)
		got[f.Rel] = string(b)
		return err
	})
	for rel, want := range map[string]string{"a.md": "a", "inner.md": "b", "docs/b.md": "b"} {
		if got[rel] != want {
			t.Errorf("%s = %q, want %q (got %v)", rel, got[rel], want, got)
		}
	}
	for rel, data := range got {
		if strings.Contains(data, "secret") {
			t.Errorf("%s published a file outside the site", rel)
		}
	}
	var es interface{ Error() string } = err
	if err == nil {
		t.Fatal("no error for the links that leave the site")
	}
	msg := es.Error()
	for _, want := range []string{
		"content/secret.md:1:1: symbolic link to ",
		"content/out:1:1: symbolic link to ",
		"content/broken.md:1:1: broken symbolic link",
		"content/loop/again:1:1: symbolic link loop",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("errors:\n%s\nwant one with %q", msg, want)
		}
	}
}

func TestReadFile(t *testing.T) {
	dir, _ := site(t)
	if b, err := ReadFile(dir, "content/inner.md"); err != nil || string(b) != "b" {
		t.Errorf("inside link: %q, %v", b, err)
	}
	if _, err := ReadFile(dir, "content/secret.md"); err == nil || !strings.Contains(err.Error(), "content/secret.md:1:1: symbolic link to ") {
		t.Errorf("outside link: err = %v", err)
	}
	if _, err := ReadFile(dir, "content/out/secret.md"); err == nil || !strings.Contains(err.Error(), "leaves the site folder") {
		t.Errorf("file in an outside folder: err = %v", err)
	}
	if _, err := ReadFile(dir, "content/none.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err = %v, want fs.ErrNotExist", err)
	}
}

// A site folder that is itself reached through a link, and a theme folder
// linked from inside the site, are fine.
func TestWalkLinkedSiteFolder(t *testing.T) {
	dir, _ := site(t)
	alias := filepath.Join(t.TempDir(), "alias")
	if err := os.Symlink(dir, alias); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := Walk(alias, "shared", nil, func(File) error { n++; return nil })
	if err != nil || n != 1 {
		t.Errorf("Walk through a linked site folder: %d files, %v", n, err)
	}
	if err := Walk(alias, "missing", nil, func(File) error { return nil }); err != nil {
		t.Errorf("missing folder: %v", err)
	}
}
