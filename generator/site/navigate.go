package site

import (
	"fmt"
	"github.com/storyfront/storyfront/generator/content"
	"html/template"
	"path"
	"strings"
	"sync"
	"time"
)

// pageIndex finds pages by their content path, for GetPage; made on first use.
type pageIndex struct {
	once   sync.Once
	byPath map[string]*Page
	// byName is ref's last resort: each page by the last element of its
	// path; a name two pages share maps to nil (ambiguous).
	nameOnce sync.Once
	byName   map[string]*Page
}

// contentKey is a page's path as GetPage names it: its content file
// without extension ("post/chapter-1", "about" for about/index.md, "post"
// for post/_index.md, "" for the home page), lower-cased.
func contentKey(p *Page) string {
	switch {
	case p.IsHome:
		return ""
	case p.Source != nil:
		// The path below the language's content folder, without a
		// language suffix (post/x for content/fr/post/x.md or post/x.fr.md).
		src := p.Source
		if src.Kind == content.KindSection {
			return strings.ToLower(src.Dir)
		}
		return strings.ToLower(path.Join(src.Dir, src.Name))
	case p.Kind == KindTaxonomy && p.Dir == "":
		return strings.ToLower(p.Section) // a generated taxonomy page: "tags"
	case p.Kind == KindTerm && p.Dir == "" && p.Term != nil:
		return strings.ToLower(p.Section + "/" + p.Term.Slug) // "tags/go"
	case p.IsSection || p.Kind == KindTaxonomy || p.Kind == KindTerm:
		return strings.ToLower(strings.Trim(p.Dir, "/"))
	}
	return ""
}

// GetPage is Hugo's .Site.GetPage: the page at a content path ("/post",
// "post/chapter-1", "about.md"), or nil. The old two-argument form
// (GetPage "section" "post") is accepted too. Its result is an interface,
// so that, as in Hugo, a field of a page that is not there is empty in a
// template ({{ (site.GetPage "x").Layout }}) rather than an error.
//
// A path of one name ("/faq", "faq") that names no page there is, as in
// hugo 0.111.3, the one page whose file or folder has that name
// (docs/faq.md), an error when several have it.
func (s *Site) GetPage(ref ...string) (any, error) {
	p, err := s.getPage(ref...)
	if p != nil || err != nil || len(ref) == 0 {
		return pageOrNil(p, err)
	}
	key := "/" + strings.TrimPrefix(strings.ToLower(strings.TrimSpace(ref[len(ref)-1])), "/")
	if strings.Count(key, "/") > 1 || len(ref) == 2 && ref[0] == KindHome {
		return nil, nil
	}
	return pageOrNil(s.pageNamed(path.Base(s.refKey(key)), key))
}

// pageOrNil makes a missing page a nil interface.
func pageOrNil(p *Page, err error) (any, error) {
	if p == nil {
		return nil, err
	}
	return p, err
}

// getPage is GetPage's lookup.
func (s *Site) getPage(ref ...string) (*Page, error) {
	if len(ref) == 0 || len(ref) > 2 {
		return nil, fmt.Errorf("GetPage: want a path, got %d arguments", len(ref))
	}
	key := ref[len(ref)-1]
	if len(ref) == 2 && ref[0] == KindHome {
		key = "/"
	}
	if s.state == nil {
		return nil, nil
	}
	idx := &s.state.pages
	idx.once.Do(func() {
		idx.byPath = map[string]*Page{}
		for _, p := range s.Pages {
			if p.pager != nil && p.pager.PageNumber > 1 {
				continue
			}
			k := contentKey(p)
			if _, dup := idx.byPath[k]; !dup || p.Source != nil {
				idx.byPath[k] = p
			}
		}
		// Pages and sections that _build keeps from being written are
		// still found, as in Hugo.
		for _, p := range s.RegularPages {
			if k := contentKey(p); idx.byPath[k] == nil {
				idx.byPath[k] = p
			}
		}
		for _, p := range s.sectionsByDir {
			if k := contentKey(p); idx.byPath[k] == nil {
				idx.byPath[k] = p
			}
		}
		if s.Home != nil {
			idx.byPath[""] = s.Home
		}
	})
	k := strings.ToLower(strings.Trim(path.Clean("/"+key), "/"))
	if p := idx.byPath[k]; p != nil {
		return p, nil
	}
	ext := path.Ext(k)
	k = strings.TrimSuffix(k, ext)
	if p := idx.byPath[k]; p != nil {
		return p, nil
	}
	// "x/index.md" or "x/_index.md" under a section is the page x (hugo
	// 0.111.3 drops those names); a section is found by its own file's
	// name only ("docs/_index.md" when docs has that file).
	if base := path.Base(k); base == "index" || base == "_index" {
		if d := path.Dir(k); d != "." {
			p := idx.byPath[d]
			if p != nil && !p.IsPage && (p.Source == nil || ext == "" || path.Base(p.Source.Rel) != base+ext) {
				return nil, nil
			}
			return p, nil
		}
	}
	return nil, nil
}

