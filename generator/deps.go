package generator

import (
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/storyfront/storyfront/generator/brand"
	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/data"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/render"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// The dependency model: what a Rebuild redoes when a file changes.
//
//	site.yaml                   everything (config, templates, Markdown, outputs)
//	data/, theme data/          everything, as site.yaml (.Site.Data)
//	layouts/, theme layouts/    everything (templates; Markdown too: it embeds forms)
//	assets/, theme assets/      the published assets; with hashed names (the
//	                            default) also every template output, as the
//	                            names are in the pages (Markdown kept)
//	static/, theme static/      the static files only
//	content/**.md               that source's Markdown; then the outputs that
//	                            refer to a changed page (see below)
//	content/ other files        that file; in a bundle also its page (a
//	                            relative front matter image may be it)
//
// An output is re-rendered when (see record and dirty):
//   - it is new, or its layout changed;
//   - a page it refers to changed: a page refers to itself and, when its
//     layout mentions them (render.Layout), to its Prev, Next and Related
//     pages and the pages it lists (a pager page: its part of the list and
//     the page count; a layout that mentions .Pages: the whole list as
//     one collection ref, changed when any of its pages is, see
//     collections.go); a feed to its items; an alias to its page;
//   - the list of pages it refers to changed (a page moved, appeared or
//     went away);
//   - it is site-wide (home, tags index, sitemap, site feed, or a layout
//     that reads .Site.RegularPages, .Site.Sections or .Site.Tags, or
//     steps from page to page twice) and any page changed;
//   - the menus changed (every page shows them).
//
// On a multilingual site a page also refers to its translations (it shows
// their titles and URLs: .Translations, hreflang links).
//
// A list page's pager pages are planned once it is rendered, from what its
// rendering asked of .Paginator or .Paginate (pagers.go); one that is not
// rendered again keeps what it asked last time.
//
// A changed page is one whose source changed, or whose Markdown was
// converted again because a page it links to moved.
//
// When only the text of existing pages changed (front matter equal), the
// graph is kept and fast.go narrows this further: outputs of other pages
// are rendered only if their layout shows other pages' text.
type changes struct {
	all       bool
	config    bool
	templates bool
	assets    bool
	static    bool
	content   []string // Rel paths under content/ (Markdown or not)
}

// none reports whether nothing the site is made of changed.
func (c changes) none() bool {
	if c.all || c.config || c.templates || c.assets || c.static {
		return false
	}
	for _, rel := range c.content {
		if !content.Ignored(path.Base(rel)) {
			return false
		}
	}
	return true
}

// classify sorts changed paths by what they invalidate.
func (b *Builder) classify(paths []string) changes {
	var ch changes
	theme := render.ThemeDir(b.cfgOrDefault())
	for _, p := range paths {
		rel := b.relPath(p)
		if r, ok := b.relOfContent(rel); ok && !under(rel, content.Dir) {
			ch.content = append(ch.content, r) // a language's content folder outside content/
			continue
		}
		switch {
		case rel == "":
		case config.IsConfigPath(rel), under(rel, data.Dir), under(rel, path.Join(theme, data.Dir)), rel == path.Join(theme, brand.TokensFile):
			// data/ files are .Site.Data: every page may show them; the
			// theme's colour tokens are checked with site.yaml's brand.
			ch.config = true
		case under(rel, render.LayoutsDir), under(rel, path.Join(theme, render.LayoutsDir)),
			under(rel, render.I18nDir), under(rel, path.Join(theme, render.I18nDir)):
			// i18n/ tables are what the templates' i18n calls print.
			ch.templates = true
		case under(rel, render.AssetsDir), under(rel, path.Join(theme, render.AssetsDir)):
			ch.assets = true
		case under(rel, render.StaticDir), under(rel, path.Join(theme, render.StaticDir)):
			ch.static = true
		case under(rel, content.Dir):
			ch.content = append(ch.content, strings.TrimPrefix(rel, content.Dir+"/"))
		}
	}
	return ch
}

func (b *Builder) cfgOrDefault() *config.Config {
	if b.cfg != nil {
		return b.cfg
	}
	return &config.Config{Theme: config.DefaultTheme}
}

// relPath makes p relative to the site folder, slash-separated; "" when it
// is outside.
func (b *Builder) relPath(p string) string {
	if filepath.IsAbs(p) {
		abs, err := filepath.Abs(b.dir)
		if err != nil {
			return ""
		}
		r, err := filepath.Rel(abs, p)
		if err != nil {
			return ""
		}
		p = r
	}
	p = filepath.ToSlash(filepath.Clean(p))
	if p == "." || strings.HasPrefix(p, "../") || p == ".." {
		return ""
	}
	return p
}

func under(rel, dir string) bool { return strings.HasPrefix(rel, dir+"/") }

// relOfContent returns the Rel of a content file from its path in the
// site folder: relative to content/, or "../DIR/..." for a file of a
// language's content folder DIR outside content/ (content.Walk).
func (b *Builder) relOfContent(file string) (string, bool) {
	if rel, ok := strings.CutPrefix(file, content.Dir+"/"); ok {
		return rel, true
	}
	for _, d := range b.cfgOrDefault().ContentDirs() {
		if under(file, d) {
			return "../" + file, true
		}
	}
	return "", false
}

// updateContent re-reads the changed content files (folders expanded, see
// expand).
func (b *Builder) updateContent(ch changes, errs *diag.List) {
	for _, rel := range ch.content {
		base := path.Base(rel)
		if content.Ignored(base) {
			continue
		}
		exists := content.Exists(b.dir, rel)
		_, wasPage := b.sources[rel]
		if !content.IsPageFile(b.dir, rel) && !(!exists && (wasPage || b.broken[rel])) {
			if wasPage {
				delete(b.sources, rel) // an .html page that lost its front matter
			}
			if exists {
				b.plain[rel] = nil // read again when planned
			} else {
				delete(b.plain, rel)
			}
			continue
		}
		if !exists {
			delete(b.sources, rel)
			delete(b.broken, rel)
			continue
		}
		src, err := b.readContent(rel)
		if err != nil {
			errs.Add(path.Join(content.Dir, rel), err)
			b.broken[rel] = true
			delete(b.sources, rel)
			continue
		}
		delete(b.broken, rel)
		b.sources[rel] = src
	}
	// A source that failed before is still an error until it is fixed.
	for rel := range b.broken {
		if _, err := b.readContent(rel); err != nil {
			errs.Add(path.Join(content.Dir, rel), err)
		}
	}
}

// expand turns changed content paths into file paths: a folder that
// exists stands for the files in it; one that is gone, for the files that
// were known under it.
func (b *Builder) expand(rels []string) []string {
	var out []string
	for _, rel := range rels {
		full := filepath.Join(b.dir, content.Dir, filepath.FromSlash(rel))
		info, err := os.Stat(full)
		switch {
		case err == nil && info.IsDir():
			err := sitefs.Walk(b.dir, path.Join(content.Dir, rel), nil, func(f sitefs.File) error {
				out = append(out, path.Join(rel, f.Rel))
				return nil
			})
			// A link that leaves the site is listed too: reading it
			// reports the error.
			var es diag.Errors
			if errors.As(err, &es) {
				for _, e := range es {
					if r, ok := b.relOfContent(e.File); ok {
						out = append(out, r)
					}
				}
			}
			out = append(out, b.knownUnder(rel)...) // those removed meanwhile
		case err != nil:
			if _, known := b.sources[rel]; known || b.broken[rel] {
				out = append(out, rel)
			} else if _, known := b.plain[rel]; known {
				out = append(out, rel)
			} else {
				out = append(out, b.knownUnder(rel)...)
			}
		default:
			out = append(out, rel)
		}
	}
	return out
}

// knownUnder lists the loaded content files under folder rel.
func (b *Builder) knownUnder(rel string) []string {
	prefix := rel + "/"
	var out []string
	for r := range b.sources {
		if strings.HasPrefix(r, prefix) {
			out = append(out, r)
		}
	}
	for r := range b.broken {
		if strings.HasPrefix(r, prefix) {
			out = append(out, r)
		}
	}
	for r := range b.plain {
		if strings.HasPrefix(r, prefix) {
			out = append(out, r)
		}
	}
	return out
}

// readContent reads and parses content/<rel>; a Hugo site's file that is
// not valid UTF-8 is read as hugo 0.111.3 reads it (content.ReadHugo).
func (b *Builder) readContent(rel string) (*content.Source, error) {
	if b.cfg.FromHugo() {
		return content.ReadHugo(b.dir, rel)
	}
	return content.Read(b.dir, rel)
}
