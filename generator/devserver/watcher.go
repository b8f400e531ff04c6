package devserver

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/storyfront/storyfront/generator/config"
)

// Everything is the path a Watcher sends when it cannot tell which files
// changed (the kernel's event queue overflowed, or a watched folder was
// removed or moved): the server then rebuilds the whole site.
const Everything = "."

// sourceRoot reports whether a top-level folder of a site holds files the
// site is built from. Every theme is watched, not only the active one, so
// switching themes in site.yaml needs no restart.
func sourceRoot(name string) bool {
	switch name {
	case "content", "layouts", "static", "assets", "data", "themes", "i18n", config.HugoDir:
		return true
	}
	return false
}

// configFile reports whether a file in the site folder is its configuration.
func configFile(name string) bool {
	return name == "site.yml" || config.IsConfigPath(name)
}

// Watcher reports which of a site's source files changed, as paths relative
// to the site folder with forward slashes ("content/stories/x.md"). It
// watches the site folder itself (for site.yaml and source folders created
// later) and every folder below the source roots, adding folders created
// while it runs.
type Watcher struct {
	dir string
	fsw *fsnotify.Watcher
	// watched are the absolute folder paths watched; folders the top-level
	// folders watched besides the source roots (WatchFolders). Both under
	// tree.
	tree    sync.Mutex
	watched map[string]bool
	folders map[string]bool
	// SettleAfter is how long after a file was created, removed or
	// renamed Settled stays unsure of it (DefaultSettleAfter).
	SettleAfter time.Duration
	// moved is when each site path was last created, removed or renamed
	// (Settled reads it from the batcher's goroutine).
	mu    sync.Mutex
	moved map[string]time.Time
	// OnError, if set, receives errors that do not stop the watcher.
	OnError func(error)
}

// NewWatcher starts watching the site in dir. Close it when done.
func NewWatcher(dir string) (*Watcher, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	w := &Watcher{dir: abs, fsw: fsw, watched: map[string]bool{}, folders: map[string]bool{}, moved: map[string]time.Time{},
		SettleAfter: DefaultSettleAfter}
	if err := w.add(abs); err != nil {
		fsw.Close()
		return nil, err
	}
	entries, err := os.ReadDir(abs)
	if err != nil {
		fsw.Close()
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	for _, e := range entries {
		if e.IsDir() && sourceRoot(e.Name()) {
			if _, err := w.addTree(filepath.Join(abs, e.Name())); err != nil {
				fsw.Close()
				return nil, err
			}
		}
	}
	return w, nil
}

// Close stops watching.
func (w *Watcher) Close() error { return w.fsw.Close() }

func (w *Watcher) add(dir string) error {
	if err := w.fsw.Add(dir); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // removed again before we got to it
		}
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	w.tree.Lock()
	w.watched[dir] = true
	w.tree.Unlock()
	return nil
}

// WatchFolders watches these folders of the site too (relative to it,
// slash-separated), when they are not below a source root: a language's
// content folder outside content/ (content_fr). Each is watched from its
// top-level folder, which may be created later. It returns once the
// folders that exist are watched.
func (w *Watcher) WatchFolders(folders ...string) error {
	for _, f := range folders {
		top, _, _ := strings.Cut(path.Clean(f), "/")
		if top == "." || top == ".." || top == "" || sourceRoot(top) || skippedDir(top) {
			continue
		}
		w.tree.Lock()
		known := w.folders[top]
		w.folders[top] = true
		w.tree.Unlock()
		if known {
			continue
		}
		full := filepath.Join(w.dir, top)
		if info, err := os.Stat(full); err != nil || !info.IsDir() {
			continue // watched from the site folder when it is made
		}
		if _, err := w.addTree(full); err != nil {
			return err
		}
	}
	return nil
}

// isRoot reports whether a top-level folder of the site is watched.
func (w *Watcher) isRoot(top string) bool {
	if sourceRoot(top) {
		return true
	}
	w.tree.Lock()
	defer w.tree.Unlock()
	return w.folders[top]
}

