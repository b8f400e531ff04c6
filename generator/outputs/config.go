package outputs

import (
	"fmt"
	"sort"
	"strings"
)

// FormatConfig is one entry of Hugo's outputFormats setting: a new format,
// or changes to a built-in one (fields left out keep its values).
type FormatConfig struct {
	MediaType      string `yaml:"mediaType"`
	Path           string `yaml:"path"`
	BaseName       string `yaml:"baseName"`
	Rel            string `yaml:"rel"`
	Protocol       string `yaml:"protocol"`
	IsPlainText    *bool  `yaml:"isPlainText"`
	IsHTML         *bool  `yaml:"isHTML"`
	NoUgly         *bool  `yaml:"noUgly"`
	NotAlternative *bool  `yaml:"notAlternative"`
	Permalinkable  *bool  `yaml:"permalinkable"`
	Weight         int    `yaml:"weight"`
}

// MediaTypeConfig is one entry of Hugo's mediaTypes setting.
type MediaTypeConfig struct {
	Suffixes []string `yaml:"suffixes"`
	// Delimiter is "." when left out.
	Delimiter *string `yaml:"delimiter"`
}

// Config is the three Hugo settings that decide a site's outputs.
type Config struct {
	// Outputs are the format names of each kind of page.
	Outputs       map[string][]string
	OutputFormats map[string]FormatConfig
	MediaTypes    map[string]MediaTypeConfig
}

// Error is a problem in one setting; Key is its path ("outputFormats.Atom.mediaType").
type Error struct {
	Key, Msg string
}

func (e *Error) Error() string { return e.Key + ": " + e.Msg }

// New returns Hugo's built-in formats with c's media types, formats and
// outputs applied. htmlOnly leaves RSS out of the kinds' defaults (sites
// that are not Hugo sites make their feeds their own way).
func New(c Config, htmlOnly bool) (*Formats, error) {
	fs := &Formats{byName: map[string]Format{}, media: defaultMediaTypes(), kinds: map[string][]string{}}
	for _, typ := range sortedKeys(c.MediaTypes) {
		mc := c.MediaTypes[typ]
		if !strings.Contains(typ, "/") {
			return nil, &Error{"mediaTypes." + typ, "a media type is main/sub, like application/atom+xml"}
		}
		m := newMediaType(strings.ToLower(typ), mc.Suffixes...)
		if old, ok := fs.media[m.Type]; ok && len(mc.Suffixes) == 0 {
			m.Suffixes = old.Suffixes
		}
		if mc.Delimiter != nil {
			m.Delimiter = *mc.Delimiter
		}
		fs.media[m.Type] = m
	}
	for _, f := range defaultFormats(fs.media) {
		fs.byName[strings.ToLower(f.Name)] = f
	}
	for _, name := range sortedKeys(c.OutputFormats) {
		fc := c.OutputFormats[name]
		key := "outputFormats." + name
		f, exists := fs.byName[strings.ToLower(name)]
		if !exists {
			f = Format{Name: name, BaseName: "index", Rel: "alternate"}
		}
		if fc.MediaType != "" {
			m, ok := fs.mediaType(fc.MediaType)
			if !ok {
				return nil, &Error{key + ".mediaType", fmt.Sprintf("unknown media type %q: declare it under mediaTypes", fc.MediaType)}
			}
			f.MediaType = m
		} else if f.MediaType.Type != "" {
			f.MediaType = fs.media[f.MediaType.Type] // suffixes changed under mediaTypes
		}
		if f.MediaType.Type == "" {
			return nil, &Error{key, "a new output format needs a mediaType"}
		}
		set := func(dst *string, v string) {
			if v != "" {
				*dst = v
			}
		}
		set(&f.Path, strings.Trim(fc.Path, "/"))
		set(&f.BaseName, fc.BaseName)
		set(&f.Rel, fc.Rel)
		set(&f.Protocol, fc.Protocol)
		for _, b := range []struct {
			dst *bool
			v   *bool
		}{{&f.IsPlainText, fc.IsPlainText}, {&f.IsHTML, fc.IsHTML}, {&f.NoUgly, fc.NoUgly},
			{&f.NotAlternative, fc.NotAlternative}, {&f.Permalinkable, fc.Permalinkable}} {
			if b.v != nil {
				*b.dst = *b.v
			}
		}
		if fc.Weight != 0 {
			f.Weight = fc.Weight
		}
		fs.byName[strings.ToLower(f.Name)] = f
	}
	for _, k := range kinds {
		fs.kinds[k] = []string{"HTML"}
		if k != "page" && !htmlOnly {
			fs.kinds[k] = append(fs.kinds[k], "RSS")
		}
	}
	for _, kind := range sortedKeys(c.Outputs) {
		k := strings.ToLower(kind)
		if k == "rss" || k == "sitemap" || k == "robotstxt" {
			continue // older Hugo names of kinds that are outputs of their own
		}
		known := false
		for _, kk := range kinds {
			known = known || kk == k
		}
		if !known {
			return nil, &Error{"outputs." + kind, fmt.Sprintf("unknown page kind %q (home, section, page, taxonomy, term)", kind)}
		}
		for i, n := range c.Outputs[kind] {
			if _, ok := fs.Get(n); !ok {
				return nil, &Error{fmt.Sprintf("outputs.%s[%d]", kind, i), fmt.Sprintf("unknown output format %q (known: %s)", n, strings.Join(fs.names(), ", "))}
			}
		}
		fs.kinds[k] = c.Outputs[kind]
	}
	return fs, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// mediaType finds a media type by name, ignoring case; a name without a
// suffix part ("application/rss") also matches by main and sub type
// ("application/rss+xml"), as Hugo's lookup does.
func (fs *Formats) mediaType(name string) (MediaType, bool) {
	name = strings.ToLower(name)
	if m, ok := fs.media[name]; ok {
		return m, true
	}
	if strings.Contains(name, "+") {
		return MediaType{}, false
	}
	main, sub, _ := strings.Cut(name, "/")
	for _, t := range sortedKeys(fs.media) {
		if m := fs.media[t]; m.MainType == main && m.SubType == sub {
			return m, true
		}
	}
	return MediaType{}, false
}
