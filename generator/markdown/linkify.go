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
// triggers. With hugo, a link ends where hugo 0.111.3's goldmark ends it
// (hugoLinkEnd).
type linkify struct{ hugo bool }

// linkifyPriority is the priority extension.Linkify gives its parser.
const linkifyPriority = 999

func (l linkify) Extend(m goldmark.Markdown) {
	var p parser.InlineParser = linkFilter{extension.NewLinkifyParser()}
	if l.hugo {
		p = hugoLinkify{p}
	}
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(p, linkifyPriority)))
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

// hugoLinkify ends a bare URL as hugo 0.111.3 does (its goldmark,
// v1.5.4): of a URL's trailing characters it drops one final ".", or the
// unmatched ")" when the URL ends with ")", or a final "&name;", and only
// then the punctuation ?!.,:*_~ before; so "(see https://x.org/a)." links
// "https://x.org/a)", where today's goldmark stops before ")".
type hugoLinkify struct{ parser.InlineParser }

func (h hugoLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line0, seg0 := block.PeekLine()
	lineNo, pos := block.Position()
	n := h.InlineParser.Parse(parent, block, pc)
	link, ok := n.(*ast.AutoLink)
	if !ok || link.AutoLinkType != ast.AutoLinkURL {
		return n
	}
	start := 0 // the URL's offset in line0: after the trigger character
	switch line0[0] {
	case ' ', '*', '_', '~', '(':
		start = 1
	}
	line := line0[start:]
	end := len(link.Label(block.Source()))
	if !hasPath(line[:end]) {
		return n
	}
	full := end
	for full < len(line) && urlPathByte(line[full]) {
		full++
	}
	hugo := hugoLinkEnd(line[:full])
	if hugo == end {
		return n
	}
	block.SetPosition(lineNo, pos)
	block.Advance(start + hugo)
	from := seg0.Start + start
	out := ast.NewAutoLink(ast.AutoLinkURL, ast.NewTextSegment(text.NewSegment(from, from+hugo)))
	out.Protocol = link.Protocol
	return out
}

// hasPath reports whether a URL found by linkify goes on after its host
// with a path, query or fragment: only then can its end differ.
func hasPath(u []byte) bool {
	if i := bytes.Index(u, []byte("://")); i >= 0 {
		u = u[i+3:]
	}
	return bytes.ContainsAny(u, "/?#")
}

// urlPathByte reports whether c may continue the path of a bare URL, as
// goldmark's linkify reads one (before it drops trailing punctuation).
func urlPathByte(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return bytes.IndexByte([]byte("-@:%_+.~#$!?&/=();,'\">^{}[]`"), c) >= 0
}

// hugoLinkEnd is where goldmark v1.5.4 ends the URL u, all of which its
// pattern matched.
func hugoLinkEnd(u []byte) int {
	end := len(u)
	switch u[end-1] {
	case '.':
		end--
	case ')':
		unmatched := bytes.Count(u, []byte(")")) - bytes.Count(u, []byte("("))
		if unmatched > 0 {
			end -= unmatched
		}
	case ';':
		i := end - 2
		for i >= 0 && (isAlnum(u[i])) {
			i--
		}
		if i >= 0 && i != end-2 && u[i] == '&' {
			end = i
		}
	}
	for end > 1 && bytes.IndexByte([]byte("?!.,:*_~"), u[end-1]) >= 0 {
		end--
	}
	return end
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
