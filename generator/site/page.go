package site

import (
	"html/template"
	"strconv"
	"sync"
	"time"

	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/gitinfo"
)

// Page kinds, as .Kind gives them.
const (
	KindHome     = "home"
	KindSection  = "section"
	KindPage     = "page"
	KindTaxonomy = "taxonomy"
	KindTerm     = "term"
	Kind404      = "404"
)

// Page is what a page template gets as dot.
type Page struct {
	Kind        string
	Title       string
	LinkTitle   string
	Description string
	Summary     template.HTML
	// Truncated: the summary is shorter than the content (Hugo's .Truncated).
	Truncated       bool
	Content         template.HTML
	TableOfContents template.HTML
	Date            time.Time
	Lastmod         time.Time
	PublishDate     time.Time
	ExpiryDate      time.Time
	Keywords        []string
	Type            string // the type: of front matter, or the section
	Draft           bool
	Slug            string
	Section         string // the top folder under content/, "" for the home page and root pages
	Permalink       string // absolute URL
	RelPermalink    string // URL path, starting and ending with "/" for pages
	Tags            []string
	Image           string
	ImageAlt        string
	ImageFocus      []float64 // the image's focal point [x, y] in 0–1, nil for none
	Author          string
	Weight          int
	Layout          string
	Params          map[string]any
	WordCount       int
	ReadingTime     int // minutes, at least 1
	IsHome          bool
	IsPage          bool
	IsSection       bool
	File            *File           // the source file (Hugo's .File); nil for generated pages
	Sitemap         content.Sitemap // front matter sitemap: (.Sitemap.Disable)
	// GitInfo is the last commit of the page's file (Hugo's .GitInfo);
	// nil without enableGitInfo or for a file git does not track.
	GitInfo *gitinfo.Info

	Pages   Pages   // for lists: the pages listed
	Terms   []*Term // for the tags index
	Term    *Term   // for one tag's page
	Prev    *Page   // the previous (older) page in the section, or nil
	Next    *Page   // the next (newer) page in the section, or nil
	Related Pages   // up to 3 pages sharing a tag
	// Data is Hugo's .Data of taxonomy and term pages: Singular, Plural,
	// and Terms (the Taxonomy) or Term (the term's name).
	Data map[string]any
	// Resources are a bundle page's files (Hugo's page resources).
	Resources Resources
	Site      *Site

	// Source is the Markdown source, nil for generated pages.
	Source *content.Source
	// OutPath is the output file, relative to the output folder: "stories/x/index.html".
	OutPath string
	// Aliases are the front matter's aliases as written (Hugo's .Aliases);
	// AliasFiles the output files of the page's redirect pages.
	Aliases    []string
	AliasFiles []string
	// Dir is the content folder a section lists, or a bundle's folder for a
	// bundle page (relative to content/).
	Dir string
	// Bundle is the content folder of a bundle page, whose files are
	// published beside it; "" otherwise.
	Bundle string

	terms map[string][]*Term // the page's terms by taxonomy, for GetTerms
	// translations are the page in every language, itself included (set
	// by Link for a multilingual site).
	translations Pages
	// outputs are the files the page is rendered to (outputformats.go);
	// current is the one being rendered, nil for the first (HTML).
	outputs OutputFormats
	current *OutputFormat
	// origin is the list page a pager page is a copy of (Paginate), so
	// that the copies are that page in comparisons (.Sections, .Eq...);
	// pager is that pager page's part of the list (.Paginator).
	origin *Page
	pager  *Paginator
	// datedByPages: a Hugo list page without a date of its own, dated by
	// its newest page (hugoSectionPages); a term page is dated without it.
	datedByPages bool
}

// self is the page a pager page copies, or p itself.
func (p *Page) self() *Page {
	if p.origin != nil {
		return p.origin
	}
	return p
}

// JSONLD describes the page for search engines (schema.org JSON): the
// Organization on the home page, an Article for regular pages, a WebPage
// otherwise. It is made when a template asks for it.
func (p *Page) JSONLD() template.JS { return jsonLD(p.Site, p) }

// Term is one tag.
type Term struct {
	Name         string
	Slug         string
	RelPermalink string
	Permalink    string
	Count        int
	Pages        Pages
	// Page is the term's list page.
	Page *Page
}

