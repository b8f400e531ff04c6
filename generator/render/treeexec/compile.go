package treeexec

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"text/template/parse"
)

// Program is a compiled template: its tree and the trees it calls with
// {{ template }}, ready to run on any data, by several goroutines at once.
type Program struct {
	name string
	root []node
	opts Options
	// states are the states of executions done, for the next ones (their
	// variables' and arguments' slices are reused).
	states sync.Pool
}

// Options tune a Program.
type Options struct {
	// Method, when set, may return a direct caller for method m (a method
	// without arguments of a receiver type, m.Func taking the receiver),
	// which a Program uses instead of reflect's Call. It must behave as
	// m.Func does, its error as the method's second result.
	Method func(m reflect.Method) MethodFunc
	// MethodArgs, when set, may return a direct caller for method m with
	// arguments (m.Func taking the receiver and them), used instead of
	// reflect's Call. It must behave as m.Func does.
	MethodArgs func(m reflect.Method) MethodArgsFunc
	// Func, when set, may return a direct caller for fn, a function of the
	// FuncMap, which a Program then uses instead of reflect's Call.
	Func func(fn any) FuncFunc
	// Inline, when set, may return a caller of fn (the FuncMap's function
	// name) that writes the function's output to the Program's writer
	// itself, used for the actions that print its value in HTML text
	// ({{ partial "x.html" . }}: what html/template's text escaper writes).
	Inline func(name string, fn any) InlineFunc
}

// InlineFunc calls a FuncMap function of an action that prints its value
// in HTML text, with args as a FuncFunc takes them. It either writes to w
// exactly what html/template's text escaper would print for the value and
// returns wrote true, or writes nothing and returns the value (as a
// FuncFunc does), which the Program then escapes and writes. On error w
// must hold what it held before the call.
type InlineFunc func(w Writer, args []reflect.Value) (v reflect.Value, wrote bool, err error)

// FuncFunc calls a FuncMap function with args, one for each parameter (the
// variadic ones one by one), each already of its parameter's type as
// reflect's Call would take them. It must give what the function gives:
// its result as reflect's Call would return it (for a result of type
// any, a Value of kind Interface), its error as an error. It must not
// keep args.
type FuncFunc func(args []reflect.Value) (reflect.Value, error)

// MethodArgsFunc calls a method on recv with args, one for each parameter
// (the variadic ones one by one), each already of its parameter's type as
// reflect's Call would take them; it gives what FuncFunc gives.
type MethodArgsFunc func(recv reflect.Value, args []reflect.Value) (reflect.Value, error)

// MethodFunc calls a method on recv (a pointer or value of the method's
// receiver type) and returns its result.
type MethodFunc func(recv reflect.Value) (reflect.Value, error)

// Name is the template's name.
func (p *Program) Name() string { return p.name }

// ErrUnsupported is wrapped by Compile's error for a template this package
// does not run.
var ErrUnsupported = errors.New("not supported by treeexec")

// compiler holds one Compile's state: the templates compiled so far (a
// recursive {{ template }} call finds its own Program).
type compiler struct {
	funcs  map[string]any
	lookup func(name string) *parse.Tree
	progs  map[string]*Program
	opts   Options
	// rcdata: the tree being compiled is an unescaped one html/template
	// escaped as a copy for an RCDATA element (derived below).
	rcdata bool
}

// Compile compiles tree, the escaped tree of template name. lookup finds
// the trees it calls by name ({{ template "x" }}); funcs is the FuncMap
// the template was parsed with (html/template's escapers are this
// package's own).
func Compile(name string, tree *parse.Tree, lookup func(name string) *parse.Tree, funcs map[string]any, opts Options) (*Program, error) {
	c := &compiler{funcs: funcs, lookup: lookup, progs: map[string]*Program{}, opts: opts}
	return c.program(name, tree)
}

func (c *compiler) program(name string, tree *parse.Tree) (*Program, error) {
	if p := c.progs[name]; p != nil {
		return p, nil
	}
	if tree == nil || tree.Root == nil {
		return nil, fmt.Errorf("template %q has no tree: %w", name, ErrUnsupported)
	}
	p := &Program{name: name, opts: c.opts}
	c.progs[name] = p
	root, err := c.list(tree.Root)
	if err != nil {
		return nil, fmt.Errorf("template %q: %w", name, err)
	}
	p.root = root
	return p, nil
}

func unsupported(format string, args ...any) error {
	return fmt.Errorf(format+": %w", append(args, ErrUnsupported)...)
}

