package site

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/storyfront/storyfront/generator/brand"
	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/gitinfo"
)

// Options choose which pages a build includes.
type Options struct {
	Drafts  bool      // include draft pages
	Future  bool      // include pages dated after Now
	BaseURL string    // overrides site.yaml's baseURL when set
	Now     time.Time // the moment that separates future pages
	// Environment names the build's environment; "" is "production".
	Environment string
	// Palettes are the brand colours resolved against the theme's tokens
	// (generator/brand); nil uses brand.colors as they are.
	Palettes *brand.Palettes
	// Git is each file's last commit (enableGitInfo): .GitInfo and the
	// :git date; nil without git info.
	Git gitinfo.Map
}

// Production is the environment of a build for the public site.
const Production = "production"

// DefaultBaseURL is used when neither site.yaml nor the options give one.
const DefaultBaseURL = "http://localhost/"

// Build makes the site graph. Its error is a diag.Errors; the Site is
// usable for the pages without errors.
func Build(cfg *config.Config, tree *content.Tree, opts Options) (*Site, error) {
	b := &builder{cfg: cfg, opts: opts}
	s := b.site()
	tree = b.cascade(tree)
	b.pages(s, tree)
	b.sections(s)
	b.languageRoot(s)
	b.taxonomy(s)
	b.neighbours(s)
	b.menus(s)
	b.finish(s)
	b.outputs(s)
	return s, b.errs.Err()
}

type builder struct {
	cfg  *config.Config
	opts Options
	errs diag.List
	// tagPages are the pages of content/<taxonomy>/_index.md and
	// content/<taxonomy>/<term>/_index.md by folder: they give a taxonomy's
	// and a term's page their title, text and front matter.
	tagPages map[string]*Page
	// cascader hands cascade front matter down (cascade.go); nil when the
	// site has none.
	cascader *content.Cascade
	// local are the pages whose _build list is local: in their section's
	// .Pages only. listed is them and the site's regular pages, sorted.
	local, listed []*Page
	// unwritten are the sections whose _index.md says _build render never
	// or link: in the section tree, not written.
	unwritten []*Page
}

// TaxonomyDir is the folder of the tags pages, under content/ and in URLs.
const TaxonomyDir = "tags"

// taxonomyOf returns the taxonomy (plural name) whose pages content/<dir>/
// holds: "tags" for tags/ and tags/<term>/; "" for other folders.
func (b *builder) taxonomyOf(dir string) string {
	top, rest, _ := strings.Cut(dir, "/")
	if strings.Contains(rest, "/") {
		return ""
	}
	for _, plural := range b.cfg.Taxonomies {
		if plural == top {
			return plural
		}
	}
	return ""
}

