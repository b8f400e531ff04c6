package generator

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/markdown"
	"github.com/storyfront/storyfront/generator/site"
)

// mdEntry is a source's converted Markdown, kept between builds.
type mdEntry struct {
	hash    uint64
	content template.HTML
	sum     template.HTML // the Markdown's summary
	toc     template.HTML
	words   int
	minutes int               // the reading time
	summary template.HTML     // front matter summary, converted; "" when none
	links   map[string]string // content Rel of each linked .md file -> the URL it resolved to
	rawHTML bool              // the source has raw HTML
	trunc   bool              // the summary is shorter than the content
	// images are the content images it shows (Rel -> the line of the
	// first), and imageHashes their content hashes ("" for a name that is
	// no image), so a changed image converts it again (its versions' names
	// change).
	images      map[string]int
	imageHashes map[string]string
	warnings    diag.Errors // missing alt text
	// others: its shortcodes show other pages' text, which may change
	// without its source changing: it is converted again on every build.
	others bool
}

// wordsPerMinute sets ReadingTime.
const wordsPerMinute = 200

// emptyHugoTOC is the .TableOfContents hugo 0.111.3 gives a page
// without headings.
const emptyHugoTOC = `<nav id="TableOfContents"></nav>`

// convert fills every page's Content, Summary, TableOfContents, WordCount
// and ReadingTime, converting only the sources whose cached conversion is
// stale. It returns the output paths of the pages that changed.
func (b *Builder) convert(ctx context.Context, s *site.Site, ch changes, errs *diag.List) map[string]bool {
	changed := map[string]bool{}
	for _, rel := range ch.content {
		if old, ok := b.pageOut[rel]; ok {
			changed[old] = true
		}
		// A bundle resource added or removed may be the page's image.
		for dir := path.Dir(rel); !content.IsMarkdown(rel) && dir != "." && dir != ""; dir = path.Dir(dir) {
			if old, ok := b.pageOut[dir+"/index.md"]; ok {
				changed[old] = true
				break
			}
		}
	}
	all := allPages(s)
	if un := unwrittenPages(s); len(un) > 0 {
		// Listed pages have content, written or not.
		all = append(append(site.Pages(nil), all...), un...)
	}
	byRel := make(map[string]*site.Page, len(all))
	for _, p := range all {
		if p.Source != nil {
			byRel[p.Source.Rel] = p
		}
	}
	var todo []*site.Page
	for _, p := range all {
		if p.Source == nil {
			continue
		}
		if _, seen := b.pageOut[p.Source.Rel]; !seen {
			changed[p.OutPath] = true
		}
		e := b.md[p.Source.Rel]
		if e != nil && !e.others && e.hash == p.Source.Hash && linksHold(e.links, byRel) && b.imagesHold(e) {
			fill(p, e)
			continue
		}
		todo = append(todo, p)
		changed[p.OutPath] = true
	}
	b.convertIn(ctx, s, todo, byRel, errs)
	return changed
}

// convertIn converts the Markdown of pages of site s, one language at a
// time on a multilingual site: shortcodes see the page's own site.
func (b *Builder) convertIn(ctx context.Context, s *site.Site, todo []*site.Page, byRel map[string]*site.Page, errs *diag.List) {
	if !s.IsMultiLingual() {
		b.convertPages(ctx, todo, byRel, errs)
		return
	}
	defer b.rend.UseSite(b.rend.Site())
	for _, group := range byLanguage(s, todo, func(p *site.Page) *site.Page { return p }) {
		b.rend.UseSite(group.site)
		b.convertPages(ctx, group.items, byRel, errs)
	}
}

// convertPages converts the Markdown of pages in parallel, caching each
// result that had no errors, and fills the pages. byRel finds the pages
// .md links point to. A page whose shortcodes show other pages' text
// (.Content of the pages of a section) is converted after the others, as
// Hugo renders a page's content when it is first asked for: it sees
// theirs. (One level: such a page showing another such page's text sees
// it empty.)
func (b *Builder) convertPages(ctx context.Context, todo []*site.Page, byRel map[string]*site.Page, errs *diag.List) {
	// Telling them apart reads every body: on the workers too.
	others := make([]bool, len(todo))
	parallel(ctx, len(todo), func(_, i int) { others[i] = b.rend.ShowsOtherText(todo[i].Source.Body) })
	var first, later []*site.Page
	for i, p := range todo {
		if others[i] {
			later = append(later, p)
		} else {
			first = append(first, p)
		}
	}
	b.convertGroup(ctx, first, false, byRel, errs)
	b.convertGroup(ctx, later, true, byRel, errs)
}

