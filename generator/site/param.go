package site

import (
	"fmt"
	"html/template"
	"strings"
)

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

// RenderString is Hugo's .RenderString: Markdown to HTML, inline (a single
// paragraph loses its <p>) unless the options say display "block":
// .RenderString "*x*" or .RenderString (dict "display" "block") "*x*".
func (p *Page) RenderString(args ...any) (template.HTML, error) {
	if len(args) == 0 || len(args) > 2 {
		return "", fmt.Errorf("RenderString: want [OPTIONS] STRING, got %d arguments", len(args))
	}
	src, block := args[len(args)-1], false
	if len(args) == 2 {
		if m, ok := args[0].(map[string]any); ok {
			block = fmt.Sprint(m["display"]) == "block"
		}
	}
	if p.Site == nil || p.Site.RenderMarkdown == nil {
		return "", fmt.Errorf("RenderString: no Markdown renderer")
	}
	if src == nil {
		return "", nil
	}
	return p.Site.RenderMarkdown(p, fmt.Sprint(src), block)
}

// Param is Hugo's .Site.Param: the site's parameter key (dotted,
// case-insensitive), nil when it has none.
func (s *Site) Param(key any) any {
	return lookupKey(s.Params, fmt.Sprint(key))
}
