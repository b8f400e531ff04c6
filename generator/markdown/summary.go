package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// plainBreak stands for a line break while the tags are stripped, so
// that it is text wherever it is (a newline in a tag is white space).
const plainBreak = "\uE000sfnl\uE000"

// plainReplacer turns the line structure of HTML into spaces and breaks.
var plainReplacer = strings.NewReplacer("\n", " ", "</p>", plainBreak, "<br>", plainBreak, "<br />", plainBreak)

// PlainOfHTML is Hugo's plain text of rendered HTML (its .Plain and
// StripHTML, as hugo 0.111.3's): newlines become spaces, a closing </p>
// and <br> a newline, tags, comments and script and style content go
// (stripTags), then white space right after white space is dropped.
func PlainOfHTML(s string) string {
	if !strings.ContainsAny(s, "<>") {
		return s
	}
	s = strings.ReplaceAll(stripTags(plainReplacer.Replace(s)), plainBreak, "\n")
	var b strings.Builder
	b.Grow(len(s))
	wasSpace := false
	for _, r := range s {
		isSpace := unicode.IsSpace(r)
		if !isSpace || !wasSpace {
			b.WriteRune(r)
		}
		wasSpace = isSpace
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
