package site

import (
	"fmt"
	"path"
	"strings"
	"unicode"
)

// cleanURL checks a url: or alias: value from front matter and returns its
// output file (relative to the output folder) and URL path. It refuses
// anything that would write outside the output folder.
func cleanURL(raw string) (outPath, urlPath string, err error) {
	if raw == "" {
		return "", "", fmt.Errorf("empty")
	}
	if strings.Contains(raw, "://") || strings.HasPrefix(raw, "//") {
		return "", "", fmt.Errorf("%q must be a path on this site, not an absolute URL", raw)
	}
	if strings.ContainsAny(raw, "\\\x00?#") {
		return "", "", fmt.Errorf("%q must not contain \\, ?, # or NUL", raw)
	}
	for _, seg := range strings.Split(raw, "/") {
		if seg == ".." {
			return "", "", fmt.Errorf("%q would write outside the output folder", raw)
		}
	}
	if err := CheckOutPath(raw); err != nil {
		return "", "", err
	}
	clean := path.Clean("/" + raw)
	if clean == "/" {
		return "index.html", "/", nil
	}
	if path.Ext(clean) != "" && !strings.HasSuffix(raw, "/") {
		return clean[1:], clean, nil
	}
	return clean[1:] + "/index.html", clean + "/", nil
}

// checkSlug refuses a slug that is not one URL segment.
func checkSlug(slug string) error {
	dec := decodeAll(slug)
	if strings.HasPrefix(dec, ".") || strings.ContainsAny(slug+dec, "/\\\x00?#") {
		return fmt.Errorf("slug %q must be one URL segment (no /, \\, ?, #, and not starting with . even percent-encoded)", slug)
	}
	return nil
}

// Urlize turns a tag or name into a URL segment: lower case, spaces to
// "-", only letters, digits, "-" and "_" kept.
func Urlize(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == '-' || r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	out := strings.Trim(b.String(), ".")
	if out == "" {
		return "-"
	}
	return out
}

// dirOf returns the URL directory of an output file: "stories/x/index.html" -> "stories/x".
func dirOf(outPath string) string {
	d := path.Dir(outPath)
	if d == "." {
		return ""
	}
	return d
}
