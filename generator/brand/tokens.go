package brand

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"

	"github.com/storyfront/storyfront/generator/diag"
)

// TokensFile is the name of a theme's token file, at the theme's root.
const TokensFile = "brand.yaml"

// WCAG 2 AA minimum contrast ratios.
const (
	MinBody  = 4.5
	MinLarge = 3.0
)

// Tokens is a theme's brand.yaml.
type Tokens struct {
	// Colors are the light palette's defaults, by token name.
	Colors map[string]string `yaml:"colors"`
	// Dark are the dark palette's defaults.
	Dark map[string]string `yaml:"dark"`
	// Derive names the tokens whose dark value is made from the site's
	// light value when
	// site.yaml sets the light one and has no brand.dark.
	Derive []string `yaml:"derive"`
	// Pairs are the text colours the theme draws on backgrounds.
	Pairs []Pair `yaml:"pairs"`

	file string
	ast  *ast.File
}

// Pair is one text colour on one background, as the theme draws it.
type Pair struct {
	Text  string `yaml:"text"`
	On    string `yaml:"on"`
	Large bool   `yaml:"large"` // only large text (24px, or 18.66px bold): 3:1
	Use   string `yaml:"use"`   // where the theme draws it, for the message
}

// LoadTokens reads themeDir/brand.yaml; rel is its path for messages
// (relative to the site folder). A theme without the file has no tokens:
// nil, nil.
func LoadTokens(themeDir, rel string) (*Tokens, error) {
	src, err := os.ReadFile(filepath.Join(themeDir, TokensFile))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseTokens(rel, src)
}

// ParseTokens reads a brand.yaml; file names it in errors.
func ParseTokens(file string, src []byte) (*Tokens, error) {
	t := &Tokens{file: file}
	if err := yaml.UnmarshalWithOptions(src, t, yaml.DisallowUnknownField()); err != nil {
		return nil, diag.Errorf(file, 0, 0, "%s", yaml.FormatError(err, false, false))
	}
	f, err := parser.ParseBytes(src, 0)
	if err == nil {
		t.ast = f
	}
	var errs diag.Errors
	for _, set := range []struct {
		key string
		m   map[string]string
	}{{"colors", t.Colors}, {"dark", t.Dark}} {
		for _, k := range sortedKeys(set.m) {
			if _, err := ParseColor(set.m[k]); err != nil {
				errs = append(errs, t.errorf(set.key+"."+k, "%s.%s: %v", set.key, k, err))
			}
		}
	}
	for i, p := range t.Pairs {
		for _, tok := range []string{p.Text, p.On} {
			if _, ok := t.Colors[tok]; !ok {
				errs = append(errs, t.errorf(fmt.Sprintf("pairs[%d]", i), "pairs[%d]: %q is not a token of colors:", i, tok))
			}
		}
	}
	for i, k := range t.Derive {
		if _, ok := t.Dark[k]; !ok {
			errs = append(errs, t.errorf(fmt.Sprintf("derive[%d]", i), "derive[%d]: %q has no dark: default", i, k))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return t, nil
}

func (t *Tokens) errorf(path, format string, args ...any) *diag.Error {
	line, col := Locate(t.ast, "$."+path)
	return diag.Errorf(t.file, line, col, format, args...)
}

// Locate returns the line and column of a YAML path ("$.colors.primary")
// in a parsed file, or of its nearest parent that is there; 1, 1 without.
func Locate(f *ast.File, path string) (line, col int) {
	if f == nil {
		return 1, 1
	}
	for path != "$" && path != "" {
		if p, err := yaml.PathString(quotePath(path)); err == nil {
			if n, err := p.FilterFile(f); err == nil && n != nil && n.GetToken() != nil {
				return n.GetToken().Position.Line, n.GetToken().Position.Column
			}
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 1, 1
}

// quotePath quotes the keys of a YAML path that hold a hyphen
// ($.brand.colors.primary-ink → $.brand.colors.'primary-ink'), which the
// path parser would not read as one key.
func quotePath(p string) string {
	if !strings.Contains(p, "-") {
		return p
	}
	var b bytes.Buffer
	for i, seg := range strings.Split(p, ".") {
		if i > 0 {
			b.WriteByte('.')
		}
		key, rest, _ := strings.Cut(seg, "[")
		if strings.Contains(key, "-") {
			key = "'" + key + "'"
		}
		b.WriteString(key)
		if rest != "" {
			b.WriteString("[" + rest)
		}
	}
	return b.String()
}
