package site

import "strings"

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
	if p.Source == nil || name == "" {
		return false
	}
	src := p.Source.Body
	for i := 0; i+2 < len(src); i++ {
		if src[i] != '{' || src[i+1] != '{' || (src[i+2] != '<' && src[i+2] != '%') {
			continue
		}
		j := skipBlanks(src, i+3)
		if j < len(src) && src[j] == '/' {
			continue // a closing tag, or an escaped call /* */
		}
		k := j
		for k < len(src) && shortcodeNameByte(src[k]) {
			k++
		}
		if strings.TrimSuffix(string(src[j:k]), "/") == name {
			return true
		}
	}
	return false
}

func skipBlanks(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

func shortcodeNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.' || c == '/'
}
