// Package feed writes the machine-read outputs of a site: the RSS 2.0
// feeds, sitemap.xml, robots.txt and the redirect pages of aliases. Each is
// a pure function of the site graph, so two builds give the same bytes.
package feed

import (
	"bytes"
	"encoding/xml"
	"html"
	"time"

	"github.com/storyfront/storyfront/generator/site"
)

// RSS writes an RSS 2.0 feed of list page l with the first limit of pages
// (the site's for the home page, a section's for its list page). Each item
// carries the page's summary.
func RSS(l *site.Page, pages []*site.Page, limit int) []byte {
	s := l.Site
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>` + "\n")
	title := s.Title
	if !l.IsHome {
		title = l.Title + " – " + s.Title
	}
	el(&b, "title", title)
	el(&b, "link", l.Permalink)
	el(&b, "description", firstNonEmpty(l.Description, s.Description, title))
	el(&b, "language", s.Language)
	if s.Copyright != "" {
		el(&b, "copyright", s.Copyright)
	}
	var newest time.Time
	for _, p := range pages {
		if p.Date.After(newest) {
			newest = p.Date
		}
	}
	if !newest.IsZero() {
		el(&b, "lastBuildDate", newest.UTC().Format(time.RFC1123Z))
	}
	b.WriteString(`<atom:link href="` + html.EscapeString(l.Permalink+"index.xml") + `" rel="self" type="application/rss+xml"/>` + "\n")
	for i, p := range pages {
		if i == limit {
			break
		}
		b.WriteString("<item>")
		el(&b, "title", p.Title)
		el(&b, "link", p.Permalink)
		el(&b, "guid", p.Permalink)
		if !p.Date.IsZero() {
			el(&b, "pubDate", p.Date.UTC().Format(time.RFC1123Z))
		}
		desc := string(p.Summary)
		if desc == "" {
			desc = html.EscapeString(p.Description)
		}
		el(&b, "description", desc)
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.Bytes()
}

// Sitemap writes sitemap.xml listing pages, leaving out the 404 page and
// those whose front matter says sitemap: {disable: true}.
func Sitemap(pages []*site.Page) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		if p.Kind == site.Kind404 || p.Sitemap.Disable {
			continue
		}
		b.WriteString("<url>")
		el(&b, "loc", p.Permalink)
		if !p.Lastmod.IsZero() {
			el(&b, "lastmod", p.Lastmod.UTC().Format("2006-01-02T15:04:05Z07:00"))
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}

// Robots writes robots.txt allowing everything and naming the sitemap.
func Robots(s *site.Site) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + s.AbsURL("sitemap.xml") + "\n")
}

// Alias writes the redirect page an alias of p serves.
func Alias(p *site.Page) []byte {
	u := html.EscapeString(p.Permalink)
	return []byte(`<!doctype html><html lang="` + html.EscapeString(p.Site.Language) + `"><head><meta charset="utf-8">` +
		`<title>` + html.EscapeString(p.Title) + `</title><link rel="canonical" href="` + u + `">` +
		`<meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=` + u + `"></head>` +
		`<body><p>This page has moved to <a href="` + u + `">` + u + `</a>.</p></body></html>` + "\n")
}

func el(b *bytes.Buffer, name, text string) {
	b.WriteString("<" + name + ">")
	_ = xml.EscapeText(b, []byte(text))
	b.WriteString("</" + name + ">\n")
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
