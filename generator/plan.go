package generator

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/feed"
	"github.com/storyfront/storyfront/generator/render"
	"github.com/storyfront/storyfront/generator/site"
)

// jobKind says how an output is made.
type jobKind int

const (
	jobPage jobKind = iota
	jobFeed
	jobSitemap
	jobSitemapIndex // a multilingual site's /sitemap.xml (languages.go)
	jobRobots
	jobAlias
	jobCopy  // static files, bundle resources, plain content files
	jobImage // a version of a content image (images.go)
)

// job is one output file to produce.
type job struct {
	kind     jobKind
	out      string // output path
	self     string // the output path of the page it renders (a pager page's list page)
	owner    string // the file that asks for it (for collision errors), or a description
	page     *site.Page
	layout   *render.Layout
	tmpl     *render.OutputTemplate // for feeds, the sitemap and robots.txt
	items    []*site.Page           // a feed's items
	refs     []string               // output paths of the pages it refers to
	siteWide bool
	data     []byte // for copies; for the others, filled by render
	dirty    bool
	img      *imageEntry // for images: the source
	variant  int         // and which of its versions
	card     *card       // or the share card
	staged   bool        // written to the stage folder, data dropped (Options.StageDir)
	disk     string      // an image served from the image cache, data dropped (Options.ImagesOnDisk)
	format   bool        // a page's output in a format other than its HTML (formats.go)
	rss      bool        // that format is Hugo's RSS, whose URLs are made absolute (absurls.go)
	target   string      // an alias's URL when it is not its page's permalink
	static   bool        // a file of static/
	list     bool        // a list page's own output, which may paginate (pagers.go)
	// pagers: what this list page's rendering asked of its paginator
	// (pagers.go).
	pagers pagerUse
}

// record is what an output was last rendered from, to decide whether it
// must be rendered again.
type record struct {
	layout   string
	refs     []string
	siteWide bool
	pagers   pagerUse // a list page's pagination (pagers.go)
}