func (c *compiler) list(l *parse.ListNode) ([]node, error) {
	if l == nil {
		return nil, nil
	}
	out := make([]node, 0, len(l.Nodes))
	for _, n := range l.Nodes {
		cn, err := c.node(n)
		if err != nil {
			return nil, err
		}
		if cn != nil {
			out = append(out, cn)
		}
	}
	return out, nil
}

func (c *compiler) node(n parse.Node) (node, error) {
	switch n := n.(type) {
	case *parse.TextNode:
		if len(n.Text) == 0 {
			return nil, nil
		}
		return &textNode{text: string(n.Text)}, nil
	case *parse.CommentNode:
		return nil, nil
	case *parse.ActionNode:
		p, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		if c.rcdata && len(n.Pipe.Decl) == 0 {
			for _, cmd := range n.Pipe.Cmds {
				if id, ok := cmd.Args[0].(*parse.IdentifierNode); ok && (id.Ident == "html" || id.Ident == "urlquery") {
					return nil, unsupported("predefined escaper %s in an RCDATA copy", id.Ident)
				}
			}
			p.cmds = append(p.cmds, &command{kind: cmdFunc, fn: &funcCall{name: rcdataEscaper, kind: fnEscaper, escaper: escapers[rcdataEscaper]}})
		}
		a := &actionNode{pipe: p, print: len(n.Pipe.Decl) == 0}
		if last := p.cmds[len(p.cmds)-1]; a.print && len(p.cmds) > 1 && last.kind == cmdFunc && last.fn.kind == fnEscaper && len(last.fn.args) == 0 {
			a.escaper = &last.fn.escaper
			if first := p.cmds[0]; len(p.cmds) == 2 && last.fn.name == htmlEscaper && first.kind == cmdFunc && first.fn.kind == fnGo && c.opts.Inline != nil {
				a.inline = c.opts.Inline(first.fn.name, c.funcs[first.fn.name])
			}
		}
		return a, nil
	case *parse.IfNode:
		return c.branch(false, &n.BranchNode)
	case *parse.WithNode:
		return c.branch(true, &n.BranchNode)
	case *parse.RangeNode:
		p, err := c.pipe(n.Pipe)
		if err != nil {
			return nil, err
		}
		list, err := c.list(n.List)
		if err != nil {
			return nil, err
		}
		els, err := c.list(n.ElseList)
		if err != nil {
			return nil, err
		}
		r := &rangeNode{pipe: p, list: list, elseList: els, hasElse: n.ElseList != nil}
		return r, nil
	case *parse.TemplateNode:
		if c.rcdata {
			return nil, unsupported("{{ template %q }} in an RCDATA copy", n.Name)
		}
		var prog *Program
		var err error
		if tree := c.lookup(n.Name); tree != nil {
			prog, err = c.program(n.Name, tree)
		} else {
			prog, err = c.derived(n.Name)
		}
		if err != nil {
			return nil, err
		}
		t := &templateNode{prog: prog}
		if n.Pipe != nil {
			if t.pipe, err = c.pipe(n.Pipe); err != nil {
				return nil, err
			}
		}
		return t, nil
	case *parse.BreakNode:
		return breakNode{}, nil
	case *parse.ContinueNode:
		return continueNode{}, nil
	}
	return nil, unsupported("node %s", n)
}

// derivedMark separates a template's name from the context html/template
// escaped a copy of it for ("title$htmltemplate_stateRCDATA_elementTitle").
const derivedMark = "$htmltemplate_"

const (
	rcdataEscaper = "_html_template_rcdataescaper"
	htmlEscaper   = "_html_template_htmlescaper"
)

// derived compiles a copy html/template made of a template called in
// another context than text, which it keeps out of reach. The one
// supported: an RCDATA element's text (<title>{{ block "title" . }}), where
// html/template's escaping only ends each printing action with the RCDATA
// escaper; the original tree must then be the unescaped one.
func (c *compiler) derived(name string) (*Program, error) {
	base, ctx, ok := strings.Cut(name, derivedMark)
	if !ok || (ctx != "stateRCDATA_elementTitle" && ctx != "stateRCDATA_elementTextarea") {
		return nil, unsupported("{{ template %q }}: no such template", name)
	}
	if p := c.progs[name]; p != nil {
		return p, nil
	}
	tree := c.lookup(base)
	if tree == nil || tree.Root == nil || escaped(tree.Root) {
		return nil, unsupported("{{ template %q }}: no unescaped %q", name, base)
	}
	p := &Program{name: name, opts: c.opts}
	c.progs[name] = p
	c.rcdata = true
	root, err := c.list(tree.Root)
	c.rcdata = false
	if err != nil {
		return nil, fmt.Errorf("template %q: %w", name, err)
	}
	p.root = root
	return p, nil
}

