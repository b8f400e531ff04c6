package render

import (
	"bytes"
	"html/template"
	"io"
	"strings"
	"sync"
	ttemplate "text/template"
	"time"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/markdown"
	"github.com/storyfront/storyfront/generator/outputs"
	"github.com/storyfront/storyfront/generator/render/treeexec"
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
	// NoFastTemplates runs every template with html/template, none with
	// treeexec (fastexec.go): for tests that compare the two.
	NoFastTemplates bool
}

// Layout is a compiled page template.
type Layout struct {
	Name string // "_default/single.html"
	File string // relative to the site folder
	tmpl *template.Template
	prog *treeexec.Program   // tmpl compiled for treeexec (nil: it cannot run it)
	text *ttemplate.Template // plain-text formats (JSON...) instead of tmpl
	err  error               // why it could not be compiled with its base
	// UsesPaginator: the layout (or its baseof or a partial they call)
	// mentions .Paginator or .Paginate, so its list page refers to its
	// part of the list (whether it has pager pages is decided while it
	// renders: site.PagersOf).
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
	pages    map[string]*Layout // compiled layouts by name and base (layoutKey)
	pagesMu  sync.Mutex
	found    map[string]lookupResult // LookupFormat's results by descriptor
	funcs    template.FuncMap
	partials *template.Template
	// partialProgs are the partials compiled for treeexec, by name.
	partialProgs map[string]*fastPartial
	// partialIdents are the identifiers the partials mention, all
	// together and by partial (name without .html).
	partialIdents idents
	partialByName map[string]idents
	site          *site.Site
	locales       sync.Map                   // language key -> locales.Translator (or nil) for time.Format
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
	metrics       *metrics     // nil unless Options.Metrics
	state         *renderState // one build's partialCached, warnf and i18n (funcs_partials.go)
}

