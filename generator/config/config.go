// Package config reads a site's site.yaml strictly: an unknown or mistyped
// key is an error with its line and column.
//
// The forms:, capture: and sales: sections are typed by capture/schema, the
// one schema the generator renders forms from and capture validates with.
package config

import (
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"

	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/outputs"
)

// FileName is the config file's name inside the site folder.
const FileName = "site.yaml"

// Config is site.yaml.
type Config struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	BaseURL     string `yaml:"baseURL"`
	Language    string `yaml:"language"`
	// LanguageCode is a Hugo config's languageCode as written ("" when
	// unset): Hugo's .Site.LanguageCode. LanguageName and
	// LanguageDirection are the default language's (languages.X.languageName).
	LanguageCode      string `yaml:"languageCode"`
	LanguageName      string `yaml:"languageName"`
	LanguageDirection string `yaml:"languageDirection"`
	Theme             string `yaml:"theme"`
	// ThemeDir is the theme's folder, relative to the site folder, when it
	// is not themes/<theme>: a Hugo Module vendored in _vendor/.
	ThemeDir  string `yaml:"themeDir"`
	Copyright string `yaml:"copyright"`
	// Author is Hugo's site author (name, email...), .Site.Author.
	Author map[string]any         `yaml:"author"`
	Brand  Brand                  `yaml:"brand"`
	Social map[string]string      `yaml:"social"`
	Menus  map[string][]MenuEntry `yaml:"menus"`
	// SectionPagesMenu names a menu that gets an entry for each top
	// section (Hugo's sectionPagesMenu).
	SectionPagesMenu string         `yaml:"sectionPagesMenu"`
	Pagination       Pagination     `yaml:"pagination"`
	Markdown         Markdown       `yaml:"markdown"`
	Feed             Feed           `yaml:"feed"`
	Minify           Minify         `yaml:"minify"`
	Images           Images         `yaml:"images"` // images.go
	Sitemap          Sitemap        `yaml:"sitemap"`
	Params           map[string]any `yaml:"params"`

	// Hugo makes the site behave as Hugo does where Storyfront's own way
	// differs (.Params holds the front matter's keys, taxonomies get a page
	// even without terms, no title needed...). It is on for Hugo configs,
	// and `storyfront import hugo` writes it into site.yaml.
	Hugo bool `yaml:"hugo"`

	// Settings with Hugo's names and meaning (hugo_settings.go).
	Taxonomies Taxonomies        `yaml:"taxonomies"`
	Permalinks map[string]string `yaml:"permalinks"`
	UglyURLs   bool              `yaml:"uglyURLs"`
	// UglySections are the sections whose pages have ugly URLs
	// (post/x.html) when UglyURLs is off: Hugo's uglyURLs = {post = true}.
	UglySections       map[string]bool `yaml:"uglySections"`
	URLs               string          `yaml:"urls"` // URLsHugo (default) or URLsStoryfront
	DisablePathToLower bool            `yaml:"disablePathToLower"`
	// CanonifyURLs and RelativeURLs are Hugo's settings of those names: a
	// root-relative URL after src=, href=, url=, action= or srcset= in a
	// page's HTML is written absolute (the baseURL) or relative to the
	// page ("../"); RelPermalink and relURL then leave out the baseURL's
	// path when canonifying (absurls.go in generator).
	CanonifyURLs    bool     `yaml:"canonifyURLs"`
	RelativeURLs    bool     `yaml:"relativeURLs"`
	DisableKinds    []string `yaml:"disableKinds"`
	SummaryLength   int      `yaml:"summaryLength"`
	EnableRobotsTXT *bool    `yaml:"enableRobotsTXT"` // default true; false for Hugo configs that do not set it
	EnableGitInfo   bool     `yaml:"enableGitInfo"`   // .GitInfo and the :git date from git log
	EnableEmoji     bool     `yaml:"enableEmoji"`     // :smile: codes in content become emoji
	// EnableMissingTranslationPlaceholders: i18n of a key the language has
	// no translation of gives "[i18n] key" instead of the default
	// language's text (Hugo's setting of that name).
	EnableMissingTranslationPlaceholders bool `yaml:"enableMissingTranslationPlaceholders"`
	// EnableInlineShortcodes lets content define shortcodes inline
	// ({{< x.inline >}}template{{< /x.inline >}}); off, they render nothing.
	EnableInlineShortcodes bool             `yaml:"enableInlineShortcodes"`
	FrontMatter            FrontMatterDates `yaml:"frontmatter"`
	Build                  Build            `yaml:"build"`
	Markup                 Markup           `yaml:"markup"`
	Privacy                Privacy          `yaml:"privacy"` // privacy.go
	// IgnoreErrors are Hugo's ids of errors that become warnings
	// (error-remote-getjson, error-remote-getcsv).
	IgnoreErrors []string `yaml:"ignoreErrors"`
	// Getenv are the regular expressions of the environment variables
	// getenv may read (Hugo's security.funcs.getenv); empty: HUGO_* and CI.
	Getenv      []string `yaml:"getenv"`
	TimeZone    string   `yaml:"timeZone"`
	IgnoreFiles []string `yaml:"ignoreFiles"` // regular expressions: content files left out
	// Outputs, OutputFormats and MediaTypes decide which files each page
	// is rendered to (outputs.go).
	Outputs       map[string][]string                `yaml:"outputs"`
	OutputFormats map[string]outputs.FormatConfig    `yaml:"outputFormats"`
	MediaTypes    map[string]outputs.MediaTypeConfig `yaml:"mediaTypes"`
	formats       *outputs.Formats
	// feedLimitDefault: feed.limit (rssLimit) was not set.
	feedLimitDefault bool
	// DefaultContentLanguage is a Hugo site's default language (its key,
	// "en"); DefaultContentLanguageInSubdir puts its pages under /en/ too.
	DefaultContentLanguage         string `yaml:"defaultContentLanguage"`
	DefaultContentLanguageInSubdir bool   `yaml:"defaultContentLanguageInSubdir"`
	// LanguageKey is the key of the language this config is for ("fr"),
	// LanguageWeight its weight, ContentDir its contentDir ("content/fr";
	// "" for content/). Set for Hugo configs.
	LanguageKey    string `yaml:"languageKey"`
	LanguageWeight int    `yaml:"languageWeight"`
	ContentDir     string `yaml:"contentDir"`
	// Languages are a multilingual Hugo site's languages' configs in
	// Hugo's order (weight, then key), each the site's settings with its
	// languages.KEY block over them; the default language's is the config
	// Load returns. Nil for a site with one language (hugo_languages.go).
	Languages []*Config `yaml:"-"`
	// LanguageBlocks is site.yaml's languages: (a hugo: true site's): each
	// language's settings over the root ones, as Hugo's languages.KEY
	// blocks, in site.yaml's keys (yaml_languages.go).
	LanguageBlocks map[string]map[string]any `yaml:"languages"`
	disabled       []string                  // DisabledLanguages
	mounts         []Mount                   // module.mounts (Mounts)

	ignore []*regexp.Regexp // IgnoreFiles compiled

	Forms   map[string]*schema.Form `yaml:"forms"`
	Capture schema.Capture          `yaml:"capture"`
	Sales   schema.Sales            `yaml:"sales"`
	Deploy  Deploy                  `yaml:"deploy"`

	// Warnings are the problems that do not stop a build: Hugo settings
	// Storyfront ignores, each once.
	Warnings []*diag.Error `yaml:"-"`

	file *ast.File // the parsed document, to locate errors found later
	// origin is the file the config was read from: site.yaml, or the Hugo
	// config file (hugo.go), whose keys are found by hugoLocate.
	origin string
	locate func(path string) (line, col int)
	// envOf names the HUGO_* variable that sets a site.yaml key path, ""
	// for none (a Hugo config's; hugo_env.go).
	envOf func(path string) string
	// hugoView is a Hugo config's settings as hugo reads them, keys lower
	// case, this language's block over the root's (HugoSetting).
	hugoView map[string]any
}

