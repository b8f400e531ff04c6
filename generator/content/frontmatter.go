package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml"
	toml "github.com/pelletier/go-toml/v2"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
)

// FrontMatter is the metadata block at the top of a content file: every
// field Hugo documents, plus Storyfront's image, imageAlt and author. Keys
// are read without regard to case, as Hugo does; keys it does not know go
// to Params with no error (a key one edit away from a known one also gets
// a warning).
type FrontMatter struct {
	Title          string
	LinkTitle      string
	Description    string
	Summary        string
	Date           Date
	PublishDate    Date
	Lastmod        Date
	ExpiryDate     Date
	Draft          bool
	Weight         int
	Slug           string
	URL            string
	Aliases        []string
	Type           string
	Layout         string
	Keywords       []string
	Tags           []string
	Categories     []string
	Menus          map[string]MenuEntry // menu: main, [main, footer] or {main: {weight: 2}}
	Resources      []Resource
	Outputs        []string
	Sitemap        Sitemap
	Build          BuildOptions
	Cascade        []CascadeEntry // cascade: what this page hands down to the pages below it
	Headless       bool
	Markup         string
	IsCJKLanguage  bool
	TranslationKey string
	Image          string
	ImageAlt       string
	// ImageFocus is the image's focal point, {x, y} as fractions of its
	// width and height from the top left (image: {focus: [0.3, 0.6]} or
	// imageFocus: [0.3, 0.6]); nil for none. Crops to other proportions
	// keep it in view.
	ImageFocus []float64
	Author     string
	// Params are the params: map and every key not named above, as written.
	Params map[string]any
	// BadDates are the dates that are not dates ("2020-12-8", month 13),
	// read as unset: Hugo ignores them; a Storyfront site stops on them.
	BadDates []*diag.Error
}

// Sitemap is the sitemap: key of front matter, as in Hugo.
type Sitemap struct {
	// Disable leaves the page out of sitemap.xml.
	Disable    bool
	ChangeFreq string
	Priority   float64
	// HasPriority: the front matter gives priority (else the site's
	// sitemap.priority applies).
	HasPriority bool
}

// BuildOptions is Hugo's build: (or _build:) key: whether the page is
// written (render: always, never, link) and listed (list: always, never,
// local); empty means always.
type BuildOptions struct {
	Render           string
	List             string
	PublishResources *bool
}

// MenuEntry is one menu: entry of front matter; empty fields are filled
// from the page (name from linkTitle or title).
type MenuEntry struct {
	Name, Identifier, Parent, Pre, Post, Title string
	Weight                                     int
	Params                                     map[string]any
}

// Resource is one entry of resources: metadata for a bundle's files.
type Resource struct {
	Src, Name, Title string
	Params           map[string]any
}

var (
	yamlFence = []byte("---")
	tomlFence = []byte("+++")
)

// splitFrontMatter splits src into its front matter block (without fences)
// and body. bodyLine is the 1-based line where the body starts; format is
// "yaml", "toml" or "" when there is no front matter.
func splitFrontMatter(file string, src []byte) (fm []byte, format string, body []byte, bodyLine int, err error) {
	if lead, at := blankLines(src); lead > 0 && (hasFenceLine(src[at:], yamlFence) || hasFenceLine(src[at:], tomlFence)) {
		// Blank lines before the front matter, which Hugo skips: fm
		// starts with as many newlines, so its lines keep their numbers.
		fm, format, body, bodyLine, err = splitFrontMatter(file, src[at:])
		if err == nil {
			fm = append(bytes.Repeat([]byte("\n"), lead), fm...)
			bodyLine += lead
		}
		return fm, format, body, bodyLine, err
	}
	var fence []byte
	switch {
	case hasFenceLine(src, yamlFence):
		fence, format = yamlFence, "yaml"
	case hasFenceLine(src, tomlFence):
		fence, format = tomlFence, "toml"
	case len(src) > 0 && src[0] == '{':
		// JSON front matter, as Hugo reads it: an object that ends on a
		// line starting with "}".
		line := 1
		for i := 0; i < len(src); {
			end := bytes.IndexByte(src[i:], '\n')
			next := len(src)
			if end >= 0 {
				next = i + end + 1
			}
			if i > 0 && src[i] == '}' {
				return src[:next], "json", src[next:], line + 1, nil
			}
			i = next
			line++
		}
		return nil, "", nil, 0, diag.Errorf(file, 1, 1, "front matter opened with { is never closed by a line starting with }")
	default:
		return nil, "", src, 1, nil
	}
	// Skip the opening fence line.
	i := bytes.IndexByte(src, '\n') + 1
	start := i
	line := 2
	for i < len(src) {
		end := bytes.IndexByte(src[i:], '\n')
		var l []byte
		next := len(src)
		if end >= 0 {
			l = src[i : i+end]
			next = i + end + 1
		} else {
			l = src[i:]
		}
		if bytes.Equal(bytes.TrimRight(l, " \t\r"), fence) {
			return src[start:i], format, src[next:], line + 1, nil
		}
		i = next
		line++
	}
	return nil, "", nil, 0, diag.Errorf(file, 1, 1, "front matter opened with %s is never closed", fence)
}

