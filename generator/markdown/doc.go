// Package markdown turns a page's Markdown into HTML with goldmark:
// CommonMark + GFM, footnotes, typographer, definition lists, heading
// attributes, unique stable heading IDs, a table of contents, chroma
// highlighting with CSS classes, a summary, a word count and links to other
// .md files resolved to page URLs.
//
// Brand blocks are lines like {{< form "contact" >}} alone in a paragraph
// position; the package parses them into Block nodes and asks the caller's
// Env.Block to render them, so new block names need no parser change.
//
// A Converter is not safe for concurrent use: give each worker its own.
package markdown
