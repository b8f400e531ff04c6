package render

import (
	"errors"
	"fmt"
	"html/template"
	"strings"

	"github.com/storyfront/storyfront/generator/site"
)

// hugoFuncs are Hugo template functions the built-in shortcodes use.
func (r *Renderer) hugoFuncs(m template.FuncMap) {
	m["errorf"] = func(format string, args ...any) (string, error) { return "", fmt.Errorf(format, args...) }
	m["ref"] = func(p any, target any) (string, error) { return r.ref(p, target, true) }
	m["relref"] = func(p any, target any) (string, error) { return r.ref(p, target, false) }
	m["highlight"] = r.highlight
	m["paramOf"] = paramOf
	m["markdownBlock"] = r.markdownBlock
	r.pipeFuncs(m)
}

// markdownBlock renders Markdown as blocks: a paragraph keeps its <p>
// (markdownify drops it), as Hugo's .Page.RenderString with display block.
func (r *Renderer) markdownBlock(s any) (template.HTML, error) {
	h, err := r.renderBlock(s)
	return template.HTML(strings.TrimSpace(string(h))), err
}

// renderBlock is Markdown as blocks, with the converter's trailing newline
// (Hugo's .RenderString (dict "display" "block")).
func (r *Renderer) renderBlock(s any) (template.HTML, error) { return r.renderBlockFor(nil, s) }

// renderBlockFor is renderBlock as page p's .RenderString.
func (r *Renderer) renderBlockFor(p *site.Page, s any) (template.HTML, error) {
	if s == nil {
		return "", nil
	}
	c := r.Markdown()
	defer r.PutMarkdown(c)
	res, err := c.Convert([]byte(fmt.Sprint(s)), r.snippetEnv("markdownBlock", p))
	if err != nil {
		return "", err
	}
	return template.HTML(res.HTML), nil
}

// paramOf is a page's .Param key; nil for no page.
func paramOf(p any, key string) any {
	if pg, _ := p.(*site.Page); pg != nil {
		return pg.Param(key)
	}
	return nil
}

// ref finds the page a path names, as Hugo's ref and relref do (see
// site.RefPage), in the calling page's language or the one named; a
// #fragment is kept. target is the path, or Hugo's shortcode parameters:
// a list (path, output format) or a map with path, lang and outputFormat.
// It returns the page's absolute URL (abs) or its path.
func (r *Renderer) ref(from any, target any, abs bool) (string, error) {
	t, lang, format := refArgs(target)
	if t == "" && lang == "" && format == "" {
		return "", nil // nil or "" is "", as in hugo 0.111.3 (Docsy's relref . .Params.manualLinkRelref)
	}
	p, _ := from.(*site.Page)
	file, frag, _ := strings.Cut(t, "#")
	if file == "" && frag != "" && format == "" {
		return "#" + frag, nil // the same page, as hugo writes it
	}
	s := r.site
	if p != nil && p.Site != nil {
		s = p.Site // the page's language
	}
	if s == nil {
		return "", fmt.Errorf("ref %q: no site", t)
	}
	if lang != "" {
		var found *site.Site
		for _, o := range s.Sites() {
			if o.Language != nil && strings.EqualFold(o.Language.Lang, lang) {
				found = o
			}
		}
		if found == nil {
			return "", fmt.Errorf("ref %q: the site has no language %q", t, lang)
		}
		s = found
	}
	pg := p
	if file != "" {
		var err error
		if pg, err = s.RefPage(p, file); err != nil {
			return "", fmt.Errorf("ref %q: %w", t, err)
		}
	}
	if pg == nil {
		return "", fmt.Errorf("ref %q: no such page", t)
	}
	if format == "" {
		return refURL(pg, frag, abs), nil
	}
	f := pg.OutputFormats().Get(format)
	if f == nil {
		return "", fmt.Errorf("ref %q: the page has no output format %q", t, format)
	}
	u := f.RelPermalink
	if abs {
		u = f.Permalink
	}
	if frag != "" {
		u += "#" + frag
	}
	return u, nil
}

// refArgs reads ref's target: a path, a list (path, output format) or a
// map with path, lang and outputFormat.
func refArgs(target any) (path, lang, format string) {
	switch a := target.(type) {
	case map[string]any:
		return argString(a["path"]), argString(a["lang"]), argString(a["outputFormat"])
	case []string:
		a = append(a, "", "")
		return a[0], "", a[1]
	case []any:
		a = append(a, nil, nil)
		return argString(a[0]), "", argString(a[1])
	}
	return argString(target), "", ""
}

// argString is a shortcode parameter as text, "" for none.
func argString(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

func refURL(p *site.Page, frag string, abs bool) string {
	u := p.RelPermalink
	if abs {
		u = p.Permalink
	}
	if frag != "" {
		u += "#" + frag
	}
	return u
}

// highlight is Hugo's highlight function: code in a language with options
// ("linenos=table,hl_lines=2"), in the site's code block markup.
func (r *Renderer) highlight(code any, lang string, opts ...any) (template.HTML, error) {
	o := ""
	if len(opts) > 0 && opts[0] != nil {
		o = fmt.Sprint(opts[0])
		if m, ok := opts[0].(map[string]any); ok {
			var kv []string
			for k, v := range m {
				kv = append(kv, fmt.Sprintf("%s=%v", k, v))
			}
			o = strings.Join(kv, ",")
		}
	}
	src := strings.Trim(fmt.Sprint(code), "\n")
	var b strings.Builder
	if err := r.mdOpts.Highlighter.HighlightCode(&b, []byte(src), lang, o, r.mdOpts.Highlight); err != nil {
		return "", errors.Unwrap(err)
	}
	return template.HTML(b.String()), nil
}