// Paginator is one page of a paginated list.
type Paginator struct {
	Pages Pages
	// PageGroups are this pager page's groups when the list paginated is
	// page groups (.Paginate (.Pages.GroupByDate "2006")); its Pages are
	// then empty, as in Hugo.
	PageGroups PagesGroup
	PageNumber int
	TotalPages int // 0 for an empty list (which has one pager page), as in Hugo
	HasPrev    bool
	HasNext    bool
	// Prev, Next, First and Last are the pager pages around this one, as
	// Hugo's (.Prev.URL, .Prev.PageNumber); each prints as its URL, so
	// {{ with .Paginator.Prev }}<a href="{{ . }}">{{ end }} works too.
	// Prev and Next are nil at the ends.
	Prev, Next, First, Last *Pager
	PagerSize               int
	// URL is this pager page's URL; TotalNumberOfElements the length of
	// the whole list, NumberOfElements of this page's part.
	URL                                     string
	TotalNumberOfElements, NumberOfElements int
	base                                    string // the pager pages' folder ("page")
	// pagers holds .Pagers, made once for all the pager pages of one list
	// (nil: made at each call).
	pagers *pagerList
}

// pagerList is the pager pages of one paginated list, shared by its
// Paginators: made on the first call of .Pagers, so a pagination template
// that ranges over .Pagers on every pager page does not make n pagers n
// times.
type pagerList struct {
	once sync.Once
	list []*Pager
}

// PageSize is PagerSize, by Hugo's older name.
func (p *Paginator) PageSize() int { return p.PagerSize }

// Pagers are every pager page, first to last.
func (p *Paginator) Pagers() []*Pager {
	if p.pagers != nil {
		p.pagers.once.Do(func() { p.pagers.list = p.makePagers() })
		return p.pagers.list
	}
	return p.makePagers()
}

func (p *Paginator) makePagers() []*Pager {
	out := make([]*Pager, 0, max(p.TotalPages, 1))
	for n := 1; n <= max(p.TotalPages, 1); n++ {
		out = append(out, &Pager{PageNumber: n, URL: p.urlOf(n)})
	}
	return out
}

func (p *Paginator) urlOf(n int) string {
	switch {
	case n == p.PageNumber:
		return p.URL
	case p.First != nil && n == 1:
		return p.First.URL
	case p.Last != nil && n == p.TotalPages:
		return p.Last.URL
	}
	if p.First == nil || p.base == "" {
		return ""
	}
	return p.First.URL + p.base + "/" + strconv.Itoa(n) + "/"
}

// SamePager compares two pager pages, each a *Paginator or a *Pager: in
// Hugo both are one type, and .Paginator is the very pager that .Pagers,
// .First, .Prev, .Next and .Last list, so eq finds the current one (Stack's
// pagination partial: eq . $.Paginator). ok is false unless both are pager
// pages; a pager page is its URL and number.
func SamePager(a, b any) (same, ok bool) {
	ua, na, okA := pagerID(a)
	ub, nb, okB := pagerID(b)
	if !okA || !okB {
		return false, false
	}
	return ua == ub && na == nb, true
}

func pagerID(v any) (url string, n int, ok bool) {
	switch p := v.(type) {
	case *Paginator:
		if p != nil {
			return p.URL, p.PageNumber, true
		}
	case *Pager:
		if p != nil {
			return p.URL, p.PageNumber, true
		}
	}
	return "", 0, false
}

// Pager is one pager page as Paginator's links give it.
type Pager struct {
	PageNumber int
	URL        string
}

// String is the pager page's URL.
func (g *Pager) String() string {
	if g == nil {
		return ""
	}
	return g.URL
}