// escaped reports whether html/template's escaper has edited a tree (an
// identifier of its own is in it).
func escaped(n parse.Node) bool {
	found := false
	var walk func(n parse.Node)
	walk = func(n parse.Node) {
		if found || n == nil {
			return
		}
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return
			}
			for _, c := range n.Nodes {
				walk(c)
			}
		case *parse.ActionNode:
			walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return
			}
			for _, c := range n.Cmds {
				walk(c)
			}
		case *parse.CommandNode:
			for _, a := range n.Args {
				walk(a)
			}
		case *parse.IdentifierNode:
			if strings.HasPrefix(n.Ident, "_html_template_") || n.Ident == "_eval_args_" {
				found = true
			}
		case *parse.IfNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.Pipe)
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			walk(n.Pipe)
		case *parse.ChainNode:
			walk(n.Node)
		}
	}
	walk(n)
	return found
}

func (c *compiler) branch(with bool, b *parse.BranchNode) (node, error) {
	p, err := c.pipe(b.Pipe)
	if err != nil {
		return nil, err
	}
	list, err := c.list(b.List)
	if err != nil {
		return nil, err
	}
	els, err := c.list(b.ElseList)
	if err != nil {
		return nil, err
	}
	return &branchNode{with: with, pipe: p, list: list, elseList: els, hasElse: b.ElseList != nil}, nil
}

func (c *compiler) pipe(p *parse.PipeNode) (*pipeline, error) {
	if p == nil {
		return nil, nil
	}
	out := &pipeline{isAssign: p.IsAssign}
	for _, d := range p.Decl {
		out.decl = append(out.decl, d.Ident[0])
	}
	for _, cmd := range p.Cmds {
		cc, err := c.command(cmd)
		if err != nil {
			return nil, err
		}
		out.cmds = append(out.cmds, cc)
	}
	return out, nil
}

// command compiles one command of a pipeline: its first word decides
// what it is (a field chain, a function, a parenthesised pipeline...).
func (c *compiler) command(cmd *parse.CommandNode) (*command, error) {
	out := &command{}
	args := cmd.Args[1:]
	switch first := cmd.Args[0].(type) {
	case *parse.FieldNode:
		ch, err := c.chain(nil, first.Ident, args)
		if err != nil {
			return nil, err
		}
		out.kind, out.chain = cmdChain, ch
	case *parse.ChainNode:
		if first.Node.Type() == parse.NodeNil {
			return nil, unsupported("chain on nil")
		}
		base, err := c.arg(first.Node)
		if err != nil {
			return nil, err
		}
		ch, err := c.chain(base, first.Field, args)
		if err != nil {
			return nil, err
		}
		out.kind, out.chain = cmdChain, ch
	case *parse.VariableNode:
		if len(first.Ident) == 1 {
			if len(args) > 0 {
				return nil, unsupported("arguments to a variable")
			}
			out.kind, out.variable = cmdVariable, first.Ident[0]
			return out, nil
		}
		ch, err := c.chain(&argNode{kind: argVariable, name: first.Ident[0]}, first.Ident[1:], args)
		if err != nil {
			return nil, err
		}
		out.kind, out.chain = cmdChain, ch
	case *parse.IdentifierNode:
		f, err := c.function(first.Ident, args)
		if err != nil {
			return nil, err
		}
		out.kind, out.fn = cmdFunc, f
	case *parse.PipeNode:
		if len(args) > 0 {
			return nil, unsupported("arguments to a pipeline")
		}
		p, err := c.pipe(first)
		if err != nil {
			return nil, err
		}
		out.kind, out.pipe = cmdPipe, p
	default:
		if len(args) > 0 {
			return nil, unsupported("arguments to %s", first)
		}
		a, err := c.arg(first)
		if err != nil {
			return nil, err
		}
		if a.kind == argNil {
			return nil, unsupported("nil is not a command")
		}
		out.kind, out.constant = cmdConst, a
	}
	return out, nil
}

// chain compiles .A.B.C ARGS on base (nil: dot).
func (c *compiler) chain(base *argNode, idents []string, args []parse.Node) (*chain, error) {
	ch := &chain{base: base}
	for _, id := range idents {
		ch.fields = append(ch.fields, &field{name: id})
	}
	for _, a := range args {
		an, err := c.arg(a)
		if err != nil {
			return nil, err
		}
		ch.args = append(ch.args, an)
	}
	return ch, nil
}

