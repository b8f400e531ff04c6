package site

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
// nil.
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
	pages := sec.RegularPages()
	for i, q := range pages {
		if q == p {
			if j := i + step; j >= 0 && j < len(pages) {
				return pages[j]
			}
			return nil
		}
	}
	return nil
}
