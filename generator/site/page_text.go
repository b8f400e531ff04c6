package site

import (
	"strings"

	"github.com/storyfront/storyfront/generator/markdown"
)

// Page is the page itself: Hugo's .Page, which a template given a page or
// a shortcode context reaches the same way ({{ partial "x" .Page }}).
func (p *Page) Page() *Page { return p }

// Name is the page's title, as Hugo's .Name of a page.
func (p *Page) Name() string { return p.Title }

// IsNode reports whether the page is a list (home, section, taxonomy,
// term) or another page that is not a regular page, as Hugo's .IsNode:
// the opposite of .IsPage.
func (p *Page) IsNode() bool { return !p.IsPage }

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

// StripHTML removes the tags of HTML the way Hugo's .Plain does
// (markdown.PlainOfHTML).
func StripHTML(s string) string { return markdown.PlainOfHTML(s) }
