package render

import "html/template"

// safeNS is Hugo's safe namespace: values html/template trusts as they are.
type safeNS struct{}

func safeFuncs(m template.FuncMap) {
	var s safeNS
	m["safe"] = func() safeNS { return s }
	m["safeHTML"] = s.HTML
	m["safeHTMLAttr"] = s.HTMLAttr
	m["safeCSS"] = s.CSS
	m["safeJS"] = s.JS
	m["safeJSStr"] = s.JSStr
	m["safeURL"] = s.URL
	m["safeSrcset"] = s.Srcset
}

// HTML trusts v as HTML.
func (safeNS) HTML(v any) template.HTML { return template.HTML(toString(v)) }

// HTMLAttr trusts v as an attribute (name="value").
func (safeNS) HTMLAttr(v any) template.HTMLAttr { return template.HTMLAttr(toString(v)) }

// CSS trusts v as CSS.
func (safeNS) CSS(v any) template.CSS { return template.CSS(toString(v)) }

// JS trusts v as JavaScript.
func (safeNS) JS(v any) template.JS { return template.JS(toString(v)) }

// JSStr trusts v as the inside of a JavaScript string.
func (safeNS) JSStr(v any) template.JSStr { return template.JSStr(toString(v)) }

// URL trusts v as a URL.
func (safeNS) URL(v any) template.URL { return template.URL(toString(v)) }

// Srcset trusts v as a srcset.
func (safeNS) Srcset(v any) template.Srcset { return template.Srcset(toString(v)) }
