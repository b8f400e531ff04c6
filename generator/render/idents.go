package render

import (
	"strings"
	"text/template/parse"
)

// idents is what a template mentions, found by walking its parse tree:
// field and method names ("Title"), "Site.X" for fields of .Site, "fn:NAME"
// for functions, and a few conclusions (see walker). The dependency model
// of rebuilds (generator/deps.go) is built on it: it must overestimate,
// never miss, what a template can reach.
type idents map[string]bool

// isHop reports whether a field leads from a page to other pages. The
// Paginator and a Term are not pages: their Pages field is the hop (and
// .Paginator.Prev/.Next are URLs).
func isHop(field string) bool {
	switch field {
	case "Prev", "Next", "Related", "Pages", "Paginator.Pages", "Terms", "Home", "Taxonomy", "NotFound",
		"Sections", "RegularPages", "GetPage", "Parent", "CurrentSection", "FirstSection", "Translations",
		"AllTranslations", "RegularPagesRecursive", "AllPages":
		return true
	}
	return false
}

// walker walks one parse tree. A "hop" is a step from a page to other
// pages (.Prev, .Related, .Pages...). One hop from the page being rendered
// is what rebuilds track; a template that takes a second hop (.Prev.Next,
// .Related inside range .Pages, a partial that hops, called on pages
// reached by a hop) is marked "multihop", and treated as depending on
// every page.
type walker struct {
	ids      idents
	depth    int             // enclosing range/with over pages reached by a hop
	hop      bool            // a hop was seen since the last reset
	hopVars  map[string]bool // variables holding pages reached by a hop
	site     int             // enclosing range/with over site-wide lists
	siteSeen bool            // a site-wide list was seen since the last reset
	siteVars map[string]bool // variables holding site-wide lists
}

// isSiteList reports whether a .Site field is a site-wide list of pages
// (or of tags, whose pages are reachable).
func isSiteList(field string) bool {
	switch field {
	case "RegularPages", "Sections", "Tags", "Taxonomies", "Pages", "Home", "Taxonomy", "NotFound", "GetPage", "AllPages":
		return true
	}
	return false
}

func (ids idents) add(t *parse.Tree) {
	if t == nil || t.Root == nil {
		return
	}
	w := &walker{ids: ids, hopVars: map[string]bool{}, siteVars: map[string]bool{}}
	w.walk(t.Root)
}

// pipeHops walks a pipeline and reports whether it reaches pages by a hop.
func (w *walker) pipeHops(p *parse.PipeNode) bool {
	hops, _ := w.pipe(p)
	return hops
}

// pipe walks a pipeline and reports whether it reaches pages by a hop and
// whether it reaches a site-wide list; variables it declares remember both.
func (w *walker) pipe(p *parse.PipeNode) (hops, site bool) {
	savedHop, savedSite := w.hop, w.siteSeen
	w.hop, w.siteSeen = false, false
	w.walk(p)
	hops, site = w.hop, w.siteSeen
	w.hop, w.siteSeen = savedHop || hops, savedSite || site
	if p != nil {
		for _, d := range p.Decl {
			if hops {
				w.hopVars[d.Ident[0]] = true
			}
			if site || w.site > 0 {
				w.siteVars[d.Ident[0]] = true
			}
		}
	}
	return hops, site
}

func (w *walker) block(pipe *parse.PipeNode, list, elseList *parse.ListNode) {
	hops, site := w.pipe(pipe)
	if hops {
		w.depth++
	}
	if site {
		w.site++
	}
	w.walk(list)
	if hops {
		w.depth--
	}
	if site {
		w.site--
	}
	w.walk(elseList)
}

