package markdown

import (
	"fmt"
	"html/template"
	"io"
)

// Hook kinds, as render hook templates are named: render-KIND.html.
const (
	HookLink       = "link"
	HookImage      = "image"
	HookHeading    = "heading"
	HookCodeblock  = "codeblock" // also "codeblock-LANG", tried first
	HookBlockquote = "blockquote"
	HookTable      = "table"
)

// Hooks renders Markdown elements with the site's render hooks
// (layouts/_default/_markup/render-KIND.html).
type Hooks interface {
	// Has reports whether there is a hook for kind.
	Has(kind string) bool
	// Render runs the hook for kind with data (a *LinkContext,
	// *HeadingContext, *CodeblockContext, *BlockquoteContext or
	// *TableContext) into w.
	Render(w io.Writer, kind string, data any) error
}

// LinkContext is what render-link.html and render-image.html see.
type LinkContext struct {
	Destination string
	Title       string
	Text        template.HTML // the link's rendered content; an image's alt text
	PlainText   string
	Attributes  map[string]any
	// IsBlock: the image is alone in its paragraph and written without
	// <p> (only with Options.UnwrapStandaloneImages, as in Hugo).
	IsBlock bool
	Ordinal int // 0-based, counted per kind and page
	Page    any
}

// HeadingContext is what render-heading.html sees.
type HeadingContext struct {
	Level      int
	Anchor     string // the heading's id
	Text       template.HTML
	PlainText  string
	Attributes map[string]any // without id
	Page       any
}

// CodeblockContext is what render-codeblock[-LANG].html sees.
type CodeblockContext struct {
	Type       string // the language, "" when none
	Inner      string // the code, without its last newline
	Options    map[string]any
	Attributes map[string]any
	Ordinal    int
	Position   Position
	Page       any
}

// BlockquoteContext is what render-blockquote.html sees.
type BlockquoteContext struct {
	Type       string // "regular", or "alert" for > [!NOTE] and its kin
	AlertType  string // "note", "tip", "important", "warning", "caution" for alerts
	Text       template.HTML
	Attributes map[string]any
	Ordinal    int
	Page       any
}

// TableContext is what render-table.html sees.
type TableContext struct {
	THead      [][]TableCell
	TBody      [][]TableCell
	Attributes map[string]any
	Ordinal    int
	Page       any
}

// TableCell is one cell of a TableContext.
type TableCell struct {
	Alignment string // "left", "center", "right" or ""
	Text      template.HTML
}

// Position is where something is in a source file.
type Position struct {
	Filename     string
	LineNumber   int
	ColumnNumber int
}

// String is "file:line:col", quoted like Hugo's.
func (p Position) String() string {
	return fmt.Sprintf("%q", fmt.Sprintf("%s:%d:%d", p.Filename, p.LineNumber, p.ColumnNumber))
}