func (b *builder) site() *Site {
	cfg := b.cfg
	base := cfg.BaseURL
	if b.opts.BaseURL != "" {
		base = b.opts.BaseURL
	}
	if base == "" && !cfg.FromHugo() {
		base = DefaultBaseURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	basePath := ""
	if u, err := url.Parse(base); err == nil {
		basePath = strings.TrimSuffix(u.Path, "/")
	}
	if cfg.FromHugo() && cfg.CanonifyURLs {
		// Hugo's canonifyURLs: relative URLs leave out the baseURL's
		// path; the written page gets the whole baseURL in front of them.
		basePath = ""
	}
	s := &Site{
		Title: cfg.Title, Description: cfg.Description, BaseURL: base, Language: NewLanguage(cfg.Language), LanguageCode: cfg.Language,
		Copyright: cfg.Copyright, Author: cfg.Author, Params: cfg.Params, Forms: cfg.Forms, Social: cfg.Social,
		BasePath: basePath, Endpoint: strings.TrimSuffix(cfg.Capture.Endpoint, "/"), Honeypot: cfg.Capture.Honeypot,
		TimeTrap: cfg.Capture.MinSeconds > 0,
		Brand:    newBrand(cfg.Brand, b.opts.Palettes),
	}
	if s.Params == nil {
		s.Params = map[string]any{}
	}
	if cfg.FromHugo() {
		s.Params = FoldParams(s.Params)
	}
	if cfg.FromHugo() {
		// Hugo's .Site.BaseURL is the baseURL as written, trailing slash
		// or not (URLs are made the same either way). A path ("/",
		// "/docs/") or none ("") makes every URL root-relative, as hugo
		// 0.111.3 makes them: .Permalink is .RelPermalink.
		s.BaseURL = cmp.Or(b.opts.BaseURL, cfg.BaseURL)
	}
	s.config = cfg
	s.state = newSiteState()
	s.hugo = cfg.FromHugo()
	if s.hugo {
		s.Language = hugoLanguage(cmp.Or(cfg.LanguageKey, cfg.DefaultContentLanguage), cfg.LanguageCode)
		s.Language.LanguageName, s.Language.LanguageDirection = cfg.LanguageName, cfg.LanguageDirection
		s.Language.Weight = cfg.LanguageWeight
		s.Language.Params = s.Params
		s.Language.setting = cfg.HugoSetting
		s.LanguageCode = cfg.LanguageCode
		s.langDir = cfg.LanguageDir()
	}
	s.Environment = cmp.Or(b.opts.Environment, Production)
	s.production = s.Environment == Production &&
		(cfg.BaseURL == "" || b.opts.BaseURL == "" || sameBase(cfg.BaseURL, b.opts.BaseURL))
	return s
}

// sameBase compares two base URLs, ignoring a trailing slash.
func sameBase(a, b string) bool {
	return strings.TrimSuffix(a, "/") == strings.TrimSuffix(b, "/")
}

// newBrand is .Site.Brand: site.yaml's brand, with the colours resolved
// against the theme's tokens when pal is given.
func newBrand(br config.Brand, pal *brand.Palettes) Brand {
	out := Brand{Name: br.Name, Logo: br.Logo, Tagline: br.Tagline, Colors: br.Colors, Fonts: br.Fonts,
		Radius: br.Radius, Scheme: cmp.Or(br.Scheme, brand.SchemeAuto)}
	if pal != nil {
		out.Colors, out.Dark = pal.Light, pal.Dark
	}
	if out.Dark == nil {
		out.Scheme = brand.SchemeLight
	}
	var b strings.Builder
	cssProps(&b, "color", out.Colors)
	cssProps(&b, "font", br.Fonts)
	if br.Radius != "" {
		b.WriteString("--radius:" + br.Radius + ";")
	}
	out.CSSVars = template.CSS(b.String())
	b.Reset()
	cssProps(&b, "color", out.Dark)
	out.DarkCSSVars = template.CSS(b.String())
	heading := br.HeadingFamily()
	preloaded := false
	for _, f := range br.FontFaces {
		ff := FontFace{Family: f.Family, Src: f.Src, Weight: cmp.Or(f.Weight, "400"), Style: cmp.Or(f.Style, "normal")}
		// One file is preloaded: the heading's face (its boldest normal
		// one comes first in most brand kits; the first listed wins).
		if !preloaded && heading != "" && strings.EqualFold(f.Family, heading) && ff.Style == "normal" {
			ff.Preload, preloaded = true, true
		}
		out.FontFaces = append(out.FontFaces, ff)
	}
	return out
}

// cssProps writes m as CSS custom properties --prefix-name:value;, sorted
// by name. Values that could break out of a declaration are dropped.
func cssProps(b *strings.Builder, prefix string, m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := m[k]
		if strings.ContainsAny(k+v, ";{}<>\\") || strings.Contains(v, "/*") {
			continue
		}
		fmt.Fprintf(b, "--%s-%s:%s;", prefix, Urlize(k), v)
	}
}

// url returns the absolute URL of a URL path.
func (s *Site) url(p string) string {
	return strings.TrimSuffix(s.BaseURL, "/") + strings.TrimPrefix(p, s.BasePath)
}

// place puts a page at output file out with URL path u (without base
// path), in its language's folder.
func (s *Site) place(p *Page, out, u string) {
	if s.langDir != "" {
		// A language's pages live in its folder (/fr/...).
		out, u = s.langDir+"/"+out, "/"+s.langDir+u
	}
	s.placeRoot(p, out, u)
}

