package site

// Next is the page before cur in the list (the newer one in Hugo's
// default order), nil when cur is first or not in the list: Hugo's
// Pages.Next. The result is an interface so a missing page's fields are
// empty in a template, as in Hugo.
func (ps Pages) Next(cur *Page) any {
	if i := ps.index(cur); i > 0 {
		return ps[i-1]
	}
	return nil
}

// Prev is the page after cur in the list (the older one in Hugo's default
// order), nil when cur is last or not in the list: Hugo's Pages.Prev.
func (ps Pages) Prev(cur *Page) any {
	if i := ps.index(cur); i >= 0 && i+1 < len(ps) {
		return ps[i+1]
	}
	return nil
}

func (ps Pages) index(cur *Page) int {
	for i, p := range ps {
		if p == cur {
			return i
		}
	}
	return -1
}
