package site

import (
	"fmt"
	"net/url"
	"strings"
)

// WellKnown is the one folder starting with "." a site may publish (RFC 8615).
const WellKnown = ".well-known"

// CheckOutPath refuses an output or URL path (slash-separated, with or
// without a leading "/") that a web server or CDN could read as something
// else than the file written: a segment that is "." or ".." once
// percent-decoded (at any depth: "%2e%2e", ".%2E", "%252e%252e"), or that
// decodes to a slash or backslash, and a folder whose name starts with "."
// other than a leading .well-known (so that /.git/config is never
// published). Files starting with "." (.nojekyll, .htaccess) are allowed.
func CheckOutPath(p string) error {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	for i, seg := range segs {
		dec := decodeAll(seg)
		if dec == "." || dec == ".." {
			if dec == seg && seg == ".." {
				return fmt.Errorf("%q would write outside the output folder", p)
			}
			if dec != seg {
				return fmt.Errorf("%q has a percent-encoded %q segment", p, dec)
			}
			continue // a literal "." stands for its folder
		}
		if dec != seg && strings.ContainsAny(dec, "/\\") {
			return fmt.Errorf("%q has a percent-encoded / or \\ in %q", p, seg)
		}
		isFolder := i < len(segs)-1 || strings.HasSuffix(p, "/")
		if isFolder && strings.HasPrefix(dec, ".") && !(i == 0 && dec == WellKnown) {
			return fmt.Errorf("%q: a folder starting with \".\" is not published (only /%s/)", p, WellKnown)
		}
	}
	return nil
}

// decodeAll percent-decodes s until it stops changing (at most a few
// rounds); a malformed escape stops the decoding where it is.
func decodeAll(s string) string {
	for range 4 {
		if !strings.Contains(s, "%") {
			return s
		}
		d, err := url.PathUnescape(s)
		if err != nil || d == s {
			return s
		}
		s = d
	}
	return s
}
