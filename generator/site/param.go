package site

import "strings"

// Param is Hugo's .Param: the page's parameter key (a dotted key reaches
// into maps; case-insensitive like Hugo's), else the site's; nil when
// neither has it.
func (p *Page) Param(key string) any {
	if v := lookupKey(p.Params, key); v != nil {
		return v
	}
	switch strings.ToLower(key) {
	case "title":
		return p.Title
	case "description":
		if p.Description != "" {
			return p.Description
		}
	}
	if p.Site != nil {
		return lookupKey(p.Site.Params, key)
	}
	return nil
}

func lookupKey(m map[string]any, key string) any {
	var cur any = m
	for _, k := range strings.Split(key, ".") {
		mm, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		v, ok := mm[k]
		if !ok {
			for kk, vv := range mm {
				if strings.EqualFold(kk, k) {
					v, ok = vv, true
					break
				}
			}
		}
		if !ok {
			return nil
		}
		cur = v
	}
	return cur
}