// New loads and parses the theme's and site's templates. Its error is a
// diag.Errors with every template that fails to parse.
func New(siteDir string, cfg *config.Config, opts Options) (*Renderer, error) {
	layouts, err := loadLayouts(siteDir, cfg)
	if err != nil {
		return nil, err
	}
	r := &Renderer{siteDir: siteDir, cfg: cfg, opts: opts, layouts: layouts, pages: map[string]*Layout{}, found: map[string]lookupResult{}, state: newRenderState()}
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
	// Every call of a function Storyfront lacks, in every file, at once;
	// those files are not parsed again (Go's parser would stop at the first).
	lacking := map[string]bool{}
	for _, name := range sortedNames(layouts) {
		for _, e := range unknownFuncs(layouts[name].file, name, layouts[name].src, funcs) {
			errs.Add(e.File, e)
			lacking[name] = true
		}
	}
	for _, name := range sortedNames(layouts) {
		l := layouts[name]
		if !isHelperTemplate(name) || lacking[name] {
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
	if err := r.addCalled(r.partials, funcs); err != nil {
		errs.Add(LayoutsDir, err)
	}
	for _, t := range r.partials.Templates() {
		if cfg.FromHugo() {
			lowerParamsKeys(t.Tree)
		}
		returnPipelines(t.Tree)
	}
	// Every page layout is parsed now, so that all syntax errors are
	// reported at once; each is compiled with its base template when a
	// page first needs it (the base depends on the page: lookup.go).
	for _, name := range sortedNames(layouts) {
		l := layouts[name]
		if isHelperTemplate(name) || isOutputTemplate(name) || strings.HasPrefix(name, "_internal/") {
			continue
		}
		if lacking[name] {
			r.pages[name] = &Layout{Name: name, File: l.file, Broken: true}
			continue
		}
		if _, err := template.New(name).Funcs(funcs).Parse(l.src); err != nil {
			errs.Add(l.file, r.templateError(l.file, err))
			r.pages[name] = &Layout{Name: name, File: l.file, Broken: true}
		}
	}
	r.funcs = funcs
	r.compilePartials()
	r.compileOutputs(funcs, &errs, lacking)
	// With errors, the renderer is still usable for the layouts that parsed,
	// so a build can report the errors of the rest of the site too.
	return r, errs.Err()
}

func (r *Renderer) compile(l, base *layoutFile, funcs template.FuncMap) (*Layout, error) {
	var t *template.Template
	var err error
	ids := idents{}
	if base != nil {
		t, err = template.New(base.name).Funcs(funcs).Parse(base.src)
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
	if base != nil {
		exec = t.Lookup(base.name)
	}
	if err := r.addCalled(t, funcs); err != nil {
		return nil, err
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
	paginated := ids.reaches("Paginator", r.partialByName) || ids.reaches("Paginate", r.partialByName)
	for k := range r.partialIdents {
		if !strings.HasPrefix(k, "hopcall:") && !strings.HasPrefix(k, "sitecall:") {
			ids[k] = true
		}
	}
	// Partials calling partials on hopped pages: decided over all partials.
	if r.partialIdents.hopCalls(r.partialByName) {
		multihop = true
	}
	var prog *treeexec.Program
	if escapeNow(t, []string{exec.Name()})[exec.Name()] {
		prog = r.fastProgram(exec)
	}
	return &Layout{Name: l.name, File: l.file, tmpl: exec, prog: prog,
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

// SetSite gives the renderer the site graph the next executions see. For
// a multilingual site, s is one language's site and each of s.Sites() is
// made ready too: UseSite switches between them.
func (r *Renderer) SetSite(s *site.Site) {
	r.site = s
	r.state = newRenderState()
	if s == nil {
		return
	}
	for _, o := range s.Sites() {
		if r.cfg.FromHugo() && o.Language != nil {
			if tr := translatorFor(o.Language.Lang, r.cfg.DefaultContentLanguage); tr != nil {
				o.TimeFormatter = func(t time.Time, layout string) string { return localTimeFormat(tr, t, layout) }
			}
		}
		o.RenderLayout = r.renderLayout
		o.Hugo = hugoInfo{o}
		o.RenderMarkdown = func(p *site.Page, src string, block bool) (template.HTML, error) {
			if block {
				return r.renderBlockFor(p, src)
			}
			return r.markdownifyFor(p, src)
		}
	}
}

// UseSite makes the next executions see language site s, one of the
// Sites of the site SetSite gave: templates run for one language at a
// time, as Hugo renders each language's site with its own template
// functions (.Site, site, i18n, absLangURL...). It must not be called
// while templates run; partialCached keeps nothing across languages.
func (r *Renderer) UseSite(s *site.Site) {
	if s == nil || s == r.site {
		return
	}
	r.site = s
	r.ResetCaches()
}

// ResetAssets forgets published assets, after an asset file changed.
func (r *Renderer) ResetAssets() { r.assets = newAssets(r) }

// Lookup returns the HTML layout for p (which may be Broken) and the
// templates tried, in Hugo's order (Candidates).
func (r *Renderer) Lookup(p *site.Page) (*Layout, []string) {
	return r.LookupFormat(p, r.htmlFormat())
}

func (r *Renderer) htmlFormat() outputs.Format {
	f, _ := r.cfg.Formats().Get("HTML")
	return f
}

// LookupFormat returns p's layout for output format f, compiled with the
// base template Hugo would give it, and the templates tried.
func (r *Renderer) LookupFormat(p *site.Page, f outputs.Format) (*Layout, []string) {
	d := DescriptorOf(p, f, r.singular())
	key := strings.Join([]string{d.Kind, d.Type, d.Layout, d.Section, d.Lang, f.Name}, "\x00")
	r.pagesMu.Lock()
	found, ok := r.found[key]
	r.pagesMu.Unlock()
	if ok {
		return found.layout, found.tried
	}
	tried := Candidates(d)
	var lay *Layout
	for _, name := range tried {
		l := r.layouts[name]
		if l == nil {
			if name != internalRSS {
				continue
			}
			l = r.internalRSS()
		}
		lay = r.compiled(l, d, f)
		break
	}
	r.pagesMu.Lock()
	r.found[key] = lookupResult{lay, tried}
	r.pagesMu.Unlock()
	return lay, tried
}

// lookupResult is what LookupFormat found for one descriptor.
type lookupResult struct {
	layout *Layout
	tried  []string
}

// singular maps each taxonomy's plural name to its singular.
func (r *Renderer) singular() map[string]string {
	out := map[string]string{}
	for s, p := range r.cfg.Taxonomies {
		out[p] = s
	}
	return out
}

// compiled returns l compiled for d: alone, or, when it only defines
// blocks, inside the base template d's lookup finds (baseof.html).
func (r *Renderer) compiled(l *layoutFile, d Descriptor, f outputs.Format) *Layout {
	var base *layoutFile
	if needsBase(l.src) {
		bd := d
		bd.Baseof = true
		for _, name := range Candidates(bd) {
			if b := r.layouts[name]; b != nil {
				base = b
				break
			}
		}
	}
	key := l.name + "\x00" + f.Name
	if base != nil {
		key += "\x00" + base.name
	}
	r.pagesMu.Lock()
	defer r.pagesMu.Unlock()
	if lay := r.pages[key]; lay != nil {
		return lay
	}
	if lay := r.pages[l.name]; lay != nil && lay.Broken {
		return lay
	}
	if base != nil {
		if b := r.pages[base.name]; b != nil && b.Broken {
			// The base lacks functions: reported once, by New.
			return &Layout{Name: l.name, File: l.file, Broken: true}
		}
	}
	var lay *Layout
	var err error
	if f.IsPlainText {
		lay, err = r.compileText(l, base)
	} else {
		lay, err = r.compile(l, base, r.funcs)
	}
	if err != nil {
		// Each page's execution returns it (the build reports it once).
		lay = &Layout{Name: l.name, File: l.file, err: err}
	}
	r.pages[key] = lay
	return lay
}

// Execute runs l for p into w. Its error is located in the template.
func (r *Renderer) Execute(w io.Writer, l *Layout, p *site.Page) error {
	defer r.timer()(l.Name)
	if l.err != nil {
		return l.err
	}
	var err error
	if l.text != nil {
		err = l.text.Execute(w, p)
	} else {
		err = r.execute(w, l.tmpl, l.prog, p)
	}
	if err != nil {
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
