package devserver

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// watchedSite is a site folder in t.TempDir() with a running Watcher and
// Batcher (real fsnotify events, default batching, the watcher's Settled
// as the server runs them).
type watchedSite struct {
	t       *testing.T
	dir     string
	w       *Watcher
	batches chan []string
}

func newWatchedSite(t *testing.T, files map[string]string) *watchedSite {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		writeFile(t, filepath.Join(dir, name), body)
	}
	w, err := NewWatcher(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.OnError = func(err error) { t.Errorf("watcher: %v", err) }
	// Settled's answers must not change while a slow machine runs a test.
	w.SettleAfter = time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	paths := make(chan string)
	batches := make(chan []string, 100)
	done := make(chan struct{})
	go func() { w.Run(ctx, paths); close(paths) }()
	go func() { DefaultBatcher().RunSettled(ctx, paths, batches, w.Settled); close(done) }()
	t.Cleanup(func() { cancel(); w.Close(); <-done })
	return &watchedSite{t: t, dir: dir, w: w, batches: batches}
}

func writeFile(t *testing.T, name, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (s *watchedSite) path(name string) string { return filepath.Join(s.dir, name) }

// collect returns the batches sent until every path in want was reported
// (at most 10s: the machine may be busy), then until none came for 300ms.
func (s *watchedSite) collect(want ...string) [][]string {
	s.t.Helper()
	var got [][]string
	missing := func() bool {
		u := union(got)
		for _, w := range want {
			if !slices.Contains(u, w) {
				return true
			}
		}
		return false
	}
	deadline := time.After(10 * time.Second)
	for missing() {
		select {
		case b := <-s.batches:
			got = append(got, b)
		case <-deadline:
			s.t.Fatalf("after 10s, changed paths = %q, want %q", union(got), want)
		}
	}
	for {
		select {
		case b := <-s.batches:
			got = append(got, b)
		case <-time.After(300 * time.Millisecond):
			return got
		}
	}
}

// union is every path in the batches, sorted, without duplicates.
func union(batches [][]string) []string {
	var all []string
	for _, b := range batches {
		all = append(all, b...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}

func (s *watchedSite) expect(want ...string) {
	s.t.Helper()
	if got := union(s.collect(want...)); !slices.Equal(got, want) {
		s.t.Errorf("changed paths = %q, want %q", got, want)
	}
}

func TestWatcherReportsChanges(t *testing.T) {
	s := newWatchedSite(t, map[string]string{
		"site.yaml":                  "title: x\n",
		"content/stories/a.md":       "a",
		"content/stories/b.md":       "b",
		"themes/default/layouts/x.h": "x",
	})

	t.Run("create", func(t *testing.T) {
		s.t = t
		writeFile(t, s.path("content/stories/c.md"), "c")
		s.expect("content/stories/c.md")
	})
	t.Run("edit", func(t *testing.T) {
		s.t = t
		writeFile(t, s.path("content/stories/a.md"), "a, edited")
		s.expect("content/stories/a.md")
	})
	t.Run("atomic save: write a temp file, rename it over", func(t *testing.T) {
		s.t = t
		tmp := s.path("content/stories/.b.md.swp")
		writeFile(t, tmp, "b, saved atomically")
		if err := os.Rename(tmp, s.path("content/stories/b.md")); err != nil {
			t.Fatal(err)
		}
		s.expect("content/stories/b.md")
	})
	t.Run("vim's save: 4913 probe, backup rename, new file", func(t *testing.T) {
		s.t = t
		name := s.path("content/stories/a.md")
		writeFile(t, s.path("content/stories/4913"), "")
		if err := os.Remove(s.path("content/stories/4913")); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(name, name+"~"); err != nil {
			t.Fatal(err)
		}
		writeFile(t, name, "a, saved by vim")
		if err := os.Remove(name + "~"); err != nil {
			t.Fatal(err)
		}
		s.expect("content/stories/a.md")
	})
	t.Run("atomic save of site.yaml", func(t *testing.T) {
		s.t = t
		writeFile(t, s.path("site.yaml~"), "title: y\n")
		if err := os.Rename(s.path("site.yaml~"), s.path("site.yaml")); err != nil {
			t.Fatal(err)
		}
		s.expect("site.yaml")
	})
	t.Run("delete", func(t *testing.T) {
		s.t = t
		if err := os.Remove(s.path("content/stories/c.md")); err != nil {
			t.Fatal(err)
		}
		s.expect("content/stories/c.md")
	})
	t.Run("new folder, then a file inside it", func(t *testing.T) {
		s.t = t
		writeFile(t, s.path("content/news/2026/first.md"), "first") // MkdirAll + write at once
		s.expect("content/news/2026/first.md")
		writeFile(t, s.path("content/news/2026/second.md"), "second") // the new folder is watched
		s.expect("content/news/2026/second.md")
	})
	t.Run("theme file", func(t *testing.T) {
		s.t = t
		writeFile(t, s.path("themes/default/layouts/x.h"), "y")
		s.expect("themes/default/layouts/x.h")
	})
	t.Run("source folder created after start", func(t *testing.T) {
		s.t = t
		writeFile(t, s.path("layouts/_default/single.html"), "{{ .Title }}")
		s.expect("layouts/_default/single.html")
		writeFile(t, s.path("layouts/_default/list.html"), "{{ .Title }}")
		s.expect("layouts/_default/list.html")
	})
	t.Run("folder removed: rebuild everything", func(t *testing.T) {
		s.t = t
		if err := os.RemoveAll(s.path("content/news")); err != nil {
			t.Fatal(err)
		}
		s.collect(Everything)
	})
}

func TestWatcherIgnoresNoise(t *testing.T) {
	s := newWatchedSite(t, map[string]string{
		"content/a.md": "a",
		"content/b.md": "b",
	})
	for _, name := range []string{
		"content/.a.md.swp", "content/.a.md.swx", "content/a.md~", "content/.#a.md",
		"content/4913", "content/.DS_Store",
		"leads.db", "leads.db-wal", "public/index.html", "README.md",
		"content/.git/HEAD",
	} {
		writeFile(t, s.path(name), "noise")
	}
	if err := os.Chmod(s.path("content/b.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := os.Chtimes(s.path("content/b.md"), now, now); err != nil {
		t.Fatal(err)
	}
	// Events arrive in order: once a real edit is reported, any noise
	// would have been reported before or with it.
	writeFile(t, s.path("content/a.md"), "a, edited")
	s.expect("content/a.md")
}

func TestWatcherFoldsBurstIntoOneBatch(t *testing.T) {
	s := newWatchedSite(t, map[string]string{"content/a.md": "a"})
	var want []string
	start := time.Now()
	for i := range 200 {
		name := fmt.Sprintf("content/burst/p%03d.md", i)
		want = append(want, name)
		writeFile(t, s.path(name), "page")
	}
	// One batch, unless the machine is slow (under -race, or busy): the
	// first few paths leave after the short quiet window before the batcher
	// sees a burst (at most Burst+1 of them), MaxWait cuts a burst that
	// lasts longer than it, and a loaded machine may pause the events for
	// longer than BurstQuiet once or twice. Without batching, the 200 files
	// would make tens of batches.
	bt := DefaultBatcher()
	most := 3 + int(2*time.Since(start)/bt.MaxWait)
	got := s.collect(want...)
	rest := got
	if len(got) > 1 && len(got[0]) <= bt.Burst+1 {
		rest = got[1:]
	}
	if len(rest) > most {
		t.Errorf("200 files made %d batches (sizes %v), want at most %d", len(got), sizes(got), most)
	}
	if u := union(got); !slices.Equal(u, want) {
		t.Errorf("burst reported %d paths, want the 200 files", len(u))
	}
}

func sizes(batches [][]string) []int {
	out := make([]int, len(batches))
	for i, b := range batches {
		out[i] = len(b)
	}
	return out
}

// TestWatcherSettled: a file written in place is settled once its events
// are in; a new file, one renamed over (a safe save), an empty one (a save
// truncated and not yet written) and a missing one are not.
func TestWatcherSettled(t *testing.T) {
	s := newWatchedSite(t, map[string]string{
		"content/a.md": "a",
		"content/b.md": "b",
		"content/e.md": "e",
	})
	writeFile(t, s.path("content/a.md"), "a, edited in place")
	writeFile(t, s.path("content/e.md"), "")
	writeFile(t, s.path("content/new.md"), "new")
	writeFile(t, s.path("content/.b.md.swp"), "b, saved atomically")
	if err := os.Rename(s.path("content/.b.md.swp"), s.path("content/b.md")); err != nil {
		t.Fatal(err)
	}
	// A batch leaves after its events went through the watcher.
	s.collect("content/a.md", "content/b.md", "content/e.md", "content/new.md")
	for path, want := range map[string]bool{
		"content/a.md":     true,
		"content/b.md":     false,
		"content/e.md":     false,
		"content/new.md":   false,
		"content/gone.md":  false,
		"content/.b.md.sw": false,
	} {
		if got := s.w.Settled(path); got != want {
			t.Errorf("Settled(%s) = %v, want %v", path, got, want)
		}
	}
}

// TestWatcherWatchesFolders: folders named by WatchFolders (a language's
// content folder outside content/) are watched like the source roots,
// one that exists at once and one created later; other top-level folders
// are still not.
func TestWatcherWatchesFolders(t *testing.T) {
	s := newWatchedSite(t, map[string]string{
		"content/a.md":    "a",
		"content_fr/a.md": "a fr",
		"other/x.md":      "x",
	})
	if err := s.w.WatchFolders("content_fr", "lang/fr", "content", "../outside"); err != nil {
		t.Fatal(err)
	}
	t.Run("existing folder", func(t *testing.T) {
		writeFile(t, s.path("content_fr/a.md"), "a fr, edited")
		s.expect("content_fr/a.md")
	})
	t.Run("folder made later", func(t *testing.T) {
		writeFile(t, s.path("lang/fr/blog/b.md"), "b fr")
		s.expect("lang/fr/blog/b.md")
		writeFile(t, s.path("lang/fr/blog/c.md"), "c fr")
		s.expect("lang/fr/blog/c.md")
	})
	t.Run("other folders", func(t *testing.T) {
		writeFile(t, s.path("other/x.md"), "x, edited")
		writeFile(t, s.path("content/a.md"), "a, edited")
		s.expect("content/a.md")
	})
}
