package site

// RawContent is the page's Markdown after its front matter, as written
// (Hugo's .RawContent).
func (p *Page) RawContent() string {
	if p.Source == nil {
		return ""
	}
	return string(p.Source.Body)
}

// HasShortcode reports whether the page's content calls the shortcode
// name, at any depth (Hugo's .HasShortcode). Escaped calls
// ({{</* name */>}}) and closing tags do not count.
func (p *Page) HasShortcode(name string) bool {
	return p.Source != nil && p.Source.HasShortcode(name)
}