// convertGroup converts pages in parallel; others marks pages whose
// shortcodes show other pages' text.
func (b *Builder) convertGroup(ctx context.Context, todo []*site.Page, others bool, byRel map[string]*site.Page, errs *diag.List) {
	if len(todo) == 0 {
		return
	}
	entries := make([]*mdEntry, len(todo))
	failed := make([]bool, len(todo))
	// How many pages each source gives (a source shared by two pages
	// keeps its text until both are converted: builder.go drops it then).
	uses := make(map[*content.Source]int, len(todo))
	for _, p := range todo {
		uses[p.Source]++
	}
	parallel(ctx, len(todo), func(_, i int) {
		p := todo[i]
		conv := b.rend.Markdown()
		defer b.rend.PutMarkdown(conv)
		e := &mdEntry{hash: p.Source.Hash, others: others}
		env := &markdown.Env{File: p.Source.Path, Line: p.Source.BodyLine,
			Link: func(dest string) (string, bool) {
				rel := resolveLink(p.Source.Rel, dest)
				t := byRel[rel]
				if t == nil && !b.broken[rel] {
					return "", false
				}
				if e.links == nil {
					e.links = map[string]string{}
				}
				if t == nil {
					// The target exists but failed to parse: its own error
					// is reported, and this build fails anyway. "" makes
					// linksHold convert this page again once it is fixed.
					e.links[rel] = ""
					return "", true
				}
				e.links[rel] = t.RelPermalink
				return t.RelPermalink, true
			}}
		if b.cfg.FromHugo() {
			// Hugo 0.111.3 leaves a link to a .md file as it is written,
			// whether or not the file exists.
			env.Link = nil
		}
		var wmu sync.Mutex
		var imgErrs diag.Errors
		env.Image = b.pictureFunc(p, e, func(w *diag.Error) {
			wmu.Lock()
			e.warnings = append(e.warnings, w)
			wmu.Unlock()
		}, func(err *diag.Error) {
			wmu.Lock()
			imgErrs = append(imgErrs, err)
			wmu.Unlock()
		})
		body := p.Source.Body
		if b.cfg.EnableEmoji {
			body = content.Emojify(body) // Hugo's enableEmoji: :smile: before Markdown
		}
		res, err := b.rend.Content(conv, p, body, env)
		errs.Add(p.Source.Path, err)
		failed[i] = err != nil
		if len(imgErrs) > 0 {
			errs.Add(p.Source.Path, imgErrs)
			failed[i] = true
		}
		if res != nil {
			if res.HasMore && b.cfg.FromHugo() {
				// hugo 0.111.3 trims the content of a page with a
				// <!--more--> divider (no newline at its end).
				res.HTML = bytes.TrimSpace(res.HTML)
			}
			e.content, e.toc, e.words = template.HTML(res.HTML), template.HTML(res.TOC), res.WordCount
			e.sum = within(e.content, res.HTML, res.Summary)
			e.minutes = max(1, (e.words+wordsPerMinute-1)/wordsPerMinute)
			if b.cfg.FromHugo() {
				// Hugo counts the words of .Plain (code included) and reads
				// 213 a minute, rounding down (0 for an empty page).
				e.words = len(strings.Fields(site.StripHTML(string(res.HTML))))
				e.minutes = (e.words + 212) / 213
			}
			e.rawHTML, e.trunc = res.RawHTML, res.Truncated
		}
		if sum := p.Source.Front.Summary; sum != "" {
			line, _ := site.FrontMatterLine(p.Source, "summary")
			r, err := conv.Convert([]byte(sum), &markdown.Env{File: p.Source.Path, Line: line, Link: env.Link})
			errs.Add(p.Source.Path, err)
			failed[i] = failed[i] || err != nil
			if r != nil {
				sum := bytes.TrimSpace(r.HTML)
				if b.cfg.FromHugo() {
					// Hugo renders it inline (one paragraph loses its <p>),
					// and a given summary is not a cut: not .Truncated.
					sum = unwrapParagraph(sum)
					e.trunc = false
				}
				e.summary = template.HTML(sum)
			}
		}
		entries[i] = e
		if b.dropBodies && uses[p.Source] == 1 {
			// Done with: the heap then holds, at any time, the text of the
			// pages still to convert or the HTML of those converted, not both.
			p.Source.DropBody()
		}
	})
	for i, p := range todo {
		if e := entries[i]; e != nil {
			if !failed[i] {
				b.md[p.Source.Rel] = e
			}
			fill(p, e)
		}
	}
}

