package site

import "slices"

// IsMenuCurrent reports whether the menu entry points at p (Hugo's
// .IsMenuCurrent MENU ENTRY): its page is p, or, for an entry made from a
// url, its URL is p's.
func (p *Page) IsMenuCurrent(menu string, entry MenuItem) bool {
	if entry.Page != nil {
		return entry.Page == p
	}
	return !entry.External && entry.URL != "" && entry.URL == p.RelPermalink
}

// HasMenuCurrent reports whether one of the entries under entry points at
// p, or entry's page is a section p is in (Hugo's .HasMenuCurrent).
func (p *Page) HasMenuCurrent(menu string, entry MenuItem) bool {
	if entry.Page != nil && entry.Page.IsSection && entry.Page != p && entry.Page.IsAncestor(p) {
		return true
	}
	for _, c := range entry.Children {
		if p.IsMenuCurrent(menu, c) || p.HasMenuCurrent(menu, c) {
			return true
		}
	}
	return false
}

// PrevInSection is the page after p among its section's regular pages,
// in their default order (Hugo's .PrevInSection: older, or heavier), or
// nil. As hugo 0.111.3, pages listed only locally (_build list: local)
// are left out, and have none.
func (p *Page) PrevInSection() *Page { return p.inSection(1) }

// NextInSection is the page before p in its section's regular pages
// (Hugo's .NextInSection), or nil.
func (p *Page) NextInSection() *Page { return p.inSection(-1) }

func (p *Page) inSection(step int) *Page {
	if !p.IsPage {
		return nil
	}
	sec := p.CurrentSection()
	if sec == nil {
		return nil
	}
	if p.listedLocally() {
		return nil
	}
	pages := sec.RegularPages()
	i := slices.Index(pages, p)
	if i < 0 {
		return nil
	}
	for j := i + step; j >= 0 && j < len(pages); j += step {
		if !pages[j].listedLocally() {
			return pages[j]
		}
	}
	return nil
}

// listedLocally reports whether the page is listed by its section only
// (front matter _build list: local).
func (p *Page) listedLocally() bool {
	return p.Source != nil && p.Source.Front.Build.List == "local"
}

// Unwritten are the regular pages that are listed but not written
// (_build render: never or link): not in s.Pages, their Markdown is still
// converted, as hugo 0.111.3 gives them .Content, .Summary and
// .WordCount for the lists that show them.
func (s *Site) Unwritten() Pages { return s.unwritten }
