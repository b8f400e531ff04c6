package content

import (
	"bytes"
	"errors"
	"hash/maphash"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// sourceSeed seeds Source.Hash. Hashes are compared within one process
// only (a source against its last version), so the seed is made once per
// process and never changes; maphash reads a file many times faster than
// FNV did (a tenth of the reading of a 10,000-page site).
var sourceSeed = maphash.MakeSeed()

// Dir is the content folder's name inside the site folder.
const Dir = "content"

// Kind says what a Markdown source is.
type Kind int

// Kinds of sources.
const (
	KindPage    Kind = iota // a regular page: x.md or x/index.md (a bundle)
	KindSection             // a section's list page: <dir>/_index.md
	KindHome                // the home page: content/_index.md
)

// Source is one Markdown file of content/.
type Source struct {
	Path   string // relative to the site folder, slash-separated: "content/stories/x.md"
	Rel    string // relative to content/: "stories/x.md"
	Kind   Kind
	Bundle bool   // an index.md: its folder's other files are its resources
	Dir    string // the folder the page belongs to: "stories" for stories/x.md and stories/x/index.md
	Name   string // the file's base name without .md, or the bundle folder's name
	// Root is the folder under content/ of the language the source is in,
	// for a multilingual Hugo site whose languages have their own
	// contentDir ("fr" for content/fr/x.md); Dir and Name are below it.
	Root string
	// Lang is the key of the language the source is in ("fr" for x.fr.md
	// or a file in French's contentDir); "" for a site of one language.
	Lang     string
	Front    FrontMatter
	Body     []byte    // Markdown after the front matter
	BodyLine int       // the 1-based line of Body's first byte in the file
	Hash     uint64    // of the whole file, to see whether an edit changed anything (sourceSeed)
	ModTime  time.Time // the file's modification time (frontmatter :fileModTime)
	// Warnings are problems that do not stop the build (a front matter
	// key one edit away from a known one).
	Warnings []*diag.Error

	frontRaw    []byte
	frontFormat string // "yaml", "toml", "json" or ""
	// shortcodes are the names of the shortcodes Body calls, kept when
	// the body is dropped (dropped).
	shortcodes []string
	dropped    bool
}

// IsMarkdown reports whether a content file is Markdown: .md, or one of
// the other extensions Hugo reads as Markdown (.markdown, .mdown, .mkd,
// .mkdn).
func IsMarkdown(rel string) bool {
	switch path.Ext(rel) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
		return true
	}
	return false
}

// IsHTMLPage reports whether a content file is an HTML page: a .html or
// .htm file that starts with front matter (as in Hugo). head is the file's
// first bytes.
func IsHTMLPage(rel string, head []byte) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".htm":
	default:
		return false
	}
	head = bytes.TrimLeft(head, "\ufeff")
	return bytes.HasPrefix(head, []byte("---\n")) || bytes.HasPrefix(head, []byte("---\r\n")) ||
		bytes.HasPrefix(head, []byte("+++\n")) || bytes.HasPrefix(head, []byte("+++\r\n")) || bytes.HasPrefix(head, []byte("{"))
}

// IsPageFile reports whether content/<rel> in siteDir is a page: Markdown,
// or HTML with front matter.
func IsPageFile(siteDir, rel string) bool {
	if IsMarkdown(rel) {
		return true
	}
	switch strings.ToLower(path.Ext(rel)) {
	case ".html", ".htm":
	default:
		return false
	}
	f, err := os.Open(filepath.Join(siteDir, Dir, filepath.FromSlash(rel)))
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := f.Read(head)
	return IsHTMLPage(rel, head[:n])
}

// Ignored reports whether a file or folder name is skipped (hidden files,
// editor backups).
func Ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasPrefix(name, "#")
}

// Read reads and parses content/<rel> in siteDir.
func Read(siteDir, rel string) (*Source, error) { return read(siteDir, rel, false) }

// ReadHugo is Read for a Hugo site: a file that is not valid UTF-8 is
// read as it is, as hugo 0.111.3 reads it, with a warning at the first
// byte that is not.
func ReadHugo(siteDir, rel string) (*Source, error) { return read(siteDir, rel, true) }

func read(siteDir, rel string, lenient bool) (*Source, error) {
	src, err := sitefs.ReadFile(siteDir, path.Join(Dir, rel))
	var located *diag.Error
	if errors.As(err, &located) {
		return nil, err
	}
	if err != nil {
		return nil, diag.Errorf(path.Join(Dir, rel), 0, 0, "%w", err)
	}
	s, err := parseMaybeLenient(rel, src, lenient)
	if s != nil {
		if st, serr := sitefs.Stat(siteDir, path.Join(Dir, rel)); serr == nil {
			s.ModTime = st.ModTime()
		}
	}
	return s, err
}

// parseMaybeLenient is Parse; lenient, a file that is not valid UTF-8 is
// parsed as it is, with a warning.
func parseMaybeLenient(rel string, src []byte, lenient bool) (*Source, error) {
	var warn *diag.Error
	if lenient {
		if warn = diag.CheckUTF8(path.Join(Dir, rel), src); warn != nil {
			warn.Msg = "invalid UTF-8 (read as it is, as Hugo reads it)"
		}
	}
	s, err := parse(rel, src, warn == nil)
	if s != nil && warn != nil {
		s.Warnings = append([]*diag.Error{warn}, s.Warnings...)
	}
	return s, err
}

