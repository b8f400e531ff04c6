// Package devserver is the development server behind `storyfront serve`:
// it builds a site in memory, serves it, watches the site's source folders
// with fsnotify, folds bursts of file events into one incremental rebuild,
// and tells open pages over Server-Sent Events to reload, swap their
// stylesheets, or show a build error overlay.
//
// The pieces are small and separately tested:
//
//   - Watcher turns fsnotify events into changed source paths (recursive,
//     editor temp files ignored, CHMOD-only events dropped).
//   - Batcher folds a burst of paths into one batch.
//   - Server owns the last good build, serves it over HTTP with the
//     live-reload script injected into HTML, and runs the rebuild loop.
//
// The package does not import the generator: it talks to it through the
// Builder and Site interfaces, which cmd/storyfront adapts.
package devserver