// HugoSetting is the value of a top-level setting of a Hugo config as
// written (key in any case), for this language: hugo 0.111.3's
// .Site.Language.Get. It is nil when unset or for a site.yaml site.
func (c *Config) HugoSetting(key string) any {
	if c.hugoView == nil {
		return nil
	}
	return lookupFold(c.hugoView, strings.ToLower(key))
}

// File returns the config file the site was read from, relative to the
// site folder: site.yaml, or a Hugo config (hugo.toml, config/_default/...).
func (c *Config) File() string {
	if c.origin == "" {
		return FileName
	}
	return c.origin
}

// FromHugo reports whether the site behaves as a Hugo site: its config
// was read from a Hugo config file, or site.yaml says hugo: true.
func (c *Config) FromHugo() bool { return c.Hugo || c.origin != "" && c.origin != FileName }

// HugoURLs reports whether page and term URLs follow Hugo's rules.
func (c *Config) HugoURLs() bool { return c.URLs != URLsStoryfront }

// ThemeFolder is the theme's folder relative to the site folder,
// slash-separated: themes/<theme>, or ThemeDir.
func (c *Config) ThemeFolder() string {
	if c.ThemeDir != "" {
		return c.ThemeDir
	}
	return path.Join("themes", c.Theme)
}

// Ugly reports whether the pages of a section (its top folder, "" for
// the root) have ugly URLs: uglyURLs, or uglySections naming it. The
// names match as written: as in hugo 0.111.3, the lower-cased keys of
// the config miss a regular page of a folder named Blog (its section
// list page, whose section Hugo lower-cases, is ugly).
func (c *Config) Ugly(section string) bool {
	return c.UglyURLs || c.UglySections[section]
}

