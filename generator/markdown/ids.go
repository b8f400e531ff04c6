package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Heading ID algorithms, as Hugo's markup.goldmark.parser.autoHeadingIDType
// names them.
const (
	IDsGitHub      = "github"       // Hugo's default
	IDsGitHubASCII = "github-ascii" // github, accents removed, ASCII only
	IDsBlackfriday = "blackfriday"  // runs of other characters become one "-"
)

// ids makes heading IDs from a heading's source line with one of Hugo's
// algorithms; a repeated ID gets "-1", "-2"... in document order, so IDs
// are unique and stay the same while the headings do.
type ids struct {
	kind string
	used map[string]bool
	buf  []byte
}

func (s *ids) reset() {
	if s.used == nil {
		s.used = map[string]bool{}
	}
	clear(s.used)
}

// Generate returns a new unique ID for a heading's text.
func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	b := HeadingID(s.buf[:0], value, s.kind)
	s.buf = b
	if len(b) == 0 {
		if kind == ast.KindHeading {
			b = append(b, "heading"...)
		} else {
			b = append(b, "id"...)
		}
	}
	base := string(b)
	id := base
	for i := 1; s.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	s.used[id] = true
	return []byte(id)
}

// Put records an ID given explicitly ({#id}).
func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// HeadingID appends to dst the ID of a heading whose text is text, with
// the algorithm kind (IDsGitHub when ""):
//
//   - github: letters, digits and "_" lower-cased, each space or "-"
//     turned into "-", everything else dropped ("Café & Crème!" ->
//     "café--crème");
//   - github-ascii: the same after removing accents, dropping what is
//     still not ASCII;
//   - blackfriday: letters and digits lower-cased, each run of anything
//     else one "-" between them.
func HeadingID(dst, text []byte, kind string) []byte {
	switch kind {
	case IDsBlackfriday:
		return Slugify(dst, text, false)
	case IDsGitHubASCII:
		text = removeAccents(text)
	}
	ascii := kind == IDsGitHubASCII
	text = trimSpace(text)
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		text = text[n:]
		switch {
		case ascii && n != 1:
		case r == ' ' || r == '-':
			dst = append(dst, '-')
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_'):
			dst = append(dst, byte(r))
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z':
			dst = append(dst, byte(r+'a'-'A'))
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		}
	}
	return dst
}

func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\n' || b[0] == '\r') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t' || b[len(b)-1] == '\n' || b[len(b)-1] == '\r') {
		b = b[:len(b)-1]
	}
	return b
}

// removeAccents decomposes text, drops the combining marks and composes
// it again: "Café" -> "Cafe".
func removeAccents(text []byte) []byte {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.Bytes(t, text)
	if err != nil {
		return text
	}
	return out
}

// Slugify appends to dst the lower-case letters and digits of text, with
// each run of other characters turned into one "-" and none at either end.
// With joinApostrophes, apostrophes join words: "Don't" -> "dont".
func Slugify(dst, text []byte, joinApostrophes bool) []byte {
	start := len(dst)
	dash := false
	for len(text) > 0 {
		r, n := utf8.DecodeRune(text)
		text = text[n:]
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9'):
			if dash && len(dst) > start {
				dst = append(dst, '-')
			}
			dash = false
			dst = append(dst, byte(r))
		case r < utf8.RuneSelf && r >= 'A' && r <= 'Z':
			if dash && len(dst) > start {
				dst = append(dst, '-')
			}
			dash = false
			dst = append(dst, byte(r+'a'-'A'))
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsNumber(r)):
			if dash && len(dst) > start {
				dst = append(dst, '-')
			}
			dash = false
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		case joinApostrophes && (r == '\'' || r == '’'):
		default:
			dash = true
		}
	}
	return dst
}
