package site

import (
	"path"
	"strings"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/outputs"
)

// OutputFormat is one file a page is rendered to, as Hugo's
// .OutputFormats gives it: {{ with .OutputFormats.Get "RSS" }}{{ .Permalink }}{{ end }}.
type OutputFormat struct {
	Name         string // "RSS"
	Rel          string // "alternate"
	MediaType    outputs.MediaType
	Permalink    string
	RelPermalink string
	// OutPath is the output file, relative to the output folder.
	OutPath string
	Format  outputs.Format
}

// OutputFormats is a page's outputs.
type OutputFormats []*OutputFormat

// Get returns the output named name (any case), or nil.
func (o OutputFormats) Get(name string) *OutputFormat {
	for _, f := range o {
		if strings.EqualFold(f.Name, name) {
			return f
		}
	}
	return nil
}

// OutputFormats lists every format the page is rendered to (HTML first).
func (p *Page) OutputFormats() OutputFormats { return p.outputs }

// AlternativeOutputFormats lists the page's formats other than the one
// being rendered, leaving out those marked notAlternative: what
// <link rel="alternate"> tags point at.
func (p *Page) AlternativeOutputFormats() OutputFormats {
	cur := p.OutputFormat()
	var out OutputFormats
	for _, f := range p.outputs {
		if f.Format.NotAlternative || cur != nil && f.Name == cur.Name {
			continue
		}
		out = append(out, f)
	}
	return out
}

// OutputFormat is the format being rendered (the first, HTML, outside an
// output of another format).
func (p *Page) OutputFormat() *OutputFormat {
	if p.current != nil {
		return p.current
	}
	if len(p.outputs) > 0 {
		return p.outputs[0]
	}
	return nil
}

// As returns the page as seen while it is rendered to output f (its
// .OutputFormat, and .Permalink when f is permalinkable). The page's
// fields are shared; only those two differ.
func (p *Page) As(f *OutputFormat) *Page {
	if f == nil || p.OutputFormat() == f {
		return p
	}
	c := *p
	c.current = f
	if f.Format.Permalinkable {
		c.Permalink, c.RelPermalink = f.Permalink, f.RelPermalink
	}
	return &c
}

// outputs sets every page's output formats, from its front matter
// outputs: or its kind's (the outputs: setting). The HTML output is the
// page itself (OutPath); the others are files beside it.
func (b *builder) outputs(s *Site) {
	fs := b.cfg.Formats()
	for _, p := range s.Pages {
		formats := fs.ForKind(p.Kind)
		if p.Source != nil && len(p.Source.Front.Outputs) > 0 {
			list, err := fs.List(p.Source.Front.Outputs)
			if err != nil {
				line, _ := FrontMatterLine(p.Source, "outputs")
				b.errs.Add(p.Source.Path, diag.Errorf(p.Source.Path, line, 1, "outputs: %v", err))
			} else {
				formats = list
			}
		}
		p.outputs = nil
		section := p.Section
		if p.Kind != KindPage {
			section = strings.ToLower(section) // as Hugo's list pages have it
		}
		for _, f := range formats {
			p.outputs = append(p.outputs, s.outputOf(p, f, b.cfg.Ugly(section)))
		}
	}
	if s.NotFound != nil {
		s.NotFound.outputs = OutputFormats{s.outputOf(s.NotFound, mustHTML(fs), false)}
	}
}

func mustHTML(fs *outputs.Formats) outputs.Format {
	f, _ := fs.Get("HTML")
	return f
}

// outputOf places p's output in format f: the page itself for HTML, else
// BaseName.suffix in the page's folder (or, with uglyURLs and a format
// that allows them, the page's name with the format's suffix).
func (s *Site) outputOf(p *Page, f outputs.Format, ugly bool) *OutputFormat {
	o := &OutputFormat{Name: f.Name, Rel: f.Rel, MediaType: f.MediaType, Format: f}
	if f.IsHTML && f.Path == "" {
		o.OutPath, o.Permalink, o.RelPermalink = p.OutPath, p.Permalink, p.RelPermalink
		return o
	}
	dir, file := path.Split(p.OutPath)
	name := f.BaseName + f.MediaType.FullSuffix()
	if file != "index.html" && file != "404.html" {
		// An ugly URL (posts/x.html): the format's file is posts/x.json,
		// or, for a format that keeps folders (RSS), posts/x/index.xml.
		stem := strings.TrimSuffix(file, path.Ext(file))
		if ugly && !f.NoUgly {
			name = stem + f.MediaType.FullSuffix()
		} else {
			dir = path.Join(dir, stem) + "/"
		}
	}
	// As hugo 0.111.3: a format's path goes before a regular page's
	// folder (_print/docs/a/) and after a list page's (docs/_print/).
	folder := path.Join(f.Path, dir)
	if p.Kind != KindPage {
		folder = path.Join(dir, f.Path)
	}
	out := path.Join(folder, name)
	o.OutPath = out
	u := "/" + out
	if name == "index.html" {
		u = "/" + folder + "/"
	}
	u = escapeURL(u)
	o.RelPermalink = s.BasePath + u
	o.Permalink = strings.TrimSuffix(s.BaseURL, "/") + u
	return o
}
