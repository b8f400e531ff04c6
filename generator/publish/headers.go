package publish

import (
	"mime"
	"path"
	"regexp"
	"strings"

	"github.com/storyfront/storyfront/generator/config"
)

// Default Cache-Control values, used when no matcher sets one.
const (
	// CacheImmutable is for fingerprinted files (a content hash in the
	// name): their bytes never change under that name.
	CacheImmutable = "public, max-age=31536000, immutable"
	// CacheRevalidate is for pages, feeds and other files whose name stays
	// while their bytes change: browsers revalidate each time (a cheap 304
	// by ETag), shared caches keep them five minutes (CloudFront is also
	// told to forget the changed paths on every deploy).
	CacheRevalidate = "public, max-age=0, s-maxage=300, must-revalidate"
	// CacheStatic is for other unfingerprinted files (images, fonts).
	CacheStatic = "public, max-age=3600"
)

// fingerprinted matches the names the generator gives hashed assets
// (main.f30d2737.css) and Hugo's processed images (x_hu<hash>_...).
var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{8,64}\.[A-Za-z0-9]+$|_hu[0-9a-f]{16,}`)

// Matcher is a compiled config.DeployMatcher.
type Matcher struct {
	Pattern      *regexp.Regexp
	CacheControl string
	ContentType  string
	Gzip         bool
}

// CompileMatchers compiles site.yaml's matchers (already validated).
func CompileMatchers(ms []config.DeployMatcher) ([]Matcher, error) {
	out := make([]Matcher, 0, len(ms))
	for _, m := range ms {
		re, err := regexp.Compile(m.Pattern)
		if err != nil {
			return nil, err
		}
		out = append(out, Matcher{Pattern: re, CacheControl: m.CacheControl, ContentType: m.ContentType, Gzip: m.Gzip})
	}
	return out, nil
}

// Headers are the settings a file is uploaded with.
type Headers struct {
	ContentType     string
	CacheControl    string
	ContentEncoding string // "gzip" or ""
}

// headersFor returns the headers of the file at p (slash-separated,
// relative to public/): the first matching matcher's, with defaults for
// what it leaves empty.
func headersFor(p string, ms []Matcher) Headers {
	var h Headers
	for _, m := range ms {
		if m.Pattern.MatchString(p) {
			h.ContentType, h.CacheControl = m.ContentType, m.CacheControl
			if m.Gzip {
				h.ContentEncoding = "gzip"
			}
			break
		}
	}
	if h.ContentType == "" {
		h.ContentType = contentType(p)
	}
	if h.CacheControl == "" {
		h.CacheControl = defaultCacheControl(p, h.ContentType)
	}
	return h
}

func defaultCacheControl(p, ctype string) string {
	switch {
	case fingerprinted.MatchString(path.Base(p)):
		return CacheImmutable
	case strings.HasPrefix(ctype, "text/") ||
		(strings.HasPrefix(ctype, "application/") && (strings.Contains(ctype, "xml") || strings.Contains(ctype, "json"))):
		return CacheRevalidate
	default:
		return CacheStatic
	}
}

// webTypes are the types of a site's usual files, fixed here so a deploy
// does not depend on the machine's mime.types.
var webTypes = map[string]string{
	".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8",
	".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
	".json": "application/json", ".map": "application/json", ".webmanifest": "application/manifest+json",
	".xml": "application/xml", ".rss": "application/rss+xml", ".atom": "application/atom+xml",
	".txt": "text/plain; charset=utf-8", ".md": "text/markdown; charset=utf-8", ".csv": "text/csv; charset=utf-8",
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
	".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf", ".otf": "font/otf",
	".pdf": "application/pdf", ".wasm": "application/wasm", ".zip": "application/zip",
	".mp4": "video/mp4", ".webm": "video/webm", ".mp3": "audio/mpeg",
}

func contentType(p string) string {
	ext := strings.ToLower(path.Ext(p))
	if t, ok := webTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}