// Site is .Site in templates.
type Site struct {
	Title       string
	Description string
	// BaseURL is absolute, ending in "/"; a Hugo site's is as its config
	// writes it, which may be a path ("/", "/docs/") or "" (no baseURL).
	BaseURL string
	// Language is the site's language (Hugo's .Site.Language); it prints
	// as its code ("en").
	Language     *Language
	LanguageCode string // the language code ("en-us")
	Copyright    string
	Author       map[string]any // Hugo's site author (config author:)
	Brand        Brand
	Menus        map[string]Menu
	Sections     Pages
	RegularPages Pages   // newest first
	Tags         []*Term // by name
	// Taxonomies are every taxonomy's terms and their pages, by the
	// taxonomy's plural name (.Site.Taxonomies.tags), as in Hugo.
	Taxonomies map[string]Taxonomy
	Params     map[string]any
	// LeftOut are the Markdown files (relative to content/) this build
	// leaves out: drafts, future and expired pages. A leaf bundle's files
	// are published with its page, so not at all when it is left out.
	LeftOut []string `json:"-"`
	// RenderMarkdown converts Markdown for page p's .RenderString (set by
	// the renderer; a Hugo site's render hooks see p); block keeps a lone
	// paragraph's <p>.
	RenderMarkdown func(p *Page, src string, block bool) (template.HTML, error) `json:"-"`
	// Hugo is what the hugo function returns (.Site.Hugo, Hugo's older
	// name for it); set by the renderer.
	Hugo any `json:"-"`
	// Data is the data/ folder's files (Hugo's .Site.Data).
	Data   map[string]any
	Forms  map[string]*schema.Form
	config *config.Config // for .Site.Config, .Site.Author (siteconfig.go)
	Social map[string]string

	// Home is the home page; Taxonomy the tags index; NotFound the 404 page.
	Home, Taxonomy, NotFound *Page
	// Pages is every page, regular and list, sorted by OutPath.
	Pages Pages
	// unwritten are the regular pages listed but not written (_build
	// render: never or link): Unwritten.
	unwritten Pages
	// BasePath is the baseURL's path without its trailing slash ("" or "/blog").
	BasePath string
	// Endpoint is the capture endpoint forms post to, and Honeypot the
	// honeypot field's name.
	Endpoint, Honeypot string
	// TimeTrap is set when capture.minSeconds is: every form must then
	// render the _started field, or capture counts its posts as spam.
	TimeTrap bool
	// ShareImages makes the pages' share cards (set by the generator; nil
	// for none). See image.go.
	ShareImages ShareImages
	// Images makes the images templates ask for with .Resize, .Fill...
	// (set by the generator; nil for none). See image_resource.go.
	Images ImageMaker
	// Warnings are the problems found that do not stop the build.
	Warnings diag.Errors
	// Environment is the build's environment: "production" (the default
	// of storyfront build), "staging", "development" (storyfront serve)...
	Environment string
	production  bool
	// sectionsByDir are the section pages by content folder (set by Build).
	sectionsByDir map[string]*Page
	// hugo: the site was read from a Hugo config (Hugo's rules where
	// Storyfront's differ, as for .Related).
	hugo bool
	// state holds what templates store while they run (.Scratch).
	state *siteState
	// sites are every language's site of a multilingual site (Link), and
	// langDir this language's folder in the output and URLs ("fr"; "" for
	// the default language).
	sites   Sites
	langDir string
	// rootAlias and rootTarget: LanguageRootAlias.
	rootAlias, rootTarget string
	// TimeFormatter formats a time in the site's language (FormatTime);
	// set by the renderer, nil for Go's English names.
	TimeFormatter func(t time.Time, layout string) string `json:"-"`
	// RenderLayout runs a page's layout NAME (.Render); set by the renderer.
	RenderLayout func(p *Page, name string) (template.HTML, error) `json:"-"`
}

// IsProduction reports whether this build is the public site: its
// environment is "production" and its base URL is the production one
// (site.yaml's baseURL; a --base-url that differs from it is a preview or
// staging deploy). robots.txt disallows everything otherwise.
func (s *Site) IsProduction() bool { return s.production }

// Brand is .Site.Brand.
type Brand struct {
	Name    string
	Logo    string
	Tagline string
	Colors  map[string]string // the light palette, the theme's tokens included
	Dark    map[string]string // the dark palette; nil for scheme light
	Scheme  string            // "auto" (light and dark) or "light"
	Fonts   map[string]string
	Radius  string
	// CSSVars are the light palette, fonts and radius as CSS custom
	// properties ("--color-primary:#123456;--font-body:...;--radius:12px;"),
	// DarkCSSVars the dark palette's colours.
	CSSVars     template.CSS
	DarkCSSVars template.CSS
	FontFaces   []FontFace
}

// FontFace is a self-hosted font of brand.fontFaces.
type FontFace struct {
	Family, Src, Weight, Style string
	// Preload is true for the one face worth fetching early: the
	// heading's.
	Preload bool
}

// MenuItem is one entry of a menu.
type MenuItem struct {
	Name       string
	URL        string
	Weight     int
	Identifier string
	External   bool
	Parent     string // the Identifier (or Name) of the entry this one is under
	Pre, Post  template.HTML
	Title      string
	Params     map[string]any
	Page       *Page // the page the entry links to, nil for a URL
	Children   Menu  // the entries whose Parent is this one, sorted
}

// HasChildren reports whether the entry has entries under it.
func (m MenuItem) HasChildren() bool { return len(m.Children) > 0 }

// KeyName is the entry's Identifier, or its Name (Hugo's key).
func (m MenuItem) KeyName() string {
	if m.Identifier != "" {
		return m.Identifier
	}
	return m.Name
}
