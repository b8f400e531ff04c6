package markdown

import (
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// ids makes heading IDs: the heading's words, lower case, joined by "-";
// a repeated ID gets "-1", "-2"... in document order, so IDs are unique and
// stay the same while the headings do.
type ids struct {
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
func (s *ids) Generate(value []byte, _ ast.NodeKind) []byte {
	b := Slugify(s.buf[:0], value)
	s.buf = b
	if len(b) == 0 {
		b = append(b, "section"...)
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

// Slugify appends to dst the lower-case letters and digits of text, with
// each run of other characters turned into one "-" and none at either end.
func Slugify(dst, text []byte) []byte {
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
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && len(dst) > start {
				dst = append(dst, '-')
			}
			dash = false
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		case r == '\'' || r == '’':
			// Apostrophes join: "Don't" -> "dont".
		default:
			dash = true
		}
	}
	return dst
}
