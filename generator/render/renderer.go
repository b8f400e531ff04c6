package render

import (
	"bytes"
	"html/template"
	"io"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/markdown"
	"github.com/storyfront/storyfront/generator/site"
)

// Options tune a Renderer.
type Options struct {
	// UnhashedAssets publishes assets under their own names, without a
	// content hash or SRI, so an asset edit changes only that asset.
	UnhashedAssets bool
	// Metrics: gather TemplateStats (storyfront build --profile).
	Metrics bool
	// Highlighter highlights code blocks; a builder passes the same one to
	// each renderer it makes so its cache outlives template and config
	// changes. Nil: the renderer makes its own.
	Highlighter *markdown.Highlighter
}

const baseofName = "_default/baseof.html"

// Layout is a compiled page template.
type Layout struct {
	Name string // "_default/single.html"
	File string // relative to the site folder
	tmpl *template.Template
	// UsesPaginator: the layout (or its baseof or a partial they call)
	// mentions .Paginator, so its list is split into pager pages.
	UsesPaginator bool
	// SiteWide: it reads site-wide page lists (.Site.RegularPages,
	// .Site.Sections, .Site.Tags), so it depends on every page.
	SiteWide bool
	// Broken: it failed to parse (that error is reported once, by New).
	Broken bool
	// What of other pages it may show: their text (Content, Summary,
	// TableOfContents, WordCount, ReadingTime of a page reached from the
	// rendered one, or all of a page through jsonify), their neighbours, related pages, the whole list (.Pages;
	// .Paginator.Pages alone shows only the pager page's part). Each is
	// true when the identifier appears in the layout, its baseof or any
	// partial: a safe overestimate that keeps rebuilds small.
	UsesContent, UsesNeighbours, UsesRelated, UsesPages bool
	// UsesTerm: it mentions .Term, whose Count shows how many pages the
	// list has (which ones, through .Term.Pages, is UsesPages).
	UsesTerm bool
	// SiteText: it shows the text of pages reached through site-wide lists
	// (.Site.RegularPages...), so a text edit anywhere renders it again.
	// A site-wide layout without it (say, one that only lists tag names)
	// is rendered again only when a page's front matter changes.
	SiteText bool
}

// Renderer holds a site's compiled templates.
type Renderer struct {
	siteDir  string
	cfg      *config.Config
	opts     Options
	layouts  map[string]*layoutFile
	pages    map[string]*Layout
	partials *template.Template
	// partialIdents are the identifiers the partials mention, all
	// together and by partial (name without .html).
	partialIdents idents
	partialByName map[string]idents
	site          *site.Site
	outputs       map[string]*OutputTemplate // the site's and theme's feed, sitemap and robots templates
	builtins      map[string]*OutputTemplate // their embedded defaults
	pictures      Pictures                   // processed images (images.go)
	assets        *assets
	minifier      *minifier
	mdPool        sync.Pool
	cached        partialCache // partialCached's outputs (partialcached.go)
	bufPool       sync.Pool
	hasHooks      bool // the site or theme has render hooks
	mdOpts        markdown.Options
	metrics       *metrics // nil unless Options.Metrics
}

// New loads and parses the theme's and site's templates. Its error is a
// diag.Errors with every template that fails to parse.
func New(siteDir string, cfg *config.Config, opts Options) (*Renderer, error) {
	layouts, err := loadLayouts(siteDir, cfg)
	if err != nil {
		return nil, err
	}
	r := &Renderer{siteDir: siteDir, cfg: cfg, opts: opts, layouts: layouts, pages: map[string]*Layout{}}
	if opts.Metrics {
		r.metrics = &metrics{stats: map[string]*TemplateStat{}}
	}
	r.assets = newAssets(r)
	r.minifier = newMinifier(cfg.Minify)
	r.mdOpts = markdownOptions(cfg)
	r.mdOpts.Highlighter = opts.Highlighter
	if r.mdOpts.Highlighter == nil {
		r.mdOpts.Highlighter = markdown.NewHighlighter(markdown.DefaultHighlightCache)
	}
	r.mdPool.New = func() any { return markdown.NewConverter(r.mdOpts) }
	r.bufPool.New = func() any { return new(bytes.Buffer) }
	var errs diag.List
	funcs := r.funcMap()
	r.partials = template.New("").Funcs(funcs)
	r.partialIdents = idents{}
	r.partialByName = map[string]idents{}
	for _, name := range sortedNames(layouts) {
		l := layouts[name]
		if !isHelperTemplate(name) {
			continue
		}
		if strings.Contains(name, "/"+markupDir) {
			r.hasHooks = true
		}
		t, err := r.partials.New(name).Parse(l.src)
		if err != nil {
			errs.Add(l.file, r.templateError(l.file, err))
			continue
		}
		if !strings.HasPrefix(name, "partials/") {
			continue
		}
		r.partialIdents.add(t.Tree)
		own := idents{}
		own.add(t.Tree)
		r.partialByName[strings.TrimSuffix(strings.TrimPrefix(name, "partials/"), ".html")] = own
	}
	if cfg.FromHugo() {
		for _, t := range r.partials.Templates() {
			lowerParamsKeys(t.Tree)
		}
	}
	base := layouts[baseofName]
	for _, name := range sortedNames(layouts) {
		l := layouts[name]
		if isHelperTemplate(name) || name == baseofName || !strings.HasSuffix(name, ".html") {
			continue
		}
		lay, err := r.compile(l, base, funcs)
		if err != nil {
			errs.Add(l.file, err)
			lay = &Layout{Name: name, File: l.file, Broken: true}
		}
		r.pages[name] = lay
	}
	r.compileOutputs(funcs, &errs)
	// With errors, the renderer is still usable for the layouts that parsed,
	// so a build can report the errors of the rest of the site too.
	return r, errs.Err()
}

