package content

import (
	"context"
	"io"
	"os"
	"path"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// Tree is everything under content/.
type Tree struct {
	Sources []*Source // Markdown files, sorted by Rel
	Files   []string  // other files (bundle resources and plain files), Rel paths, sorted
	// ReadTime and ParseTime: how long Walk spent reading the Markdown
	// files and parsing them (front matter), summed over its workers.
	ReadTime, ParseTime time.Duration
}

// Walk reads content/ in siteDir, and the folders also (relative to
// siteDir: a language's contentDir outside content/), parsing Markdown
// files in parallel. A file of such a folder has the Rel of its path from
// content/ ("../content_fr/x.md"), so that content/ joined to it is its
// path. It returns what it could read and, separately, every error found.
// A site without content/ is an empty tree.
func Walk(ctx context.Context, siteDir string, also ...string) (*Tree, error) {
	return walk(ctx, siteDir, false, also)
}

// WalkHugo is Walk for a Hugo site: a file that is not valid UTF-8 is read
// as hugo 0.111.3 reads it: as it is, with a warning (ReadHugo).
func WalkHugo(ctx context.Context, siteDir string, also ...string) (*Tree, error) {
	return walk(ctx, siteDir, true, also)
}

func walk(ctx context.Context, siteDir string, lenient bool, also []string) (*Tree, error) {
	var md []sitefs.File
	t := &Tree{}
	var errs diag.List
	for _, dir := range append([]string{Dir}, also...) {
		prefix := ""
		if dir != Dir {
			prefix = "../" + dir + "/"
		}
		err := sitefs.Walk(siteDir, dir, func(name string, _ bool) bool { return Ignored(name) }, func(f sitefs.File) error {
			f.Rel = prefix + f.Rel
			if IsMarkdown(f.Rel) || IsPageFile(siteDir, f.Rel) {
				md = append(md, f)
			} else {
				t.Files = append(t.Files, f.Rel)
			}
			return nil
		})
		errs.Add(dir, err)
	}
	t.Sources = make([]*Source, len(md))
	var wg sync.WaitGroup
	var readNs, parseNs atomic.Int64
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				s, err := readFile(md[i], lenient, &readNs, &parseNs)
				if err != nil {
					errs.Add(path.Join(Dir, md[i].Rel), err)
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
	t.ReadTime, t.ParseTime = time.Duration(readNs.Load()), time.Duration(parseNs.Load())
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
// holds "<folder>/index.md" for every bundle folder, whatever the
// extension of its index file.
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

// ReadFile returns the bytes of the plain file content/<rel>, following
// symbolic links only while they stay inside the site folder.
func ReadFile(siteDir, rel string) ([]byte, error) {
	return sitefs.ReadFile(siteDir, path.Join(Dir, rel))
}

// readFile reads and parses a Markdown file found by Walk, adding the
// time each took to readNs and parseNs.
func readFile(f sitefs.File, lenient bool, readNs, parseNs *atomic.Int64) (*Source, error) {
	start := time.Now()
	src, mod, err := readWithModTime(f.Path)
	read := time.Now()
	readNs.Add(int64(read.Sub(start)))
	if err != nil {
		return nil, diag.Errorf(path.Join(Dir, f.Rel), 0, 0, "%w", err)
	}
	defer func() { parseNs.Add(int64(time.Since(read))) }()
	s, err := parseMaybeLenient(f.Rel, src, lenient)
	if s != nil {
		s.ModTime = mod
	}
	return s, err
}

// readWithModTime reads a file and its modification time (for the
// frontmatter :fileModTime rule) from one open file.
func readWithModTime(name string) ([]byte, time.Time, error) {
	fh, err := os.Open(name)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer fh.Close()
	st, err := fh.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	src := make([]byte, 0, st.Size()+1)
	for {
		n, err := fh.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, time.Time{}, err
		}
		if len(src) == cap(src) {
			src = append(src, 0)[:len(src)]
		}
	}
	return src, st.ModTime(), nil
}

// MoveBundledPages makes the Markdown files inside a leaf bundle (a
// folder with index.md), other than its index, files of the bundle, as
// Hugo makes them page resources that are not pages; a leaf bundle inside
// another is the outer one's too. roots are the languages' content
// folders under content/ ("en"; "" for content/ itself), whose index.md
// is a home page, not a bundle.
func (t *Tree) MoveBundledPages(roots ...string) {
	root := map[string]bool{".": true}
	for _, r := range roots {
		root[path.Clean(r)] = true
	}
	// A bundle's index in any language: index.md, index.fr.md.
	isIndex := func(s *Source) bool { return strings.HasPrefix(path.Base(s.Rel), "index.") }
	leaf := map[string]bool{}
	for _, s := range t.Sources {
		if isIndex(s) && !root[path.Dir(s.Rel)] {
			leaf[path.Dir(s.Rel)] = true
		}
	}
	if len(leaf) == 0 {
		return
	}
	inLeaf := func(dir string) bool {
		for !root[dir] && dir != "" && dir != "/" {
			if leaf[dir] {
				return true
			}
			dir = path.Dir(dir)
		}
		return false
	}
	kept := t.Sources[:0]
	moved := false
	for _, s := range t.Sources {
		d := path.Dir(s.Rel)
		if isIndex(s) {
			d = path.Dir(d) // the index itself: only an outer bundle counts
		}
		if inLeaf(d) {
			t.Files = append(t.Files, s.Rel)
			moved = true
			continue
		}
		kept = append(kept, s)
	}
	t.Sources = kept
	if moved {
		sort.Strings(t.Files)
	}
}