// addTree watches dir and the folders below it, and returns the site
// paths of the files it holds (created before the watch was in place).
func (w *Watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.IsDir() {
			if p != dir && skippedDir(d.Name()) {
				return filepath.SkipDir
			}
			return w.add(p)
		}
		if !tempFile(d.Name()) {
			files = append(files, w.rel(p))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	return files, nil
}

func (w *Watcher) rel(p string) string {
	r, err := filepath.Rel(w.dir, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(r)
}

// Run sends the site path of every changed source file to out until ctx is
// done or the watcher is closed. A file may be sent more than once per
// change; a Batcher folds the repeats.
func (w *Watcher) Run(ctx context.Context, out chan<- string) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			for _, p := range w.changed(ev) {
				select {
				case out <- p:
				case <-ctx.Done():
					return
				}
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				select {
				case out <- Everything:
				case <-ctx.Done():
					return
				}
				continue
			}
			w.report(err)
		}
	}
}

func (w *Watcher) report(err error) {
	if w.OnError != nil {
		w.OnError(err)
	}
}

// DefaultSettleAfter is how long after a file was created, removed or
// renamed Settled stays unsure of it: the rest of a safe save (the new file
// written and renamed into place) or of a burst (a checkout, a copy) may be
// on its way.
const DefaultSettleAfter = time.Second

// Settled reports whether the site file at path (as Run sends it) looks
// completely saved: it was written in place, not created, removed or
// renamed in the last SettleAfter, and it is a file with something in it. A
// save by truncating and writing is empty in between; a safe save's file
// is missing or new. A Batcher uses it to send a lone save at once.
func (w *Watcher) Settled(path string) bool {
	w.mu.Lock()
	at, seen := w.moved[path]
	w.mu.Unlock()
	if seen && time.Since(at) < w.SettleAfter {
		return false
	}
	info, err := os.Lstat(filepath.Join(w.dir, filepath.FromSlash(path)))
	return err == nil && info.Mode().IsRegular() && info.Size() > 0
}

// noteMoved records that the site paths were created, removed or renamed
// now, and forgets what is older than SettleAfter.
func (w *Watcher) noteMoved(paths ...string) {
	now := time.Now()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.moved) > 1024 {
		for p, at := range w.moved {
			if now.Sub(at) >= w.SettleAfter {
				delete(w.moved, p)
			}
		}
	}
	for _, p := range paths {
		w.moved[p] = now
	}
}

// changed turns one fsnotify event into the site paths it changed.
func (w *Watcher) changed(ev fsnotify.Event) []string {
	if ev.Op&^fsnotify.Chmod == 0 {
		return nil // permissions or timestamps only: the content is the same
	}
	rel := w.rel(ev.Name)
	if rel == "." || strings.HasPrefix(rel, "../") || tempFile(path.Base(rel)) {
		return nil
	}
	if ev.Op&(fsnotify.Create|fsnotify.Remove|fsnotify.Rename) != 0 {
		w.noteMoved(rel)
	}
	top, rest, nested := strings.Cut(rel, "/")
	if !w.isRoot(top) {
		if !nested && configFile(top) {
			return []string{rel}
		}
		return nil
	}
	if nested {
		for _, part := range strings.Split(rest, "/") {
			if skippedDir(part) {
				return nil
			}
		}
	}
	switch {
	case ev.Has(fsnotify.Create):
		info, err := os.Lstat(ev.Name)
		if err != nil {
			return []string{rel} // created and removed already: report it, the builder finds it gone
		}
		if !info.IsDir() {
			if !nested {
				return nil // a file named like a source root: not a source
			}
			return []string{rel}
		}
		files, err := w.addTree(ev.Name)
		if err != nil {
			w.report(err)
		}
		w.noteMoved(files...)
		return files
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		w.tree.Lock()
		was := w.watched[ev.Name]
		w.tree.Unlock()
		if was {
			w.forget(ev.Name)
			return []string{Everything}
		}
		if !nested {
			return nil
		}
		return []string{rel}
	default: // Write
		if !nested {
			return nil
		}
		return []string{rel}
	}
}

// forget drops a removed or moved folder and the folders below it.
func (w *Watcher) forget(dir string) {
	prefix := dir + string(filepath.Separator)
	w.tree.Lock()
	defer w.tree.Unlock()
	for p := range w.watched {
		if p == dir || strings.HasPrefix(p, prefix) {
			delete(w.watched, p)
			_ = w.fsw.Remove(p) // already gone from the kernel's list when removed
		}
	}
}
