package devserver

import (
	"bytes"
	_ "embed"
	"html"
	"net/http"
)

// ScriptPath is where the live-reload script is served.
const ScriptPath = "/__storyfront/livereload.js"

//go:embed livereload.js
var liveReloadJS []byte

// scriptTag is the tag injected into HTML pages; build is the number of the
// build the page came from, so a page that missed a rebuild catches up.
func scriptTag(build string) []byte {
	return []byte(`<script src="` + ScriptPath + `" data-build="` + html.EscapeString(build) + `"></script>`)
}

// inject inserts tag before the last </body> (any case) of page, or at
// its end when it has none. It returns a new slice: page is not modified.
func inject(page, tag []byte) []byte {
	at := lastIndexFold(page, []byte("</body>"))
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case.
func lastIndexFold(s, sep []byte) int {
	for i := len(s) - len(sep); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sep)], sep) {
			return i
		}
	}
	return -1
}

func serveScript(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(liveReloadJS)
}
