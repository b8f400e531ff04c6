package capture

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// errorPage writes what a plain (no JavaScript) form post gets when it
// fails. Every value is escaped with html.EscapeString. (Not html/template:
// its reflection keeps every method of every type linked into the Lambda
// bootstrap, which then misses its 12 MB budget.)
func errorPage(w io.Writer, d errorPageData) {
	e := html.EscapeString
	back := d.Back
	if !strings.HasPrefix(back, "/") && !strings.HasPrefix(back, "https://") && !strings.HasPrefix(back, "http://") {
		back = "/"
	}
	var b strings.Builder
	b.WriteString(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>` + e(d.Title) + `</title>
<style>body{font:1.05rem/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#111}a{color:#1d4ed8}li{margin:.3rem 0}</style>
</head>
<body>
<main>
<h1>` + e(d.Title) + `</h1>
<p>` + e(d.Message) + `</p>`)
	if len(d.Errors) > 0 {
		b.WriteString("\n<ul>")
		for _, msg := range d.Errors {
			b.WriteString("\n<li>" + e(msg) + "</li>")
		}
		b.WriteString("\n</ul>")
	}
	b.WriteString(`
<p><a href="` + e(normalizeURL(back)) + `">Go back to the form</a></p>
</main>
</body>
</html>
`)
	_, _ = io.WriteString(w, b.String())
}

// normalizeURL percent-encodes (lower-case hex, as html/template does)
// every byte that may not appear literally in a URL.
func normalizeURL(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~!#$&*+,/:;=?@[]%", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02x", c)
	}
	return b.String()
}

type errorPageData struct {
	Title, Message, Back string
	Errors               []string
}

// reply writes a failure as JSON for API clients or as an HTML page for
// plain form posts. msg and the field errors are fixed sentences and
// field labels, never internal error text.
func (h *Handler) reply(w http.ResponseWriter, rq *request, status int, msg string, fields map[string]string, retry bool) {
	if status == http.StatusServiceUnavailable || status == http.StatusTooManyRequests {
		w.Header().Set("Retry-After", strconv.Itoa(retryAfter(status)))
	}
	w.Header().Set("Cache-Control", "no-store")
	if rq.json {
		body := struct {
			Error  string            `json:"error"`
			Errors map[string]string `json:"errors,omitempty"`
			Retry  bool              `json:"retry,omitempty"`
		}{msg, fields, retry}
		writeJSON(w, status, body)
		return
	}
	data := errorPageData{Title: statusTitle(status), Message: msg, Back: rq.back}
	// The page lists the errors in the order the form shows its fields.
	names := make([]string, 0, len(fields))
	for n := range fields {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		oi, oj := rq.fieldOrder(names[i]), rq.fieldOrder(names[j])
		if oi != oj {
			return oi < oj
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		data.Errors = append(data.Errors, fields[n])
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	w.WriteHeader(status)
	errorPage(w, data)
}

func retryAfter(status int) int {
	if status == http.StatusTooManyRequests {
		return 60
	}
	return 1
}

func statusTitle(status int) string {
	switch status {
	case http.StatusUnprocessableEntity:
		return "Please check the form"
	case http.StatusTooManyRequests:
		return "Too many messages"
	case http.StatusServiceUnavailable:
		return "Please try again"
	default:
		return "The form could not be sent"
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// wantsJSON reports whether the client asked for JSON, or posted it.
func wantsJSON(r *http.Request) bool {
	if strings.Contains(r.Header.Get("Accept"), "application/json") {
		return true
	}
	ct := r.Header.Get("Content-Type")
	return strings.HasPrefix(strings.ToLower(strings.TrimSpace(ct)), "application/json")
}
