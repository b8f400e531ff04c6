package site

import (
	"path"
	"sort"
	"strings"
	"time"
)

// languageRoot notes the redirect hugo 0.111.3 writes for a multilingual
// site's default language: from /<lang>/ to the site's root (its baseURL
// as written), or, with defaultContentLanguageInSubdir, from the root to
// /<lang>/ (LanguageRootAlias).
func (b *builder) languageRoot(s *Site) {
	cfg := b.cfg
	if !cfg.Multilingual() || cfg.LanguageKey != cfg.DefaultContentLanguage || s.Home == nil {
		return
	}
	if cfg.DefaultContentLanguageInSubdir {
		s.rootAlias, s.rootTarget = "index.html", s.Home.Permalink
		return
	}
	s.rootAlias, s.rootTarget = cfg.LanguageKey+"/index.html", s.BaseURL
}

// LanguageRootAlias is the output path and target of the redirect
// between the site's root and its default language's folder; "" for none.
func (s *Site) LanguageRootAlias() (out, target string) { return s.rootAlias, s.rootTarget }

// Sites are a multilingual site's languages, each its own Site, in Hugo's
// order of languages (weight, then key); one Site for other sites.
type Sites []*Site

// First is the first language's site (Hugo's .Sites.First).
func (ss Sites) First() *Site {
	if len(ss) == 0 {
		return nil
	}
	return ss[0]
}

// Sites are every language's site (Hugo's .Site.Sites and .Sites).
func (s *Site) Sites() Sites {
	if len(s.sites) == 0 {
		return Sites{s}
	}
	return s.sites
}

// Languages are every language of the site, in Hugo's order.
func (s *Site) Languages() []*Language {
	out := make([]*Language, 0, len(s.sites))
	for _, o := range s.Sites() {
		out = append(out, o.Language)
	}
	return out
}

// IsMultiLingual reports whether the site has more than one language.
func (s *Site) IsMultiLingual() bool { return len(s.sites) > 1 }

// LanguagePrefix is the language's folder in URLs ("/fr"), "" for the
// default language (Hugo's .Site.LanguagePrefix).
func (s *Site) LanguagePrefix() string {
	if s.langDir == "" {
		return ""
	}
	return "/" + s.langDir
}

// Link joins the sites of a multilingual site's languages, given in
// Hugo's order: each knows the others (.Sites, .Site.Languages) and each
// page its translations, the pages of the other languages with its
// translation key (.Translations).
func Link(sites Sites) {
	if len(sites) < 2 {
		return
	}
	byKey := map[string]Pages{}
	for _, s := range sites {
		s.sites = sites
		// The 404 pages are no translations of each other, as in hugo
		// 0.111.3 (.IsTranslated false, no .AllTranslations).
		for _, p := range s.Pages {
			if k := p.TranslationKey(); k != "" {
				byKey[k] = append(byKey[k], p)
			}
		}
	}
	for _, all := range byKey {
		for _, p := range all {
			p.translations = all
		}
	}
	for _, all := range byKey {
		for _, p := range all {
			p.inheritResources()
		}
	}
}

// inheritResources gives a bundle page the files of its translations'
// bundles that its own lacks (by name), published beside it, as hugo
// 0.111.3 shares a bundle's files between translations in their own
// content folders (content/en/x/, content/fr/x/).
func (p *Page) inheritResources() {
	if p.Bundle == "" {
		return
	}
	have := map[string]bool{}
	for _, r := range p.Resources {
		have[r.Name] = true
	}
	added := false
	for _, t := range p.AllTranslations() {
		if t == p || t.Bundle == "" || t.Bundle == p.Bundle {
			continue
		}
		for _, r := range t.Resources {
			if have[r.Name] || r.page != t {
				continue
			}
			have[r.Name] = true
			c := newResource(p.Site, r.Path, r.Name, p.Site.BasePath+"/"+path.Join(dirOf(p.OutPath), r.Name), r.read)
			c.page = p
			p.Resources = append(p.Resources, c)
			added = true
		}
	}
	if added {
		sort.SliceStable(p.Resources, func(i, j int) bool { return p.Resources[i].Name < p.Resources[j].Name })
	}
}

