package site

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	"github.com/storyfront/storyfront/generator/content"
)

// File is a page's source file: Hugo's .File. Its paths are relative to
// content/, as Hugo's are. A generated page (a taxonomy list, a section
// without _index.md) has none: its .File is nil, so {{ with .File }}
// skips it as in Hugo. Its methods on a nil File give "", as hugo
// 0.111.3's zero file does ({{ .File.Path }} on a section without
// _index.md).
type File struct {
	page *Page // its Source is the file (a dev-server edit replaces it)
}

// newFile is the File of a page read from a content file.
func newFile(p *Page) *File { return &File{page: p} }

func (f *File) src() *content.Source { return f.page.Source }

// String is the path relative to content/, as {{ .File }} prints in Hugo.
func (f *File) String() string {
	if f == nil {
		return ""
	}
	return f.Path()
}

// SitePath is the file relative to the site folder ("content/posts/a.md").
func (f *File) SitePath() string {
	if f == nil {
		return ""
	}
	return f.src().Path
}

// rel is the file's path in its language's content folder ("posts/a.md"
// for content/posts/a.md, content/fr/posts/a.md with contentDir
// content/fr, or content_fr/posts/a.md with contentDir content_fr).
func (f *File) rel() string {
	src := f.src()
	if src.Root != "" {
		return strings.TrimPrefix(src.Rel, src.Root+"/")
	}
	return src.Rel
}

// Path is the file relative to its content folder ("posts/a.md"), as
// Hugo's.
func (f *File) Path() string {
	if f == nil {
		return ""
	}
	return f.rel()
}

// Filename is the file's path on disk as the build read it: the site
// folder's path is not known here, so it is Path under content/.
func (f *File) Filename() string {
	if f == nil {
		return ""
	}
	return filepath.FromSlash(f.src().Path)
}

// Dir is the folder of Path with a trailing slash ("posts/"), "/" at the
// root of content/ (as hugo 0.111.3 gives it).
func (f *File) Dir() string {
	if f == nil {
		return ""
	}
	d := path.Dir(f.rel())
	if d == "." {
		return "/"
	}
	return d + "/"
}

// LogicalName is the file's name ("a.md").
func (f *File) LogicalName() string {
	if f == nil {
		return ""
	}
	return path.Base(f.rel())
}

// Ext is the extension without the dot ("md").
func (f *File) Ext() string {
	if f == nil {
		return ""
	}
	return strings.TrimPrefix(path.Ext(f.rel()), ".")
}

// Extension is Ext, by Hugo's older name.
func (f *File) Extension() string {
	if f == nil {
		return ""
	}
	return f.Ext()
}

// BaseFileName is the name without its extension ("a", "a.fr").
func (f *File) BaseFileName() string {
	if f == nil {
		return ""
	}
	n := f.LogicalName()
	return strings.TrimSuffix(n, path.Ext(n))
}

// TranslationBaseName is BaseFileName without a language suffix ("a" for
// "a.fr.md").
func (f *File) TranslationBaseName() string {
	if f == nil {
		return ""
	}
	n := f.BaseFileName()
	if l := f.Lang(); l != "" {
		n = strings.TrimSuffix(n, "."+l)
	}
	return n
}

// ContentBaseName is TranslationBaseName, or the folder's name for a
// bundle's index.md or a section's _index.md ("" for content/_index.md).
func (f *File) ContentBaseName() string {
	if f == nil {
		return ""
	}
	n := f.TranslationBaseName()
	if n == "index" || n == "_index" {
		if d := path.Dir(f.rel()); d != "." {
			return path.Base(d)
		}
		return ""
	}
	return n
}

// Lang is the language of the page the file holds.
func (f *File) Lang() string {
	if f == nil {
		return ""
	}
	return f.page.Lang()
}

// Section is the first folder of Path ("posts"), "" at the root.
func (f *File) Section() string {
	if f == nil {
		return ""
	}
	s, _, ok := strings.Cut(f.rel(), "/")
	if !ok {
		return ""
	}
	return s
}

// UniqueID is the MD5 of Path in hex, as Hugo's.
func (f *File) UniqueID() string {
	if f == nil {
		return ""
	}
	sum := md5.Sum([]byte(f.rel()))
	return hex.EncodeToString(sum[:])
}

// File is the file itself, as Hugo's ({{ with .File }}{{ .File.Path }}).
func (f *File) File() *File { return f }

// String names the page as hugo 0.111.3 prints one ({{ .Page }}, printf
// "%s" in an error): Page(/posts/a.md) for a page with a file,
// Page(/posts) for one without, else Page("its title").
func (p *Page) String() string {
	if ref := p.Path(); ref != "" {
		return "Page(/" + ref + ")"
	}
	return fmt.Sprintf("Page(%q)", p.Title)
}

// Path is hugo 0.111.3's deprecated .Path of a page: its file's path
// relative to content/ ("posts/a.md"), else its folder ("posts",
// "tags/go", "" for the home page).
func (p *Page) Path() string {
	switch {
	case p.File != nil:
		return p.File.Path()
	case p.Kind == KindTerm && p.Term != nil:
		return p.Section + "/" + p.Term.Slug
	case p.Kind == KindTaxonomy:
		return p.Section
	}
	return strings.Trim(p.Dir, "/")
}
