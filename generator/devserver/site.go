package devserver

import "context"

// Site is one successful build's output, served until the next one.
// It must not change after the Builder returned it: requests read it
// while the next build runs.
type Site interface {
	// Open returns the output file at a URL path ("/stories/x/index.html").
	Open(urlPath string) ([]byte, bool)
	// Changed lists the output paths that the build which made this Site
	// changed ("/stories/x/index.html", "/assets/css/main.css").
	Changed() []string
}

// Builder builds the site the server serves: a full build first, then
// incremental rebuilds from the source paths that changed (relative to the
// site folder, slash-separated). A failed build returns an error whose
// message is one "path:line:col: msg" per line.
type Builder interface {
	Build(ctx context.Context) (Site, error)
	Rebuild(ctx context.Context, changed []string) (Site, error)
}

// FolderNamer is what a Builder may also be: it names the folders its
// last build read outside the usual source folders (a language's content
// folder such as content_fr, relative to the site folder), which the
// server then watches too.
type FolderNamer interface {
	SourceFolders() []string
}