// arg compiles an argument of a command.
func (c *compiler) arg(n parse.Node) (*argNode, error) {
	switch n := n.(type) {
	case *parse.DotNode:
		return &argNode{kind: argDot}, nil
	case *parse.NilNode:
		return &argNode{kind: argNil}, nil
	case *parse.BoolNode:
		return &argNode{kind: argConst, node: n, value: reflect.ValueOf(n.True)}, nil
	case *parse.StringNode:
		return &argNode{kind: argConst, node: n, value: reflect.ValueOf(n.Text)}, nil
	case *parse.NumberNode:
		v, ok := idealConstant(n)
		if !ok {
			return nil, unsupported("number %s", n.Text)
		}
		return &argNode{kind: argConst, node: n, value: v}, nil
	case *parse.FieldNode:
		ch, err := c.chain(nil, n.Ident, nil)
		if err != nil {
			return nil, err
		}
		return &argNode{kind: argChain, chain: ch}, nil
	case *parse.VariableNode:
		if len(n.Ident) == 1 {
			return &argNode{kind: argVariable, name: n.Ident[0]}, nil
		}
		ch, err := c.chain(&argNode{kind: argVariable, name: n.Ident[0]}, n.Ident[1:], nil)
		if err != nil {
			return nil, err
		}
		return &argNode{kind: argChain, chain: ch}, nil
	case *parse.ChainNode:
		if n.Node.Type() == parse.NodeNil {
			return nil, unsupported("chain on nil")
		}
		base, err := c.arg(n.Node)
		if err != nil {
			return nil, err
		}
		ch, err := c.chain(base, n.Field, nil)
		if err != nil {
			return nil, err
		}
		return &argNode{kind: argChain, chain: ch}, nil
	case *parse.PipeNode:
		p, err := c.pipe(n)
		if err != nil {
			return nil, err
		}
		return &argNode{kind: argPipe, pipe: p}, nil
	case *parse.IdentifierNode:
		f, err := c.function(n.Ident, nil)
		if err != nil {
			return nil, err
		}
		return &argNode{kind: argFunc, fn: f}, nil
	}
	return nil, unsupported("argument %s", n)
}

// idealConstant is a number's value where no type is expected: the
// syntax decides, as in text/template (complex, float, int).
func idealConstant(n *parse.NumberNode) (reflect.Value, bool) {
	switch {
	case n.IsComplex:
		return reflect.ValueOf(n.Complex128), true
	case n.IsFloat && !isHexInt(n.Text) && !isRuneInt(n.Text) && containsAny(n.Text, ".eEpP"):
		return reflect.ValueOf(n.Float64), true
	case n.IsInt:
		i := int(n.Int64)
		if int64(i) != n.Int64 {
			return reflect.Value{}, false
		}
		return reflect.ValueOf(i), true
	}
	return reflect.Value{}, false
}

func isRuneInt(s string) bool { return len(s) > 0 && s[0] == '\'' }

func isHexInt(s string) bool {
	return len(s) > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && !containsAny(s, "pP")
}

func containsAny(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		for j := 0; j < len(chars); j++ {
			if s[i] == chars[j] {
				return true
			}
		}
	}
	return false
}

// function compiles a call of the function name with args.
func (c *compiler) function(name string, args []parse.Node) (*funcCall, error) {
	f := &funcCall{name: name}
	for _, a := range args {
		an, err := c.arg(a)
		if err != nil {
			return nil, err
		}
		f.args = append(f.args, an)
	}
	if esc, ok := escapers[name]; ok {
		f.kind, f.escaper = fnEscaper, esc
		return f, nil
	}
	if fn, ok := c.funcs[name]; ok {
		v := reflect.ValueOf(fn)
		if v.Kind() != reflect.Func {
			return nil, unsupported("function %q is a %s", name, v.Kind())
		}
		if !goodFunc(v.Type()) {
			return nil, unsupported("function %q has a bad signature", name)
		}
		f.kind, f.fn, f.typ = fnGo, v, v.Type()
		if c.opts.Func != nil {
			f.direct = c.opts.Func(fn)
		}
		return f, nil
	}
	switch name {
	case "and":
		f.kind = fnAnd
	case "or":
		f.kind = fnOr
	case "not":
		if len(args) > 1 {
			return nil, unsupported("not with %d arguments", len(args))
		}
		f.kind = fnNot
	case "len":
		if len(args) > 1 {
			return nil, unsupported("len with %d arguments", len(args))
		}
		f.kind = fnLen
	case "print":
		f.kind = fnPrint
	case "printf":
		f.kind = fnPrintf
	case "println":
		f.kind = fnPrintln
	default:
		return nil, unsupported("function %q", name)
	}
	return f, nil
}

var errorType = reflect.TypeFor[error]()

// goodFunc: one result, or two with an error second.
func goodFunc(t reflect.Type) bool {
	switch t.NumOut() {
	case 1:
		return true
	case 2:
		return t.Out(1) == errorType
	}
	return false
}
