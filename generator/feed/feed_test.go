package feed

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/site"
)

func testSite(n int) (*site.Site, []*site.Page) {
	s := &site.Site{Title: "Acme & Co", BaseURL: "https://acme.example/", Language: "en"}
	home := &site.Page{Kind: site.KindHome, IsHome: true, Title: "Home", Permalink: "https://acme.example/", Site: s}
	var pages []*site.Page
	for i := range n {
		pages = append(pages, &site.Page{Kind: site.KindPage, IsPage: true, Title: fmt.Sprintf("Story <%d>", i),
			Permalink: fmt.Sprintf("https://acme.example/s/%d/", i), Summary: "<p>Sum & more</p>",
			Date: time.Date(2024, 1, 1+i%28, 0, 0, 0, 0, time.UTC), Lastmod: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), Site: s})
	}
	s.Home = home
	return s, append([]*site.Page{home}, pages...)
}

func TestRSS(t *testing.T) {
	s, all := testSite(60)
	out := string(RSS(s.Home, all[1:], 50))
	for _, want := range []string{
		`<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>`,
		"<title>Acme &amp; Co</title>",
		"<title>Story &lt;0&gt;</title>",
		"<link>https://acme.example/s/0/</link>",
		"<pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate>",
		"<description>&lt;p&gt;Sum &amp; more&lt;/p&gt;</description>",
		`<atom:link href="https://acme.example/index.xml" rel="self" type="application/rss+xml"/>`,
		"<lastBuildDate>Sun, 28 Jan 2024 00:00:00 +0000</lastBuildDate>",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("feed lacks %s", want)
		}
	}
	if n := strings.Count(out, "<item>"); n != 50 {
		t.Errorf("%d items, want 50", n)
	}
	if n := strings.Count(string(RSS(s.Home, all[1:], 3)), "<item>"); n != 3 {
		t.Errorf("limit 3: %d items", n)
	}
}

func TestSitemapRobotsAlias(t *testing.T) {
	s, all := testSite(2)
	all = append(all, &site.Page{Kind: site.Kind404, Permalink: "https://acme.example/404.html", Site: s},
		&site.Page{Kind: site.KindPage, Permalink: "https://acme.example/thanks/", Site: s, Sitemap: content.Sitemap{Disable: true}})
	sm := string(Sitemap(all))
	if !strings.Contains(sm, "<url><loc>https://acme.example/s/1/</loc>\n<lastmod>2024-02-01T00:00:00Z</lastmod>\n</url>") {
		t.Errorf("sitemap:\n%s", sm)
	}
	if strings.Contains(sm, "404") || strings.Contains(sm, "thanks") || strings.Count(sm, "<url>") != 3 {
		t.Errorf("sitemap lists the 404 page, a page that opts out, or misses pages:\n%s", sm)
	}
	s.BasePath = ""
	if got := string(Robots(s)); got != "User-agent: *\nAllow: /\n\nSitemap: https://acme.example/sitemap.xml\n" {
		t.Errorf("robots.txt = %q", got)
	}
	a := string(Alias(all[1]))
	if !strings.Contains(a, `<meta http-equiv="refresh" content="0; url=https://acme.example/s/0/">`) ||
		!strings.Contains(a, `<link rel="canonical" href="https://acme.example/s/0/">`) {
		t.Errorf("alias page:\n%s", a)
	}
}
