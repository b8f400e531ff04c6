// Package site builds the site graph from config and content: pages with
// their URLs, sections, tags, menus, previous/next and related pages,
// pagination and JSON-LD. Its types are what templates see (see
// docs/templates.md).
//
// The graph is cheap to rebuild: it holds no rendered Markdown of its own
// (the caller fills Content, Summary and TableOfContents from its cache), so
// an incremental rebuild makes a new graph and re-renders only what changed.
package site
