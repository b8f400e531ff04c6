package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/alecthomas/chroma/v2/styles"
	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/generator/diag"
)

// Load reads dir/site.yaml, applies defaults and validates it. Without a
// site.yaml it reads the folder's Hugo config (LoadHugo). Its error is a
// diag.Errors locating every problem found; see Parse for when a Config
// comes with it.
func Load(dir string) (*Config, error) {
	return LoadWith(dir, LoadOptions{})
}

// LoadWith is Load in an environment: for a Hugo config, o picks its
// config/<environment>/ folder and the HUGO_* variables that override it.
func LoadWith(dir string, o LoadOptions) (*Config, error) {
	src, err := os.ReadFile(filepath.Join(dir, FileName))
	if errors.Is(err, fs.ErrNotExist) {
		if len(hugoFiles(dir, o.environment())) > 0 {
			return LoadHugoWith(dir, o)
		}
		return nil, diag.Errors{diag.Errorf(FileName, 0, 0, "not found: a site folder needs a %s (or a Hugo config: hugo.toml, config.toml...)", FileName)}
	}
	if err != nil {
		return nil, diag.Errors{diag.Errorf(FileName, 0, 0, "%w", err)}
	}
	return Parse(src)
}

// Parse decodes site.yaml's bytes, applies defaults and validates them.
// When the only problems are unknown keys, it returns them together with
// the config read without them, so a build can report the site's other
// errors in the same run.
func Parse(src []byte) (*Config, error) {
	c, err := parseOne(src)
	if c == nil || len(c.LanguageBlocks) == 0 {
		return c, err
	}
	return c.yamlLanguages(src, err)
}

// parseOne is Parse of one language's settings.
func parseOne(src []byte) (*Config, error) {
	if err := diag.CheckUTF8(FileName, src); err != nil {
		return nil, diag.Errors{err}
	}
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, diag.Errors{diag.Errorf(FileName, 1, 1, "empty file: a site needs at least a title")}
	}
	var c Config
	var unknown diag.Errors
	if err := yaml.UnmarshalWithOptions(src, &c, yaml.DisallowUnknownField()); err != nil {
		var uf *yaml.UnknownFieldError
		if !errors.As(err, &uf) {
			return nil, diag.Errors{yamlError(FileName, 0, err)}
		}
		// Unknown keys are errors, but the rest of the file is still good:
		// read it without them, so the build can go on and report the rest
		// of the site's problems too.
		unknown = UnknownKeys(FileName, 0, src, &c)
		if len(unknown) == 0 {
			unknown = diag.Errors{yamlError(FileName, 0, err)}
		}
		c = Config{}
		if err := yaml.UnmarshalWithOptions(src, &c); err != nil {
			return nil, append(unknown, yamlError(FileName, 0, err)).Sort()
		}
	}
	file, err := parser.ParseBytes(src, 0)
	if err != nil {
		return nil, diag.Errors{yamlError(FileName, 0, err)}
	}
	v := &validator{file: file, cfg: &c, errs: unknown}
	c.file = file
	c.applyDefaults()
	c.validate(v)
	if len(v.errs) > 0 {
		// With only unknown keys the config is usable: return it with them.
		if len(v.errs) == len(unknown) {
			return &c, v.errs.Sort()
		}
		return nil, v.errs.Sort()
	}
	return &c, nil
}

// YAMLError locates a goccy/go-yaml error in file; lineOffset is added to
// its line (front matter starts below the opening ---).
func YAMLError(file string, lineOffset int, err error) *diag.Error {
	return yamlError(file, lineOffset, err)
}

func yamlError(file string, lineOffset int, err error) *diag.Error {
	var ye yaml.Error
	if errors.As(err, &ye) && ye.GetToken() != nil {
		p := ye.GetToken().Position
		msg := ye.GetMessage()
		var uf *yaml.UnknownFieldError
		if errors.As(err, &uf) {
			msg = "unknown key " + strings.TrimPrefix(msg, "unknown field ")
		}
		return &diag.Error{File: file, Line: p.Line + lineOffset, Col: p.Column, Msg: msg, Err: err}
	}
	return &diag.Error{File: file, Line: 1 + lineOffset, Col: 1, Msg: err.Error(), Err: err}
}

// validator records errors located by YAML path.
type validator struct {
	file *ast.File
	cfg  *Config
	errs diag.Errors
}

