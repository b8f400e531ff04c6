package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/feed"
	"github.com/storyfront/storyfront/generator/site"
)

// outputSite is a site graph of n stories s/sN.md dated 2024-01-01 + N
// days, built in environment env with base URL override baseURL.
func outputSite(t *testing.T, n int, env string, baseURL string) *site.Site {
	t.Helper()
	cfg := &config.Config{Title: "Acme & Co", BaseURL: "https://acme.example/", Language: "en"}
	tree := &content.Tree{}
	for i := range n {
		date := time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		src, err := content.Parse(fmt.Sprintf("s/s%d.md", i), []byte(fmt.Sprintf("---\ntitle: Story <%d>\ndate: %s\n---\nText.\n", i, date)))
		if err != nil {
			t.Fatal(err)
		}
		tree.Sources = append(tree.Sources, src)
	}
	s, err := site.Build(cfg, tree, site.Options{Environment: env, BaseURL: baseURL, Now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range s.RegularPages {
		p.Summary = "<p>Sum & more</p>"
	}
	return s
}

func TestBuiltinOutputs(t *testing.T) {
	r := newTestRenderer(t, map[string]string{"layouts/_default/single.html": "{{ .Title }}"})
	s := outputSite(t, 60, "", "")
	r.SetSite(s)
	run := func(candidates []string, data any) string {
		t.Helper()
		tmpl := r.Output(candidates)
		if tmpl == nil || !tmpl.Builtin() {
			t.Fatalf("no built-in template among %v", candidates)
		}
		var b bytes.Buffer
		if err := r.ExecuteOutput(&b, tmpl, data); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}

	rss := run(FeedCandidates(s.Home), feed.NewData(s.Home, s.RegularPages, 50))
	for _, want := range []string{
		"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\n<title>Acme &amp; Co</title>\n",
		"<item><title>Story &lt;59&gt;</title>\n<link>https://acme.example/s/s59/</link>\n<guid>https://acme.example/s/s59/</guid>\n" +
			"<pubDate>Thu, 29 Feb 2024 00:00:00 +0000</pubDate>\n<description>&lt;p&gt;Sum &amp; more&lt;/p&gt;</description>\n</item>\n",
		"<language>en</language>\n<lastBuildDate>Thu, 29 Feb 2024 00:00:00 +0000</lastBuildDate>\n" +
			"<atom:link href=\"https://acme.example/index.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n<item>",
		"</item>\n</channel></rss>\n",
	} {
		if !strings.Contains(rss, want) {
			t.Errorf("feed lacks %q:\n%s", want, rss)
		}
	}
	if n := strings.Count(rss, "<item>"); n != 50 {
		t.Errorf("%d items, want 50", n)
	}

	sm := run(SitemapCandidates(), feed.NewSitemapData(s))
	if !strings.HasPrefix(sm, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n<url><loc>https://acme.example/</loc>\n") ||
		!strings.Contains(sm, "<url><loc>https://acme.example/s/s1/</loc>\n<lastmod>2024-01-02T00:00:00Z</lastmod>\n</url>\n") ||
		!strings.HasSuffix(sm, "</url>\n</urlset>\n") {
		t.Errorf("sitemap:\n%s", sm)
	}

	if got := run(RobotsCandidates(), s.Home); got != "User-agent: *\nAllow: /\n\nSitemap: https://acme.example/sitemap.xml\n" {
		t.Errorf("robots.txt = %q", got)
	}
}

// Staging, the dev server and a base URL other than site.yaml's are not
// the production site: robots.txt disallows everything.
func TestRobotsNotProduction(t *testing.T) {
	r := newTestRenderer(t, map[string]string{"layouts/_default/single.html": "{{ .Title }}"})
	for _, tt := range []struct{ env, base string }{
		{"staging", ""}, {"development", ""}, {"", "https://preview-42.acme.example/"},
	} {
		s := outputSite(t, 1, tt.env, tt.base)
		r.SetSite(s)
		var b bytes.Buffer
		if err := r.ExecuteOutput(&b, r.Output(RobotsCandidates()), s.Home); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "User-agent: *\nDisallow: /\n") {
			t.Errorf("env %q base %q: robots.txt = %q", tt.env, tt.base, b.String())
		}
	}
	// The production base URL given again (with or without its slash) is production.
	s := outputSite(t, 1, "production", "https://acme.example")
	if !s.IsProduction() {
		t.Error("--base-url equal to site.yaml's baseURL is not production")
	}
}

// The site's templates win over the built-in ones, in Hugo's order.
func TestOutputLookup(t *testing.T) {
	r := newTestRenderer(t, map[string]string{
		"themes/default/layouts/_default/rss.xml": "theme rss",
		"layouts/stories/rss.xml":                 "stories rss {{ len .Items }}",
		"layouts/robots.txt":                      "User-agent: *\nDisallow: /private/ {{ .Title }} & <x>",
		"layouts/_default/single.html":            "{{ .Title }}",
	})
	s := outputSite(t, 2, "", "")
	r.SetSite(s)
	home := &site.Page{IsHome: true, Site: s}
	stories := &site.Page{Kind: site.KindSection, Section: "stories", Site: s}
	news := &site.Page{Kind: site.KindSection, Section: "news", Site: s}
	for _, tt := range []struct {
		candidates []string
		want       string
	}{
		{FeedCandidates(home), "themes/default/layouts/_default/rss.xml"},
		{FeedCandidates(stories), "layouts/stories/rss.xml"},
		{FeedCandidates(news), "themes/default/layouts/_default/rss.xml"},
		{RobotsCandidates(), "layouts/robots.txt"},
		{SitemapCandidates(), ""},
	} {
		if got := r.Output(tt.candidates).File; got != tt.want {
			t.Errorf("%v: %q, want %q", tt.candidates, got, tt.want)
		}
	}
	var b bytes.Buffer
	// robots.txt is plain text (text/template, as in Hugo): no HTML escaping.
	if err := r.ExecuteOutput(&b, r.Output(RobotsCandidates()), &site.Page{Title: "T", Site: s}); err != nil || b.String() != "User-agent: *\nDisallow: /private/ T & <x>" {
		t.Errorf("robots.txt = %q, %v", b.String(), err)
	}
}