// plan lists every output of s, refusing two outputs with one path. A
// list page's pager pages are not in it: they are known once the page is
// rendered (planPagers).
func (b *Builder) plan(s *site.Site, tree *content.Tree, errs *diag.List) *jobSet {
	b.colls = newCollections()
	js := &jobSet{s: s, errs: errs, hugo: b.cfg.FromHugo(), owners: map[string]*job{}, index: map[string]int{}}
	add := func(j *job) { js.add(j) }
	pages := append(allPages(s), notFoundPages(s)...)
	for _, p := range pages {
		if b.cfg.KindDisabled(p.Kind) {
			continue // Hugo's disableKinds
		}
		layout, tried := b.rend.Lookup(p)
		switch {
		case layout == nil && p.Kind == site.Kind404:
			continue
		case layout == nil:
			msg := fmt.Sprintf("no layout for %s %s (tried %s, and their language and format variants: docs/templates.md)",
				p.Kind, p.RelPermalink, strings.Join(prefixed(plainNames(tried)), ", "))
			if !b.cfg.FromHugo() {
				errs.Add(ownerOf(p), diag.Errorf(ownerOf(p), 1, 1, "%s", msg))
				continue
			}
			// hugo 0.111.3 warns and writes no HTML for the page; its
			// other output formats and its aliases are still written.
			s.Warnings = append(s.Warnings, diag.Errorf(ownerOf(p), 1, 1, "%s: its HTML is not written, as Hugo does", msg))
		case layout.Broken:
			continue // its parse error is reported already
		default:
			wide := layout.SiteWide || p.IsHome || p.Kind == site.KindTaxonomy || p.Kind == site.Kind404
			var pg *site.Paginator // what page 1 shows if it paginates its own list
			if layout.UsesPaginator {
				pg = site.DefaultPaginator(p)
			}
			j := &job{kind: jobPage, out: p.OutPath, self: p.OutPath, owner: ownerOf(p), page: p, layout: layout,
				refs: withTranslations(refsOf(p.OutPath, p, pg, layout, b.colls), p), siteWide: wide, list: isList(p)}
			if js.add(j) && j.list {
				js.lists = append(js.lists, j)
			}
		}
		for _, a := range p.AliasFiles {
			add(&job{kind: jobAlias, out: a, owner: ownerOf(p), page: p, refs: []string{p.OutPath}})
		}
		if a, target := p.Site.LanguageRootAlias(); a != "" && p.IsHome {
			add(&job{kind: jobAlias, out: a, owner: ownerOf(p), page: p, refs: []string{p.OutPath}, target: target})
		}
		b.planFormats(s, p, add)
	}
	// Feeds (the site's and each top section's), the sitemap and
	// robots.txt, from the site's or theme's templates or the built-in
	// ones. A template of the site's own may show any page: site-wide.
	// Hugo's disableKinds and enableRobotsTXT leave some out.
	machine := func(j *job, candidates []string) {
		j.tmpl = b.rend.Output(candidates)
		if j.tmpl.Broken {
			return // its parse error is reported already
		}
		j.siteWide = j.siteWide || !j.tmpl.Builtin()
		add(j)
	}
	if !b.cfg.KindDisabled("RSS") && !b.cfg.FromHugo() {
		// A Hugo site's feeds are its list pages' RSS output format
		// (planFormats); a Storyfront site's are made from feed:.
		machine(&job{kind: jobFeed, out: "index.xml", owner: "the site feed", page: s.Home, items: b.feedPages(s, errs), siteWide: true},
			render.FeedCandidates(s.Home))
		for _, sec := range s.Sections {
			machine(&job{kind: jobFeed, out: path.Join(sec.Dir, "index.xml"), owner: "the feed of " + sec.RelPermalink,
				page: sec, items: sec.Pages, refs: outsOf(sec.Pages)}, render.FeedCandidates(sec))
		}
	}
	if !b.cfg.KindDisabled("sitemap") {
		b.planSitemaps(s, machine)
	}
	if b.cfg.RobotsTXT() && !b.cfg.KindDisabled("robotsTXT") {
		machine(&job{kind: jobRobots, out: "robots.txt", owner: "robots.txt", page: s.Home}, render.RobotsCandidates())
	}
	// Files: bundle resources beside their page, other content files as
	// they are, then static/.
	// A bundle's translations each publish its files beside them.
	bundles := map[string][]*site.Page{}
	isBundle := leafBundles(s)
	for _, p := range allPages(s) {
		if p.Bundle != "" {
			bundles[p.Bundle] = append(bundles[p.Bundle], p)
			isBundle[p.Bundle+"/index.md"] = true
		}
	}
	have := make(map[string]bool, len(tree.Files))
	for _, rel := range tree.Files {
		have[rel] = true
	}
	// A branch bundle's files (beside an _index.md) are published beside
	// each language's list page made from a file there, as hugo 0.111.3.
	branchOuts := map[string][]string{}
	for _, p := range allPages(s) {
		if dir, out, ok := p.BranchDir(); ok && !slices.Contains(branchOuts[dir], out) {
			branchOuts[dir] = append(branchOuts[dir], out)
		}
	}
	for _, rel := range tree.Files {
		out := contentFileOut(b.cfg, rel)
		var also []string // the same file beside the bundle's translations
		for _, o := range branchOuts[path.Dir(rel)] {
			if o := path.Join(o, path.Base(rel)); o != out && !slices.Contains(also, o) {
				also = append(also, o)
			}
		}
		if dir := content.BundleDir(rel, isBundle); dir != "" {
			also = nil
			ps := bundles[dir]
			if langs := b.languageKeys(); len(langs) > 1 {
				// x.fr.png only beside the French page, x.png beside
				// those of the languages without their own.
				var in []*site.Page
				for _, p := range ps {
					if site.BundleFileInLanguage(rel, p.Site.Language.Lang, langs, have) {
						in = append(in, p)
					}
				}
				ps = in
			}
			if len(ps) == 0 {
				continue // the bundle is a draft or in the future, or in no language of it
			}
			if b.cfg.FromHugo() && content.IsMarkdown(rel) {
				continue // a page resource, which Hugo does not publish
			}
			out = path.Join(path.Dir(ps[0].OutPath), strings.TrimPrefix(rel, dir+"/"))
			for _, p := range ps[1:] {
				also = append(also, path.Join(path.Dir(p.OutPath), strings.TrimPrefix(rel, dir+"/")))
			}
		}
		if e := b.img.byRel[rel]; e != nil && len(e.set.Variants) > 0 && !b.plainImages() {
			for _, j := range b.imageJobs(e) {
				add(j)
			}
			for _, o := range also {
				for _, j := range b.imageJobs(e.movedTo(o)) {
					add(j)
				}
			}
			continue
		}
		data, ok := b.plainFile(rel, errs)
		if !ok {
			continue
		}
		add(&job{kind: jobCopy, out: out, owner: path.Join(content.Dir, rel), data: data})
		for _, o := range also {
			add(&job{kind: jobCopy, out: o, owner: path.Join(content.Dir, rel), data: data})
		}
	}
	b.planInherited(s, add, errs)
	for _, j := range b.cardJobs() {
		add(j)
	}
	for _, out := range sortedKeys(b.statics) {
		f := b.statics[out]
		add(&job{kind: jobCopy, out: out, owner: f.source, data: f.data, static: true})
	}
	return js
}