func (w *walker) walk(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			w.walk(c)
		}
	case *parse.ActionNode:
		w.pipeHops(n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			w.walk(c)
		}
	case *parse.CommandNode:
		w.command(n)
	case *parse.IdentifierNode:
		w.ids["fn:"+n.Ident] = true
	case *parse.FieldNode:
		w.chain(n.Ident, false)
	case *parse.ChainNode:
		w.walk(n.Node)
		w.chain(n.Field, false)
	case *parse.VariableNode:
		if w.siteVars[n.Ident[0]] {
			w.siteSeen = true
		}
		w.chain(n.Ident[1:], w.hopVars[n.Ident[0]])
	case *parse.IfNode:
		w.pipeHops(n.Pipe)
		w.walk(n.List)
		w.walk(n.ElseList)
	case *parse.RangeNode:
		w.block(n.Pipe, n.List, n.ElseList)
	case *parse.WithNode:
		w.block(n.Pipe, n.List, n.ElseList)
	case *parse.TemplateNode:
		if name, ok := strings.CutPrefix(n.Name, "partials/"); ok {
			w.ids["call:"+strings.TrimSuffix(name, ".html")] = true
		}
		if w.pipeHops(n.Pipe) || w.depth > 0 {
			w.ids["multihop"] = true // a template run on other pages: assume it hops
		}
	}
}

// command notes partial calls made on pages reached by a hop: whether the
// partial hops again is decided once all partials are known (hopCalls).
func (w *walker) command(n *parse.CommandNode) {
	saved, savedSite := w.hop, w.siteSeen
	w.hop, w.siteSeen = false, false
	for _, a := range n.Args {
		w.walk(a)
	}
	argsHop, argsSite := w.hop, w.siteSeen
	w.hop, w.siteSeen = saved || argsHop, savedSite || argsSite
	if len(n.Args) == 0 {
		return
	}
	if id, ok := n.Args[0].(*parse.IdentifierNode); ok && isPartialFunc(id.Ident) {
		name := "?"
		if len(n.Args) > 1 {
			if s, ok := n.Args[1].(*parse.StringNode); ok {
				name = strings.TrimSuffix(s.Text, ".html")
			}
		}
		w.ids["call:"+name] = true
		if argsHop || w.depth > 0 {
			w.ids["hopcall:"+name] = true
		}
		if argsSite || w.site > 0 {
			w.ids["sitecall:"+name] = true
		}
	}
}

// isPartialFunc reports whether a template function runs a partial named
// by its first argument.
func isPartialFunc(name string) bool { return name == "partial" || name == "partialCached" }

func (w *walker) chain(chain []string, fromHopVar bool) {
	hops := 0
	siteList := false
	if fromHopVar {
		hops++
	}
	for i, id := range chain {
		if id == "Pages" && i > 0 && chain[i-1] == "Paginator" {
			w.ids["Paginator.Pages"] = true
			hops++
			continue
		}
		if i > 0 && chain[i-1] == "Paginator" {
			continue // .Paginator.Prev/.Next/... are numbers and URLs
		}
		w.ids[id] = true
		if isHop(id) && !(i > 0 && chain[i-1] == "Site") { // .Site.X counted below
			hops++
		}
		if id == "Site" && i+1 < len(chain) {
			w.ids["Site."+chain[i+1]] = true
			if isSiteList(chain[i+1]) {
				w.siteSeen, siteList = true, true
				hops++ // a site-wide list is pages reached from elsewhere
			}
		}
		if id == "Site" && i+1 == len(chain) {
			w.ids["Site$"] = true // the Site itself is passed on: assume anything
		}
	}
	if hops > 0 {
		w.hop = true
	}
	// Text of a page reached by a hop (the page's own text is its own),
	// and text of pages in a site-wide list.
	if w.depth > 0 || hops > 0 || w.site > 0 || fromHopVar {
		for _, id := range chain {
			if isText(id) {
				w.ids["hopText"] = true
				if w.site > 0 || siteList {
					w.ids["siteText"] = true
				}
			}
		}
	}
	if hops >= 2 || hops >= 1 && w.depth > 0 {
		w.ids["multihop"] = true
	}
}

