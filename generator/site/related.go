package site

// related sets each regular page's Related: up to 3 pages sharing a tag,
// the closest in date first. For each of the page's tags in order, it takes
// the pages next to it in that tag's list (newest first), alternating older
// and newer. This keeps the cost linear and the links local, so editing one
// story changes only a few other pages.
func related(s *Site) {
	index := make(map[*Term]map[*Page]int, len(s.Tags))
	for _, t := range s.Tags {
		m := make(map[*Page]int, len(t.Pages))
		for i, p := range t.Pages {
			m[p] = i
		}
		index[t] = m
	}
	for _, p := range s.RegularPages {
		var out []*Page
		for _, t := range p.terms[TaxonomyDir] {
			i := index[t][p]
			for d := 1; len(out) < 3 && (i-d >= 0 || i+d < len(t.Pages)); d++ {
				for _, j := range [2]int{i + d, i - d} {
					if j >= 0 && j < len(t.Pages) && len(out) < 3 && !contains(out, t.Pages[j]) {
						out = append(out, t.Pages[j])
					}
				}
				if d >= 3 {
					break
				}
			}
			if len(out) >= 3 {
				break
			}
		}
		p.Related = out
	}
}

func contains(ps []*Page, p *Page) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}
