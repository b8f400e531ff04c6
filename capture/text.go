package capture

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Printable makes untrusted text safe for a terminal or a log line: each
// control or format character (escape sequences, text-direction
// overrides, line breaks) and each invalid UTF-8 byte becomes a visible
// \x.. or \u.... escape. Backslashes are doubled so escapes stay unambiguous.
func Printable(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x80 && !unicode.IsControl(r):
			b.WriteRune(r)
		case r == ' ' || (unicode.IsPrint(r) && !unicode.Is(unicode.Cf, r)):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
		i += size
	}
	return b.String()
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

// CSVCell neutralizes a value for a spreadsheet: text starting with
// = + - @ (or a tab or carriage return) would be read as a formula, so it
// gets a leading apostrophe.
func CSVCell(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// clean makes an untrusted metadata value storable: invalid UTF-8
// replaced, control and format characters dropped, at most max characters.
func clean(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	n := 0
	ok := true
	for _, r := range s {
		n++
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			ok = false
		}
	}
	if ok && n <= max {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	n = 0
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		if n == max {
			break
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}
