package render

import (
	"errors"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
	"github.com/tdewolff/parse/v2"

	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
)

// minifier shrinks published CSS and JS assets and, when site.yaml asks,
// HTML pages (github.com/tdewolff/minify: deterministic, the same bytes
// for the same input). Hashes and SRI are computed on its output.
type minifier struct {
	m             *minify.M
	css, js, html bool
	types         map[string]string // media type by asset extension
	// pipes is the minifier of Hugo Pipes, with Hugo's default settings.
	pipes *minify.M
}

func newMinifier(cfg config.Minify) *minifier {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	// Whole documents, end tags and quotes kept: smaller without surprises
	// for tools that read the pages (validators, the dev server's reload
	// script injected before </body>).
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepSpecialComments: true})
	p := minify.New()
	p.Add("text/css", &css.Minifier{Version: 2}) // Hugo keeps CSS2 (keepCSS2)
	p.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
	p.AddFuncRegexp(regexp.MustCompile(`^(application/json|application/manifest\+json)$`), json.Minify)
	p.AddFuncRegexp(regexp.MustCompile(`^(image/svg\+xml)$`), svg.Minify)
	p.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(.+\+)?xml$`), xml.Minify)
	p.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true})
	return &minifier{m: m, pipes: p, css: cfg.UseCSS(), js: cfg.UseJS(), html: cfg.HTML,
		types: map[string]string{".css": "text/css", ".js": "application/javascript", ".mjs": "application/javascript"}}
}

// asset minifies an asset by its extension (.css, .js, .mjs) when that
// kind is on; other assets are returned as they are. file locates errors.
func (mf *minifier) asset(file, ext string, data []byte) ([]byte, error) {
	typ := mf.types[ext]
	switch {
	case typ == "", typ == "text/css" && !mf.css, typ != "text/css" && !mf.js:
		return data, nil
	}
	out, err := mf.m.Bytes(typ, data)
	if err != nil {
		return nil, minifyError(file, err)
	}
	return out, nil
}

// MinifyHTML returns page minified when site.yaml's minify.html is on,
// else page itself.
func (r *Renderer) MinifyHTML(file string, page []byte) ([]byte, error) {
	if !r.minifier.html {
		return page, nil
	}
	out, err := r.minifier.m.Bytes("text/html", page)
	if err != nil {
		return nil, minifyError(file, err)
	}
	return out, nil
}

func minifyError(file string, err error) error {
	if file == "" {
		file = AssetsDir
	}
	var pe *parse.Error
	if errors.As(err, &pe) {
		return diag.Errorf(file, pe.Line, pe.Column, "minify: %s", pe.Message)
	}
	return diag.Errorf(file, 0, 0, "minify: %v", err)
}

// pipe minifies for Hugo Pipes' minify, by media type, whatever site.yaml's
// minify: says (the template asked for it); a type it does not know is
// returned as it is.
func (mf *minifier) pipe(file, mediaType string, data []byte) ([]byte, error) {
	out, err := mf.pipes.Bytes(mediaType, data)
	if errors.Is(err, minify.ErrNotExist) {
		return data, nil
	}
	if err != nil {
		return nil, minifyError(file, err)
	}
	return out, nil
}
