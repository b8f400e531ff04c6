package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// linkify is goldmark's Linkify extension with its parser behind
// linkFilter: the same parser, at the same priority, with the same
// triggers.
type linkify struct{}

// linkifyPriority is the priority extension.Linkify gives its parser.
const linkifyPriority = 999

func (linkify) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(linkFilter{extension.NewLinkifyParser()}, linkifyPriority),
	))
}

// linkFilter asks goldmark's linkify parser only where a link can start.
// That parser is triggered by every space of every paragraph (and by
// * _ ~ and opening parentheses), and each call peeks the line and tries
// three prefixes and an email address: about 6 % of a 10,000-page build.
// Its answer is nil unless the text after the trigger starts with http:,
// https:, ftp: or www., or holds an @ within its first 65 bytes and
// before any space (an email's local part is at most 64 bytes of
// non-space ASCII); linkFilter answers nil itself in every other case, so
// the result is the same. The parser changes nothing when it answers nil.
type linkFilter struct{ parser.InlineParser }

func (f linkFilter) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) > 0 && !linkMayStart(line) {
		return nil
	}
	return f.InlineParser.Parse(parent, block, pc)
}

var (
	prefixHTTP = []byte("http")
	prefixFTP  = []byte("ftp:")
	prefixWWW  = []byte("www.")
)

// linkMayStart reports whether goldmark's linkify parser could find a
// link at the start of line (the rest of the line from its trigger).
func linkMayStart(line []byte) bool {
	switch line[0] {
	case ' ', '*', '_', '~', '(':
		line = line[1:]
	}
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case 'h':
		if bytes.HasPrefix(line, prefixHTTP) {
			return true
		}
	case 'f':
		if bytes.HasPrefix(line, prefixFTP) {
			return true
		}
	case 'w':
		if bytes.HasPrefix(line, prefixWWW) {
			return true
		}
	}
	for i := 0; i < len(line) && i <= 64; i++ {
		switch c := line[i]; {
		case c == '@':
			return true
		case c <= ' ' || c >= 0x80:
			return false
		}
	}
	return false
}