// placeURL puts a page whose front matter sets url (raw, which cleanURL
// made out and u) there. In a Hugo site a url from the root ("/x/") is
// not put in the language's folder, as hugo 0.111.3 does; one without a
// leading slash ("x/") is.
func (s *Site) placeURL(p *Page, raw, out, u string) {
	if s.hugo && strings.HasPrefix(raw, "/") {
		s.placeRoot(p, out, u)
		return
	}
	s.place(p, out, u)
}

// placeRoot puts a page at out and u as they are.
func (s *Site) placeRoot(p *Page, out, u string) {
	p.OutPath = out
	u = escapeURL(u)
	p.RelPermalink = s.BasePath + u
	p.Permalink = strings.TrimSuffix(s.BaseURL, "/") + u
	p.Site = s
}

func (b *builder) pages(s *Site, tree *content.Tree) {
	now := b.opts.Now
	for _, src := range tree.Sources {
		fm := &src.Front
		if !b.cfg.FromHugo() {
			// hugo 0.111.3 reads a date it cannot parse as unset, silently:
			// a Hugo site gets a warning (Builder.warnings), ours stops.
			for _, e := range fm.BadDates {
				b.errs.Add(src.Path, e)
			}
		}
		if fm.Draft && !b.opts.Drafts && !b.cfg.Build.Drafts {
			s.LeftOut = append(s.LeftOut, src.Rel)
			continue
		}
		d := b.dates(src)
		future := b.opts.Future || b.cfg.Build.Future
		if !future && (!d.publish.IsZero() && d.publish.After(now) || d.publish.IsZero() && !d.date.IsZero() && d.date.After(now)) {
			s.LeftOut = append(s.LeftOut, src.Rel)
			continue
		}
		if !b.cfg.Build.Expired && !d.expiry.IsZero() && !d.expiry.After(now) {
			s.LeftOut = append(s.LeftOut, src.Rel)
			continue
		}
		p := &Page{
			Title: fm.Title, LinkTitle: fm.LinkTitle, Description: fm.Description, Date: d.date, Lastmod: d.lastmod,
			PublishDate: d.publish, ExpiryDate: d.expiry, Keywords: fm.Keywords, Type: fm.Type,
			Draft: fm.Draft, Slug: fm.Slug, Tags: fm.Tags, Image: fm.Image, ImageAlt: fm.ImageAlt, ImageFocus: fm.ImageFocus,
			Author: fm.Author, Weight: fm.Weight, Layout: fm.Layout, Params: fm.Params,
			Source: src, Dir: src.Dir, Sitemap: fm.Sitemap, GitInfo: b.opts.Git[src.Path],
		}
		p.File = newFile(p)
		if p.Params == nil {
			p.Params = map[string]any{}
		}
		if b.cfg.FromHugo() {
			p.Params = FoldParams(hugoParams(fm, p.Params, d))
		}
		if p.Lastmod.IsZero() {
			p.Lastmod = p.Date
		}
		if p.LinkTitle == "" {
			p.LinkTitle = p.Title
		}
		if i := strings.IndexByte(src.Dir, '/'); i >= 0 {
			p.Section = src.Dir[:i]
		} else {
			p.Section = src.Dir
		}
		if p.Type == "" {
			p.Type = p.Section
		}
		slug := fm.Slug
		if slug == "" {
			slug = d.slug
		}
		var out, u string
		switch src.Kind {
		case content.KindHome:
			p.Kind, p.IsHome = KindHome, true
			out, u = "index.html", "/"
			p.Section = ""
			s.Home = p
		case content.KindSection:
			p.Kind, p.IsSection = KindSection, true
			out, u = b.listPlace(b.dirPath(src.Dir))
		default:
			p.Kind, p.IsPage = KindPage, true
			if src.Bundle {
				// The bundle's folder under content/ (below the language's
				// own content folder when it has one).
				p.Bundle = path.Join(src.Root, src.Dir, src.Name)
			}
			if slug != "" {
				if err := checkSlug(slug); err != nil {
					b.errs.Add(src.Path, b.at(src, "slug", "%v", err))
					continue
				}
			}
			u = b.pageURL(src, p, slug)
			if p.Slug == "" {
				p.Slug = slug
				if p.Slug == "" {
					p.Slug = src.Name
				}
			}
			out, u = outOf(u)
			if b.cfg.Ugly(p.Section) && strings.HasSuffix(u, "/") {
				u = strings.TrimSuffix(u, "/") + ".html"
				out = u[1:]
			}
		}
		if fm.URL != "" {
			o, cu, err := cleanURL(fm.URL)
			if err != nil {
				b.errs.Add(src.Path, b.at(src, "url", "url %v", err))
				continue
			}
			out, u = o, cu
		}
		if p.Title == "" {
			switch {
			case b.cfg.FromHugo():
				// Hugo leaves a file's page without a title untitled, the
				// home page's _index.md too (only a home page or a section
				// without _index.md gets the site's title or its name).
			case p.IsHome:
				p.Title = s.Title
			case p.IsSection && b.cfg.HugoURLs():
				p.Title = titleWords(pluralize(src.Name))
			default:
				p.Title = humanize(src.Name)
			}
		}
		if fm.URL != "" {
			s.placeURL(p, fm.URL, out, u)
		} else {
			s.place(p, out, u)
		}
		p.Image = bundleImage(s, p, tree.Files)
		p.Aliases = fm.Aliases
		for _, a := range fm.Aliases {
			if b.cfg.FromHugo() {
				// Hugo reads a relative alias from the folder that holds
				// the page's own folder (../x/ of /docs/a/b/ is /docs/x/;
				// in a language's folder: rel of /fr/posts/a/ is
				// /fr/posts/rel/), and cleans the path (/../x/ is /x/).
				base := "/"
				if !strings.HasPrefix(a, "/") {
					base = path.Dir(strings.TrimSuffix("/"+strings.TrimSuffix(p.OutPath, "index.html"), "/"))
				}
				// Only a name ending in .html is a file; any other is a
				// folder with an index.html.
				if a = path.Join(base, a); !strings.HasSuffix(a, ".html") && a != "/" {
					a += "/"
				}
			}
			o, _, err := cleanURL(a)
			if err != nil {
				b.errs.Add(src.Path, b.at(src, "aliases", "alias %v", err))
				continue
			}
			p.AliasFiles = append(p.AliasFiles, o)
		}
		if tax := b.taxonomyOf(src.Dir); src.Kind == content.KindSection && tax != "" {
			// Not a section: a taxonomy's or a term's own page, which
			// taxonomy places (in a Hugo site at its url when it has one,
			// as hugo 0.111.3; Storyfront's own sites keep them in place).
			if fm.URL != "" && !b.cfg.FromHugo() {
				b.errs.Add(src.Path, b.at(src, "url", "url: the %s pages live at /%s/ and /%s/<term>/", tax, tax, tax))
			}
			if b.tagPages == nil {
				b.tagPages = map[string]*Page{}
			}
			b.tagPages[src.Dir] = p
			continue
		}
		// Hugo's build: options and headless bundles: a page may be listed
		// without being written, or written without being listed.
		render := fm.Build.Render != "never" && fm.Build.Render != "link" && !fm.Headless
		list := fm.Build.List != "never" && !fm.Headless
		if p.IsPage && b.cfg.KindDisabled(KindPage) {
			continue // Hugo's disableKinds: no regular pages at all
		}
		switch {
		case p.IsPage && list && fm.Build.List == "local":
			// Listed by its section only, not in .Site.RegularPages.
			b.local = append(b.local, p)
		case p.IsPage && list:
			s.RegularPages = append(s.RegularPages, p)
		}
		if fm.Build.Render == "never" {
			p.Permalink, p.RelPermalink = "", "" // Hugo gives such a page no URL
		}
		switch {
		case render:
			s.Pages = append(s.Pages, p)
		case p.IsPage && list:
			s.unwritten = append(s.unwritten, p)
		case p.IsSection && list:
			// Not written, but a section still: in .Sections, with its pages.
			b.unwritten = append(b.unwritten, p)
		}
	}
	SortPages(s.RegularPages)
	b.listed = s.RegularPages
	if len(b.local) > 0 {
		b.listed = append(append([]*Page(nil), s.RegularPages...), b.local...)
		SortPages(b.listed)
	}
}

