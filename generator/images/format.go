package images

import (
	"bytes"
	"path"
	"strings"
)

// Format is an image file format.
type Format string

// The formats this package reads or writes.
const (
	JPEG Format = "jpeg"
	PNG  Format = "png"
	GIF  Format = "gif"
	WebP Format = "webp"
	AVIF Format = "avif"
	SVG  Format = "svg"
)

// FormatOf returns the format a file name's extension says, or "" when it
// is not an image this package knows.
func FormatOf(name string) Format {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".jpe", ".jfif":
		return JPEG
	case ".png":
		return PNG
	case ".gif":
		return GIF
	case ".webp":
		return WebP
	case ".avif":
		return AVIF
	case ".svg":
		return SVG
	}
	return ""
}

// IsRaster reports whether name is a raster image this package processes
// (JPEG, PNG, GIF or WebP).
func IsRaster(name string) bool {
	switch FormatOf(name) {
	case JPEG, PNG, GIF, WebP:
		return true
	}
	return false
}

// ParseFormat reads a format name as a site or a spec writes it ("jpg" is
// JPEG); ok is false for an unknown name.
func ParseFormat(s string) (Format, bool) {
	switch strings.ToLower(s) {
	case "jpg", "jpeg", "jpe", "jif", "jfif":
		return JPEG, true
	case "png":
		return PNG, true
	case "gif":
		return GIF, true
	case "webp":
		return WebP, true
	case "avif":
		return AVIF, true
	}
	return "", false
}

// Ext returns the format's file extension, with the dot.
func (f Format) Ext() string {
	if f == JPEG {
		return ".jpg"
	}
	return "." + string(f)
}

// MediaType returns the format's MIME type.
func (f Format) MediaType() string {
	if f == SVG {
		return "image/svg+xml"
	}
	return "image/" + string(f)
}

// sniff returns the format the first bytes of data show, or "".
func sniff(data []byte) Format {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return GIF
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return WebP
	case len(data) >= 12 && string(data[4:8]) == "ftyp" && (string(data[8:12]) == "avif" || string(data[8:12]) == "avis"):
		return AVIF
	}
	return ""
}
