package content

import (
	"encoding/json"
	"hash/fnv"
	"maps"
	"path"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"

	"github.com/storyfront/storyfront/generator/config"
)

// CascadeEntry is one block of Hugo's cascade: front matter key: values
// that the page and every page below it get when their own front matter
// does not set them, limited by _target to the pages it matches.
type CascadeEntry struct {
	Values map[string]any
	Target CascadeTarget
}

// CascadeTarget is a cascade block's _target: globs for the page's path
// (its file below content/, "/blog/a.md"), its kind, its language and the
// build's environment. Empty matches all.
type CascadeTarget struct {
	Path, Kind, Lang, Environment string
}

// Matches reports whether the target takes in a page.
func (t CascadeTarget) Matches(pagePath, kind, lang, env string) bool {
	match := func(pattern, v string) bool { return pattern == "" || Glob(pattern).MatchString(strings.ToLower(v)) }
	return match(t.Path, pagePath) && match(t.Kind, kind) && match(t.Lang, lang) && match(t.Environment, env)
}

// Cascade hands the cascade front matter of home and section pages down
// to the pages below them, as Hugo does: a page's own key wins, then the
// nearest cascade that sets it (a section's cascade applies to the
// section's own page too).
type Cascade struct {
	byDir map[string]*Source // the home or section page of each folder that has a cascade
	env   string
}

// NewCascade collects the cascades of sources for a build in environment
// env; nil when no source has one.
func NewCascade(sources []*Source, env string) *Cascade {
	var c *Cascade
	for _, s := range sources {
		if len(s.Front.Cascade) == 0 || (s.Kind != KindHome && s.Kind != KindSection) {
			continue
		}
		if c == nil {
			c = &Cascade{byDir: map[string]*Source{}, env: env}
		}
		c.byDir[s.Dir] = s
	}
	return c
}

// Values returns the cascaded keys (lower case) that reach a page in
// folder dir (a section's own folder) whose path is pagePath, of the given
// kind and language.
func (c *Cascade) Values(dir, pagePath, kind, lang string) map[string]any {
	if c == nil {
		return nil
	}
	var out map[string]any
	for d := dir; ; d = parent(d) {
		if s := c.byDir[d]; s != nil {
			for _, e := range s.Front.Cascade {
				if !e.Target.Matches(pagePath, kind, lang, c.env) {
					continue
				}
				for _, k := range sortedKeys(e.Values) {
					lk := strings.ToLower(k)
					if _, set := out[lk]; !set {
						if out == nil {
							out = map[string]any{}
						}
						out[lk] = e.Values[k]
					}
				}
			}
		}
		if d == "" {
			return out
		}
	}
}

// Apply returns src with the cascaded values it does not set itself merged
// into its front matter; src itself when no cascade reaches it. The copy's
// Hash covers the values, so a changed cascade converts the page again.
func (c *Cascade) Apply(src *Source, kind, lang string) (*Source, error) {
	dir := src.Dir
	if src.Kind == KindHome {
		dir = ""
	}
	vals := c.Values(dir, "/"+src.Rel, kind, lang)
	if len(vals) == 0 {
		return src, nil
	}
	own, err := rawFrontMatter(src)
	if err != nil {
		return nil, err
	}
	merged := maps.Clone(own)
	if merged == nil {
		merged = map[string]any{}
	}
	added := map[string]any{}
	for k, v := range vals {
		if !hasKeyFold(own, k) {
			merged[k], added[k] = v, v
		}
	}
	if len(added) == 0 {
		return src, nil
	}
	d := &decoder{file: src.Path, src: src.frontRaw, format: src.frontFormat}
	front := d.frontMatter(merged)
	if err := d.errs.Err(); err != nil {
		return nil, err
	}
	out := *src
	out.Front = front
	h := fnv.New64a()
	b, _ := json.Marshal(added) // sorted keys: the same values give the same hash
	h.Write(b)
	out.Hash = src.Hash ^ h.Sum64()
	return &out, nil
}

// rawFrontMatter decodes a source's front matter into a map again.
func rawFrontMatter(src *Source) (map[string]any, error) {
	m := map[string]any{}
	var err error
	switch src.frontFormat {
	case "yaml":
		err = config.UnmarshalHugoYAML(src.Path, 1, src.frontRaw, &m)
	case "toml":
		err = toml.Unmarshal(src.frontRaw, &m)
	case "json":
		err = json.Unmarshal(src.frontRaw, &m)
	}
	if err != nil {
		// It was read once already: this cannot fail but for a bug.
		return nil, &decodeAgainError{file: src.Path, err: err}
	}
	return m, nil
}

type decodeAgainError struct {
	file string
	err  error
}

func (e *decodeAgainError) Error() string { return e.file + ": front matter: " + e.err.Error() }
func (e *decodeAgainError) Unwrap() error { return e.err }

func hasKeyFold(m map[string]any, key string) bool {
	for k := range m {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

func parent(dir string) string {
	if dir == "" {
		return ""
	}
	if d := path.Dir(dir); d != "." {
		return d
	}
	return ""
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// cascade decodes the cascade: key: one map, or a list of maps, each with
// an optional _target.
func (d *decoder) cascade(k string, v any) []CascadeEntry {
	var blocks []any
	switch v := v.(type) {
	case map[string]any:
		blocks = []any{v}
	case []any:
		blocks = v
	case []map[string]any:
		for _, m := range v {
			blocks = append(blocks, m)
		}
	default:
		d.errorf(k, "%s: must be a map of front matter values or a list of them, not %s", k, describe(v))
		return nil
	}
	var out []CascadeEntry
	for _, b := range blocks {
		m, ok := b.(map[string]any)
		if !ok {
			d.errorf(k, "%s: each entry must be a map of front matter values, not %s", k, describe(b))
			continue
		}
		e := CascadeEntry{Values: map[string]any{}}
		for key, val := range m {
			if !strings.EqualFold(key, "_target") {
				e.Values[key] = val
				continue
			}
			t, ok := val.(map[string]any)
			if !ok {
				d.errorf(k, "%s._target: must be a map (path, kind, lang, environment), not %s", k, describe(val))
				continue
			}
			for tk, tv := range t {
				s, _ := tv.(string)
				switch strings.ToLower(tk) {
				case "path":
					e.Target.Path = s
				case "kind":
					e.Target.Kind = s
				case "lang":
					e.Target.Lang = s
				case "environment":
					e.Target.Environment = s
				default:
					d.unknownNested(k+"._target", tk, "path", "kind", "lang", "environment")
				}
			}
		}
		out = append(out, e)
	}
	return out
}
