// Package sitecompare compares two built sites (Hugo's and Storyfront's
// public/ folders): the set of output paths (fingerprints in file names
// left out: Unfingerprinted), and each HTML page's visible
// text (tags, scripts and styles stripped, entities decoded, whitespace
// collapsed). scripts/theme-compare.sh and the theme fixture test use it.
package sitecompare

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Report is the outcome of Compare.
type Report struct {
	// OnlyA and OnlyB are output paths one site has and the other not.
	OnlyA, OnlyB []string
	// Pages is the number of HTML pages both have; SameText those whose
	// visible text is equal.
	Pages, SameText int
	// Differ are the pages whose text differs, each with the first place
	// where it does.
	Differ []Difference
}

// Difference is one page whose visible text differs.
type Difference struct {
	Path string
	A, B string // the text around the first difference
}

// Share is SameText / Pages (0 when there are no pages).
func (r *Report) Share() float64 {
	if r.Pages == 0 {
		return 0
	}
	return float64(r.SameText) / float64(r.Pages)
}

// Options tune Compare.
type Options struct {
	// Ignore leaves out output paths for which it returns true (in both).
	Ignore func(path string) bool
}

// Compare compares the folders a and b.
func Compare(a, b string, opts Options) (*Report, error) {
	pa, err := paths(a, opts.Ignore)
	if err != nil {
		return nil, err
	}
	pb, err := paths(b, opts.Ignore)
	if err != nil {
		return nil, err
	}
	r := &Report{}
	for p := range pa {
		if !pb[p] {
			r.OnlyA = append(r.OnlyA, p)
		}
	}
	for p := range pb {
		if !pa[p] {
			r.OnlyB = append(r.OnlyB, p)
		}
	}
	sort.Strings(r.OnlyA)
	sort.Strings(r.OnlyB)
	var both []string
	for p := range pa {
		if pb[p] && strings.HasSuffix(p, ".html") {
			both = append(both, p)
		}
	}
	sort.Strings(both)
	for _, p := range both {
		ta, err := textOf(filepath.Join(a, p))
		if err != nil {
			return nil, err
		}
		tb, err := textOf(filepath.Join(b, p))
		if err != nil {
			return nil, err
		}
		r.Pages++
		if ta == tb {
			r.SameText++
			continue
		}
		i := firstDiff(ta, tb)
		r.Differ = append(r.Differ, Difference{Path: p, A: around(ta, i), B: around(tb, i)})
	}
	return r, nil
}

func paths(root string, ignore func(string) bool) (map[string]bool, error) {
	out := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if ignore == nil || !ignore(rel) {
			out[Unfingerprinted(rel)] = true
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("sitecompare: %w", err)
	}
	return out, nil
}

// fingerprintRE matches the content hash Hugo Pipes' fingerprint puts in a
// file name (main.min.<64 hex>.css).
var fingerprintRE = regexp.MustCompile(`\.[0-9a-f]{32,128}(\.[A-Za-z0-9]+)$`)

// Unfingerprinted replaces a fingerprint in a path's name by "#"
// (css/main.min.#.css): the hash is of the bytes that Sass, esbuild and
// the minifier write, which differ by their versions between Hugo and
// Storyfront while the file is the same stylesheet or script.
func Unfingerprinted(p string) string { return fingerprintRE.ReplaceAllString(p, ".#$1") }

// textOf is a page's visible text: the text nodes outside script, style,
// template and noscript, plus the title, whitespace collapsed; block
// elements' edges count as a space, inline elements' (span, a, em...) not.
func textOf(file string) (string, error) {
	f, err := os.Open(file)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return Text(f)
}

// Text is the visible text of an HTML document.
func Text(r io.Reader) (string, error) {
	z := html.NewTokenizer(r)
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			if z.Err() == io.EOF {
				return strings.Join(strings.Fields(b.String()), " "), nil
			}
			return "", z.Err()
		case html.StartTagToken:
			name, _ := z.TagName()
			if hidden(string(name)) {
				skip++
			}
			if !inline(string(name)) {
				b.WriteByte(' ')
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if hidden(string(name)) && skip > 0 {
				skip--
			}
			if !inline(string(name)) {
				b.WriteByte(' ')
			}
		case html.SelfClosingTagToken:
			b.WriteByte(' ')
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		}
	}
}

// inline reports whether a tag is a phrasing element whose edges a
// browser shows no space at: <span>SET</span>@@x reads "SET@@x", so two
// highlighters that cut a code line into different spans show the same
// text.
func inline(tag string) bool {
	switch tag {
	case "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
		"ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
		"tt", "u", "var":
		return true
	}
	return false
}

func hidden(tag string) bool {
	switch tag {
	case "script", "style", "template", "noscript":
		return true
	}
	return false
}

func firstDiff(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

func around(s string, i int) string {
	lo, hi := max(i-40, 0), min(i+60, len(s))
	return s[lo:hi]
}

// Print writes the report as text: the path differences, each differing
// page, then the summary line.
func (r *Report) Print(w io.Writer, nameA, nameB string) {
	for _, p := range r.OnlyA {
		fmt.Fprintf(w, "only %s: %s\n", nameA, p)
	}
	for _, p := range r.OnlyB {
		fmt.Fprintf(w, "only %s: %s\n", nameB, p)
	}
	for _, d := range r.Differ {
		fmt.Fprintf(w, "text differs: %s\n  %s: …%s…\n  %s: …%s…\n", d.Path, nameA, d.A, nameB, d.B)
	}
	fmt.Fprintf(w, "paths: %d only %s, %d only %s; pages with the same text: %d of %d (%.0f%%)\n",
		len(r.OnlyA), nameA, len(r.OnlyB), nameB, r.SameText, r.Pages, 100*r.Share())
}