func (v *validator) errorf(path, format string, args ...any) {
	if v.cfg != nil && v.cfg.envOf != nil {
		if name := v.cfg.envOf(path); name != "" {
			// Set by a HUGO_* variable: its value, which may be a
			// secret, is not shown.
			setting := strings.TrimPrefix(strings.TrimPrefix(path, "$"), ".")
			v.errs = append(v.errs, diag.Errorf("$"+name, 0, 0, "%s: the value (not shown) is not valid", setting))
			return
		}
	}
	if v.cfg != nil && v.cfg.locate != nil {
		line, col := v.cfg.locate(path)
		v.errs = append(v.errs, diag.Errorf(v.cfg.File(), line, col, format, args...))
		return
	}
	line, col := locate(v.file, path)
	v.errs = append(v.errs, diag.Errorf(FileName, line, col, format, args...))
}

func (c *Config) applyDefaults() {
	PlainNumbers(c.Params)
	if c.Language == "" {
		c.Language = DefaultLanguage
	}
	if c.Theme == "" {
		c.Theme = DefaultTheme
	}
	if c.Pagination.PagerSize == 0 {
		c.Pagination.PagerSize = DefaultPagerSize
	}
	if c.Feed.Limit == 0 {
		c.Feed.Limit = DefaultFeedLimit
		c.feedLimitDefault = true
	}
	if c.Markdown.HighlightStyle == "" {
		c.Markdown.HighlightStyle = DefaultHighlightStyle
	}
	if c.Brand.Name == "" {
		c.Brand.Name = c.Title
	}
	if c.Taxonomies == nil {
		c.Taxonomies = DefaultTaxonomies()
	}
	if c.SummaryLength == 0 {
		c.SummaryLength = DefaultSummaryLength
	}
	if c.Pagination.Path == "" {
		c.Pagination.Path = DefaultPagerPath
	}
	if c.Markup.Goldmark.Renderer.Unsafe != nil {
		c.Markdown.Unsafe = *c.Markup.Goldmark.Renderer.Unsafe
	}
	if t := c.Markup.Goldmark.Extensions.Typographer; t != nil && c.Markdown.Typographer == nil {
		on := !t.Disable
		c.Markdown.Typographer = &on
	}
	sch := c.Schema()
	sch.SetDefaults()
	c.Capture, c.Sales = sch.Capture, sch.Sales
}

