package site

import (
	"strings"
	"unicode"
)

// Page is the page itself: Hugo's .Page, which a template given a page or
// a shortcode context reaches the same way ({{ partial "x" .Page }}).
func (p *Page) Page() *Page { return p }

// Name is the page's title, as Hugo's .Name of a page.
func (p *Page) Name() string { return p.Title }

// Len is the length of the rendered content in bytes (Hugo's .Len).
func (p *Page) Len() int { return len(p.Content) }

// Plain is the content with the tags stripped, as Hugo's .Plain: line
// breaks become spaces, a paragraph's or a <br>'s end a line break, runs
// of white space one; entities are kept as they are in the HTML.
func (p *Page) Plain() string { return StripHTML(string(p.Content)) }

// PlainWords is Plain split into words at white space.
func (p *Page) PlainWords() []string { return strings.Fields(p.Plain()) }

// FuzzyWordCount is WordCount rounded up to the next hundred, as Hugo's.
func (p *Page) FuzzyWordCount() int { return (p.WordCount + 100) / 100 * 100 }

var stripHTMLReplacer = strings.NewReplacer("\n", " ", "</p>", "\n", "<br>", "\n", "<br />", "\n")

// StripHTML removes the tags of HTML the way Hugo's .Plain does: newlines
// become spaces, </p> and <br> line breaks; then the tags go, and white
// space right after white space outside the tags is dropped (the tags
// between do not count).
func StripHTML(s string) string {
	if !strings.ContainsAny(s, "<>") {
		return s
	}
	s = stripHTMLReplacer.Replace(s)
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