// hugoParams returns params with the front matter's own keys added, lower
// case, as Hugo's .Params has them (.Params.date, .Params.author...).
func hugoParams(fm *content.FrontMatter, params map[string]any, d pageDates) map[string]any {
	out := make(map[string]any, len(params)+8)
	set := func(k string, v any, present bool) {
		if present {
			out[k] = v
		}
	}
	set("title", fm.Title, fm.Title != "")
	set("linktitle", fm.LinkTitle, fm.LinkTitle != "")
	set("description", fm.Description, fm.Description != "")
	set("summary", fm.Summary, fm.Summary != "")
	// Each date Hugo's frontmatter rules find is a param too (the lastmod
	// of a page that sets only date is its date), as in hugo 0.111.3.
	set("date", d.date, !d.date.IsZero())
	set("lastmod", d.lastmod, !d.lastmod.IsZero())
	set("publishdate", d.publish, !d.publish.IsZero())
	set("expirydate", d.expiry, !d.expiry.IsZero())
	set("draft", fm.Draft, fm.Draft)
	set("weight", fm.Weight, fm.Weight != 0)
	set("slug", fm.Slug, fm.Slug != "")
	set("url", fm.URL, fm.URL != "")
	set("type", fm.Type, fm.Type != "")
	set("layout", fm.Layout, fm.Layout != "")
	set("author", fm.Author, fm.Author != "")
	set("image", fm.Image, fm.Image != "")
	set("aliases", fm.Aliases, fm.Aliases != nil)
	set("keywords", fm.Keywords, fm.Keywords != nil)
	set("tags", fm.Tags, fm.Tags != nil)
	set("categories", fm.Categories, fm.Categories != nil)
	for k, v := range params {
		out[k] = v
	}
	return out
}