func (c *Config) validate(v *validator) {
	if c.Title == "" && !c.FromHugo() {
		v.errorf("$", "title: missing, a site needs a title")
	}
	if c.URLs != "" && c.URLs != URLsHugo && c.URLs != URLsStoryfront {
		v.errorf("$.urls", "urls: %q is not %s or %s", c.URLs, URLsHugo, URLsStoryfront)
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		v.errorf("$.timeZone", "timeZone: %q is not a time zone name (such as Europe/Oslo)", c.TimeZone)
	}
	c.ignore = nil
	for i, pat := range c.IgnoreFiles {
		re, err := regexp.Compile(pat)
		if err != nil {
			v.errorf(fmt.Sprintf("$.ignoreFiles[%d]", i), "ignoreFiles[%d]: %v", i, err)
			continue
		}
		c.ignore = append(c.ignore, re)
	}
	if c.SummaryLength < 0 {
		v.errorf("$.summaryLength", "summaryLength: must not be negative, not %d", c.SummaryLength)
	}
	for _, sing := range sortedKeys(c.Taxonomies) {
		plural := c.Taxonomies[sing]
		if plural == "" || strings.ContainsAny(plural, `/\`) || plural == "." || plural == ".." {
			v.errorf("$.taxonomies."+sing, "taxonomies.%s: %q is not a folder name", sing, plural)
		}
	}
	for _, key := range sortedKeys(c.Permalinks) {
		if err := CheckPermalink(c.Permalinks[key]); err != nil {
			v.errorf("$.permalinks."+key, "permalinks.%s: %v", key, err)
		}
	}
	for i, rule := range [][]string{c.FrontMatter.Date, c.FrontMatter.Lastmod, c.FrontMatter.PublishDate, c.FrontMatter.ExpiryDate} {
		name := []string{"date", "lastmod", "publishDate", "expiryDate"}[i]
		for j, k := range rule {
			if strings.HasPrefix(k, ":") && !slices.Contains(dateRuleTokens(), strings.ToLower(k)) {
				v.errorf(fmt.Sprintf("$.frontmatter.%s[%d]", name, j), "frontmatter.%s: unknown %q (use a front matter key or one of %s)", name, k, strings.Join(dateRuleTokens(), ", "))
			}
		}
	}
	if s := c.Markup.Highlight.Style; s != "" && styles.Registry[s] == nil {
		v.errorf("$.markup.highlight.style", "markup.highlight.style: unknown chroma style %q", s)
	}
	switch c.Markup.Goldmark.Parser.AutoHeadingIDType {
	case "", "github", "github-ascii", "blackfriday":
	default:
		v.errorf("$.markup.goldmark.parser.autoHeadingIDType", "markup.goldmark.parser.autoHeadingIDType: %q is not github, github-ascii or blackfriday", c.Markup.Goldmark.Parser.AutoHeadingIDType)
	}
	if c.BaseURL != "" && !(c.FromHugo() && IsPathBaseURL(c.BaseURL)) {
		if err := CheckBaseURL(c.BaseURL); err != nil {
			v.errorf("$.baseURL", "baseURL: %v", err)
		}
	}
	if c.ThemeDir == "" && (strings.ContainsAny(c.Theme, `/\`) || c.Theme == "." || c.Theme == "..") {
		v.errorf("$.theme", "theme: %q is not a theme folder name", c.Theme)
	}
	if c.Pagination.PagerSize < 1 {
		v.errorf("$.pagination.pagerSize", "pagination.pagerSize: must be at least 1, not %d", c.Pagination.PagerSize)
	}
	if c.Feed.Limit < 1 {
		v.errorf("$.feed.limit", "feed.limit: must be at least 1, not %d", c.Feed.Limit)
	}
	for i, s := range c.Feed.Sections {
		if s == "" || strings.ContainsAny(s, `/\`) || s == "." || s == ".." {
			v.errorf(fmt.Sprintf("$.feed.sections[%d]", i), "feed.sections[%d]: %q is not a top section's folder name", i, s)
		}
	}
	if styles.Registry[c.Markdown.HighlightStyle] == nil {
		v.errorf("$.markdown.highlightStyle", "markdown.highlightStyle: unknown chroma style %q", c.Markdown.HighlightStyle)
	}
	for _, menu := range sortedKeys(c.Menus) {
		for i, e := range c.Menus[menu] {
			path := fmt.Sprintf("$.menus.%s[%d]", menu, i)
			switch {
			case e.Name == "" && (!c.FromHugo() || e.Identifier == ""):
				v.errorf(path, "menus.%s[%d]: missing name", menu, i)
			case e.URL == "" && e.Page == "" && (e.Identifier != "" || c.FromHugo()):
				// A heading of sub-menu entries (Hugo allows it).
			case e.URL != "" && e.Page != "" && c.FromHugo():
				// Hugo's pageRef with its url as the fallback.
			case (e.URL == "") == (e.Page == ""):
				v.errorf(path, "menus.%s[%d] (%s): give exactly one of url or page", menu, i, e.Name)
			}
		}
	}
	c.Brand.validate(v)
	c.validateOutputs(v)
	c.Deploy.validate(v)
	c.Images.validate(v)
	// forms:, capture: and sales: are checked by their schema; its errors
	// carry a path that is located here.
	var serrs schema.Errors
	if errors.As(c.Schema().Validate(), &serrs) {
		for _, e := range serrs {
			v.errorf("$."+e.Path, "%s: %s", e.Path, e.Msg)
		}
	}
}

// IsPathBaseURL reports whether u is a base URL that is a path from the
// root ("/", "/docs/"), which a Hugo config may give: hugo 0.111.3 then
// makes every URL root-relative (.Permalink is "/docs/x/"), as it does
// without a baseURL.
func IsPathBaseURL(u string) bool {
	if !strings.HasPrefix(u, "/") || strings.HasPrefix(u, "//") {
		return false
	}
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "" && p.Host == "" && p.RawQuery == "" && p.Fragment == ""
}

// CheckBaseURL reports whether u is an absolute http(s) URL.
func CheckBaseURL(u string) error {
	p, err := url.Parse(u)
	if err != nil {
		return err
	}
	if (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return fmt.Errorf("%q is not an absolute http(s) URL", u)
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Locate returns the line and column of a YAML path ("$.menus.main[2]")
// in site.yaml, or 1, 1 when it is not there.
func (c *Config) Locate(path string) (line, col int) {
	if c.locate != nil {
		return c.locate(path)
	}
	return locate(c.file, path)
}

func locate(file *ast.File, path string) (line, col int) {
	if file == nil {
		return 1, 1
	}
	for path != "$" && path != "" {
		if p, err := yaml.PathString(path); err == nil {
			if n, err := p.FilterFile(file); err == nil && n != nil && n.GetToken() != nil {
				return n.GetToken().Position.Line, n.GetToken().Position.Column
			}
		}
		// Not there (a missing key): point at its parent.
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 1, 1
}
