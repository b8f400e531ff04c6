// Package feed prepares the machine-read outputs of a site: what the feed
// and sitemap templates get as dot (the templates themselves, with their
// built-in defaults, are in package render), and the redirect pages of
// aliases. Each is a pure function of the site graph, so two builds give the
// same bytes.
package feed

import (
	"cmp"
	"html"
	"time"

	"github.com/storyfront/storyfront/generator/site"
)

// Data is what a feed template (rss.xml) gets as dot: the list page the
// feed is of, with its fields and methods promoted (.Title, .Permalink,
// .Site, .Pages), and the feed's items.
type Data struct {
	*site.Page
	// Items are the newest pages of the feed, at most feed.limit of them
	// (the site's for the home page, a section's for its list page).
	Items []*site.Page
	// Updated is the newest date among all of the feed's pages (zero
	// when none has a date): the feed's lastBuildDate.
	Updated time.Time
}

// NewData returns the feed of list page l over pages (newest first), with
// the first limit of them as items (all of them when limit < 0).
func NewData(l *site.Page, pages []*site.Page, limit int) *Data {
	d := &Data{Page: l, Items: pages}
	if limit >= 0 && limit < len(pages) {
		d.Items = pages[:limit]
	}
	for _, p := range pages {
		if p.Date.After(d.Updated) {
			d.Updated = p.Date
		}
	}
	return d
}

// SitemapData is what the sitemap template gets as dot.
type SitemapData struct {
	Site *site.Site
	// Pages is every page but the 404 page and those whose front matter
	// says sitemap: {disable: true}, by output path.
	Pages []*site.Page
	// Data.Pages is Pages again, where Hugo's sitemap templates read it.
	Data struct{ Pages []*site.Page }
}

// NewSitemapData lists the pages of s for sitemap.xml.
func NewSitemapData(s *site.Site) *SitemapData {
	d := &SitemapData{Site: s}
	for _, p := range s.Pages {
		if p.Kind == site.Kind404 || p.Sitemap.Disable {
			continue
		}
		d.Pages = append(d.Pages, p)
	}
	if s.FollowsHugo() {
		// Hugo's sitemap lists them in its default order.
		d.Pages = append([]*site.Page(nil), d.Pages...)
		site.SortPages(d.Pages)
	}
	d.Data.Pages = d.Pages
	return d
}

// Alias writes the redirect page an alias of p serves.
func Alias(p *site.Page) []byte {
	u := html.EscapeString(p.Permalink)
	return []byte(`<!doctype html><html lang="` + html.EscapeString(cmp.Or(p.Site.LanguageCode, p.Site.Language.String())) + `"><head><meta charset="utf-8">` +
		`<title>` + html.EscapeString(p.Title) + `</title><link rel="canonical" href="` + u + `">` +
		`<meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=` + u + `"></head>` +
		`<body><p>This page has moved to <a href="` + u + `">` + u + `</a>.</p></body></html>` + "\n")
}

// HugoAlias writes the redirect page an alias of p serves as Hugo writes
// it (a Hugo site's aliases: the same bytes as hugo's).
func HugoAlias(p *site.Page) []byte { return HugoAliasTo(p, p.Permalink) }

// HugoAliasTo writes a Hugo redirect page of p's site to target.
func HugoAliasTo(p *site.Page, target string) []byte {
	u := html.EscapeString(target)
	// The page's language's code, else its key (hugo 0.111.3's alias.html).
	lang := p.Site.LanguageCode
	if lang == "" && p.Site.Language != nil {
		lang = p.Site.Language.Lang
	}
	if lang == "" {
		lang = "en"
	}
	return []byte("<!DOCTYPE html>\n<html lang=\"" + html.EscapeString(lang) + "\">\n  <head>\n" +
		"    <title>" + u + "</title>\n    <link rel=\"canonical\" href=\"" + u + "\">\n" +
		"    <meta name=\"robots\" content=\"noindex\">\n    <meta charset=\"utf-8\">\n" +
		"    <meta http-equiv=\"refresh\" content=\"0; url=" + u + "\">\n  </head>\n</html>\n")
}

// NewSitemapIndexData is what a multilingual site's sitemap index lists:
// every language's site, in Hugo's order.
func NewSitemapIndexData(s *site.Site) site.Sites { return s.Sites() }