// RobotsTXT reports whether robots.txt is published.
func (c *Config) RobotsTXT() bool { return On(c.EnableRobotsTXT, true) }

// Location is the time zone of dates written without one (timeZone, UTC
// by default).
func (c *Config) Location() *time.Location {
	if c.TimeZone == "" {
		return time.UTC
	}
	if l, err := time.LoadLocation(c.TimeZone); err == nil {
		return l
	}
	return time.UTC
}

// IgnoredFile reports whether a file (relative to the site folder,
// "content/x.Rmd") matches one of ignoreFiles.
func (c *Config) IgnoredFile(rel string) bool {
	for _, re := range c.ignore {
		if re.MatchString(rel) {
			return true
		}
	}
	return false
}

// KindDisabled reports whether pages of a kind (home, section, page,
// taxonomy, term, RSS, sitemap, robotsTXT, 404) are not published.
func (c *Config) KindDisabled(kind string) bool {
	for _, k := range c.DisableKinds {
		if strings.EqualFold(k, kind) {
			return true
		}
	}
	return false
}

// Brand is the brand: section: the default theme turns colours, fonts and
// radius into CSS variables (docs/brand.md).
type Brand struct {
	Name    string `yaml:"name"`
	Logo    string `yaml:"logo"`
	Tagline string `yaml:"tagline"`
	// Colors is the light palette and Dark the dark one (shown under
	// prefers-color-scheme: dark), by token name: --color-<name>.
	Colors map[string]string `yaml:"colors"`
	Dark   map[string]string `yaml:"dark"`
	// Scheme is auto (light and dark, the default) or light.
	Scheme string `yaml:"scheme"`
	// Fonts are font stacks by role (body, heading, mono): --font-<role>.
	Fonts map[string]string `yaml:"fonts"`
	// FontFaces are self-hosted WOFF2 files under assets/.
	FontFaces []FontFace `yaml:"fontFaces"`
	// Radius is the corner radius of cards, panels and images: --radius.
	Radius string `yaml:"radius"`
}

