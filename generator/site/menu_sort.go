package site

import (
	"sort"
	"strings"
)

// Menu is one menu's entries, with Hugo's methods to order them.
type Menu []MenuItem

// ByWeight returns the entries by weight (entries without one last), then
// name, then identifier, as Hugo's default menu order.
func (m Menu) ByWeight() Menu {
	return m.sorted(func(a, b MenuItem) bool {
		if a.Weight == b.Weight {
			if c := compareFold(a.Name, b.Name); c != 0 {
				return c < 0
			}
			return a.Identifier < b.Identifier
		}
		if b.Weight == 0 {
			return true
		}
		if a.Weight == 0 {
			return false
		}
		return a.Weight < b.Weight
	})
}

// ByName returns the entries by name.
func (m Menu) ByName() Menu {
	return m.sorted(func(a, b MenuItem) bool { return compareFold(a.Name, b.Name) < 0 })
}

// Reverse returns the entries in the opposite order.
func (m Menu) Reverse() Menu {
	out := make(Menu, len(m))
	for i, it := range m {
		out[len(m)-1-i] = it
	}
	return out
}

// Limit returns the first n entries.
func (m Menu) Limit(n int) Menu {
	if n < len(m) {
		return m[:max(n, 0)]
	}
	return m
}

// Sort is ByWeight (Hugo's name for the default order).
func (m Menu) Sort() Menu { return m.ByWeight() }

func (m Menu) sorted(less func(a, b MenuItem) bool) Menu {
	out := append(Menu(nil), m...)
	sort.SliceStable(out, func(i, j int) bool { return less(out[i], out[j]) })
	return out
}

// compareFold orders two names as Hugo's menus do: without case, then
// upper case first ("A" before "a").
func compareFold(a, b string) int {
	if c := strings.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}