// GetPage is Hugo's .GetPage: a path relative to the page's folder
// ("chapter-2"), else from content/ as Site.GetPage (nil when none).
func (p *Page) GetPage(ref string) (any, error) {
	if p.Site == nil {
		return nil, nil
	}
	if !strings.HasPrefix(ref, "/") && p.Source != nil {
		if q, err := p.Site.getPage(path.Join(p.Source.Dir, ref)); q != nil || err != nil {
			return pageOrNil(q, err)
		}
	}
	return pageOrNil(p.Site.getPage(ref))
}

// Parent is the section the page is in (the home page for a top page),
// nil for the home page.
func (p *Page) Parent() *Page {
	if p.IsHome || p.Site == nil {
		return nil
	}
	dir := p.Dir
	if p.Source != nil {
		dir = p.Source.Dir
	}
	if p.IsSection || p.Kind == KindTaxonomy || p.Kind == KindTerm {
		dir = parentDir(strings.Trim(p.Dir, "/"))
	}
	if p.Kind == KindTerm {
		// A term's parent is its taxonomy's page (/tags/ of /tags/go/).
		if t, _ := p.Site.getPage(p.Section); t != nil && t.Kind == KindTaxonomy {
			return t
		}
	}
	for ; dir != ""; dir = parentDir(dir) {
		if sec := p.Site.sectionsByDir[dir]; sec != nil && sec != p {
			return sec
		}
	}
	return p.Site.Home
}

// CurrentSection is the page itself for a section or the home page, else
// its Parent.
func (p *Page) CurrentSection() *Page {
	if p.IsHome || p.IsSection {
		return p
	}
	return p.Parent()
}

// FirstSection is the page's top section (the home page for a root page).
func (p *Page) FirstSection() *Page {
	if p.Site == nil {
		return nil
	}
	if p.Section != "" {
		if sec := p.Site.sectionsByDir[p.Section]; sec != nil {
			return sec
		}
	}
	return p.Site.Home
}

// Sections are the sections directly under this one (the top sections
// for the home page), in list order.
func (p *Page) Sections() Pages {
	if p.Site == nil {
		return nil
	}
	if p.IsHome {
		return p.Site.Sections
	}
	if !p.IsSection {
		return nil
	}
	var out Pages
	self := p.self()
	for _, sec := range p.Site.sectionsByDir {
		if sec != self && sec.Parent() == self {
			out = append(out, sec)
		}
	}
	SortPages(out)
	return out
}

// RegularPages are the regular pages the list page shows (not sections).
func (p *Page) RegularPages() Pages {
	var out Pages
	for _, q := range p.Pages {
		if q.IsPage {
			out = append(out, q)
		}
	}
	return out
}

// RegularPagesRecursive are every regular page under this section.
func (p *Page) RegularPagesRecursive() Pages {
	if p.IsHome && p.Site != nil {
		return p.Site.RegularPages
	}
	var out Pages
	for _, q := range p.Pages {
		if q.IsPage {
			out = append(out, q)
		} else if q.IsSection {
			out = append(out, q.RegularPagesRecursive()...)
		}
	}
	return out
}

// IsAncestor reports whether p is a section above other.
func (p *Page) IsAncestor(other *Page) bool {
	for q := other.Parent(); q != nil; q = q.Parent() {
		if q == p.self() {
			return true
		}
	}
	return false
}

// IsDescendant reports whether p is under the section other.
func (p *Page) IsDescendant(other *Page) bool { return other.IsAncestor(p) }

// InSection reports whether p is in the same section as other.
func (p *Page) InSection(other *Page) bool {
	return other != nil && p.CurrentSection() == other.CurrentSection()
}

// Eq reports whether p and other are the same page.
func (p *Page) Eq(other *Page) bool { return other != nil && p.self() == other.self() }

// Lang is the page's language key ("en").
func (p *Page) Lang() string {
	if p.Site == nil || p.Site.Language == nil {
		return ""
	}
	return p.Site.Language.Lang
}

// Language is the page's language.
func (p *Page) Language() *Language {
	if p.Site == nil {
		return nil
	}
	return p.Site.Language
}

// Render runs the page's view layout name (summary, li...), found as
// TYPE/NAME.html, SECTION/NAME.html, then _default/NAME.html.
func (p *Page) Render(name string) (template.HTML, error) {
	if p.Site == nil || p.Site.RenderLayout == nil {
		return "", fmt.Errorf("Render %q: no renderer", name)
	}
	return p.Site.RenderLayout(p, name)
}

// IsServer reports whether the site is built by the dev server.
func (s *Site) IsServer() bool { return s.Environment == "development" }

// LastChange is the newest Lastmod of the site's pages.
func (s *Site) LastChange() time.Time { return newest(s.RegularPages) }

// Lastmod is LastChange's newer name.
func (s *Site) Lastmod() time.Time { return newest(s.RegularPages) }

// AllPages is every page of every language (Hugo's .Site.AllPages), in
// Hugo's default order for a multilingual site.
func (s *Site) AllPages() Pages {
	if !s.IsMultiLingual() {
		return s.Pages
	}
	var all Pages
	for _, o := range s.sites {
		all = append(all, o.Pages...)
	}
	SortPages(all)
	return all
}

// DisqusShortname is "": Storyfront does not read Hugo's disqusShortname
// (it is listed as an ignored setting).
func (s *Site) DisqusShortname() string { return "" }

// GoogleAnalytics is "", as DisqusShortname.
func (s *Site) GoogleAnalytics() string { return "" }