// FontFace is one self-hosted font file: an @font-face rule with
// font-display: swap.
type FontFace struct {
	Family string `yaml:"family"`
	Src    string `yaml:"src"`    // a .woff2 file under assets/ ("fonts/brand-700.woff2")
	Weight string `yaml:"weight"` // "400", "700", or a range "100 900"
	Style  string `yaml:"style"`  // normal (default) or italic
}

// MenuEntry is one item of a menu: a URL, or a page given by its content
// path (e.g. "about.md" or "stories/_index.md").
type MenuEntry struct {
	Name       string         `yaml:"name"`
	URL        string         `yaml:"url"`
	Page       string         `yaml:"page"`
	Weight     int            `yaml:"weight"`
	Identifier string         `yaml:"identifier"`
	Parent     string         `yaml:"parent"`
	Pre        string         `yaml:"pre"`
	Post       string         `yaml:"post"`
	Title      string         `yaml:"title"`
	Params     map[string]any `yaml:"params"`
}

// Sitemap is Hugo's sitemap: setting, the defaults of the pages'
// .Sitemap (their front matter sitemap: over it) and the file's name.
type Sitemap struct {
	ChangeFreq string   `yaml:"changeFreq"`
	Priority   *float64 `yaml:"priority"` // nil: Hugo's -1, no <priority>
	Filename   string   `yaml:"filename"` // "sitemap.xml" when empty
}

// File is the sitemap's file name.
func (s Sitemap) File() string {
	if s.Filename == "" {
		return "sitemap.xml"
	}
	return s.Filename
}

// Pagination is the pagination: section.
type Pagination struct {
	PagerSize int    `yaml:"pagerSize"`
	Path      string `yaml:"path"` // the pager pages' folder, "page" by default
}

// Feed is the feed: section: what the RSS feeds carry.
type Feed struct {
	// Sections restricts the site feed (/index.xml) to the pages of these
	// top sections; empty, it carries every regular page (as in Hugo).
	Sections []string `yaml:"sections"`
	// Limit is how many items each feed carries, newest first.
	Limit int `yaml:"limit"`
}

// Minify is the minify: section: which outputs are minified.
type Minify struct {
	// CSS and JS minify the published .css and .js assets (default true).
	CSS *bool `yaml:"css"`
	JS  *bool `yaml:"js"`
	// HTML minifies every page (default false).
	HTML bool `yaml:"html"`
}

// UseCSS reports whether CSS assets are minified.
func (m Minify) UseCSS() bool { return m.CSS == nil || *m.CSS }

// UseJS reports whether JS assets are minified.
func (m Minify) UseJS() bool { return m.JS == nil || *m.JS }

// Markdown is the markdown: section.
type Markdown struct {
	// Unsafe lets raw HTML in Markdown through (off by default).
	Unsafe bool `yaml:"unsafe"`
	// HighlightStyle is the chroma style of asset "css/syntax.css".
	HighlightStyle string `yaml:"highlightStyle"`
	// Typographer turns straight quotes and dashes into typographic ones
	// (default true).
	Typographer *bool `yaml:"typographer"`
}

// Defaults of the optional settings.
const (
	DefaultLanguage       = "en"
	DefaultTheme          = "default"
	DefaultPagerSize      = 10
	DefaultHighlightStyle = "github"
	DefaultFeedLimit      = 50
	DefaultSummaryLength  = 70
	DefaultPagerPath      = "page"
)

// UseTypographer reports whether the typographer is on.
func (m Markdown) UseTypographer() bool { return m.Typographer == nil || *m.Typographer }

// Schema returns the part of the config capture reads.
// A Hugo site's baseURL that is a path has no origin: it gives none.
func (c *Config) Schema() *schema.Site {
	base := c.BaseURL
	if c.FromHugo() && IsPathBaseURL(base) {
		base = ""
	}
	return &schema.Site{BaseURL: base, Forms: c.Forms, Capture: c.Capture, Sales: c.Sales}
}