func (r *Renderer) compile(l, base *layoutFile, funcs template.FuncMap) (*Layout, error) {
	var t *template.Template
	var err error
	ids := idents{}
	if base != nil {
		t, err = template.New(baseofName).Funcs(funcs).Parse(base.src)
		if err != nil {
			return nil, r.templateError(base.file, err)
		}
	} else {
		t = template.New(l.name).Funcs(funcs)
	}
	entry := t
	if base != nil {
		entry = t.New(l.name)
	}
	if _, err := entry.Parse(l.src); err != nil {
		return nil, r.templateError(l.file, err)
	}
	exec := entry
	if base != nil && parse.IsEmptyTree(entry.Tree.Root) {
		exec = t.Lookup(baseofName)
	}
	for _, tt := range t.Templates() {
		if tt.Tree != nil {
			ids.add(tt.Tree)
			if r.cfg.FromHugo() {
				lowerParamsKeys(tt.Tree)
			}
		}
	}
	multihop := ids.hopCalls(r.partialByName)
	// Pager pages are outputs: only the partials this layout calls count,
	// not every partial of the theme.
	paginated := ids.reaches("Paginator", r.partialByName)
	for k := range r.partialIdents {
		if !strings.HasPrefix(k, "hopcall:") && !strings.HasPrefix(k, "sitecall:") {
			ids[k] = true
		}
	}
	// Partials calling partials on hopped pages: decided over all partials.
	if r.partialIdents.hopCalls(r.partialByName) {
		multihop = true
	}
	return &Layout{Name: l.name, File: l.file, tmpl: exec,
		UsesPaginator: paginated, SiteWide: ids.siteWide() || multihop,
		UsesContent:    ids.showsText(r.partialByName) || r.partialIdents.showsText(r.partialByName),
		UsesNeighbours: ids["Prev"] || ids["Next"],
		UsesRelated:    ids["Related"],
		// .Term alone (its name, count, URL) shows the list's membership,
		// not its pages: only .Pages, .Terms or jsonify reach them (index
		// does not take a struct's fields).
		UsesPages: ids["Pages"] || ids["Terms"] || (ids["Term"] && ids["fn:jsonify"]),
		UsesTerm:  ids["Term"],
		SiteText:  ids.showsSiteText(r.partialByName) || r.partialIdents.showsSiteText(r.partialByName),
	}, nil
}

// SetSite gives the renderer the site graph the next executions see.
func (r *Renderer) SetSite(s *site.Site) {
	r.site = s
	if s != nil {
		s.RenderMarkdown = func(src string, block bool) (template.HTML, error) {
			if block {
				return r.renderBlock(src)
			}
			return r.markdownify(src)
		}
	}
}

// ResetAssets forgets published assets, after an asset file changed.
func (r *Renderer) ResetAssets() { r.assets = newAssets(r) }

// Lookup returns the layout for p (which may be Broken), trying (for a page in section S with
// front matter layout L) S/L.html, _default/L.html, S/single.html,
// _default/single.html; for lists S/list.html, _default/list.html; for the
// home page index.html first; for tags _default/terms.html or
// _default/term.html first; for the 404 page 404.html only.
func (r *Renderer) Lookup(p *site.Page) (*Layout, []string) {
	tried := Candidates(p)
	for _, name := range tried {
		if l := r.pages[name]; l != nil {
			return l, tried
		}
	}
	return nil, tried
}

// Candidates lists the layouts Lookup tries for p, in order.
func Candidates(p *site.Page) []string {
	var c []string
	sec := p.Section
	if p.Layout != "" {
		if sec != "" {
			c = append(c, sec+"/"+p.Layout+".html")
		}
		c = append(c, "_default/"+p.Layout+".html")
	}
	switch p.Kind {
	case site.KindHome:
		c = append(c, "index.html", "_default/list.html")
	case site.KindSection:
		if sec != "" {
			c = append(c, sec+"/list.html")
		}
		c = append(c, "_default/list.html")
	case site.KindTaxonomy:
		c = append(c, "_default/terms.html", "_default/list.html")
	case site.KindTerm:
		c = append(c, "_default/term.html", "_default/list.html")
	case site.Kind404:
		c = append(c, "404.html")
	default:
		if sec != "" {
			c = append(c, sec+"/single.html")
		}
		c = append(c, "_default/single.html")
	}
	return c
}

// Execute runs l for p into w. Its error is located in the template.
func (r *Renderer) Execute(w io.Writer, l *Layout, p *site.Page) error {
	defer r.timer()(l.Name)
	if err := l.tmpl.Execute(w, p); err != nil {
		return r.templateError(l.File, err)
	}
	return nil
}

// Markdown returns a converter for the site's options; give it back with
// PutMarkdown.
func (r *Renderer) Markdown() *markdown.Converter { return r.mdPool.Get().(*markdown.Converter) }

// PutMarkdown returns a converter to the pool.
func (r *Renderer) PutMarkdown(c *markdown.Converter) { r.mdPool.Put(c) }

// Site returns the site graph set by SetSite.
func (r *Renderer) Site() *site.Site { return r.site }
