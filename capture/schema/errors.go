package schema

import (
	"fmt"
	"strings"
)

// Error is one problem in site.yaml, located by line and column when known.
type Error struct {
	File string // the file as the user named it, e.g. "site.yaml"
	Line int    // 1-based; 0 when unknown
	Col  int    // 1-based; 0 when unknown
	Path string // where in the document, e.g. "forms.contact.fields[2].type"
	Msg  string
}

// Error formats e as "file:line:col: msg" (or "file: path: msg" without a position).
func (e *Error) Error() string {
	file := e.File
	if file == "" {
		file = "site.yaml"
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", file, e.Line, e.Col, e.Msg)
	}
	if e.Path != "" {
		return fmt.Sprintf("%s: %s: %s", file, e.Path, e.Msg)
	}
	return fmt.Sprintf("%s: %s", file, e.Msg)
}

// Errors is every problem found in one site.yaml, in document order.
type Errors []*Error

// Error joins the errors, one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Unwrap gives errors.Is and errors.As access to each error.
func (es Errors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// issue is a problem found by Validate, located by a path of keys
// (string) and sequence indexes (int) from the document root.
type issue struct {
	path []any
	msg  string
}

func pathString(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, p)
		}
	}
	return b.String()
}
