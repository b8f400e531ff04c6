package render

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"strings"
	ttemplate "text/template"

	"github.com/storyfront/storyfront/generator/content"
	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/markdown"
	"github.com/storyfront/storyfront/generator/shortcode"
	"github.com/storyfront/storyfront/generator/site"
)

// builtin holds the built-in shortcodes and render hooks; a theme's or
// site's layouts/ file of the same name replaces one.
//
//go:embed builtin
var builtin embed.FS

// Template folders of layouts/ that are not page layouts.
const (
	shortcodesDir = "shortcodes/"
	blocksDir     = "partials/blocks/" // Storyfront's brand blocks: shortcodes too
	markupDir     = "_markup/"
)

// loadBuiltins adds the built-in templates under their layouts/ names.
func loadBuiltins(out map[string]*layoutFile) error {
	return fs.WalkDir(builtin, "builtin", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := builtin.ReadFile(p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "builtin/")
		out[name] = &layoutFile{name: name, file: "(built in) " + LayoutsDir + "/" + name, src: string(b)}
		return nil
	})
}

// isHelperTemplate reports whether a layouts/ name is a partial, a
// shortcode or a render hook, parsed into the shared template set.
func isHelperTemplate(name string) bool {
	return strings.HasPrefix(name, "partials/") || strings.HasPrefix(name, shortcodesDir) || strings.Contains(name, "/"+markupDir)
}

// shortcodeTemplate is the one lookup of a shortcode's template:
// shortcodes/NAME.html (site, then theme, then built in), then Storyfront's
// partials/blocks/NAME.html.
func (r *Renderer) shortcodeTemplate(name string) (*template.Template, string) {
	for _, n := range [...]string{shortcodesDir + name + ".html", blocksDir + name + ".html"} {
		if t := r.partials.Lookup(n); t != nil {
			return t, n
		}
	}
	return nil, ""
}

// hugoConfigV1 is how a shortcode template asks for Hugo's pre-0.55
// handling of its {{% %}} calls.
var hugoConfigV1 = regexp.MustCompile("\\$_hugo_config\\s*:=\\s*`\\s*\\{\\s*\"version\"\\s*:\\s*1\\s*\\}\\s*`")

// shortcodeVersion1 reports whether a shortcode's template sets
// {{ $_hugo_config := `{ "version": 1 }` }} (Docsy's alert, pageinfo...).
func (r *Renderer) shortcodeVersion1(name string) bool {
	_, n := r.shortcodeTemplate(name)
	return n != "" && strings.Contains(r.layouts[n].src, "_hugo_config") && hugoConfigV1.MatchString(r.layouts[n].src)
}

// needsInner reports whether a shortcode's template uses .Inner: its calls
// must then be closed, as in Hugo.
func (r *Renderer) needsInner(name string) bool {
	if shortcode.IsInline(name) {
		return true // {{< x.inline >}}template{{< /x.inline >}}, or self-closed
	}
	_, n := r.shortcodeTemplate(name)
	if n == "" {
		return false
	}
	return strings.Contains(r.layouts[n].src, ".Inner")
}