// howToChange tells how to change a generated output instead of
// shadowing it with a static file.
func howToChange(j *job) string {
	switch j.kind {
	case jobRobots:
		return "to change it, write layouts/robots.txt"
	case jobSitemap:
		return "to change it, write layouts/sitemap.xml"
	case jobFeed:
		if j.page.IsHome {
			return "to change it, write layouts/index.rss.xml (this feed) or layouts/_default/rss.xml (every feed)"
		}
		return fmt.Sprintf("to change it, write layouts/%s/rss.xml (this feed) or layouts/_default/rss.xml (every feed)", j.page.Section)
	case jobCopy:
		return "remove one of them"
	}
	return "remove this file, or give the page another url or slug"
}

// hugoOverwrite returns which of two jobs with one output path, one of
// them an alias, Hugo's build leaves on disk: it writes every alias before
// the pages, and the aliases in the order of the pages' content paths.
func hugoOverwrite(a, b *job) (keep, drop *job) {
	switch {
	case a.kind != jobAlias:
		return a, b
	case b.kind != jobAlias:
		return b, a
	case sourcePath(b.page) >= sourcePath(a.page):
		return b, a
	}
	return a, b
}

func sourcePath(p *site.Page) string {
	if p == nil || p.Source == nil {
		return ""
	}
	return p.Source.Path
}

func collision(a, b *job) *diag.Error {
	file, line := placeOf(b)
	if !strings.HasPrefix(b.owner, content.Dir+"/") {
		file, line = placeOf(a)
	}
	return diag.Errorf(file, line, 1, "%s and %s both write /%s", a.owner, b.owner, b.out)
}

// placeOf returns the file and line that decide j's output path: a page's
// url, slug or aliases front matter key, else its owner's first line.
func placeOf(j *job) (string, int) {
	line := 1
	if j.page != nil && j.page.Source != nil {
		line, _ = site.FrontMatterLine(j.page.Source, "url")
		if line == 1 {
			line, _ = site.FrontMatterLine(j.page.Source, "slug")
		}
		if j.kind == jobAlias {
			line, _ = site.FrontMatterLine(j.page.Source, "aliases")
		}
	}
	return j.owner, line
}

// ownerOf names the file a page comes from; generated pages name the
// folder or layouts that make them.
func ownerOf(p *site.Page) string {
	if p.Source != nil {
		return p.Source.Path
	}
	switch p.Kind {
	case site.KindSection:
		return path.Join(content.Dir, p.Dir)
	case site.KindHome:
		return content.Dir
	}
	return "generated " + p.Kind + " page " + p.RelPermalink
}

// plainNames keeps the candidates without a language or format variant
// (_default/single.html, not _default/single.en.html.html).
func plainNames(names []string) []string {
	var out []string
	for _, n := range names {
		if strings.Count(path.Base(n), ".") == 1 {
			out = append(out, n)
		}
	}
	return out
}

func prefixed(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "layouts/" + n
	}
	return out
}

// refsOf lists the pages an output of p shows: itself, its neighbours and
// related pages, and for a list the pages it lists (the whole list as one
// collection ref, or pg's part of it); each only when the layout mentions
// them.
func refsOf(self string, p *site.Page, pg *site.Paginator, l *render.Layout, colls *collections) []string {
	refs := []string{self} // a pager page shows its list page
	if l.UsesNeighbours && p.Prev != nil {
		refs = append(refs, p.Prev.OutPath)
	}
	if l.UsesNeighbours && p.Next != nil {
		refs = append(refs, p.Next.OutPath)
	}
	if l.UsesRelated {
		for _, r := range p.Related {
			refs = append(refs, r.OutPath)
		}
	}
	switch {
	case l.UsesPages:
		refs = append(refs, colls.ref(self, p.Pages))
	case pg != nil:
		// Only this pager page's part of the list, and how many pages
		// there are (a pseudo-ref, so a change of count is seen).
		refs = append(refs, outsOf(pg.Pages)...)
		for _, g := range pg.PageGroups {
			refs = append(refs, outsOf(g.Pages)...)
		}
		refs = append(refs, fmt.Sprintf("\x00pager %d/%d", pg.PageNumber, pg.TotalPages))
	}
	if l.UsesTerm && !l.UsesPages {
		refs = append(refs, colls.membership(self, p.Pages))
	}
	return refs
}

