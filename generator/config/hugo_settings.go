package config

import (
	"fmt"
	"slices"
	"strings"
)

// The settings below have Hugo's names and meaning, so a Hugo site's config
// maps onto them one to one (see hugo.go) and `storyfront import hugo`
// writes them back as site.yaml keys.

// URL styles: how page and term URLs are made from file and term names.
const (
	// URLsHugo is Hugo's rules: paths lower-cased and made URL-safe as
	// Hugo's urlize does (the default).
	URLsHugo = "hugo"
	// URLsStoryfront keeps file names as they are and makes tag slugs with
	// Storyfront's older rule (dots trimmed, every other sign a dash).
	URLsStoryfront = "storyfront"
)

// Taxonomies maps a taxonomy's singular name to its plural one, the front
// matter key and URL folder: {tag: tags, category: categories}.
type Taxonomies map[string]string

// DefaultTaxonomies are Hugo's: tags and categories.
func DefaultTaxonomies() Taxonomies {
	return Taxonomies{"tag": "tags", "category": "categories"}
}

// Build is which pages a build includes besides the published ones
// (Hugo's buildDrafts, buildFuture, buildExpired).
type Build struct {
	Drafts  bool `yaml:"drafts"`
	Future  bool `yaml:"future"`
	Expired bool `yaml:"expired"`
}

// FrontMatterDates is Hugo's frontmatter: setting: for each of a page's
// dates, the front matter keys (or :filename, :fileModTime, :git,
// :default) tried in order.
type FrontMatterDates struct {
	Date        []string `yaml:"date"`
	Lastmod     []string `yaml:"lastmod"`
	PublishDate []string `yaml:"publishDate"`
	ExpiryDate  []string `yaml:"expiryDate"`
}

// Markup is Hugo's markup: setting, read by the Markdown renderer.
type Markup struct {
	Goldmark        Goldmark        `yaml:"goldmark"`
	Highlight       Highlight       `yaml:"highlight"`
	TableOfContents TableOfContents `yaml:"tableOfContents"`
}

// Goldmark is markup.goldmark.
type Goldmark struct {
	Renderer   GoldmarkRenderer   `yaml:"renderer"`
	Parser     GoldmarkParser     `yaml:"parser"`
	Extensions GoldmarkExtensions `yaml:"extensions"`
}

// GoldmarkRenderer is markup.goldmark.renderer.
type GoldmarkRenderer struct {
	// Unsafe lets raw HTML through; nil leaves markdown.unsafe in charge.
	Unsafe    *bool `yaml:"unsafe"`
	HardWraps bool  `yaml:"hardWraps"`
	XHTML     bool  `yaml:"xhtml"`
}

// GoldmarkParser is markup.goldmark.parser.
type GoldmarkParser struct {
	AutoHeadingID                      *bool       `yaml:"autoHeadingID"`     // default true
	AutoHeadingIDType                  string      `yaml:"autoHeadingIDType"` // github (default), github-ascii, blackfriday
	Attribute                          ParserAttrs `yaml:"attribute"`
	WrapStandAloneImageWithinParagraph *bool       `yaml:"wrapStandAloneImageWithinParagraph"` // default true
}

// ParserAttrs is markup.goldmark.parser.attribute.
type ParserAttrs struct {
	Title *bool `yaml:"title"` // attributes on headings, default true
	Block bool  `yaml:"block"` // attributes on other blocks, default false
}

// GoldmarkExtensions is markup.goldmark.extensions; nil means Hugo's
// default (on for each, except those noted).
type GoldmarkExtensions struct {
	Typographer     *Typographer `yaml:"typographer"`
	Footnote        *bool        `yaml:"footnote"`
	DefinitionList  *bool        `yaml:"definitionList"`
	Table           *bool        `yaml:"table"`
	Strikethrough   *bool        `yaml:"strikethrough"`
	Linkify         *bool        `yaml:"linkify"`
	LinkifyProtocol string       `yaml:"linkifyProtocol"`
	TaskList        *bool        `yaml:"taskList"`
}

// Typographer is markup.goldmark.extensions.typographer. Hugo accepts a
// bare boolean too; see hugo.go.
type Typographer struct {
	Disable bool `yaml:"disable"`
}

// Highlight is markup.highlight (chroma options).
type Highlight struct {
	CodeFences         *bool  `yaml:"codeFences"` // default true
	GuessSyntax        bool   `yaml:"guessSyntax"`
	HlLines            string `yaml:"hl_Lines"`
	LineAnchors        string `yaml:"lineAnchors"`
	LineNos            *bool  `yaml:"lineNos"`
	LineNoStart        int    `yaml:"lineNoStart"`
	LineNumbersInTable *bool  `yaml:"lineNumbersInTable"` // default true
	AnchorLineNos      bool   `yaml:"anchorLineNos"`
	NoClasses          *bool  `yaml:"noClasses"` // default true in Hugo
	NoHl               bool   `yaml:"noHl"`
	Style              string `yaml:"style"` // default monokai in Hugo
	TabWidth           int    `yaml:"tabWidth"`
}

// TableOfContents is markup.tableOfContents.
type TableOfContents struct {
	StartLevel int  `yaml:"startLevel"` // default 2
	EndLevel   int  `yaml:"endLevel"`   // default 3
	Ordered    bool `yaml:"ordered"`
}

// On reports *b, or def when b is nil.
func On(b *bool, def bool) bool {
	if b == nil {
		return def
	}
	return *b
}

// dateRuleTokens are the special entries of a frontmatter: date rule.
func dateRuleTokens() []string { return []string{":default", ":filename", ":filemodtime", ":git"} }

// PermalinkTokens are the :tokens a permalinks pattern may hold, as in
// Hugo.
func PermalinkTokens() []string {
	return []string{":year", ":month", ":monthname", ":day", ":weekday", ":weekdayname", ":yearday",
		":section", ":sections", ":title", ":slug", ":slugorfilename", ":filename", ":contentbasename"}
}

// CheckPermalink reports whether every :token of a permalinks pattern is
// known (:sections may carry a slice such as :sections[1:]).
func CheckPermalink(pattern string) error {
	if pattern == "" {
		return fmt.Errorf("empty pattern")
	}
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] >= 'a' && pattern[j] <= 'z' || pattern[j] >= 'A' && pattern[j] <= 'Z') {
			j++
		}
		tok := pattern[i:j]
		if !slices.Contains(PermalinkTokens(), tok) {
			return fmt.Errorf("unknown token %q in %q (known: %s)", tok, pattern, strings.Join(PermalinkTokens(), " "))
		}
		if j < len(pattern) && pattern[j] == '[' {
			end := strings.IndexByte(pattern[j:], ']')
			if tok != ":sections" || end < 0 {
				return fmt.Errorf("%q: only :sections takes a [from:to] slice", pattern)
			}
			j += end + 1
		}
		i = j - 1
	}
	return nil
}
