package generator

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"time"

	"github.com/storyfront/storyfront/generator/brand"
	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/data"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/markdown"
	"github.com/storyfront/storyfront/generator/render"
	"github.com/storyfront/storyfront/generator/site"
)

// Builder builds one site, and keeps it loaded for incremental rebuilds.
// Its methods must not be called concurrently.
type Builder struct {
	opts Options
	dir  string

	cfg     *config.Config
	data    map[string]any  // data/ files, .Site.Data
	palette *brand.Palettes // brand colours resolved against the theme's tokens
	rend    *render.Renderer
	sources map[string]*content.Source // Markdown sources by Rel
	broken  map[string]bool            // sources that failed to parse
	plain   map[string][]byte          // other content files by Rel (nil until read)
	statics map[string]*staticFile     // static/ files by output path
	md      map[string]*mdEntry        // converted Markdown by source Rel
	records map[string]*record         // what each output was rendered from
	pageOut map[string]string          // source Rel -> its page's output path
	// contentDirs are the folders outside content/ that hold content (a
	// language's contentDir), as the last walk read them.
	contentDirs []string
	menus       string  // the menus as rendered last time
	prev        *Output // the last good output
	full        bool    // the next build must redo everything

	// The last good build's graph and jobs, and which jobs refer to each
	// page, for the fast path of a story edit (fast.go).
	site  *site.Site
	jobs  []*job
	rev   map[string][]*job
	colls *collections // the lists outputs show as a whole (collections.go)
	byRel map[string]*site.Page

	img imageState // processed images (images.go)
	// hl highlights code blocks for every renderer the builder makes; its
	// cache of highlighted blocks is kept across rebuilds.
	hl *markdown.Highlighter
	// budget: the soft memory limit of a one-shot build's Markdown and
	// render phases (Options.MemoryBudget, membudget.go); nil when off.
	budget *memoryBudget
	// dropBodies: each source's Markdown text is dropped once converted
	// (a streamed build that no template shows it in; convert.go).
	dropBodies bool
	// sameWarnings: the fast path's edit leaves the warnings as they were.
	sameWarnings bool
	// stage: the folder a full build streams its outputs to, nil when
	// they are kept in memory (Options.StageDir, stage.go).
	stage *stager
}

// NewBuilder returns a Builder for opts.
func NewBuilder(opts Options) *Builder {
	dir := opts.Source
	if dir == "" {
		dir = "."
	}
	return &Builder{opts: opts, dir: filepath.Clean(dir), full: true, hl: markdown.NewHighlighter(markdown.DefaultHighlightCache)}
}

// Build loads the whole site again and renders every output. The returned
// Output's Changed lists what differs from the previous build's output
// (everything on the first build). Its error is an Errors when the site
// has problems.
func (b *Builder) Build(ctx context.Context) (*Output, error) {
	b.full = true
	return b.build(ctx, changes{all: true})
}

// Rebuild updates the output after the given files changed (paths absolute
// or relative to the site folder; added, edited or removed). It re-reads
// only those files and re-renders only the outputs that depend on them; see
// deps.go. Without a previous successful build it builds everything.
func (b *Builder) Rebuild(ctx context.Context, changed []string) (*Output, error) {
	ch := b.classify(changed)
	if b.full || b.prev == nil {
		ch = changes{all: true}
	}
	if ch.none() {
		// Nothing the site is made of changed (public/, editor files...).
		return &Output{files: b.prev.files, stats: b.prev.stats, warnings: b.prev.warnings}, nil
	}
	return b.build(ctx, ch)
}

func (b *Builder) progress(format string, args ...any) {
	if b.opts.Progress != nil {
		fmt.Fprintf(b.opts.Progress, format+"\n", args...)
	}
}