// Inherited lists the content files (relative to content/) a bundle page
// publishes from its translations' bundles, by the name it publishes
// them under.
func (p *Page) Inherited() map[string]string {
	var out map[string]string
	for _, r := range p.Resources {
		if r.page == p && p.Bundle != "" && !strings.HasPrefix(r.Path, p.Bundle+"/") {
			if out == nil {
				out = map[string]string{}
			}
			out[r.Name] = r.Path
		}
	}
	return out
}

// TranslationKey is what ties a page to its translations: its front
// matter translationKey, else its path below the language's content
// folder without the language suffix, each after the page's kind
// ("page/blog/a", "section/blog", "home"), as hugo 0.111.3 gives it.
func (p *Page) TranslationKey() string {
	if p.Source != nil && p.Source.Front.TranslationKey != "" {
		return p.Kind + "/" + p.Source.Front.TranslationKey
	}
	switch p.Kind {
	case KindHome:
		return KindHome
	case Kind404:
		return Kind404
	case KindPage:
		if p.Source == nil {
			return ""
		}
		name := p.Source.Name
		if p.Source.Bundle {
			name = path.Join(name, "index")
		}
		return KindPage + "/" + path.Join(p.Source.Dir, name)
	case KindSection:
		return KindSection + "/" + p.Dir
	case KindTaxonomy:
		return KindTaxonomy + "/" + p.Section
	case KindTerm:
		if p.Term != nil {
			// Its content path, whatever its URL (permalinks, url).
			return KindTerm + "/" + p.Section + "/" + p.Term.Slug
		}
		return KindTerm + "/" + strings.Trim(strings.TrimPrefix(p.RelPermalink, p.Site.BasePath+p.Site.LanguagePrefix()), "/")
	}
	return ""
}

// Translations are the page in the other languages, in Hugo's order of
// languages.
func (p *Page) Translations() Pages {
	var out Pages
	for _, t := range p.translations {
		if t.Site != p.Site { // p may be a pager page's copy of the page
			out = append(out, t)
		}
	}
	return sortByLanguage(out)
}

// AllTranslations is the page in every language it is in, itself included.
func (p *Page) AllTranslations() Pages {
	if p.Site == nil || !p.Site.IsMultiLingual() || p == p.Site.NotFound {
		return nil // hugo 0.111.3 gives none on a site of one language, nor on a 404 page
	}
	if len(p.translations) == 0 {
		return Pages{p}
	}
	return sortByLanguage(append(Pages(nil), p.translations...))
}

// IsTranslated reports whether the page is in other languages too.
func (p *Page) IsTranslated() bool { return len(p.translations) > 1 }

// Sites are every language's site (Hugo's .Sites).
func (p *Page) Sites() Sites {
	if p.Site == nil {
		return nil
	}
	return p.Site.Sites()
}

// sortByLanguage orders a page's translations as hugo 0.111.3 does
// (lessPageLanguage): by their language's weight (0 last), then, within
// one weight, newest first, then by link title (case folded), then by
// file.
func sortByLanguage(ps Pages) Pages {
	weight := func(p *Page) int {
		if p.Site != nil && p.Site.Language != nil {
			return p.Site.Language.Weight
		}
		return 0
	}
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		wa, wb := weight(a), weight(b)
		if wa != wb {
			return wb == 0 || wa != 0 && wa < wb
		}
		if a.Date.Unix() != b.Date.Unix() {
			return a.Date.Unix() > b.Date.Unix()
		}
		ta, tb := a.linkTitle(), b.linkTitle()
		if c := strings.Compare(strings.ToLower(ta), strings.ToLower(tb)); c != 0 {
			return c < 0
		}
		if ta != tb {
			return ta < tb
		}
		if a.Source != nil && b.Source != nil {
			return a.Source.Path < b.Source.Path
		}
		return false
	})
	return ps
}

