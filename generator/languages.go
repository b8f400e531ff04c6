package generator

import (
	"github.com/storyfront/storyfront/generator/render"
	"path"
	"sort"
	"strings"
	"time"

	"cmp"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/gitinfo"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/site"
)

// languageTree is the content of one language of a multilingual site.
type languageTree struct {
	cfg  *config.Config
	tree *content.Tree
}

// languageTrees splits the site's content between its languages as hugo
// 0.111.3 does: a file named for one of the languages (x.fr.md,
// index.fr.md) is in that language; any other file is in the language
// whose contentDir holds it (content/fr/...), or, in content/ itself, in
// the default language. A suffix that names no language (x.de.md without
// a German) is part of the name, as in Hugo. A site of one language has
// one tree, the whole content.
func (b *Builder) languageTrees(tree *content.Tree) []languageTree {
	cfg := b.cfg
	if !cfg.Multilingual() {
		// x.en.md is the page x of a site in English; a contentDir under
		// content/ (content/en) is the content's root.
		key, root := cmp.Or(cfg.LanguageKey, cfg.DefaultContentLanguage), cfg.ContentRoot()
		if key != "" && cfg.FromHugo() || root != "" {
			t := *tree
			t.Sources = make([]*content.Source, 0, len(tree.Sources))
			for _, s := range tree.Sources {
				if root != "" && !strings.HasPrefix(s.Rel, root+"/") {
					continue // outside the content folder
				}
				suffix := ""
				if key != "" {
					suffix = s.Language(key)
				}
				if root == "" && suffix == "" {
					t.Sources = append(t.Sources, s)
					continue
				}
				t.Sources = append(t.Sources, s.InLanguage("", root, suffix))
			}
			tree = &t
		}
		return []languageTree{{cfg: cfg, tree: tree}}
	}
	keys := make([]string, len(cfg.Languages))
	byRoot := map[string]*config.Config{}
	for i, l := range cfg.Languages {
		keys[i] = l.LanguageKey
		if r := l.ContentRoot(); r != "" {
			byRoot[r] = l
		}
	}
	def := cfg.Default()
	trees := make(map[string]*content.Tree, len(cfg.Languages))
	for _, l := range cfg.Languages {
		trees[l.LanguageKey] = &content.Tree{Files: tree.Files, ReadTime: tree.ReadTime, ParseTime: tree.ParseTime}
	}
	for _, s := range tree.Sources {
		home, root := def, ""
		for r, l := range byRoot {
			if len(s.Rel) > len(r) && s.Rel[:len(r)+1] == r+"/" {
				home, root = l, r
			}
		}
		if root == "" && def.ContentRoot() != "" {
			continue // content/ itself is no language's folder
		}
		if s.Language(cfg.DisabledLanguages()...) != "" {
			continue // a disabled language's file
		}
		lang := home
		suffix := s.Language(keys...)
		if suffix != "" {
			for _, l := range cfg.Languages {
				if l.LanguageKey == lowerASCII(suffix) {
					lang = l
				}
			}
		}
		t := trees[lang.LanguageKey]
		t.Sources = append(t.Sources, s.InLanguage(lang.LanguageKey, root, suffix))
	}
	out := make([]languageTree, 0, len(cfg.Languages))
	for _, l := range cfg.Languages {
		out = append(out, languageTree{cfg: l, tree: trees[l.LanguageKey]})
	}
	return out
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// allPages are the pages of every language of s's site, s's own first
// (the default language's, which owns the content files the languages
// share), then the others in Hugo's order of languages.
func allPages(s *site.Site) site.Pages {
	if !s.IsMultiLingual() {
		return s.Pages
	}
	out := append(site.Pages(nil), s.Pages...)
	for _, o := range s.Sites() {
		if o != s {
			out = append(out, o.Pages...)
		}
	}
	return out
}

// unwrittenPages are the listed pages of every language of s's site
// that are not written (site.Site.Unwritten).
func unwrittenPages(s *site.Site) site.Pages {
	if !s.IsMultiLingual() {
		return s.Unwritten()
	}
	var out site.Pages
	for _, o := range s.Sites() {
		out = append(out, o.Unwritten()...)
	}
	return out
}

// notFoundPages are the 404 page of every language of s's site.
func notFoundPages(s *site.Site) site.Pages {
	var out site.Pages
	for _, o := range s.Sites() {
		if o.NotFound != nil {
			out = append(out, o.NotFound)
		}
	}
	return out
}

// buildSites makes the site graph of each language (one for a site of
// one language) and links them; it returns the default language's, whose
// Sites() are all of them.
func (b *Builder) buildSites(tree *content.Tree, git gitinfo.Map, errs *diag.List) *site.Site {
	read := func(rel string) ([]byte, error) { return content.ReadFile(b.dir, rel) }
	var sites site.Sites
	var def *site.Site
	seen := map[string]bool{}
	for _, lt := range b.languageTrees(tree) {
		s, err := site.Build(lt.cfg, lt.tree, site.Options{Drafts: b.opts.Drafts, Future: b.opts.Future,
			BaseURL: b.opts.BaseURL, Now: time.Now(), Environment: b.opts.Environment, Palettes: b.palette,
			Git: git})
		errs.Add(config.FileName, err)
		s.Data = b.data
		site.AttachResourcesIn(s, tree.Files, read, b.languageKeys())
		if lt.cfg == b.cfg {
			def = s
		}
		// Each language's graph finds the same problems in shared files:
		// each warning once.
		kept := s.Warnings[:0]
		for _, w := range s.Warnings {
			if k := w.Error(); !seen[k] {
				seen[k] = true
				kept = append(kept, w)
			}
		}
		s.Warnings = kept
		sites = append(sites, s)
	}
	site.Link(sites)
	return def
}

// movedTo is the image published at out instead (a bundle's image beside
// one of its translations): the same versions, in out's folder.
func (e *imageEntry) movedTo(out string) *imageEntry {
	c := *e
	c.out = out
	c.dir = path.Dir(out) + "/"
	if c.dir == "./" {
		c.dir = ""
	}
	c.url = strings.TrimSuffix(e.url, e.dir) + c.dir
	return &c
}

// planSitemaps adds the sitemap: one sitemap.xml for a site of one
// language; for a multilingual site, each language's at <lang>/sitemap.xml
// (the default language's too) and the index of them at /sitemap.xml, as
// hugo 0.111.3 writes them.
func (b *Builder) planSitemaps(s *site.Site, machine func(*job, []string)) {
	name := b.cfg.Sitemap.File()
	if !s.IsMultiLingual() {
		machine(&job{kind: jobSitemap, out: name, owner: "the sitemap", page: s.Home, siteWide: true}, render.SitemapCandidates())
		return
	}
	for _, o := range s.Sites() {
		out := path.Join(o.Language.Lang, name)
		machine(&job{kind: jobSitemap, out: out, owner: "the sitemap of " + o.Language.Lang, page: o.Home, siteWide: true},
			render.SitemapCandidates())
	}
	machine(&job{kind: jobSitemapIndex, out: name, owner: "the sitemap index", page: s.Home, siteWide: true},
		render.SitemapIndexCandidates())
}

// languageGroup is the part of a list that is in one language.
type languageGroup[T any] struct {
	site  *site.Site
	items []T
}

// byLanguage splits items by the language of their page (items without
// a page go with s's language), in the order of s.Sites().
func byLanguage[T any](s *site.Site, items []T, pageOf func(T) *site.Page) []languageGroup[T] {
	groups := make([]languageGroup[T], 0, len(s.Sites()))
	index := map[*site.Site]int{}
	for i, o := range s.Sites() {
		index[o] = i
		groups = append(groups, languageGroup[T]{site: o})
	}
	for _, it := range items {
		i, ok := 0, false
		if p := pageOf(it); p != nil && p.Site != nil {
			i, ok = index[p.Site]
		}
		if !ok {
			i = index[s]
		}
		groups[i].items = append(groups[i].items, it)
	}
	return groups
}

// planInherited publishes the files a bundle page shares from its
// translations' bundles (site.Page.Inherited) beside it.
func (b *Builder) planInherited(s *site.Site, add func(*job), errs *diag.List) {
	if !s.IsMultiLingual() {
		return
	}
	for _, p := range allPages(s) {
		inh := p.Inherited()
		names := make([]string, 0, len(inh))
		for n := range inh {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, name := range names {
			rel := inh[name]
			data, ok := b.plainFile(rel, errs)
			if !ok {
				continue
			}
			add(&job{kind: jobCopy, out: path.Join(path.Dir(p.OutPath), name), owner: path.Join(content.Dir, rel), data: data})
		}
	}
}

// sameAliasOtherLanguage reports whether two redirect pages at one path
// are aliases of pages of two languages of a site.
func sameAliasOtherLanguage(a, b *job) bool {
	return a.kind == jobAlias && b.kind == jobAlias && a.page != nil && b.page != nil &&
		a.page.Site != b.page.Site && a.target == "" && b.target == ""
}

// languageRank is the place of a language's site in Hugo's order.
func languageRank(s, lang *site.Site) int {
	for i, o := range s.Sites() {
		if o == lang {
			return i
		}
	}
	return 0
}

// languageKeys are the site's language keys ("en", "fr"), none for a site
// of one language.
func (b *Builder) languageKeys() []string {
	keys := make([]string, 0, len(b.cfg.Languages))
	for _, l := range b.cfg.Languages {
		keys = append(keys, l.LanguageKey)
	}
	return keys
}
