package render

import (
	"html/template"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/storyfront/storyfront/generator/diag"
)

// goBuiltins are the functions text/template defines itself.
var goBuiltins = map[string]bool{
	"and": true, "or": true, "not": true, "len": true, "index": true, "slice": true,
	"print": true, "printf": true, "println": true, "html": true, "js": true,
	"urlquery": true, "call": true, "eq": true, "ne": true, "lt": true, "le": true,
	"gt": true, "ge": true,
}

// unknownFuncs parses src without checking its functions and returns one
// error per call of a function that funcs does not have, each at its
// file:line:col. Go's parser stops at the first unknown function; a theme
// moved from Hugo should see every function it lacks at once. A template
// that does not parse for another reason gives no errors here: the real
// parse reports it.
func unknownFuncs(file, name, src string, funcs template.FuncMap) []*diag.Error {
	trees, err := parseLoose(name, src)
	if err != nil {
		return nil
	}
	var out []*diag.Error
	seen := map[string]bool{}
	for _, t := range trees {
		walkNodes(t.Root, func(n parse.Node) {
			id, ok := n.(*parse.IdentifierNode)
			if !ok || goBuiltins[id.Ident] {
				return
			}
			if _, ok := funcs[id.Ident]; ok {
				return
			}
			line, col := lineCol(t, id)
			key := id.Ident + "@" + strconv.Itoa(line) + ":" + strconv.Itoa(col)
			if seen[key] {
				return
			}
			seen[key] = true
			out = append(out, diag.Errorf(file, line, col, "function %q not defined (Storyfront does not have this Hugo function; docs/migrating-from-hugo.md lists what it has)", id.Ident))
		})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Line != out[j].Line {
			return out[i].Line < out[j].Line
		}
		return out[i].Col < out[j].Col
	})
	return out
}

// parseLoose parses a template and the templates it defines, accepting
// any function name.
func parseLoose(name, src string) (map[string]*parse.Tree, error) {
	t := parse.New(name)
	t.Mode = parse.SkipFuncCheck | parse.ParseComments
	trees := map[string]*parse.Tree{}
	_, err := t.Parse(src, "", "", trees)
	return trees, err
}

// lineCol is a node's place in its template's source.
func lineCol(t *parse.Tree, n parse.Node) (int, int) {
	loc, _ := t.ErrorContext(n) // "name:line:col"
	parts := strings.Split(loc, ":")
	if len(parts) < 3 {
		return 0, 0
	}
	line, _ := strconv.Atoi(parts[len(parts)-2])
	col, _ := strconv.Atoi(parts[len(parts)-1])
	return line, col + 1 // ErrorContext counts from 0
}

// walkNodes calls f for n and every node under it.
func walkNodes(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkNodes(c, f)
		}
		return
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkNodes(c, f)
		}
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ActionNode:
		walkNodes(n.Pipe, f)
	case *parse.CommandNode:
		for _, a := range n.Args {
			walkNodes(a, f)
		}
	case *parse.ChainNode:
		walkNodes(n.Node, f)
	case *parse.IfNode:
		walkNodes(n.Pipe, f)
		walkNodes(n.List, f)
		walkNodes(n.ElseList, f)
	case *parse.RangeNode:
		walkNodes(n.Pipe, f)
		walkNodes(n.List, f)
		walkNodes(n.ElseList, f)
	case *parse.WithNode:
		walkNodes(n.Pipe, f)
		walkNodes(n.List, f)
		walkNodes(n.ElseList, f)
	case *parse.TemplateNode:
		walkNodes(n.Pipe, f)
	}
}