// AbsLangURL is Hugo's absLangURL: absURL with the language's folder
// ("/fr") in front of the path, unless it is there already; a path that
// starts with "/" is taken from the host, as hugo 0.111.3 does.
func (s *Site) AbsLangURL(u string) string {
	if s.langDir == "" || strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
		return s.AbsURL(u)
	}
	if s.hugo && s.host() == "" {
		// A baseURL that is a path, or none: hugo 0.111.3 joins the
		// folder and u without a leading slash ("fr/z"), behind the
		// baseURL for a relative u; from the root ("/z") it is that
		// alone, or u when u has the folder already.
		in := s.withLangDir(u)
		switch {
		case !strings.HasPrefix(u, "/") && s.BaseURL != "":
			return strings.TrimSuffix(s.BaseURL, "/") + "/" + in
		case !strings.HasPrefix(u, "/"):
			return in
		case in == strings.TrimPrefix(u, "/"):
			return u
		}
		return in
	}
	host := strings.TrimSuffix(s.BaseURL, "/")
	if strings.HasPrefix(u, "/") {
		host = s.host()
	}
	return host + "/" + s.withLangDir(u)
}

// RelLangURL is Hugo's relLangURL: relURL with the language's folder in
// front of the path; a path that starts with "/" gets no base path, as
// hugo 0.111.3 does.
func (s *Site) RelLangURL(u string) string {
	if s.langDir == "" || strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
		return s.RelURL(u)
	}
	if u == "" {
		// The language's root: with a slash when the baseURL as written
		// ends in one, as hugo 0.111.3 makes it.
		out := s.BasePath + "/" + s.langDir
		if strings.HasSuffix(s.BaseURL, "/") {
			out += "/"
		}
		return out
	}
	if strings.HasPrefix(u, "/") {
		return "/" + s.withLangDir(u)
	}
	return s.BasePath + "/" + s.withLangDir(u)
}

// withLangDir puts the language's folder in front of a path, without a
// leading slash; a trailing one is kept.
func (s *Site) withLangDir(u string) string {
	in := strings.TrimPrefix(u, "/")
	if in == s.langDir || strings.HasPrefix(in, s.langDir+"/") {
		return in
	}
	out := path.Join(s.langDir, in)
	if in == "" || strings.HasSuffix(in, "/") {
		out += "/"
	}
	return out
}

// MergeByLanguage is Hugo's lang.Merge: ps with the pages of other whose
// translation ps lacks, sorted as Hugo sorts pages.
func (ps Pages) MergeByLanguage(other Pages) Pages {
	have := map[string]bool{}
	for _, p := range ps {
		have[p.TranslationKey()] = true
	}
	out := append(Pages(nil), ps...)
	for _, p := range other {
		if k := p.TranslationKey(); !have[k] {
			have[k] = true
			out = append(out, p)
		}
	}
	SortPages(out)
	return out
}

// SitemapAbsURL is the URL of the language's sitemap (a multilingual
// site's /<lang>/sitemap.xml), as the sitemap index lists it.
func (s *Site) SitemapAbsURL() string {
	name := "sitemap.xml"
	if s.config != nil {
		name = s.config.Sitemap.File()
	}
	if !s.IsMultiLingual() {
		return s.AbsURL(name)
	}
	if s.BaseURL == "" {
		return s.Language.Lang + "/" + name // relative, as hugo 0.111.3 writes it without a baseURL
	}
	return strings.TrimSuffix(s.BaseURL, "/") + "/" + s.Language.Lang + "/" + name
}

// FollowsHugo reports whether the site follows Hugo's rules where
// Storyfront's differ (a Hugo config, or site.yaml's hugo: true).
func (s *Site) FollowsHugo() bool { return s.hugo }

// FormatTime formats t with a Go layout in the site's language (Hugo's
// time.Format, which GroupByDate's keys use too): the month and weekday
// names of a Hugo site's language when the renderer set TimeFormatter.
func (s *Site) FormatTime(t time.Time, layout string) string {
	if s == nil || s.TimeFormatter == nil {
		return t.Format(layout)
	}
	return s.TimeFormatter(t, layout)
}