// isText reports whether a field is derived from a page's Markdown.
func isText(field string) bool {
	switch field {
	case "Content", "Summary", "TableOfContents", "WordCount", "ReadingTime",
		"Render", "Plain", "PlainWords", "Truncated", "FuzzyWordCount":
		return true
	}
	return false
}

// showsText reports whether templates with these identifiers show the text
// of pages other than the one rendered: directly, through jsonify, or in a
// partial called on such pages.
func (ids idents) showsText(partials map[string]idents) bool {
	if ids["hopText"] || ids["fn:jsonify"] {
		return true
	}
	return ids.callsTextPartial("hopcall:", partials)
}

// showsSiteText reports whether templates with these identifiers show the
// text of pages they reach through a site-wide list, or may (a second hop,
// .Site passed on, a partial run on such pages that shows text).
func (ids idents) showsSiteText(partials map[string]idents) bool {
	if ids["siteText"] || ids["fn:jsonify"] {
		return true
	}
	if (ids["multihop"] || ids["Site$"]) && ids.showsText(partials) {
		return true
	}
	return ids.callsTextPartial("sitecall:", partials)
}

// callsTextPartial reports whether these identifiers call, with the given
// prefix ("hopcall:" or "sitecall:"), a partial that shows page text or
// calls on further templates; the name "?" stands for a partial named at
// run time, which may be any of them.
func (ids idents) callsTextPartial(prefix string, partials map[string]idents) bool {
	for k := range ids {
		name, ok := strings.CutPrefix(k, prefix)
		if !ok {
			continue
		}
		for pname, p := range partials {
			if name != "?" && pname != name {
				continue
			}
			for id := range p {
				if isText(id) || id == "fn:partial" || id == "fn:partialCached" || id == "fn:template" || id == "fn:jsonify" {
					return true
				}
			}
		}
	}
	return false
}

// siteWide reports whether templates with these identifiers read a page
// list that spans the site, or take more than one hop from the page.
func (ids idents) siteWide() bool {
	return ids["RegularPages"] || ids["Sections"] || ids["Site.Tags"] || ids["Site.Pages"] ||
		ids["Site.Home"] || ids["Site.Taxonomy"] || ids["Site.Taxonomies"] || ids["Site.NotFound"] || ids["GetTerms"] ||
		ids["GetPage"] || ids["fn:site"] || ids["AllPages"] || ids["Sites"] ||
		(ids["Site$"] && ids["Tags"]) || ids["multihop"]
}

// hopCalls reports whether a partial called on pages reached by a hop
// hops again. partials maps a partial's name (without .html) to its
// identifiers; a partial that calls partials is assumed to.
func (ids idents) hopCalls(partials map[string]idents) bool {
	for k := range ids {
		name, ok := strings.CutPrefix(k, "hopcall:")
		if !ok {
			continue
		}
		for pname, p := range partials {
			if name != "?" && pname != name {
				continue
			}
			if p.hops() || p["fn:partial"] || p["fn:partialCached"] || p["fn:template"] {
				return true
			}
		}
	}
	return false
}

// hops reports whether any hop field is mentioned.
func (ids idents) hops() bool {
	for k := range ids {
		if isHop(k) || k == "Paginator.Pages" {
			return true
		}
	}
	return false
}

// reaches reports whether templates with these identifiers, or a partial
// they call (directly or through other partials), mention id. A partial
// called by a name known only when it runs may be any partial; the form
// function runs partials/form.html.
func (ids idents) reaches(id string, partials map[string]idents) bool {
	seen := map[string]bool{}
	var visit func(ids idents) bool
	visit = func(ids idents) bool {
		if ids[id] {
			return true
		}
		for k := range ids {
			name, ok := strings.CutPrefix(k, "call:")
			if k == "fn:form" {
				name, ok = "form", true
			}
			if !ok {
				continue
			}
			for pname, p := range partials {
				if (name == "?" || pname == name) && !seen[pname] {
					seen[pname] = true
					if visit(p) {
						return true
					}
				}
			}
		}
		return false
	}
	return visit(ids)
}