// dirPath is a content folder's URL path: Hugo's rules make it lower
// case and URL-safe.
func (b *builder) dirPath(dir string) string {
	if !b.cfg.HugoURLs() {
		return dir
	}
	return HugoPath(dir, !b.cfg.DisablePathToLower)
}

// pageURL is a regular page's URL path before url: and uglyURLs: its
// section's permalinks pattern, or its folder and slug (or file name).
func (b *builder) pageURL(src *content.Source, p *Page, slug string) string {
	name := src.Name
	if slug != "" {
		name = slug
	}
	if !b.cfg.HugoURLs() {
		return "/" + path.Join(src.Dir, name) + "/"
	}
	lower := !b.cfg.DisablePathToLower
	if pattern, ok := b.cfg.Permalinks[p.Section]; ok && p.Section != "" {
		pp := permalinkPage{date: p.Date, dir: src.Dir, name: src.Name, title: p.Title, slug: slug, lower: lower, contentB: src.Name}
		return pp.expand(pattern)
	}
	return "/" + path.Join(HugoPath(src.Dir, lower), HugoPath(name, lower)) + "/"
}

// at locates an error at a front matter key of src, or at its first line.
func (b *builder) at(src *content.Source, key, format string, args ...any) *diag.Error {
	line, col := FrontMatterLine(src, key)
	return diag.Errorf(src.Path, line, col, format, args...)
}

// FrontMatterLine finds the line of a top-level front matter key by a
// plain scan ("key:" or "key =" at the start of a line); 1, 1 if absent.
func FrontMatterLine(src *content.Source, key string) (int, int) {
	return content.KeyLine(src, key)
}

