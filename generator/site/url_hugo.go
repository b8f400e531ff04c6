package site

import (
	"fmt"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// HugoPath makes a file or term name a URL path segment as Hugo does:
// letters, digits and marks are kept with . / \ _ - # + ~ @ and %XX
// escapes; a run of spaces between kept characters becomes one "-";
// everything else is dropped. lower lower-cases the result (Hugo's
// default; disablePathToLower turns it off).
func HugoPath(s string, lower bool) string {
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	hyphen := false
	for i, r := range rs {
		keep := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || strings.ContainsRune("./\\_-#+~@", r) ||
			r == '%' && i+2 < len(rs) && isHex(rs[i+1]) && isHex(rs[i+2])
		switch {
		case keep:
			if hyphen {
				out = append(out, '-')
				hyphen = false
			}
			out = append(out, r)
		case len(out) > 0 && unicode.IsSpace(r):
			hyphen = true
		}
	}
	if lower {
		return strings.ToLower(string(out))
	}
	return string(out)
}

func isHex(r rune) bool {
	return r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F'
}

// HugoURLize is Hugo's urlize: HugoPath lower-cased, then escaped as a URL
// (non-ASCII letters become %XX; a "#" starts a fragment, as in Hugo).
func HugoURLize(s string) string {
	return escapeURL(HugoPath(s, true))
}

// escapeURL escapes a URL path for an href: what net/url's String gives.
func escapeURL(p string) string {
	u, err := url.Parse(p)
	if err != nil {
		return p
	}
	return u.String()
}

// permalink expands a permalinks pattern for a regular page.
type permalinkPage struct {
	date     time.Time
	dir      string // content folder, "blog/sub"
	name     string // file name without extension, or bundle folder
	title    string
	slug     string
	lower    bool
	contentB string // :contentbasename: the file name, or the bundle's folder
}

func (pp permalinkPage) expand(pattern string) string {
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			b.WriteByte(pattern[i])
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] >= 'a' && pattern[j] <= 'z' || pattern[j] >= 'A' && pattern[j] <= 'Z') {
			j++
		}
		tok := pattern[i+1 : j]
		var slice string
		if tok == "sections" && j < len(pattern) && pattern[j] == '[' {
			if end := strings.IndexByte(pattern[j:], ']'); end >= 0 {
				slice = pattern[j+1 : j+end]
				j += end + 1
			}
		}
		b.WriteString(pp.token(tok, slice))
		i = j - 1
	}
	return b.String()
}

func (pp permalinkPage) token(tok, slice string) string {
	d := pp.date
	sections := strings.Split(HugoPath(pp.dir, pp.lower), "/")
	if pp.dir == "" {
		sections = nil
	}
	switch tok {
	case "year":
		return strconv.Itoa(d.Year())
	case "month":
		return fmt.Sprintf("%02d", int(d.Month()))
	case "monthname":
		return strings.ToLower(d.Month().String())
	case "day":
		return fmt.Sprintf("%02d", d.Day())
	case "weekday":
		return strconv.Itoa(int(d.Weekday()))
	case "weekdayname":
		return strings.ToLower(d.Weekday().String())
	case "yearday":
		return strconv.Itoa(d.YearDay())
	case "section":
		if len(sections) == 0 {
			return ""
		}
		return sections[0]
	case "sections":
		from, to := 0, len(sections)
		if slice != "" {
			from, to = sliceBounds(slice, len(sections))
		}
		return strings.Join(sections[from:to], "/")
	case "title":
		return HugoPath(pp.title, true)
	case "slug":
		if pp.slug != "" {
			return HugoPath(pp.slug, pp.lower)
		}
		return HugoPath(pp.title, true)
	case "slugorfilename":
		if pp.slug != "" {
			return HugoPath(pp.slug, pp.lower)
		}
		return HugoPath(pp.name, pp.lower)
	case "filename":
		return HugoPath(pp.name, pp.lower)
	case "contentbasename":
		return HugoPath(pp.contentB, pp.lower)
	}
	return ":" + tok
}

// sliceBounds reads "[from:to]" ("1:", ":2", "last") for n sections.
func sliceBounds(s string, n int) (int, int) {
	if s == "last" {
		if n == 0 {
			return 0, 0
		}
		return n - 1, n
	}
	a, b, ok := strings.Cut(s, ":")
	from, to := 0, n
	if x, err := strconv.Atoi(strings.TrimSpace(a)); err == nil {
		from = x
	}
	if ok {
		if x, err := strconv.Atoi(strings.TrimSpace(b)); err == nil {
			to = x
		}
	} else {
		to = from + 1
	}
	from, to = min(max(from, 0), n), min(max(to, 0), n)
	if from > to {
		from = to
	}
	return from, to
}

// outOf turns a URL path into its output file: "/a/" -> "a/index.html",
// "/a.html" stays a file, "/a" gets a folder (Hugo adds the slash).
func outOf(u string) (out, urlPath string) {
	clean := path.Clean("/" + u)
	if clean == "/" {
		return "index.html", "/"
	}
	if path.Ext(clean) != "" && !strings.HasSuffix(u, "/") {
		return clean[1:], clean
	}
	return clean[1:] + "/index.html", clean + "/"
}

// pluralize is a small English pluralizer for the titles Hugo gives
// section and taxonomy pages without an _index.md ("blog" -> "Blogs").
func pluralize(s string) string {
	ls := strings.ToLower(s)
	switch {
	case s == "":
		return s
	case strings.HasSuffix(ls, "s"), strings.HasSuffix(ls, "news"), strings.HasSuffix(ls, "series"):
		return s
	case strings.HasSuffix(ls, "x"), strings.HasSuffix(ls, "z"), strings.HasSuffix(ls, "ch"), strings.HasSuffix(ls, "sh"):
		return s + "es"
	case strings.HasSuffix(ls, "y") && len(ls) > 1 && !strings.ContainsRune("aeiou", rune(ls[len(ls)-2])):
		return s[:len(s)-1] + "ies"
	}
	return s + "s"
}

// titleWords upper-cases the first letter of each word.
func titleWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}
