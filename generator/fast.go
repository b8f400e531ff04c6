package generator

import (
	"context"
	"path"
	"reflect"

	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/site"
)

// fast handles the commonest edit, a story's text, without rebuilding the
// site graph: when only existing Markdown files changed and none of their
// front matter did, the pages keep their URLs, lists, tags and neighbours.
// It converts those files again and renders what refers to them (the
// same outputs the general path would pick, via the reverse index of
// refs) plus the site-wide outputs. It returns false to fall back to the
// general path.
func (b *Builder) fast(ctx context.Context, ch changes) (*Output, bool) {
	if ch.all || ch.config || ch.templates || ch.static || b.full || b.site == nil || b.prev == nil || len(b.broken) > 0 {
		return nil, false
	}
	b.sameWarnings = false
	if ch.assets {
		// Unhashed assets keep their URLs: pages stay as they are.
		if !b.opts.UnhashedAssets || len(ch.content) > 0 || b.madeFrom(nil, true) || b.rend.ReloadAssets() != nil {
			return nil, false
		}
		for _, j := range b.jobs {
			j.dirty = false
		}
		return b.assembleFast(), true
	}
	if len(ch.content) == 0 {
		return nil, false
	}
	byRel := b.byRel
	type edit struct {
		page *site.Page
		src  *content.Source
	}
	var edits []edit
	for _, rel := range ch.content {
		if _, known := b.sources[rel]; !known && !content.IsMarkdown(rel) {
			return nil, false // a folder or another kind of file
		}
		if content.Ignored(path.Base(rel)) {
			continue
		}
		old, ok := b.sources[rel]
		p := byRel[rel]
		if !ok || p == nil || !content.IsMarkdown(rel) || !content.Exists(b.dir, rel) {
			return nil, false
		}
		src, err := b.readContent(rel)
		if err != nil || !reflect.DeepEqual(src.Front, old.Front) || src.Kind != old.Kind {
			return nil, false
		}
		if src.Hash != old.Hash {
			edits = append(edits, edit{p, src})
		}
	}
	// Convert the edited sources; a problem sends the edit down the general
	// path, which reports it with everything else.
	var errs diag.List
	changed := map[string]bool{}
	b.sameWarnings = true
	for _, e := range edits {
		// The page's source is the file placed in its language (its
		// folder and name in its language's content folder).
		placed := b.placeSource(e.src)
		if placed == nil {
			return nil, false
		}
		b.sameWarnings = b.sameWarnings && quiet(b.sources[e.src.Rel], b.md[e.src.Rel]) && len(e.src.Warnings) == 0
		b.sources[e.src.Rel] = e.src
		e.page.Source = placed
		changed[e.page.OutPath] = true
	}
	var pages []*site.Page
	for _, e := range edits {
		pages = append(pages, e.page)
	}
	b.convertIn(ctx, b.site, pages, byRel, &errs)
	if errs.Len() > 0 || ctx.Err() != nil {
		return nil, false
	}
	for _, e := range edits {
		b.sameWarnings = b.sameWarnings && quiet(e.src, b.md[e.src.Rel])
	}
	var todo []*job
	for _, j := range b.jobs {
		j.dirty = false
	}
	// Pager pages render copies of their list page: give them the new text.
	// Every page job refers to its own page (refsOf), so b.rev finds them.
	for _, p := range pages {
		for _, j := range b.rev[p.OutPath] {
			if j.kind == jobPage && j.self == p.OutPath && j.page != p {
				j.page.Content, j.page.Summary, j.page.TableOfContents = p.Content, p.Summary, p.TableOfContents
				j.page.WordCount, j.page.ReadingTime, j.page.Source = p.WordCount, p.ReadingTime, p.Source
			}
		}
	}
	// Only the pages' text changed: another page's output changes only if
	// its layout shows text of other pages.
	mark := func(j *job) {
		if j.dirty || j.kind == jobCopy {
			return
		}
		if j.kind == jobPage && !changed[j.self] && !j.layout.UsesContent {
			return
		}
		j.dirty = true
		todo = append(todo, j)
	}
	if len(changed) > 0 {
		for _, j := range b.jobs {
			// Site-wide outputs: the sitemap shows only URLs and dates, which
			// front matter holds; a layout, only if it shows site-wide text.
			switch {
			case !j.siteWide || j.kind == jobSitemap:
			case j.kind == jobPage && !changed[j.self] && !j.layout.SiteText:
			default:
				mark(j)
			}
		}
		b.colls.mark(changed)
		for out := range changed {
			for _, j := range b.rev[out] {
				mark(j)
			}
		}
	}
	before := forgetPagers(todo)
	b.produce(ctx, todo, &errs)
	if !before.same() {
		// A list page now asks for other pager pages: the general path
		// plans them.
		return nil, false
	}
	if b.img.proc != nil {
		b.makeTemplateImages(ctx, &errs)
	}
	if errs.Len() > 0 || ctx.Err() != nil {
		return nil, false
	}
	return b.assembleFast(), true
}

// placeSource returns a content file's source as the site graph holds it:
// placed in its language (languageTrees), nil when it is in none.
func (b *Builder) placeSource(src *content.Source) *content.Source {
	for _, lt := range b.languageTrees(&content.Tree{Sources: []*content.Source{src}}) {
		if len(lt.tree.Sources) > 0 {
			return lt.tree.Sources[0]
		}
	}
	return nil
}

// reverse indexes jobs by the pages they refer to.
func reverse(jobs []*job) map[string][]*job {
	rev := map[string][]*job{}
	for _, j := range jobs {
		for _, r := range j.refs {
			rev[r] = append(rev[r], j)
		}
	}
	return rev
}

// quiet reports whether a source and its converted Markdown add nothing to
// the build's warnings (Builder.warnings): a text edit between two quiet
// versions leaves them as they were.
func quiet(src *content.Source, e *mdEntry) bool {
	return src != nil && len(src.Warnings) == 0 && e != nil && len(e.warnings) == 0 && !e.rawHTML
}
