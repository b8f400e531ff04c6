package render

import (
	"strings"
	"text/template/parse"
)

// lowerParamsKeys rewrites, in a Hugo site's template, the key right after
// each .Params (.Params.showToc, .Site.Params.mainSection, $.Params.X,
// site.Params.X) to lower case: Hugo reads params without regard to case,
// and site.FoldParams gives every params map its lower-case keys. Only the
// first key is rewritten: what follows may be a method of the value
// (.Params.date.Format), and nested maps keep their keys as written too.
func lowerParamsKeys(t *parse.Tree) {
	if t != nil && t.Root != nil {
		lowerParamsNode(t.Root)
	}
}

func lowerParamsIdents(ids []string) {
	for i := 0; i+1 < len(ids); i++ {
		if ids[i] == "Params" {
			ids[i+1] = strings.ToLower(ids[i+1])
		}
	}
}

func lowerParamsNode(n parse.Node) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			lowerParamsNode(c)
		}
	case *parse.ActionNode:
		lowerParamsNode(n.Pipe)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			lowerParamsNode(c)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			lowerParamsNode(a)
		}
	case *parse.FieldNode:
		lowerParamsIdents(n.Ident)
	case *parse.VariableNode:
		lowerParamsIdents(n.Ident)
	case *parse.ChainNode:
		lowerParamsNode(n.Node)
		if len(n.Field) > 0 {
			// (x).Params.Key, and site.Params.Key, where the chain's node
			// ends in Params.
			if last, ok := lastIdent(n.Node); ok && last == "Params" {
				n.Field[0] = strings.ToLower(n.Field[0])
			}
		}
		lowerParamsIdents(n.Field)
	case *parse.IfNode:
		lowerParamsBranch(&n.BranchNode)
	case *parse.RangeNode:
		lowerParamsBranch(&n.BranchNode)
	case *parse.WithNode:
		lowerParamsBranch(&n.BranchNode)
	case *parse.TemplateNode:
		lowerParamsNode(n.Pipe)
	}
}

func lowerParamsBranch(b *parse.BranchNode) {
	lowerParamsNode(b.Pipe)
	lowerParamsNode(b.List)
	lowerParamsNode(b.ElseList)
}

// lastIdent is the last name of a field, variable or chain node.
func lastIdent(n parse.Node) (string, bool) {
	var ids []string
	switch n := n.(type) {
	case *parse.FieldNode:
		ids = n.Ident
	case *parse.VariableNode:
		ids = n.Ident
	case *parse.ChainNode:
		ids = n.Field
	case *parse.IdentifierNode:
		ids = []string{n.Ident}
	}
	if len(ids) == 0 {
		return "", false
	}
	return ids[len(ids)-1], true
}