func (b *Builder) build(ctx context.Context, ch changes) (out *Output, err error) {
	start := time.Now()
	var errs diag.List
	var prof *Profile
	if b.opts.Profile {
		prof = &Profile{}
	}
	defer func() {
		if err != nil {
			// The next build starts from scratch; the last good output stays
			// the base for Changed.
			b.full = true
		}
	}()
	if !ch.all {
		// A changed folder (created, moved or removed with its files)
		// counts as every file in it.
		ch.content = b.expand(ch.content)
	}
	if b.rend != nil {
		b.rend.ResetCaches() // partialCached shows this build's pages only
	}
	if out, ok := b.fast(ctx, ch); ok {
		prof.add("rebuild (fast path)", time.Since(start))
		out.profile = b.finishProfile(prof)
		out.stats.Duration = time.Since(start)
		if b.sameWarnings {
			out.warnings = b.prev.warnings // a text edit between quiet versions (fast.go)
		} else {
			out.warnings = b.warnings()
		}
		b.prev = out
		return out, nil
	}
	b.site, b.jobs, b.rev = nil, nil, nil
	if ch.all {
		b.md = map[string]*mdEntry{}
		b.records = map[string]*record{}
	}
	endPhase := prof.phase("config, data and templates")
	if ch.all || ch.config {
		b.cfg, b.rend = nil, nil
		cfg, err := config.LoadWith(b.dir, config.LoadOptions{Environment: b.opts.Environment, Environ: b.opts.Environ})
		errs.Add(config.FileName, err)
		b.cfg = cfg
		if cfg != nil {
			d, err := data.Load(b.dir, path.Join(render.ThemeDir(cfg), data.Dir), data.Dir)
			errs.Add(data.Dir, err)
			b.data = d
		}
		b.palette = nil
		if cfg != nil {
			pal, err := checkBrand(b.dir, cfg)
			errs.Add(config.FileName, err)
			b.palette = pal
		}
		if cfg != nil && b.opts.RequireEndpoint {
			errs.Add(config.FileName, checkEndpoint(cfg))
		}
		b.img.proc = nil
		if cfg != nil {
			errs.Add(config.FileName, b.newImageProcessor())
		}
	}
	if b.cfg != nil && (ch.all || ch.config || ch.templates) {
		rend, err := render.New(b.dir, b.cfg, render.Options{UnhashedAssets: b.opts.UnhashedAssets, Metrics: b.opts.Profile,
			Highlighter: b.hl, NoFastTemplates: b.opts.NoFastTemplates})
		errs.Add("layouts", err)
		b.rend = rend
		clear(b.md)
	}
	endPhase()
	if b.rend != nil {
		b.rend.ResetTemplateStats()
	}
	if !ch.all && ch.config && b.cfg != nil && !slices.Equal(b.cfg.ContentDirs(), b.contentDirs) {
		ch.all = true // a language's content is in another folder now: read them all
	}
	if ch.all {
		walk := time.Now()
		if err := b.loadContent(ctx, &errs, prof); err != nil {
			return nil, err
		}
		prof.splitRead(time.Since(walk))
	} else {
		endPhase = prof.phase("read and front matter")
		b.updateContent(ch, &errs)
		endPhase()
	}
	if b.cfg != nil && (ch.all || ch.config || ch.static) {
		endPhase = prof.phase("static files")
		b.loadStatic(&errs)
		endPhase()
	}
	if b.cfg == nil || b.rend == nil {
		return nil, errs.Err()
	}
	if ch.assets {
		if b.opts.UnhashedAssets && !ch.all && !ch.config && !ch.templates {
			errs.Add(render.AssetsDir, b.rend.ReloadAssets())
		} else {
			b.rend.ResetAssets()
		}
	}
	endPhase = prof.phase("site graph")
	tree := b.tree()
	git, gitWarning := b.gitInfo(ctx)
	s := b.buildSites(tree, git, &errs)
	if gitWarning != nil {
		s.Warnings = append(s.Warnings, gitWarning)
	}
	b.rend.SetSite(s)
	b.planImages(ctx, s, tree, &errs)
	b.newMadeImagesBuild()
	if b.img.proc != nil {
		// Each language's site: a template of any language may process images.
		for _, o := range s.Sites() {
			o.Images = templateImages{b: b, s: o}
		}
	}
	b.planCards(ctx, s, &errs)
	b.rend.SetPictures(pictures{b})
	if len(s.RegularPages) >= 1000 {
		b.progress("rendering %d pages...", len(s.RegularPages))
	}
	endPhase()
	endPhase = prof.phase("Markdown")
	b.budget = nil
	if b.opts.MemoryBudget {
		// From here to the end of rendering the heap holds every page.
		b.budget = startMemoryBudget()
		defer b.budget.end()
	}
	// A streamed build converts each source once: its text is done with
	// then, unless a template shows it (.RawContent).
	b.dropBodies = ch.all && b.opts.StageDir != "" && !b.rend.Mentions("RawContent")
	changedPages := b.convert(ctx, s, ch, &errs)
	if b.dropBodies && errs.Len() == 0 {
		for _, src := range b.sources {
			src.DropBody()
		}
	}
	endPhase()
	b.checkBroken(s, &errs)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	endPhase = prof.phase("plan")
	js := b.plan(s, tree, &errs)
	endPhase()
	// Hashed asset names are in the pages: an asset edit changes them all.
	full := ch.all || ch.config || ch.templates || (ch.assets && !b.opts.UnhashedAssets)
	menus := ""
	for _, o := range s.Sites() {
		menus += fmt.Sprint(o.Menus)
	}
	if menus != b.menus {
		full = true
	}
	if b.madeFrom(ch.content, ch.assets) {
		// A template image's source changed: its URL is in the pages that
		// show it, whichever they are.
		full = true
	}

	endPhase = prof.phase("templates")
	var st *stager
	if ch.all && b.opts.StageDir != "" {
		st = &stager{root: b.opts.StageDir}
		b.full = true // the outputs are on disk only: a Rebuild starts over
	}
	b.render(ctx, js, full, changedPages, st, &errs)
	b.budget.end()
	if full {
		b.sweepMadeImages()
	}
	endPhase()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	endPhase = prof.phase("assemble")
	out = b.assemble(js.jobs, s)
	if st != nil {
		out.stage = st.root
	}
	b.site, b.jobs, b.rev = s, js.jobs, reverse(js.jobs)
	b.menus = menus
	b.full = st != nil
	b.pageOut = map[string]string{}
	b.byRel = map[string]*site.Page{}
	for _, pg := range allPages(s) {
		if pg.Source != nil {
			b.pageOut[pg.Source.Rel] = pg.OutPath
			b.byRel[pg.Source.Rel] = pg
		}
	}
	endPhase()
	out.profile = b.finishProfile(prof)
	out.stats.Duration = time.Since(start)
	out.warnings = b.warnings()
	b.prev = out
	return out, nil
}

