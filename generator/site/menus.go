package site

import (
	"fmt"
	"html/template"
	"path"
	"sort"
	"strings"

	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/diag"
)

// menus resolves the config's menus and the pages' front matter menu:
// entries, then nests entries under their parent, as Hugo does.
func (b *builder) menus(s *Site) {
	byFile := map[string]*Page{}
	for _, p := range s.Pages {
		switch {
		case p.Source != nil:
			// The path in the language's content folder (about.md for
			// content/en/about.md when en's contentDir is content/en).
			rel := p.File.Path()
			byFile[rel] = p
			ext := path.Ext(rel)
			stem := strings.TrimSuffix(rel, ext)
			if l := p.Source.Lang; l != "" && strings.HasSuffix(stem, "."+l) {
				stem = strings.TrimSuffix(stem, "."+l) // about.fr.md is about
			}
			if key := stem + ".md"; byFile[key] == nil {
				byFile[key] = p
			}
		case p.IsSection:
			byFile[p.Dir+"/_index.md"] = p
		case p.IsHome:
			byFile["_index.md"] = p
		case p.Kind == KindTaxonomy:
			byFile[p.Section+"/_index.md"] = p
		}
	}
	flat := map[string][]MenuItem{}
	for _, name := range sortedMenuNames(b.cfg.Menus) {
		for i, e := range b.cfg.Menus[name] {
			it := MenuItem{Name: e.Name, URL: e.URL, Weight: e.Weight, Identifier: e.Identifier,
				Parent: e.Parent, Pre: template.HTML(e.Pre), Post: template.HTML(e.Post), Title: e.Title, Params: b.menuParams(e.Params)}
			switch {
			case e.Page != "":
				p := pageByRef(byFile, e.Page)
				if p == nil {
					file := b.cfg.File()
					line, col := b.cfg.Locate(fmt.Sprintf("$.menus.%s[%d].page", name, i))
					if b.cfg.FromHugo() {
						// hugo 0.111.3 keeps an entry whose pageRef names
						// no page, with its url (or none); Jane's names a
						// web address. Said, not refused.
						s.Warnings = append(s.Warnings, diag.Errorf(file, line, col,
							"menus.%s: pageRef %q: no such page in content/; the entry keeps its url %q, as in Hugo", name, e.Page, e.URL))
						it.URL = hugoMenuURL(s, e.URL)
						flat[name] = append(flat[name], it)
						continue
					}
					b.errs.Add(file, diag.Errorf(file, line, col,
						"menus.%s: page %q: no such page in content/ (or it is a draft)", name, e.Page))
					continue
				}
				it.URL, it.Page = p.RelPermalink, p
				if it.Name == "" {
					it.Name = p.LinkTitle
				}
			case strings.Contains(e.URL, "://") || strings.HasPrefix(e.URL, "mailto:"):
				it.External = true
			case strings.HasPrefix(e.URL, "/"):
				it.URL = s.BasePath + e.URL
			}
			if it.Identifier == "" && !b.cfg.FromHugo() {
				it.Identifier = Urlize(e.Name)
			}
			flat[name] = append(flat[name], it)
		}
	}
	// Front matter: menu: main, [main, footer] or {main: {weight: 2, ...}}.
	for _, p := range s.Pages {
		if p.Source == nil {
			continue
		}
		for _, name := range sortedMenuNames(p.Source.Front.Menus) {
			e := p.Source.Front.Menus[name]
			it := MenuItem{Name: e.Name, URL: p.RelPermalink, Weight: e.Weight, Identifier: e.Identifier,
				Parent: e.Parent, Pre: template.HTML(e.Pre), Post: template.HTML(e.Post), Title: e.Title, Params: b.menuParams(e.Params), Page: p}
			if it.Name == "" {
				it.Name = p.LinkTitle
			}
			if it.Weight == 0 {
				it.Weight = p.Weight
			}
			flat[name] = append(flat[name], it)
		}
	}
	if name := b.cfg.SectionPagesMenu; name != "" {
		flat[name] = sectionEntries(s, flat[name])
	}
	s.Menus = map[string]Menu{}
	for name, items := range flat {
		if b.cfg.FromHugo() {
			items = missingParents(items)
		}
		s.Menus[name] = nest(items, "")
	}
}

// missingParents adds, for each parent the entries name that no entry of
// the menu is, a top entry named after it, with no URL, to hold them:
// hugo 0.111.3 lists such a parent rather than dropping its children.
func missingParents(items []MenuItem) []MenuItem {
	keys := map[string]bool{}
	for _, it := range items {
		keys[it.KeyName()] = true
	}
	for _, it := range items {
		if it.Parent != "" && !keys[it.Parent] {
			keys[it.Parent] = true
			items = append(items, MenuItem{Name: it.Parent})
		}
	}
	return items
}

// sectionEntries adds to a menu's entries one per top section that no
// entry names or links to yet (Hugo's sectionPagesMenu): named by the
// section's link title, identified by its folder, weighted by its weight.
func sectionEntries(s *Site, items []MenuItem) []MenuItem {
	for _, sec := range s.Sections {
		taken := false
		for _, it := range items {
			if it.Identifier == sec.Section || it.Page == sec || it.URL == sec.RelPermalink {
				taken = true
			}
		}
		if !taken {
			items = append(items, MenuItem{Name: sec.LinkTitle, URL: sec.RelPermalink, Weight: sec.Weight,
				Identifier: sec.Section, Page: sec})
		}
	}
	return items
}

// nest returns the entries whose parent is parent, each with its own
// children, sorted as Hugo sorts menus: by weight (none last), then name.
func nest(items []MenuItem, parent string) Menu {
	var out Menu
	for _, it := range items {
		if it.Parent != parent {
			continue
		}
		if key := it.KeyName(); key != "" && key != parent {
			it.Children = nest(items, key)
		}
		out = append(out, it)
	}
	return out.ByWeight()
}

// pageByRef finds a menu entry's page: a content path ("about.md",
// "stories/_index.md") or Hugo's pageRef ("/about", "posts").
func pageByRef(byFile map[string]*Page, ref string) *Page {
	ref = strings.TrimPrefix(strings.TrimPrefix(ref, "/"), content.Dir+"/")
	if p := byFile[ref]; p != nil {
		return p
	}
	ref = strings.TrimSuffix(ref, "/")
	for _, f := range []string{ref + "/_index.md", ref + ".md", ref + "/index.md"} {
		if p := byFile[strings.TrimPrefix(f, "/")]; p != nil {
			return p
		}
	}
	return nil
}

func sortedMenuNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// String describes the entry without pointers, so that comparing two
// builds' menus as text (the builder does, to see whether every page must
// be rendered again) is stable.
func (m MenuItem) String() string {
	return fmt.Sprintf("{%s %s %d %s %v %s %s %s %s %v %v}", m.Name, m.URL, m.Weight, m.Identifier, m.External,
		m.Parent, m.Pre, m.Post, m.Title, m.Params, m.Children)
}

// menuParams are a menu entry's params as its templates read them: in a
// Hugo site, without regard to the keys' case (FoldParams), as hugo's
// .Params.showName finds showName.
func (b *builder) menuParams(params map[string]any) map[string]any {
	if b.cfg.FromHugo() {
		return FoldParams(params)
	}
	return params
}

// hugoMenuURL is a Hugo menu entry's configured url as its .URL: a path
// from the root gets the site's base path.
func hugoMenuURL(s *Site, u string) string {
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return s.BasePath + u
	}
	return u
}
