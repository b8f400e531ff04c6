// Command static serves a built site folder the way its CDN would, for
// Lighthouse: gzip for text, long caching for hashed assets and processed
// images (their names change with their content), revalidation for pages.
// Loopback only.
//
//	go run ./bench/lighthouse/static -dir public -addr 127.0.0.1:8089
package main

import (
	"compress/gzip"
	"flag"
	"log"
	"net/http"
	"path"
	"regexp"
	"strings"
)

// hashed matches the names Storyfront gives assets and image versions:
// main.1a2b3c4d.css, photo_800x533_1a2b3c4d5e.avif.
var hashed = regexp.MustCompile(`[._][0-9a-f]{8,10}\.[a-z0-9]+$`)

func main() {
	dir := flag.String("dir", "public", "the built site")
	addr := flag.String("addr", "127.0.0.1:8089", "address (loopback)")
	flag.Parse()
	files := http.FileServer(http.Dir(*dir))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := path.Base(r.URL.Path)
		if hashed.MatchString(name) {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "public, max-age=0, must-revalidate")
		}
		if !compressible(name) || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			files.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Add("Vary", "Accept-Encoding")
		zw := gzip.NewWriter(w)
		defer zw.Close()
		files.ServeHTTP(gzipWriter{w, zw}, r)
	})
	log.Fatal(http.ListenAndServe(*addr, h))
}

func compressible(name string) bool {
	if !strings.Contains(name, ".") {
		return true // a folder: its index.html
	}
	switch path.Ext(name) {
	case ".html", ".css", ".js", ".svg", ".xml", ".json", ".txt", ".webmanifest":
		return true
	}
	return false
}

type gzipWriter struct {
	http.ResponseWriter
	zw *gzip.Writer
}

func (g gzipWriter) Write(b []byte) (int, error) {
	g.ResponseWriter.Header().Del("Content-Length")
	return g.zw.Write(b)
}

func (g gzipWriter) WriteHeader(code int) {
	g.ResponseWriter.Header().Del("Content-Length")
	g.ResponseWriter.WriteHeader(code)
}
