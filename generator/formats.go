package generator

import (
	"fmt"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/site"
)

// planFormats adds the outputs of p in its formats other than HTML (its
// front matter's or its kind's outputs: RSS of list pages, a home page's
// JSON search index...), each rendered with the template Hugo's lookup
// finds for that format. A format without a template is left out with a
// warning, as Hugo does.
func (b *Builder) planFormats(s *site.Site, p *site.Page, add func(*job)) {
	for i, f := range p.OutputFormats() {
		if i == 0 && f.Format.IsHTML && f.Format.Path == "" {
			continue // the page itself
		}
		if f.Format.Name == "RSS" && b.cfg.KindDisabled("RSS") {
			continue
		}
		layout, _ := b.rend.LookupFormat(p, f.Format)
		if layout == nil {
			s.Warnings = append(s.Warnings, diag.Errorf(ownerOf(p), 1, 1,
				"no layout for the %s output of %s %s (add layouts/_default/list.%s or see docs/templates.md)",
				f.Name, p.Kind, p.RelPermalink, f.Format.Suffix()))
			continue
		}
		if layout.Broken {
			continue // its parse error is reported already
		}
		view := p.As(f)
		add(&job{kind: jobPage, out: f.OutPath, self: p.OutPath, owner: fmt.Sprintf("the %s output of %s", f.Name, ownerOf(p)),
			page: view, layout: layout, format: !f.Format.IsHTML, rss: f.Format.Name == "RSS",
			refs: refsOf(p.OutPath, view, nil, layout, b.colls), siteWide: true})
	}
}
