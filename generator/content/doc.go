// Package content reads a site's content/ folder: Markdown files with YAML
// (---) or TOML (+++) front matter, section folders with an optional
// _index.md, the home page content/_index.md, page bundles (a folder with
// index.md whose other files are published beside the page) and plain files.
//
// It knows nothing of URLs or templates; it only turns files into Sources
// and reports located errors (invalid UTF-8, empty file, malformed front
// matter).
package content
