package generator

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"sort"
	"strings"
	"time"
)

// File is one output file.
type File struct {
	Path string // relative to the output folder, slash-separated: "stories/x/index.html"
	Data []byte
	// staged: Data is in the Output's stage folder, not in memory.
	staged bool
	// disk: Data is nil and the bytes are this file's, an entry of the
	// image cache (Options.ImagesOnDisk).
	disk string
}

// Bytes returns the file's bytes: Data, or for an image the dev server
// keeps on disk (Options.ImagesOnDisk) the bytes read from there.
func (f File) Bytes() ([]byte, error) {
	if f.disk == "" {
		return f.Data, nil
	}
	data, err := os.ReadFile(f.disk)
	if err != nil {
		return nil, fmt.Errorf("/%s: %w", f.Path, err)
	}
	return data, nil
}

// same reports whether two files hold the same bytes (files on disk are
// content-addressed: the same file is the same bytes).
func (f *File) same(g *File) bool {
	if f.disk != "" || g.disk != "" {
		return f.disk == g.disk
	}
	return bytes.Equal(f.Data, g.Data)
}

// Stats counts what a build produced.
type Stats struct {
	Pages    int // regular pages
	Sections int
	Tags     int
	Files    int // every output file
	Rendered int // outputs rendered by this build (the rest were kept)
	Duration time.Duration
}

// Output is a built site, in memory.
type Output struct {
	files    map[string]*File
	changed  []string
	stats    Stats
	warnings Errors
	profile  *Profile // with Options.Profile
	stage    string   // the folder holding the staged files (Options.StageDir)
}

// Warnings lists the problems the build found that did not stop it
// (ignored Hugo settings, front matter keys that look mistyped...), each
// located, sorted by place.
func (o *Output) Warnings() Errors { return o.warnings }

// Lookup returns the file served at urlPath: "/" and "/x/" give their
// index.html, "/x" also finds "x/index.html".
func (o *Output) Lookup(urlPath string) (File, bool) {
	p := path.Clean("/" + urlPath)
	if strings.HasSuffix(urlPath, "/") || p == "/" {
		p = path.Join(p, "index.html")
	}
	p = strings.TrimPrefix(p, "/")
	if f, ok := o.files[p]; ok {
		return *f, true
	}
	if f, ok := o.files[path.Join(p, "index.html")]; ok {
		return *f, true
	}
	return File{}, false
}

// Changed lists the output paths that were added, changed or removed by
// the build that made o (every path after a full build), sorted.
func (o *Output) Changed() []string { return o.changed }

// Stats returns what the build produced and how long it took.
func (o *Output) Stats() Stats { return o.stats }

// Paths returns every output path, sorted.
func (o *Output) Paths() []string {
	out := make([]string, 0, len(o.files))
	for p := range o.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
