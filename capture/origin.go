package capture

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/storyfront/storyfront/capture/schema"
)

// allowedOrigins is the site's baseURL origin plus capture.allowedOrigins.
func allowedOrigins(site *schema.Site) map[string]bool {
	allowed := map[string]bool{}
	if o, err := schema.Origin(site.BaseURL); err == nil {
		allowed[o] = true
	}
	for _, raw := range site.Capture.AllowedOrigins {
		if o, err := schema.Origin(raw); err == nil {
			allowed[o] = true
		}
	}
	return allowed
}

// selfOrigins checks HandlerConfig.SelfOrigins.
func selfOrigins(list []string) (map[string]bool, error) {
	self := make(map[string]bool, len(list))
	for _, raw := range list {
		o, err := schema.Origin(raw)
		if err != nil || o != strings.ToLower(strings.TrimSuffix(raw, "/")) {
			return nil, fmt.Errorf("capture: SelfOrigins: %q is not an origin (scheme://host[:port])", raw)
		}
		self[o] = true
	}
	return self, nil
}

// source is where a post came from, as far as the handler trusts it.
type source struct {
	origin  string // scheme://host of the page that posted; "" if unknown
	same    bool   // the page is served by the handler's own server (SelfOrigins)
	allowed bool   // same, or origin is in the allow-list
	cors    bool   // the browser sent Origin for a cross-origin request
}

// sourceOf decides whether r may post: its Origin header (or, when a
// browser sent none, its Referer's origin) must be one of the handler's
// own origins (SelfOrigins) or in the allow-list. A request with neither
// header is refused. The Host header plays no part: a client that forges
// Origin can forge Host too.
func (h *Handler) sourceOf(r *http.Request) source {
	raw := r.Header.Get("Origin")
	fromHeader := raw != ""
	if !fromHeader {
		raw = r.Header.Get("Referer")
	}
	if raw == "" || raw == "null" {
		return source{}
	}
	o, err := schema.Origin(raw)
	if err != nil {
		return source{}
	}
	s := source{origin: o}
	if h.self[o] {
		s.same, s.allowed = true, true
		return s
	}
	s.allowed = h.allowed[o]
	s.cors = s.allowed && fromHeader
	return s
}

// backLink is where the error page's "go back" link points: the Referer
// when it is on the posting origin, else the page the form was on, on
// that origin. A post from an origin that is not allowed is sent to the
// site (baseURL), never back to where it came from.
func backLink(r *http.Request, src source, site *schema.Site, page string) string {
	if !strings.HasPrefix(page, "/") || strings.HasPrefix(page, "//") {
		page = "/"
	}
	if !src.allowed {
		if o, err := schema.Origin(site.BaseURL); err == nil {
			return o + "/"
		}
		return "/"
	}
	if ref := r.Header.Get("Referer"); ref != "" {
		if o, err := schema.Origin(ref); err == nil && o == src.origin {
			return ref
		}
	}
	if src.same {
		return page
	}
	return src.origin + page
}

// thankYouURL is the form's thank-you page on the origin the form was
// posted from: a path for a same-origin post, else absolute.
func thankYouURL(src source, site *schema.Site, path string) string {
	if src.same {
		return path
	}
	if src.origin != "" {
		return src.origin + path
	}
	if o, err := schema.Origin(site.BaseURL); err == nil {
		return o + path
	}
	return path
}

// setCORS lets the allowed origin's script read the response.
func setCORS(w http.ResponseWriter, src source) {
	if !src.cors {
		return
	}
	h := w.Header()
	h.Set("Access-Control-Allow-Origin", src.origin)
	h.Add("Vary", "Origin")
}