func humanize(name string) string {
	name = strings.NewReplacer("-", " ", "_", " ").Replace(name)
	if name == "" {
		return name
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

// sections makes a list page for every top folder (and every nested folder
// with an _index.md) and fills their Pages.
func (b *builder) sections(s *Site) {
	byDir := map[string]*Page{}
	for _, p := range s.Pages {
		if p.IsSection {
			byDir[p.Dir] = p
		}
	}
	for _, p := range b.unwritten {
		byDir[p.Dir] = p
	}
	for _, p := range b.listed {
		if p.Section != "" && byDir[p.Section] == nil {
			title := humanize(p.Section)
			if b.cfg.HugoURLs() {
				title = titleWords(pluralize(p.Section))
			}
			sec := &Page{Kind: KindSection, IsSection: true, Title: title, LinkTitle: title, Section: p.Section,
				Type: p.Section, Dir: p.Section, Params: b.cascadeParams(map[string]any{}, p.Section, KindSection)}
			out, u := b.listPlace(b.dirPath(p.Section))
			s.place(sec, out, u)
			byDir[p.Section] = sec
			s.Pages = append(s.Pages, sec)
		}
	}
	if s.Home == nil {
		s.Home = &Page{Kind: KindHome, IsHome: true, Title: s.Title, LinkTitle: s.Title, Params: b.cascadeParams(map[string]any{}, "", KindHome)}
		s.place(s.Home, "index.html", "/")
		s.Pages = append(s.Pages, s.Home)
	}
	s.Home.Description = firstNonEmpty(s.Home.Description, s.Description)
	for _, p := range b.listed {
		for dir := p.Dir; dir != ""; dir = parentDir(dir) {
			if sec := byDir[dir]; sec != nil {
				sec.Pages = append(sec.Pages, p)
			}
		}
		if p.Dir == "" {
			s.Home.Pages = append(s.Home.Pages, p)
		}
	}
	// hugo 0.111.3 dates a section by its pages only when it has no date
	// of its own at all (no date, lastmod, git lastmod, publishDate or
	// expiryDate).
	undated := map[*Page]bool{}
	for _, sec := range byDir {
		undated[sec] = sec.Date.IsZero() && sec.Lastmod.IsZero() && sec.PublishDate.IsZero() && sec.ExpiryDate.IsZero()
	}
	for _, sec := range byDir {
		if !strings.Contains(sec.Dir, "/") {
			s.Sections = append(s.Sections, sec)
		}
		if sec.Lastmod.IsZero() && len(sec.Pages) > 0 {
			sec.Lastmod = newest(sec.Pages)
		}
	}
	SortPages(s.Sections)
	s.Home.Pages = append(append([]*Page(nil), s.Sections...), s.Home.Pages...)
	if s.Home.Lastmod.IsZero() {
		s.Home.Lastmod = newest(s.RegularPages)
		if b.cfg.FromHugo() {
			// hugo 0.111.3 dates the home page by its sections only: a
			// site of root pages has an undated home.
			s.Home.Lastmod = newest(s.Sections)
		}
	}
	if b.cfg.FromHugo() {
		hugoSectionPages(s, b.listed, byDir, undated)
	}
	s.sectionsByDir = byDir
	setMainSections(s, b.cfg.FromHugo())
}

// setMainSections gives .Site.Params.mainSections Hugo's default when the
// config has none: the top section with the most regular pages.
func setMainSections(s *Site, lower bool) {
	for k := range s.Params {
		if strings.EqualFold(k, "mainSections") {
			return
		}
	}
	counts := map[string]int{}
	for _, p := range s.RegularPages {
		if p.Section != "" {
			counts[p.Section]++
		}
	}
	best := ""
	for sec, n := range counts {
		if n > counts[best] || n == counts[best] && sec < best {
			best = sec
		}
	}
	params := make(map[string]any, len(s.Params)+1)
	for k, v := range s.Params {
		params[k] = v
	}
	v := []any{}
	if best != "" {
		v = []any{best}
	}
	params["mainSections"] = v
	if lower {
		params["mainsections"] = v // as FoldParams holds keys
	}
	s.Params = params
}

// MainSections is .Site.Params.mainSections as a list of section names.
func (s *Site) MainSections() []string {
	var out []string
	for k, v := range s.Params {
		if strings.EqualFold(k, "mainSections") {
			if l, ok := v.([]any); ok {
				for _, x := range l {
					out = append(out, fmt.Sprint(x))
				}
			}
			if l, ok := v.([]string); ok {
				out = append(out, l...)
			}
		}
	}
	return out
}

// hugoSectionPages gives each section Hugo's .Pages: its own listed pages
// (those whose nearest section it is) and its direct sub-sections, sorted
// as lists are, a section without dates of its own (undated) dated by its
// newest page. The home page lists the top sections and the root pages,
// sorted the same way.
func hugoSectionPages(s *Site, listed []*Page, byDir map[string]*Page, undated map[*Page]bool) {
	nearest := func(dir string) *Page {
		for ; dir != ""; dir = parentDir(dir) {
			if sec := byDir[dir]; sec != nil {
				return sec
			}
		}
		return nil
	}
	dirs := make([]string, 0, len(byDir))
	for d, sec := range byDir {
		dirs = append(dirs, d)
		sec.Pages = nil
	}
	sort.Strings(dirs)
	for _, p := range listed {
		if sec := nearest(p.Dir); sec != nil {
			sec.Pages = append(sec.Pages, p)
		}
		for dir := p.Dir; dir != ""; dir = parentDir(dir) {
			sec := byDir[dir]
			if sec != nil && undated[sec] && p.Date.After(sec.Date) {
				sec.Date, sec.datedByPages = p.Date, true
			}
		}
	}
	for _, d := range dirs {
		if parent := nearest(parentDir(d)); parent != nil {
			parent.Pages = append(parent.Pages, byDir[d])
		}
	}
	for _, sec := range byDir {
		SortPages(sec.Pages)
	}
	SortPages(s.Sections) // now dated by their pages, as Hugo sorts them
	SortPages(s.Home.Pages)
	if s.Home.Date.IsZero() {
		// Hugo dates the home page by its newest section (its feed's
		// lastBuildDate); root pages do not count.
		s.Home.Date = newestDate(s.Sections)
		s.Home.datedByPages = !s.Home.Date.IsZero()
	}
}

func parentDir(dir string) string {
	if i := strings.LastIndexByte(dir, '/'); i >= 0 {
		return dir[:i]
	}
	return ""
}

func newest(ps []*Page) time.Time {
	var t time.Time
	for _, p := range ps {
		if p.Lastmod.After(t) {
			t = p.Lastmod
		}
	}
	return t
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// neighbours sets Prev/Next within each section and Related pages.
func (b *builder) neighbours(s *Site) {
	for _, sec := range s.Sections {
		for i, p := range sec.Pages {
			if p.Section != sec.Section || !p.IsPage {
				continue
			}
			if i+1 < len(sec.Pages) {
				p.Prev = sec.Pages[i+1]
			}
			if i > 0 {
				p.Next = sec.Pages[i-1]
			}
		}
	}
	related(s)
}

func (b *builder) finish(s *Site) {
	sort.Slice(s.Pages, func(i, j int) bool { return s.Pages[i].OutPath < s.Pages[j].OutPath })
	if s.hugo {
		// .Site.Pages in Hugo's default order (weight, newest first, link
		// title), the lists' dates being their newest page's.
		SortPages(s.Pages)
	}
	for _, p := range s.Pages {
		if p.ReadingTime < 1 && !s.hugo {
			p.ReadingTime = 1 // Hugo's is 0 for a page without words
		}
		if p.Type == "" && s.hugo {
			p.Type = "page" // Hugo's type of the home page and root pages
		}
		if s.hugo {
			// The site's sitemap: setting under the front matter's.
			p.Sitemap.ChangeFreq = cmp.Or(p.Sitemap.ChangeFreq, b.cfg.Sitemap.ChangeFreq)
			if !p.Sitemap.HasPriority {
				p.Sitemap.Priority = -1 // Hugo's "none"
				if b.cfg.Sitemap.Priority != nil {
					p.Sitemap.Priority = *b.cfg.Sitemap.Priority
				}
			}
		}
		if s.hugo && !p.IsPage {
			// Hugo's older name of a list's pages, still in many layouts.
			if p.Data == nil {
				p.Data = map[string]any{}
			}
			p.Data["Pages"] = p.Pages
		}
	}
}
