package devserver

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// dirBuilder is a tiny real builder for the server's tests: the output is
// the files under the site's static/ folder, byte for byte; a file holding
// "BROKEN" on some line fails the build with that line's position. It keeps
// the previous output to report what changed, like the generator.
type dirBuilder struct {
	dir string

	mu     sync.Mutex
	prev   map[string][]byte
	builds int // full builds
	reruns int // incremental rebuilds
	seen   [][]string
}

type dirSite struct {
	files   map[string][]byte
	changed []string
}

func (s *dirSite) Open(p string) ([]byte, bool) { b, ok := s.files[p]; return b, ok }
func (s *dirSite) Changed() []string            { return s.changed }

func (b *dirBuilder) Build(ctx context.Context) (Site, error) {
	b.mu.Lock()
	b.builds++
	b.mu.Unlock()
	return b.build()
}

func (b *dirBuilder) Rebuild(ctx context.Context, changed []string) (Site, error) {
	b.mu.Lock()
	b.reruns++
	b.seen = append(b.seen, changed)
	b.mu.Unlock()
	return b.build()
}

func (b *dirBuilder) counts() (builds, reruns int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.builds, b.reruns
}

func (b *dirBuilder) build() (Site, error) {
	root := filepath.Join(b.dir, "static")
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(b.dir, p)
		for i, line := range strings.Split(string(body), "\n") {
			if col := strings.Index(line, "BROKEN"); col >= 0 {
				return fmt.Errorf("%s:%d:%d: <broken> on purpose", filepath.ToSlash(rel), i+1, col+1)
			}
		}
		files["/"+filepath.ToSlash(strings.TrimPrefix(p, root+string(filepath.Separator)))] = body
		return nil
	})
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	var changed []string
	for p, body := range files {
		if old, ok := b.prev[p]; !ok || !bytes.Equal(old, body) {
			changed = append(changed, p)
		}
	}
	for p := range b.prev {
		if _, ok := files[p]; !ok {
			changed = append(changed, p)
		}
	}
	slices.Sort(changed)
	b.prev = maps.Clone(files)
	return &dirSite{files: files, changed: changed}, nil
}