// withTranslations adds to a page's refs its translations (on a
// multilingual site): a page shows their titles and URLs (.Translations,
// hreflang links), so it is rendered again when one changes, appears or
// goes away.
func withTranslations(refs []string, p *site.Page) []string {
	for _, t := range p.Translations() {
		refs = append(refs, t.OutPath)
	}
	return refs
}

func outsOf(ps []*site.Page) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.OutPath
	}
	return out
}

// dirty decides whether j must be produced again (see deps.go).
func (b *Builder) dirty(j *job, full bool, changed map[string]bool) bool {
	if j.kind == jobCopy || j.kind == jobImage {
		return true
	}
	rec := b.records[j.out]
	switch {
	case full, rec == nil, b.prev == nil:
		return true
	case rec.pagers == pagerCustom:
		return true // only its rendering knows its pager pages (pagers.go)
	case rec.siteWide != j.siteWide || rec.layout != layoutName(j):
		return true
	case j.siteWide && len(changed) > 0:
		return true
	case len(rec.refs) != len(j.refs):
		return true
	}
	if _, ok := b.prev.files[j.out]; !ok {
		return true
	}
	for i, r := range j.refs {
		if rec.refs[i] != r || changed[r] {
			return true
		}
	}
	return false
}

func layoutName(j *job) string {
	if j.layout != nil {
		return j.layout.Name
	}
	if j.tmpl != nil {
		return j.tmpl.Name + " " + j.tmpl.File
	}
	return fmt.Sprint(j.kind)
}

// render produces the dirty jobs in parallel, into st when it is not nil:
// first the planned ones, then the pager pages of the list pages that
// paginated (planPagers), which it adds to js.
func (b *Builder) render(ctx context.Context, js *jobSet, full bool, changed map[string]bool, st *stager, errs *diag.List) {
	var todo []*job
	if !full {
		b.colls.mark(changed)
	}
	for _, j := range js.jobs {
		j.dirty = b.dirty(j, full, changed)
		if j.dirty && j.kind != jobCopy && j.kind != jobImage {
			todo = append(todo, j)
		}
	}
	b.stage = st
	defer func() { b.stage = nil }()
	// Decoding and resizing photos needs room for big buffers while they
	// are made: the memory budget waits (membudget.go).
	if b.img.proc != nil {
		b.budget.pause()
		b.processImages(ctx, js.jobs, errs)
		b.budget.resume()
	}
	defer b.rend.ResetCaches() // what partialCached kept is not needed after rendering
	b.produceJobs(ctx, todo, st, errs)
	if pagers := b.planPagers(js); len(pagers) > 0 && ctx.Err() == nil {
		if !full {
			b.colls.mark(changed) // the pager pages' lists are their list page's
		}
		todo = todo[:0]
		for _, j := range pagers {
			j.dirty = b.dirty(j, full, changed)
			if j.dirty {
				todo = append(todo, j)
			}
		}
		b.produceJobs(ctx, todo, st, errs)
	}
	if b.img.proc != nil {
		b.budget.pause()
		b.makeTemplateImages(ctx, errs)
		b.budget.resume()
	}
}

// produce renders jobs in parallel.
func (b *Builder) produce(ctx context.Context, todo []*job, errs *diag.List) {
	defer b.rend.ResetCaches()
	b.produceJobs(ctx, todo, nil, errs)
}

// produceJobs renders jobs in parallel; with a stager, it writes each
// output there at once and drops its data.
func (b *Builder) produceJobs(ctx context.Context, todo []*job, st *stager, errs *diag.List) {
	if s := b.rend.Site(); s != nil && s.IsMultiLingual() {
		// One language at a time: its templates see its own site.
		defer b.rend.UseSite(s)
		for _, group := range byLanguage(s, todo, func(j *job) *site.Page { return j.page }) {
			b.rend.UseSite(group.site)
			b.produceLanguage(ctx, group.items, st, errs)
		}
		return
	}
	b.produceLanguage(ctx, todo, st, errs)
}