// within returns sub as a string: a substring of s (the string of b) when
// sub is a part of b, as a summary usually is of the page's HTML, so the
// two share their bytes; else a copy.
func within(s template.HTML, b, sub []byte) template.HTML {
	if len(sub) == 0 {
		return ""
	}
	if i := bytes.Index(b, sub); i >= 0 {
		return s[i : i+len(sub)]
	}
	return template.HTML(sub)
}

func fill(p *site.Page, e *mdEntry) {
	p.Content = e.content
	p.Summary = e.sum
	p.Truncated = e.trunc
	if e.summary != "" {
		p.Summary = e.summary
	}
	p.TableOfContents = e.toc
	if p.TableOfContents == "" && p.Site != nil && p.Site.FollowsHugo() {
		// Hugo's table of contents of a page without headings is an
		// empty nav, so {{ if .TableOfContents }} is true.
		p.TableOfContents = emptyHugoTOC
	}
	p.WordCount = e.words
	p.ReadingTime = e.minutes
}

// linksHold reports whether every linked page still has the URL it had.
func linksHold(links map[string]string, byRel map[string]*site.Page) bool {
	for rel, u := range links {
		if p := byRel[rel]; p == nil || p.RelPermalink != u {
			return false
		}
	}
	return true
}

// resolveLink turns a .md link destination in the source from into a
// content Rel: relative to from's folder, or to content/ when it starts
// with "/".
func resolveLink(from, dest string) string {
	if strings.HasPrefix(dest, "/") {
		return strings.TrimPrefix(path.Clean(dest), "/")
	}
	return strings.TrimPrefix(path.Join(path.Dir(from), dest), "/")
}

// rawHTMLWarning is one warning listing the content files whose raw HTML
// is left out because the site does not allow it (Hugo drops it in
// silence); nil when there are none or raw HTML is allowed.
func (b *Builder) rawHTMLWarning() *diag.Error {
	if b.cfg == nil || b.cfg.Markdown.Unsafe {
		return nil
	}
	var files []string
	for rel, e := range b.md {
		if src := b.sources[rel]; e.rawHTML && src != nil {
			files = append(files, src.Path)
		}
	}
	if len(files) == 0 {
		return nil
	}
	sort.Strings(files)
	setting := "markdown.unsafe"
	if b.cfg.FromHugo() {
		setting = "markup.goldmark.renderer.unsafe"
	}
	return &diag.Error{File: b.cfg.File(), Line: 1, Col: 1,
		Msg: fmt.Sprintf("raw HTML is left out of %d content file(s) because %s is off: %s", len(files), setting, strings.Join(files, ", "))}
}

// checkBroken converts the bodies of the sources whose front matter failed,
// so their Markdown and shortcode errors are reported with it.
func (b *Builder) checkBroken(s *site.Site, errs *diag.List) {
	if len(b.broken) == 0 || b.rend == nil {
		return
	}
	byRel := map[string]*site.Page{}
	for _, p := range allPages(s) {
		if p.Source != nil {
			byRel[p.Source.Rel] = p
		}
	}
	conv := b.rend.Markdown()
	defer b.rend.PutMarkdown(conv)
	for _, rel := range sortedKeys(b.broken) {
		src, err := content.ReadFile(b.dir, rel)
		if err != nil {
			continue
		}
		body, line, ok := content.BodyOf(rel, src)
		if !ok {
			continue
		}
		file := path.Join(content.Dir, rel)
		p := &site.Page{Kind: site.KindPage, Title: path.Base(rel), Site: s, Params: map[string]any{}}
		env := &markdown.Env{File: file, Line: line, Link: func(dest string) (string, bool) {
			target := resolveLink(rel, dest)
			t := byRel[target]
			if t == nil {
				return "", b.broken[target]
			}
			return t.RelPermalink, true
		}}
		_, err = b.rend.Content(conv, p, body, env)
		errs.Add(file, err)
	}
}

// unwrapParagraph removes the <p> around HTML that is one paragraph.
func unwrapParagraph(h []byte) []byte {
	if bytes.HasPrefix(h, []byte("<p>")) && bytes.HasSuffix(h, []byte("</p>")) && bytes.Count(h, []byte("<p>")) == 1 {
		return h[3 : len(h)-4]
	}
	return h
}