// finishProfile adds the templates' figures to prof.
func (b *Builder) finishProfile(prof *Profile) *Profile {
	if prof != nil && b.rend != nil {
		prof.Templates = b.rend.TemplateStats()
	}
	return prof
}

// SourceFolders are the folders outside content/ the last build read
// content from (a language's contentDir such as content_fr), relative to
// the site folder: the dev server watches them.
func (b *Builder) SourceFolders() []string { return slices.Clone(b.contentDirs) }

// Warnings lists the warnings of the last build, whether it failed or not
// (a successful build's Output has them too).
func (b *Builder) Warnings() Errors { return b.warnings() }

// warnings gathers what the last build found that does not stop it: Hugo
// settings that are ignored, front matter keys that look mistyped, and the
// site graph's own.
func (b *Builder) warnings() diag.Errors {
	var ws diag.Errors
	if b.cfg != nil {
		ws = append(ws, b.cfg.Warnings...)
	}
	for _, src := range b.sources {
		ws = append(ws, src.Warnings...)
		if b.cfg != nil && b.cfg.FromHugo() {
			// A date that is not a date is unset on a Hugo site, as hugo
			// 0.111.3 reads it; on Storyfront's own, site.Build stops on it.
			for _, e := range src.Front.BadDates {
				w := *e
				w.Msg += ": ignored, as Hugo does"
				ws = append(ws, &w)
			}
		}
	}
	if b.site != nil {
		for _, s := range b.site.Sites() {
			ws = append(ws, s.Warnings...)
		}
	}
	if w := b.rawHTMLWarning(); w != nil {
		ws = append(ws, w)
	}
	for _, e := range b.md {
		ws = append(ws, e.warnings...)
	}
	ws = append(ws, b.img.warnings...)
	return ws.Sort()
}

// tree returns the loaded sources as a content.Tree, sorted.
func (b *Builder) tree() *content.Tree {
	t := &content.Tree{Sources: make([]*content.Source, 0, len(b.sources))}
	ignored := func(rel string) bool { return b.cfg != nil && b.cfg.IgnoredFile(path.Join(content.Dir, rel)) }
	for _, s := range b.sources {
		if !ignored(s.Rel) {
			t.Sources = append(t.Sources, s)
		}
	}
	sort.Slice(t.Sources, func(i, j int) bool { return t.Sources[i].Rel < t.Sources[j].Rel })
	for rel := range b.plain {
		if !ignored(rel) {
			t.Files = append(t.Files, rel)
		}
	}
	sort.Strings(t.Files)
	if b.cfg != nil && b.cfg.FromHugo() {
		var roots []string
		for _, l := range append([]*config.Config{b.cfg}, b.cfg.Languages...) {
			roots = append(roots, l.ContentRoot())
		}
		t.MoveBundledPages(roots...)
	}
	return t
}

func (b *Builder) loadContent(ctx context.Context, errs *diag.List, prof *Profile) error {
	b.contentDirs = b.cfgOrDefault().ContentDirs()
	walk := content.Walk
	if b.cfgOrDefault().FromHugo() {
		walk = content.WalkHugo
	}
	tree, err := walk(ctx, b.dir, b.contentDirs...)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if prof != nil {
		prof.readWork, prof.parseWork = tree.ReadTime, tree.ParseTime
	}
	errs.Add(content.Dir, err)
	b.sources = make(map[string]*content.Source, len(tree.Sources))
	b.broken = map[string]bool{}
	for _, s := range tree.Sources {
		b.sources[s.Rel] = s
	}
	if es, ok := err.(diag.Errors); ok {
		for _, e := range es {
			if rel, ok := b.relOfContent(e.File); ok {
				b.broken[rel] = true
			}
		}
	}
	b.plain = make(map[string][]byte, len(tree.Files))
	for _, f := range tree.Files {
		b.plain[f] = nil
	}
	return nil
}