// Content turns a page's Markdown body into HTML: shortcodes expanded
// ({{% %}} outputs converted with the Markdown, {{< >}} outputs put in the
// HTML as they are), render hooks applied. env gives the file and line.
func (r *Renderer) Content(conv *markdown.Converter, p *site.Page, body []byte, env *markdown.Env) (*markdown.Result, error) {
	env.Page = p
	env.Hooks = r.hooksFor(p)
	isHTML := p.Source != nil && !content.IsMarkdown(p.Source.Rel)
	if !shortcode.Has(body) {
		if isHTML {
			return conv.FromHTML(body), nil
		}
		return conv.Convert(body, env)
	}
	inline := map[string]*ttemplate.Template{} // this page's inline shortcodes
	x, scErr := shortcode.Expand(body, r.needsInner, &shortcode.Env{File: env.File, Line: env.Line, Page: p, Site: r.site,
		Exec: func(c *shortcode.Context) (string, error) {
			if shortcode.IsInline(c.Name()) {
				return r.execInline(c, env.File, inline)
			}
			return r.execShortcode(c)
		},
		Version1: r.shortcodeVersion1,
		RenderInner: func(inner string) (string, error) {
			res, err := conv.Convert([]byte(inner), &markdown.Env{File: env.File, Line: env.Line, Page: p, Hooks: env.Hooks, Link: env.Link})
			if err != nil {
				return "", err
			}
			return string(res.HTML), nil
		}})
	if x == nil {
		return nil, scErr
	}
	// Calls that failed are left out; the Markdown is still converted so
	// its own errors are reported with theirs.
	env.Offset, env.Body = x.SourceOffset, body
	var res *markdown.Result
	var err error
	if isHTML {
		// An HTML page: {{% %}} output is HTML too; no Markdown.
		res = conv.FromHTML(x.Markdown)
	} else {
		res, err = conv.Convert(x.Markdown, env)
	}
	if res != nil {
		res.HTML = x.Restore(res.HTML)
		res.Summary = x.Restore(res.Summary)
		res.TOC = x.Restore(res.TOC)
		if !res.HasMore {
			// A word summary counts the shortcodes' words, not placeholders.
			if sum, t, ok := conv.AutoSummary(res.HTML); ok {
				res.Summary, res.Truncated = sum, t
			}
		}
	}
	var all diag.Errors
	for _, e := range []error{scErr, err} {
		var es diag.Errors
		if errors.As(e, &es) {
			all = append(all, es...)
		} else if e != nil {
			return res, e
		}
	}
	if len(all) > 0 {
		return res, all
	}
	return res, nil
}

// execShortcode runs a call's template.
func (r *Renderer) execShortcode(c *shortcode.Context) (string, error) {
	t, n := r.shortcodeTemplate(c.Name())
	if t == nil {
		if l := r.layouts[shortcodesDir+c.Name()+".html"]; l != nil {
			// It exists but did not parse: that error is reported at its file.
			return "", fmt.Errorf("shortcode template %s has errors (reported at that file)", l.file)
		}
		return "", fmt.Errorf("unknown shortcode (no layouts/%s%s.html in the site or theme, nor layouts/%s%s.html)",
			shortcodesDir, c.Name(), blocksDir, c.Name())
	}
	b := r.bufPool.Get().(*bytes.Buffer)
	defer r.bufPool.Put(b)
	b.Reset()
	if err := t.Execute(b, c); err != nil {
		if l := r.layouts[n]; l != nil && strings.HasPrefix(l.file, "(built in)") {
			// The built-in templates are not the writer's: say only what
			// was wrong with the call.
			return "", errors.New(callError(err))
		}
		return "", r.templateError(r.fileOf(n), err)
	}
	return b.String(), nil
}

// hooks are a page's render hooks: layouts/SECTION/_markup/render-KIND.html,
// then layouts/_default/_markup/render-KIND.html.
type hooks struct {
	r       *Renderer
	section string
}

func (r *Renderer) hooksFor(p *site.Page) markdown.Hooks {
	if !r.hasHooks {
		return nil
	}
	return &hooks{r: r, section: p.Section}
}

func (h *hooks) lookup(kind string) (*template.Template, string) {
	for _, dir := range [...]string{h.section, "_default"} {
		if dir == "" {
			continue
		}
		n := path.Join(dir, markupDir, "render-"+kind+".html")
		if t := h.r.partials.Lookup(n); t != nil {
			return t, n
		}
	}
	return nil, ""
}

func (h *hooks) Has(kind string) bool {
	t, _ := h.lookup(kind)
	return t != nil
}

func (h *hooks) Render(w io.Writer, kind string, data any) error {
	t, n := h.lookup(kind)
	if t == nil {
		return fmt.Errorf("no render hook for %s", kind)
	}
	if err := t.Execute(w, data); err != nil {
		return h.r.templateError(h.r.fileOf(n), err)
	}
	return nil
}

// callError is the message of the innermost function error in a template
// execution error ("... error calling form: unknown form" -> "unknown
// form"), or the whole message.
func callError(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, "error calling "); i >= 0 {
		if j := strings.Index(msg[i:], ": "); j >= 0 {
			return msg[i+j+2:]
		}
	}
	return msg
}
