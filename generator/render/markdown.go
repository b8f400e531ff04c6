package render

import (
	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/markdown"
)

// markdownOptions are the converter's settings from the config: Hugo's
// markup.goldmark and markup.highlight, with Hugo's defaults for a Hugo
// site (inline-styled code, word summaries, https for www. links) and
// Storyfront's for a site.yaml site (CSS classes, first-paragraph
// summaries).
func markdownOptions(cfg *config.Config) markdown.Options {
	hugo := cfg.FromHugo()
	h := cfg.Markup.Highlight
	g := cfg.Markup.Goldmark
	o := markdown.Options{
		Unsafe:      cfg.Markdown.Unsafe,
		Typographer: cfg.Markdown.UseTypographer(),
		HeadingIDs:  g.Parser.AutoHeadingIDType,
		Highlight: markdown.Highlight{
			NoClasses:          config.On(h.NoClasses, hugo),
			Style:              h.Style,
			LineNos:            config.On(h.LineNos, false),
			LineNumbersInTable: config.On(h.LineNumbersInTable, true),
			AnchorLineNos:      h.AnchorLineNos,
			LineAnchors:        h.LineAnchors,
			LineNoStart:        h.LineNoStart,
			HlLines:            h.HlLines,
			TabWidth:           h.TabWidth,
			NoCodeFences:       !config.On(h.CodeFences, true),
			GuessSyntax:        h.GuessSyntax,
		},
		LinkifyProtocol:        g.Extensions.LinkifyProtocol,
		NoHeadingIDs:           !config.On(g.Parser.AutoHeadingID, true),
		NoHeadingAttributes:    !config.On(g.Parser.Attribute.Title, true),
		XHTML:                  g.Renderer.XHTML,
		BlockAttributes:        g.Parser.Attribute.Block,
		UnwrapStandaloneImages: !config.On(g.Parser.WrapStandAloneImageWithinParagraph, true),
		HardWraps:              g.Renderer.HardWraps,
	}
	x := g.Extensions
	for name, on := range map[string]*bool{"linkify": x.Linkify, "table": x.Table, "strikethrough": x.Strikethrough,
		"taskList": x.TaskList, "footnote": x.Footnote, "definitionList": x.DefinitionList} {
		if !config.On(on, true) {
			if o.Off == nil {
				o.Off = map[string]bool{}
			}
			o.Off[name] = true
		}
	}
	if hugo {
		o.HugoImageAlt = true
		o.HugoMore = true
		o.HugoLinkify = true
		o.HugoStrikethrough = true
		t := cfg.Markup.TableOfContents
		o.HugoTOC = &markdown.HugoTOC{StartLevel: t.StartLevel, EndLevel: t.EndLevel, Ordered: t.Ordered}
		o.SummaryLength = cfg.SummaryLength
		if o.LinkifyProtocol == "" {
			o.LinkifyProtocol = "https"
		}
	}
	return o
}
