package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// plainReplacer turns the line structure of HTML into newlines and spaces.
var plainReplacer = strings.NewReplacer("\n", " ", "</p>", "\n", "<br>", "\n", "<br />", "\n")

// PlainOfHTML is Hugo's plain text of rendered HTML (its .Plain and
// StripHTML): newlines become spaces, a closing </p> and <br> a newline,
// tags go, and white space right after white space outside the tags is
// dropped (the tags between do not count).
func PlainOfHTML(s string) string {
	if !strings.ContainsAny(s, "<>") {
		return s
	}
	s = plainReplacer.Replace(s)
	var b strings.Builder
	b.Grow(len(s))
	inTag, wasSpace := false, false
	for _, r := range s {
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
		case inTag:
		case unicode.IsSpace(r):
			if !wasSpace {
				b.WriteRune(r)
			}
			wasSpace = true
		default:
			b.WriteRune(r)
			wasSpace = false
		}
	}
	return b.String()
}

// wordSummary is Hugo's automatic summary of plain text: the text up to
// the end of the sentence in which the words-th space falls; truncated
// reports whether text goes on after it.
func wordSummary(plain string, words int) (summary string, truncated bool) {
	count, last := 0, -1
	for i, r := range plain {
		if unicode.IsSpace(r) {
			count++
			last = i
			if count >= words {
				break
			}
		}
	}
	if last < 0 {
		return plain, false
	}
	for j, r := range plain[last:] {
		if r == '.' || r == '?' || r == '!' || r == '"' || r == '\n' {
			end := last + j + utf8.RuneLen(r)
			return strings.TrimSpace(plain[:end]), end < len(plain)
		}
	}
	return plain, false
}
