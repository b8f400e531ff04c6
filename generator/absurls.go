package generator

import (
	"bytes"
	"path"
	"strings"
)

// Hugo writes root-relative URLs of its outputs absolute or relative after
// rendering: always in RSS feeds and sitemaps, and in HTML pages (and their
// aliases) when canonifyURLs or relativeURLs is set. absURLs does it as
// hugo 0.111.3 does.

// urlAttrs are the attribute names whose root-relative values are
// rewritten; srcset's every "/..." candidate is.
var urlAttrs = [...]string{"src=", "href=", "url=", "action=", "srcset="}

// htmlQuotes and xmlQuotes are the quotes a value may start with: in XML
// the HTML of a feed's description is escaped.
var (
	htmlQuotes = []string{`"`, "'"}
	xmlQuotes  = []string{"&#34;", "&#39;"}
)

// absURLs rewrites, in page, each URL that follows src=, href=, url=,
// action= or srcset= (quoted with one of quotes, or not) and starts with
// one "/" so that base takes the place of that slash. Schemaless URLs
// ("//cdn...") stay. In srcset (quoted only) every candidate that starts
// with "/" gets base and the candidates are joined by single spaces, as
// in Hugo.
func absURLs(page []byte, base string, quotes []string) []byte {
	var out bytes.Buffer
	start, pos := 0, 0 // page[start:pos] is read but not yet written
	at := [len(urlAttrs)]int{}
	for i := range at {
		at[i] = -2 // not looked for yet
	}
	for pos < len(page) {
		// The nearest attribute from pos.
		best := -1
		for i, a := range urlAttrs {
			if at[i] == -1 {
				continue // none left
			}
			if at[i] < pos {
				k := bytes.Index(page[pos:], []byte(a))
				if k < 0 {
					at[i] = -1
					continue
				}
				at[i] = pos + k
			}
			if best < 0 || at[i] < at[best] {
				best = i
			}
		}
		if best < 0 {
			break
		}
		pos = at[best] + len(urlAttrs[best])
		q := ""
		for _, c := range quotes {
			if bytes.HasPrefix(page[pos:], []byte(c)) {
				q = c
				pos += len(c)
				break
			}
		}
		// A root-relative URL: "/" then not "/".
		if pos+1 >= len(page) || page[pos] != '/' || page[pos+1] == '/' {
			continue
		}
		if urlAttrs[best] != "srcset=" {
			out.Write(page[start:pos])
			out.WriteString(base)
			pos++
			start = pos
			continue
		}
		if q == "" {
			continue // srcset is rewritten only when quoted
		}
		end := bytes.Index(page[pos:], []byte(q))
		if end < 0 || end > 2000 {
			continue
		}
		out.Write(page[start:pos])
		// The candidates up to and with the closing quote's first byte.
		section := page[pos : pos+end+1]
		for i, f := range bytes.Fields(section) {
			if i > 0 {
				out.WriteByte(' ')
			}
			if f[0] == '/' {
				out.WriteString(base)
				f = f[1:]
			}
			out.Write(f)
		}
		pos += len(section)
		start = pos
	}
	if start == 0 {
		return page
	}
	out.Write(page[start:])
	return out.Bytes()
}

// dottedPath is the relative way from an output file to the site root, as
// Hugo's relativeURLs writes it: "./" for a file at the root, "../" one
// folder down.
func dottedPath(out string) string {
	dir := path.Dir("/" + strings.TrimPrefix(out, "/"))
	if dir == "/" {
		return "./"
	}
	return strings.Repeat("../", strings.Count(dir, "/"))
}

// urlBase is what a root-relative URL's slash becomes in out: the output
// relative to the root with relativeURLs, else the baseURL.
func (b *Builder) urlBase(out string, baseURL string) string {
	if b.cfg.RelativeURLs {
		return dottedPath(out)
	}
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	return baseURL
}

// fixURLs applies absURLs to a Hugo site's job output as hugo 0.111.3
// does: RSS outputs and sitemaps always (XML quotes), HTML outputs and
// aliases with canonifyURLs or relativeURLs.
func (b *Builder) fixURLs(j *job, data []byte) []byte {
	if !b.cfg.FromHugo() || j.page == nil {
		return data
	}
	var quotes []string
	switch {
	case j.rss || j.kind == jobFeed || j.kind == jobSitemap || j.kind == jobSitemapIndex:
		quotes = xmlQuotes
	case (j.kind == jobPage && !j.format || j.kind == jobAlias) && (b.cfg.CanonifyURLs || b.cfg.RelativeURLs):
		quotes = htmlQuotes
	default:
		return data
	}
	return absURLs(data, b.urlBase(j.out, j.page.Site.BaseURL), quotes)
}
