package content

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"sync"

	"github.com/storyfront/storyfront/generator/diag"
)

// Tree is everything under content/.
type Tree struct {
	Sources []*Source // Markdown files, sorted by Rel
	Files   []string  // other files (bundle resources and plain files), Rel paths, sorted
}

// Walk reads content/ in siteDir, parsing Markdown files in parallel. It
// returns what it could read and, separately, every error found. A site
// without content/ is an empty tree.
func Walk(ctx context.Context, siteDir string) (*Tree, error) {
	root := filepath.Join(siteDir, Dir)
	var md []string
	t := &Tree{}
	var errs diag.List
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipAll
			}
			errs.Add(Dir, err)
			return nil
		}
		if p == root {
			return nil
		}
		if Ignored(d.Name()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if IsMarkdown(rel) {
			md = append(md, rel)
		} else {
			t.Files = append(t.Files, rel)
		}
		return nil
	})
	if err != nil {
		errs.Add(Dir, err)
	}
	t.Sources = make([]*Source, len(md))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				s, err := Read(siteDir, md[i])
				if err != nil {
					errs.Add(path.Join(Dir, md[i]), err)
					continue
				}
				t.Sources[i] = s
			}
		}()
	}
	for i := range md {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := t.Sources[:0]
	for _, s := range t.Sources {
		if s != nil {
			out = append(out, s)
		}
	}
	t.Sources = out
	sort.Strings(t.Files)
	return t, errs.Err()
}

// BundleDir returns the folder (relative to content/) of the bundle that
// owns the plain file rel, or "" when rel is not inside a bundle. bundles
// holds the Rel paths of every bundle's index.md.
func BundleDir(rel string, bundles map[string]bool) string {
	dir := path.Dir(rel)
	for dir != "." && dir != "" {
		if bundles[dir+"/index.md"] {
			return dir
		}
		dir = path.Dir(dir)
	}
	return ""
}

// ReadFile returns the bytes of the plain file content/<rel>.
func ReadFile(siteDir, rel string) ([]byte, error) {
	return os.ReadFile(filepath.Join(siteDir, Dir, filepath.FromSlash(rel)))
}
