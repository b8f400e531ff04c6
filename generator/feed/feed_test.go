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
	s := &site.Site{Title: "Acme & Co", BaseURL: "https://acme.example/", Language: site.NewLanguage("en")}
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

func TestNewData(t *testing.T) {
	s, all := testSite(60)
	d := NewData(s.Home, all[1:], 50)
	if len(d.Items) != 50 || d.Title != "Home" || d.Permalink != "https://acme.example/" {
		t.Errorf("%d items, title %q, permalink %q", len(d.Items), d.Title, d.Permalink)
	}
	// The newest date of all 60 pages, not only of the 50 items.
	if want := time.Date(2024, 1, 28, 0, 0, 0, 0, time.UTC); !d.Updated.Equal(want) {
		t.Errorf("Updated = %v, want %v", d.Updated, want)
	}
	if n := len(NewData(s.Home, all[1:], 3).Items); n != 3 {
		t.Errorf("limit 3: %d items", n)
	}
	if n := len(NewData(s.Home, all[1:], -1).Items); n != 60 {
		t.Errorf("no limit: %d items", n)
	}
}

func TestSitemapDataAlias(t *testing.T) {
	s, all := testSite(2)
	s.Pages = append(all, &site.Page{Kind: site.Kind404, Permalink: "https://acme.example/404.html", Site: s},
		&site.Page{Kind: site.KindPage, Permalink: "https://acme.example/thanks/", Site: s, Sitemap: content.Sitemap{Disable: true}})
	d := NewSitemapData(s)
	if len(d.Pages) != 3 || len(d.Data.Pages) != 3 {
		t.Errorf("sitemap pages: %d (Data.Pages %d), want 3", len(d.Pages), len(d.Data.Pages))
	}
	for _, p := range d.Pages {
		if p.Kind == site.Kind404 || p.Sitemap.Disable {
			t.Errorf("sitemap lists %s", p.Permalink)
		}
	}
	a := string(Alias(all[1]))
	if !strings.Contains(a, `<meta http-equiv="refresh" content="0; url=https://acme.example/s/0/">`) ||
		!strings.Contains(a, `<link rel="canonical" href="https://acme.example/s/0/">`) {
		t.Errorf("alias page:\n%s", a)
	}
}
