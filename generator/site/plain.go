package site

// RawContent is the page's Markdown after its front matter, as written
// (Hugo's .RawContent).
func (p *Page) RawContent() string {
	if p.Source == nil {
		return ""
	}
	return string(p.Source.Body)
}