// blankLines counts the blank lines at the start of src and returns where
// the first other line starts.
func blankLines(src []byte) (n, at int) {
	for {
		end := bytes.IndexByte(src[at:], '\n')
		if end < 0 || len(bytes.TrimSpace(src[at:at+end])) > 0 {
			return n, at
		}
		n++
		at += end + 1
	}
}

func hasFenceLine(src, fence []byte) bool {
	if !bytes.HasPrefix(src, fence) {
		return false
	}
	rest := bytes.TrimLeft(src[len(fence):], " \t\r")
	return len(rest) == 0 || rest[0] == '\n'
}

// parseFrontMatter decodes fm; its lines start at line 2 of file. The
// warnings are keys that look mistyped.
func parseFrontMatter(file string, fm []byte, format string) (FrontMatter, []*diag.Error, error) {
	var f FrontMatter
	if len(bytes.TrimSpace(fm)) == 0 {
		return f, nil, nil
	}
	if format == "yaml" && fastYAML(fm, &f) {
		return f, nil, nil
	}
	return decodeFrontMatter(file, fm, format)
}

// decodeFrontMatter is the full decoder: into a map (YAML, TOML or JSON),
// then onto FrontMatter's fields.
func decodeFrontMatter(file string, fm []byte, format string) (FrontMatter, []*diag.Error, error) {
	m := map[string]any{}
	var dup *diag.Error
	switch format {
	case "yaml":
		fm = emptySeqItems(fm)
		if err := yaml.Unmarshal(fm, &m); err != nil {
			// Hugo's YAML decoder takes a key given twice, the last value
			// winning: so do we, with a warning. The decoders differ only
			// in that, so any other error fails both.
			m = map[string]any{}
			if yaml.UnmarshalWithOptions(fm, &m, yaml.AllowDuplicateMapKey()) != nil {
				return FrontMatter{}, nil, config.YAMLError(file, 1, err)
			}
			dup = config.YAMLError(file, 1, err)
			dup.Msg = duplicateKeyMsg(dup.Msg)
		}
	case "toml":
		if err := toml.Unmarshal(fm, &m); err != nil {
			return FrontMatter{}, nil, tomlError(file, err)
		}
	case "json":
		if err := json.Unmarshal(fm, &m); err != nil {
			return FrontMatter{}, nil, jsonError(file, fm, err)
		}
	}
	d := &decoder{file: file, src: fm, format: format}
	if dup != nil {
		d.warns = append(d.warns, dup)
	}
	f := d.frontMatter(m)
	f.BadDates = d.badDates
	return f, diag.Errors(d.warns).Sort(), d.errs.Err()
}

func tomlError(file string, err error) error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		return &diag.Error{File: file, Line: line + 1, Col: col, Msg: strings.TrimPrefix(de.Error(), "toml: "), Err: err}
	}
	return &diag.Error{File: file, Line: 2, Col: 1, Msg: err.Error(), Err: err}
}

func jsonError(file string, src []byte, err error) error {
	var se *json.SyntaxError
	off := int64(0)
	if errors.As(err, &se) {
		off = se.Offset - 1
	}
	if off < 0 {
		off = 0
	}
	if off > int64(len(src)) {
		off = int64(len(src))
	}
	line := bytes.Count(src[:off], []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(src[:off], '\n')
	// The JSON object starts on line 1 of the file.
	return &diag.Error{File: file, Line: line, Col: col, Msg: err.Error(), Err: err}
}

// FrontMatterLines returns the lines of src's front matter (without
// fences) and the file line of the first: 2, or 1 for JSON front matter.
func FrontMatterLines(src *Source) ([]string, int) {
	if len(src.frontRaw) == 0 {
		return nil, 2
	}
	first := 2
	if src.frontRaw[0] == '{' {
		first = 1
	}
	return strings.Split(string(src.frontRaw), "\n"), first
}

// KeyLine returns the file line and column of a top-level front matter key
// (matched without case, as "key:", "key =" or "\"key\":"), or 1, 1.
func KeyLine(src *Source, key string) (int, int) {
	lines, first := FrontMatterLines(src)
	if l := keyIndex(lines, key, first == 1); l >= 0 {
		return l + first, 1
	}
	return 1, 1
}

// keyIndex finds the line of key at the top level (unindented, but any
// line of JSON).
func keyIndex(lines []string, key string, json bool) int {
	for i, l := range lines {
		if json {
			l = strings.TrimLeft(l, " \t{")
		}
		t := strings.TrimLeft(l, "\"'")
		if len(t) < len(key) || !strings.EqualFold(t[:len(key)], key) {
			continue
		}
		rest := strings.TrimLeft(t[len(key):], "\"' \t")
		if strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "=") {
			return i
		}
	}
	return -1
}

// dupKeyRE is goccy/go-yaml's message for a key given twice; its
// position is within the front matter, which starts on line 2.
var dupKeyRE = regexp.MustCompile(`^mapping key ("[^"]*") already defined at \[(\d+):\d+\]$`)

// duplicateKeyMsg is the warning for a front matter key given twice.
func duplicateKeyMsg(msg string) string {
	if m := dupKeyRE.FindStringSubmatch(msg); m != nil {
		first, _ := strconv.Atoi(m[2])
		msg = fmt.Sprintf("key %s given twice (first on line %d)", m[1], first+1)
	}
	return msg + ": the last value is used, as in Hugo"
}
