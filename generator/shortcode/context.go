package shortcode

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/storyfront/storyfront/generator/site"
)

// Context is what a shortcode template sees as dot: Hugo's shortcode API.
type Context struct {
	call  *Call
	inner string
	// innerLine is the file line where inner starts (for an inline
	// shortcode's template: its errors are located in the content file).
	innerLine int
	ordinal   int
	parent    *Context
	page      any
	site      any
	pos       Position
	scratch   *site.Scratch // made on first use; a call runs on one goroutine
}

// Scratch is the call's own scratch pad (Hugo's shortcode .Scratch).
func (c *Context) Scratch() *site.Scratch {
	if c.scratch == nil {
		c.scratch = site.NewScratch()
	}
	return c.scratch
}

// Store is the call's scratch pad too (newer Hugo's name for it).
func (c *Context) Store() *site.Scratch { return c.Scratch() }

// Position is where a call starts in its source file.
type Position struct {
	Filename     string
	LineNumber   int
	ColumnNumber int
}

// String is "file:line:col", quoted as Hugo prints it.
func (p Position) String() string {
	return fmt.Sprintf("%q", fmt.Sprintf("%s:%d:%d", p.Filename, p.LineNumber, p.ColumnNumber))
}

// Name is the shortcode's name ("figure", "buttons/social").
func (c *Context) Name() string { return c.call.Name }

// Get returns the positional parameter at an index (an int) or the named
// parameter with a name (a string); nil when there is none.
func (c *Context) Get(key any) any {
	switch k := key.(type) {
	case int:
		if k >= 0 && k < len(c.call.Positional) {
			return c.call.Positional[k]
		}
	case int64:
		return c.Get(int(k))
	case string:
		if v, ok := c.call.Named[k]; ok {
			return v
		}
	}
	return nil
}

// Params is the parameters: a map for named ones, a slice for positional
// ones.
func (c *Context) Params() any {
	if c.call.Named != nil {
		return c.call.Named
	}
	if c.call.Positional != nil {
		return c.call.Positional
	}
	return map[string]any{}
}

// IsNamedParams reports whether the call uses named parameters.
func (c *Context) IsNamedParams() bool { return c.call.Named != nil }

// Inner is what lies between the opening and closing tags, nested calls
// rendered; "" for a call that is not paired.
func (c *Context) Inner() template.HTML { return template.HTML(c.inner) }

// InnerDeindent is Inner with the indentation its lines share removed, for
// calls indented inside lists.
func (c *Context) InnerDeindent() template.HTML { return template.HTML(Deindent(c.inner)) }

// IsInline reports whether name is an inline shortcode's (Hugo's
// {{< name.inline >}}template{{< /name.inline >}}, reused as
// {{< name.inline />}} later in the same page).
func IsInline(name string) bool { return strings.HasSuffix(name, ".inline") }

// InlineDefinition is a paired inline call's template source and the file
// line it starts on; ok is false for any other call.
func (c *Context) InlineDefinition() (src string, line int, ok bool) {
	if !c.call.Paired || !IsInline(c.call.Name) {
		return "", 0, false
	}
	return c.inner, c.innerLine, true
}

// Ordinal is the call's 0-based index among its siblings: top-level calls
// in the page, or the calls inside the same parent.
func (c *Context) Ordinal() int { return c.ordinal }

// Parent is the enclosing call's context, nil at the top level.
func (c *Context) Parent() *Context { return c.parent }

// Page is the page the call is in.
func (c *Context) Page() any { return c.page }

// Site is the site.
func (c *Context) Site() any { return c.site }

// Position is where the call starts in its file.
func (c *Context) Position() Position { return c.pos }

// IsMarkdown reports whether the call is {{% %}}.
func (c *Context) IsMarkdown() bool { return c.call.Markdown }

// Args is the positional parameters as text; it keeps partials written for
// Storyfront's brand blocks (partials/blocks/NAME.html) working.
func (c *Context) Args() []string {
	out := make([]string, len(c.call.Positional))
	for i, v := range c.call.Positional {
		out[i] = fmt.Sprint(v)
	}
	return out
}

// Deindent removes the leading spaces and tabs every non-blank line of s
// shares (.InnerDeindent, and Hugo's highlight/markdownify callers).
func Deindent(s string) string {
	lines := strings.Split(s, "\n")
	prefix := ""
	first := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		ind := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			prefix, first = ind, false
			continue
		}
		for !strings.HasPrefix(ind, prefix) {
			prefix = prefix[:len(prefix)-1]
		}
	}
	if prefix == "" {
		return s
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, prefix)
	}
	return strings.Join(lines, "\n")
}
