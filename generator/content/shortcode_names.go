package content

import (
	"bytes"
	"slices"
	"strings"
)

// HasShortcode reports whether the source's Markdown calls the shortcode
// name, at any depth (Hugo's .HasShortcode). Escaped calls
// ({{</* name */>}}) and closing tags do not count. It still answers once
// the body is dropped (DropBody keeps the names called).
func (s *Source) HasShortcode(name string) bool {
	if name == "" {
		return false
	}
	if s.Body == nil && s.dropped {
		return slices.Contains(s.shortcodes, name)
	}
	found := false
	eachShortcodeCall(s.Body, func(n string) bool {
		found = n == name
		return !found
	})
	return found
}

// shortcodeNames lists the shortcodes body calls, each once.
func shortcodeNames(body []byte) []string {
	var names []string
	eachShortcodeCall(body, func(n string) bool {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
		return true
	})
	return names
}

// eachShortcodeCall calls f with the name of each shortcode call of src
// ({{< name >}} or {{% name %}}, not closing tags or escaped calls) until
// f returns false.
func eachShortcodeCall(src []byte, f func(name string) bool) {
	for i := 0; i+2 < len(src); i++ {
		// To the next '{' at once: most bodies call no shortcode.
		next := bytes.IndexByte(src[i:], '{')
		if next < 0 {
			return
		}
		if i += next; i+2 >= len(src) {
			return
		}
		if src[i+1] != '{' || (src[i+2] != '<' && src[i+2] != '%') {
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
		if n := strings.TrimSuffix(string(src[j:k]), "/"); n != "" && !f(n) {
			return
		}
	}
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
