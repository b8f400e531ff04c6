package content

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	toml "github.com/pelletier/go-toml/v2"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
)

// FrontMatter is the metadata block at the top of a Markdown file. Unknown
// keys are errors; free values go under params.
type FrontMatter struct {
	Title       string         `yaml:"title" toml:"title"`
	Description string         `yaml:"description" toml:"description"`
	Date        time.Time      `yaml:"date" toml:"date"`
	Lastmod     time.Time      `yaml:"lastmod" toml:"lastmod"`
	Draft       bool           `yaml:"draft" toml:"draft"`
	Slug        string         `yaml:"slug" toml:"slug"`
	URL         string         `yaml:"url" toml:"url"`
	Aliases     []string       `yaml:"aliases" toml:"aliases"`
	Tags        []string       `yaml:"tags" toml:"tags"`
	Image       string         `yaml:"image" toml:"image"`
	ImageAlt    string         `yaml:"imageAlt" toml:"imageAlt"`
	Layout      string         `yaml:"layout" toml:"layout"`
	Weight      int            `yaml:"weight" toml:"weight"`
	Summary     string         `yaml:"summary" toml:"summary"`
	Author      string         `yaml:"author" toml:"author"`
	Params      map[string]any `yaml:"params" toml:"params"`
	Sitemap     Sitemap        `yaml:"sitemap" toml:"sitemap"`
}

// Sitemap is the sitemap: key of front matter, as in Hugo.
type Sitemap struct {
	// Disable leaves the page out of sitemap.xml.
	Disable bool `yaml:"disable" toml:"disable"`
}

var (
	yamlFence = []byte("---")
	tomlFence = []byte("+++")
)

// splitFrontMatter splits src into its front matter block (without fences)
// and body. bodyLine is the 1-based line where the body starts; format is
// "yaml", "toml" or "" when there is no front matter.
func splitFrontMatter(file string, src []byte) (fm []byte, format string, body []byte, bodyLine int, err error) {
	var fence []byte
	switch {
	case hasFenceLine(src, yamlFence):
		fence, format = yamlFence, "yaml"
	case hasFenceLine(src, tomlFence):
		fence, format = tomlFence, "toml"
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

func hasFenceLine(src, fence []byte) bool {
	if !bytes.HasPrefix(src, fence) {
		return false
	}
	rest := bytes.TrimLeft(src[len(fence):], " \t\r")
	return len(rest) == 0 || rest[0] == '\n'
}

// parseFrontMatter decodes fm strictly; its lines start at line 2 of file.
func parseFrontMatter(file string, fm []byte, format string) (FrontMatter, error) {
	var f FrontMatter
	if len(bytes.TrimSpace(fm)) == 0 {
		return f, nil
	}
	switch format {
	case "yaml":
		if fastYAML(fm, &f) {
			return f, nil
		}
		f = FrontMatter{}
		if err := yaml.UnmarshalWithOptions(fm, &f, yaml.DisallowUnknownField()); err != nil {
			var uf *yaml.UnknownFieldError
			if errors.As(err, &uf) {
				if all := config.UnknownKeys(file, 1, fm, &f); len(all) > 0 {
					return f, all
				}
			}
			return f, config.YAMLError(file, 1, err)
		}
	case "toml":
		d := toml.NewDecoder(bytes.NewReader(fm)).DisallowUnknownFields()
		if err := d.Decode(&f); err != nil {
			return f, tomlError(file, err)
		}
	}
	return f, nil
}

func tomlError(file string, err error) error {
	var sm *toml.StrictMissingError
	if errors.As(err, &sm) {
		var es diag.Errors
		for _, e := range sm.Errors {
			line, col := e.Position()
			es = append(es, &diag.Error{File: file, Line: line + 1, Col: col,
				Msg: fmt.Sprintf("unknown key %q", strings.Join(e.Key(), ".")), Err: err})
		}
		return es
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, col := de.Position()
		return &diag.Error{File: file, Line: line + 1, Col: col, Msg: strings.TrimPrefix(de.Error(), "toml: "), Err: err}
	}
	return &diag.Error{File: file, Line: 2, Col: 1, Msg: err.Error(), Err: err}
}

// FrontMatterLines returns the lines of src's front matter (without
// fences); the first is line 2 of the file.
func FrontMatterLines(src *Source) []string {
	if len(src.frontRaw) == 0 {
		return nil
	}
	return strings.Split(string(src.frontRaw), "\n")
}
