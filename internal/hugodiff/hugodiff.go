// Package hugodiff compares a site built by Hugo with the same site built
// by Storyfront: the set of output files, and for each HTML page its whole
// HTML and its article (the <article>, else <main>, else <body> element),
// once whitespace is normalised. TestHugoSites and scripts/hugo-compare.sh
// use it.
package hugodiff

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Report is the result of comparing two output folders.
type Report struct {
	// OnlyHugo and OnlyOurs are the output files (slash paths) that only
	// one of the two builds wrote. Pages counts only .html files; Feeds
	// the .xml ones.
	OnlyHugo, OnlyOurs []string
	// Pages is the number of HTML pages both wrote.
	Pages int
	// SamePage are the pages whose whole HTML is equal, SameArticle those
	// whose article is.
	SamePage, SameArticle []string
	// Differ are the pages whose article differs.
	Differ []string
}

// Files lists the files under root by slash path, each with its content.
func Files(root string) (map[string]string, error) {
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", root, err)
	}
	return out, nil
}

// Compare compares Hugo's output files with ours. Only .html and .xml
// files take part in the URL sets (static files are copied by both).
func Compare(hugo, ours map[string]string) *Report {
	r := &Report{}
	for p := range hugo {
		if _, ok := ours[p]; !ok && counted(p) {
			r.OnlyHugo = append(r.OnlyHugo, p)
		}
	}
	for p := range ours {
		if _, ok := hugo[p]; !ok && counted(p) {
			r.OnlyOurs = append(r.OnlyOurs, p)
		}
	}
	for p, h := range hugo {
		o, ok := ours[p]
		if !ok || !strings.HasSuffix(p, ".html") {
			continue
		}
		r.Pages++
		hn, on := Normalize(h), Normalize(o)
		if hn == on {
			r.SamePage = append(r.SamePage, p)
		}
		if Article(hn) == Article(on) {
			r.SameArticle = append(r.SameArticle, p)
		} else {
			r.Differ = append(r.Differ, p)
		}
	}
	for _, l := range [][]string{r.OnlyHugo, r.OnlyOurs, r.SamePage, r.SameArticle, r.Differ} {
		sort.Strings(l)
	}
	return r
}

func counted(p string) bool {
	return strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".xml")
}

// Share is the share of common pages whose article is the same (0 when
// there are none).
func (r *Report) Share() float64 {
	if r.Pages == 0 {
		return 0
	}
	return float64(len(r.SameArticle)) / float64(r.Pages)
}

// Print writes the report as text.
func (r *Report) Print(w io.Writer) {
	list := func(name string, l []string) {
		fmt.Fprintf(w, "%s (%d):", name, len(l))
		for _, p := range l {
			fmt.Fprintf(w, " %s", p)
		}
		fmt.Fprintln(w)
	}
	list("only Hugo", r.OnlyHugo)
	list("only Storyfront", r.OnlyOurs)
	list("article differs", r.Differ)
	fmt.Fprintf(w, "pages %d  same page %d  same article %d (%.1f%%)\n",
		r.Pages, len(r.SamePage), len(r.SameArticle), 100*r.Share())
}

var (
	spaces = regexp.MustCompile(`\s+`)
	// Hugo adds its generator tag to the home page's head.
	generatorTag = regexp.MustCompile(`<meta name="?generator"? content="Hugo [^"]*"\s*/?>`)
)

// Normalize collapses runs of whitespace (and drops it between tags) and
// removes Hugo's generator tag.
func Normalize(s string) string {
	s = generatorTag.ReplaceAllString(s, "")
	s = spaces.ReplaceAllString(s, " ")
	s = strings.ReplaceAll(s, "> <", "><")
	return strings.TrimSpace(s)
}

// Article is the first <article> element of a normalised page, else its
// <main>, else its <body>, else the whole page: the part a page's own
// content is in, without the site's chrome.
func Article(s string) string {
	for _, tag := range []string{"article", "main", "body"} {
		if a, ok := element(s, tag); ok {
			return a
		}
	}
	return s
}

// element is the outermost first <tag ...>...</tag> of s, counting nested
// elements of the same name.
func element(s, tag string) (string, bool) {
	open, close := "<"+tag, "</"+tag+">"
	start := indexTag(s, open, 0)
	if start < 0 {
		return "", false
	}
	depth, i := 0, start
	for i < len(s) {
		o := indexTag(s, open, i)
		c := strings.Index(s[i:], close)
		if c < 0 {
			return s[start:], true
		}
		c += i
		if o >= 0 && o < c {
			depth++
			i = o + len(open)
			continue
		}
		depth--
		i = c + len(close)
		if depth == 0 {
			return s[start:i], true
		}
	}
	return s[start:], true
}

// indexTag finds "<tag" followed by '>' or a space (not "<tagx") from i.
func indexTag(s, open string, i int) int {
	for {
		j := strings.Index(s[i:], open)
		if j < 0 {
			return -1
		}
		j += i
		if k := j + len(open); k < len(s) && (s[k] == '>' || s[k] == ' ' || s[k] == '/') {
			return j
		}
		i = j + len(open)
	}
}

// FirstDiff shows where a and b first differ, with up to n bytes of each
// from a little before that point.
func FirstDiff(a, b string, n int) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-n/4)
	cut := func(s string) string {
		if from >= len(s) {
			return ""
		}
		return s[from:min(len(s), from+n)]
	}
	return fmt.Sprintf("  hugo: %s\n  ours: %s", cut(a), cut(b))
}