// Parse parses the Markdown file content/<rel> from its bytes.
func Parse(rel string, src []byte) (*Source, error) { return parse(rel, src, true) }

func parse(rel string, src []byte, checkUTF8 bool) (*Source, error) {
	file := path.Join(Dir, rel)
	if checkUTF8 {
		if err := diag.CheckUTF8(file, src); err != nil {
			return nil, err
		}
	}
	if len(bytes.TrimSpace(src)) == 0 && !isListFile(rel) {
		return nil, diag.Errorf(file, 1, 1, "empty file")
	}
	fm, format, body, bodyLine, err := splitFrontMatter(file, src)
	if err != nil {
		return nil, err
	}
	front, warns, err := parseFrontMatter(file, fm, format)
	if err != nil {
		return nil, err
	}
	s := &Source{Path: file, Rel: rel, Front: front, Body: body, BodyLine: bodyLine, Hash: maphash.Bytes(sourceSeed, src), frontRaw: fm, frontFormat: format, Warnings: warns}
	s.place(rel, "")
	return s, nil
}

// place sets the source's Kind, Dir, Name and Bundle from its path
// relative to content/, with the language suffix lang (x.fr.md) taken
// off the name when it is not "".
func (s *Source) place(rel, lang string) {
	dir, base := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	stem := strings.TrimSuffix(base, path.Ext(base))
	if lang != "" {
		stem = strings.TrimSuffix(stem, "."+lang)
	}
	switch stem {
	case "_index":
		s.Kind, s.Dir, s.Name = KindSection, dir, path.Base(dir)
		if dir == "" {
			s.Kind, s.Name = KindHome, ""
		}
	case "index":
		s.Kind, s.Bundle = KindPage, true
		s.Dir, s.Name = path.Dir(dir), path.Base(dir)
		if dir == "" { // content/index.md is the home page too
			s.Kind, s.Bundle, s.Dir, s.Name = KindHome, false, "", ""
		}
		if s.Dir == "." {
			s.Dir = ""
		}
	default:
		s.Kind, s.Dir, s.Name = KindPage, dir, stem
	}
}

// Language returns the language suffix of the source's file name (fr
// for x.fr.md, index.fr.md) when it is one of langs; "" otherwise.
func (s *Source) Language(langs ...string) string {
	stem := strings.TrimSuffix(path.Base(s.Rel), path.Ext(s.Rel))
	dot := strings.LastIndexByte(stem, '.')
	if dot < 0 {
		return ""
	}
	for _, l := range langs {
		if strings.EqualFold(stem[dot+1:], l) {
			return stem[dot+1:]
		}
	}
	return ""
}

// WithoutLanguage returns a copy of the source placed as if its file name
// had no language suffix lang (x.en.md is the page x, index.en.md a
// bundle's page); Rel and Path stay the file's.
func (s *Source) WithoutLanguage(lang string) *Source {
	c := *s
	c.place(s.Rel, lang)
	return &c
}

// InLanguage returns a copy of the source placed in language lang, whose
// content folder is content/<root>/ ("" for content/): its Dir and Name
// are below root, and suffix (the language suffix of its file name, x.fr.md,
// or "") is taken off the name. Rel and Path stay the file's.
func (s *Source) InLanguage(lang, root, suffix string) *Source {
	c := *s
	rel := s.Rel
	if root != "" {
		rel = strings.TrimPrefix(rel, root+"/")
	}
	c.place(rel, suffix)
	c.Root, c.Lang = root, lang
	return &c
}

// Exists reports whether content/<rel> exists in siteDir.
func Exists(siteDir, rel string) bool {
	_, err := os.Stat(filepath.Join(siteDir, Dir, filepath.FromSlash(rel)))
	return !errors.Is(err, fs.ErrNotExist)
}

// BodyOf returns the Markdown body of a content file whose front matter
// may not parse, and the line it starts on, so the body's own errors can
// be reported with the front matter's; ok is false when the body cannot be
// told apart (front matter never closed, invalid UTF-8, empty).
func BodyOf(rel string, src []byte) (body []byte, bodyLine int, ok bool) {
	file := path.Join(Dir, rel)
	if diag.CheckUTF8(file, src) != nil || len(bytes.TrimSpace(src)) == 0 {
		return nil, 0, false
	}
	_, _, body, bodyLine, err := splitFrontMatter(file, src)
	if err != nil {
		return nil, 0, false
	}
	return body, bodyLine, true
}

// DropBody forgets the Markdown body once it is converted, keeping a copy
// of the front matter (errors locate keys in it) and the names of the
// shortcodes it calls (HasShortcode), so the file as read is no longer
// held: a streamed build, which converts each source once, then keeps no
// copy of content/ in memory.
func (s *Source) DropBody() {
	if s.dropped {
		return
	}
	s.shortcodes = shortcodeNames(s.Body)
	s.dropped = true
	s.Body = nil
	s.frontRaw = bytes.Clone(s.frontRaw)
}

// isListFile reports whether rel is a section's _index file, which may be
// empty: an empty content/docs/_index.md just makes docs/ a section, as
// Hugo sites often do.
func isListFile(rel string) bool {
	base := path.Base(rel)
	return strings.TrimSuffix(base, path.Ext(base)) == "_index"
}
