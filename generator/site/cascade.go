package site

import (
	"strings"

	"github.com/storyfront/storyfront/generator/content"
)

// cascade gives every source the cascade front matter of the home and
// section pages above it (Hugo's cascade), returning a tree whose sources
// are copies where a cascade reached them. b.cascader keeps the cascades
// for the pages made without a file (taxonomy and term pages, sections
// without _index.md).
func (b *builder) cascade(tree *content.Tree) *content.Tree {
	b.cascader = content.NewCascade(tree.Sources, b.environment())
	if b.cascader == nil {
		return tree
	}
	out := *tree
	out.Sources = make([]*content.Source, len(tree.Sources))
	for i, src := range tree.Sources {
		c, err := b.cascader.Apply(src, b.sourceKind(src), "")
		if err != nil {
			b.errs.Add(src.Path, err)
			c = src
		}
		out.Sources[i] = c
	}
	return &out
}

func (b *builder) environment() string {
	if b.opts.Environment == "" {
		return Production
	}
	return b.opts.Environment
}

// sourceKind is the kind of the page a source makes, as cascade's
// _target.kind names it.
func (b *builder) sourceKind(src *content.Source) string {
	switch src.Kind {
	case content.KindHome:
		return KindHome
	case content.KindSection:
		if tax := b.taxonomyOf(src.Dir); tax != "" {
			if strings.Contains(src.Dir, "/") {
				return KindTerm
			}
			return KindTaxonomy
		}
		return KindSection
	}
	return KindPage
}

// cascadeParams returns params with the cascaded values that reach a page
// made without a file (in folder dir, of kind) added where params lacks
// them.
func (b *builder) cascadeParams(params map[string]any, dir, kind string) map[string]any {
	vals := b.cascader.Values(dir, "/"+dir, kind, "")
	if len(vals) == 0 {
		return params
	}
	if params == nil {
		params = map[string]any{}
	}
	for k, v := range vals {
		if _, ok := params[k]; !ok {
			params[k] = v
		}
	}
	return params
}