// produceLanguage renders jobs of one language in parallel.
func (b *Builder) produceLanguage(ctx context.Context, todo []*job, st *stager, errs *diag.List) {
	todo = longFirst(todo)
	bufs := make([]bytes.Buffer, runtime.GOMAXPROCS(0))
	done := atomic.Int64{}
	step := int64(2000)
	parallel(ctx, len(todo), func(w, i int) {
		j := todo[i]
		buf := &bufs[w]
		buf.Reset()
		// data is the output; it may be the worker's buffer, which a
		// streamed build writes at once (no copy), else it is cloned.
		var data []byte
		switch j.kind {
		case jobPage:
			if err := b.rend.Execute(buf, j.layout, j.page); err != nil {
				errs.Add(j.owner, err)
				return
			}
			data = b.fixURLs(j, buf.Bytes())
			if !j.format {
				small, err := b.rend.MinifyHTML(j.owner, data)
				if err != nil {
					errs.Add(j.owner, err)
					return
				}
				data = small
			}
		case jobFeed, jobSitemap, jobSitemapIndex, jobRobots:
			var d any = j.page
			switch j.kind {
			case jobFeed:
				d = feed.NewData(j.page, j.items, b.cfg.Feed.Limit)
			case jobSitemap:
				d = feed.NewSitemapData(j.page.Site)
			case jobSitemapIndex:
				d = feed.NewSitemapIndexData(j.page.Site)
			}
			if err := b.rend.ExecuteOutput(buf, j.tmpl, d); err != nil {
				errs.Add(j.owner, err)
				return
			}
			data = b.fixURLs(j, buf.Bytes())
		case jobAlias:
			if j.target != "" {
				data = feed.HugoAliasTo(j.page, j.target)
			} else if b.cfg.FromHugo() {
				data = feed.HugoAlias(j.page)
			} else {
				data = feed.Alias(j.page)
			}
			data = b.fixURLs(j, data)
		}
		switch {
		case st != nil:
			if err := st.write(j.out, data); err != nil {
				errs.Add(j.owner, err)
				return
			}
			j.data, j.staged = nil, true
		case j.kind == jobAlias:
			j.data = data // made for this job alone
		default:
			j.data = bytes.Clone(data)
		}
		if n := done.Add(1); n%step == 0 && len(todo) >= 5000 {
			b.progress("  %d/%d outputs", n, len(todo))
		}
	})
}

// longFirst returns todo with the jobs that may take long first, in their
// order, then the others in theirs: the sitemap and the feeds show every
// page or many, and so may list pages. The workers take jobs in order; a
// long job taken last keeps one of them busy while the others have
// nothing left.
func longFirst(todo []*job) []*job {
	long := func(j *job) bool {
		return j.list || j.kind == jobSitemap || j.kind == jobSitemapIndex || j.kind == jobFeed
	}
	out := make([]*job, 0, len(todo))
	for _, j := range todo {
		if long(j) {
			out = append(out, j)
		}
	}
	for _, j := range todo {
		if !long(j) {
			out = append(out, j)
		}
	}
	return out
}

// feedPages returns the site feed's pages: every regular page, or with
// site.yaml's feed.sections only those sections' pages.
func (b *Builder) feedPages(s *site.Site, errs *diag.List) []*site.Page {
	names := b.cfg.Feed.Sections
	if len(names) == 0 {
		return s.RegularPages
	}
	want := map[string]bool{}
	for i, name := range names {
		found := false
		for _, sec := range s.Sections {
			found = found || sec.Section == name
		}
		if !found {
			line, col := b.cfg.Locate(fmt.Sprintf("$.feed.sections[%d]", i))
			errs.Add(config.FileName, diag.Errorf(config.FileName, line, col,
				"feed.sections: no section %q in content/ (or only drafts)", name))
		}
		want[name] = true
	}
	var out []*site.Page
	for _, p := range s.RegularPages {
		if want[p.Section] {
			out = append(out, p)
		}
	}
	return out
}

// plainFile is the content file rel (a bundle resource or other file
// published as it is), read once and kept in b.plain; ok is false when it
// cannot be read (the error added to errs).
func (b *Builder) plainFile(rel string, errs *diag.List) (data []byte, ok bool) {
	if data = b.plain[rel]; data != nil {
		return data, true
	}
	data, err := content.ReadFile(b.dir, rel)
	if err != nil {
		errs.Add(path.Join(content.Dir, rel), err)
		return nil, false
	}
	b.plain[rel] = data
	return data, true
}
