// Package generator builds a Storyfront site: site.yaml + content/ + a
// theme into the files of public/.
//
// A Builder loads the site, renders it in memory and returns an Output,
// which can be served (Lookup) or written to a folder (WriteDir, an atomic
// swap that keeps the previous folder on failure). The Builder keeps the
// loaded site, so Rebuild after an edit re-reads only the changed files and
// re-renders only the outputs that depend on them (see deps.go for the
// model).
//
// Build errors are an Errors value: every problem found, each located as
// path:line:col in the site folder.
//
// The work is split by concept into packages: config (site.yaml), content
// (Markdown sources), markdown (goldmark), site (the page graph), render
// (templates and assets) and feed (RSS, sitemap, robots, aliases).
package generator

import (
	"io"

	"github.com/storyfront/storyfront/generator/diag"
)

// Options say what to build.
type Options struct {
	Source  string // the site folder (holding site.yaml); "" is the current folder
	Drafts  bool   // include drafts
	Future  bool   // include pages dated in the future
	BaseURL string // overrides site.yaml's baseURL
	// Environment names the build's environment, as hugo.Environment
	// gives it: "" is "production"; the dev server uses "development".
	// Only a production build with site.yaml's baseURL lets robots.txt
	// allow crawlers.
	Environment string
	// Environ is the process environment ("KEY=value", as os.Environ
	// gives it): the HUGO_* variables override a Hugo site's config as
	// hugo's do (HUGO_BASEURL, HUGO_PARAMS_X...). nil: none.
	Environ []string
	// RequireEndpoint makes a site with forms and neither
	// capture.endpoint nor capture.sameOrigin in site.yaml an error:
	// its forms would post to a static host. storyfront build sets it for
	// production builds; the dev server mounts capture itself.
	RequireEndpoint bool
	Progress        io.Writer // progress on large sites, nil for none
	// Terminal: Progress is a terminal, so image processing (which can
	// take minutes on a first build) reports sources done of total, the
	// time left and a summary there.
	Terminal bool
	// UnhashedAssets publishes theme assets under their own names without
	// a content hash or SRI, so an asset edit changes only that asset's
	// output (the dev server sets it to swap CSS without a reload).
	UnhashedAssets bool
	// Profile: time the build's phases and templates (Output.Profile).
	Profile bool
	// NoFastTemplates runs every template with html/template instead of
	// the faster treeexec (render.Options.NoFastTemplates): for tests
	// that compare the two outputs.
	NoFastTemplates bool
	// StageDir (see NewStage): Build writes each rendered output into
	// this folder as soon as it is rendered and keeps no copy in memory;
	// Output.WriteDir then writes the rest there and swaps it in. For
	// one-shot builds (storyfront build): with it, Rebuild builds
	// everything again.
	StageDir string
	// ImagesOnDisk: image versions and share cards are served from the
	// image cache folder (resources/_gen/images), where they are made,
	// instead of being held in memory; File.Bytes reads them. The dev
	// server sets it: 10,000 share cards are some 200 MB.
	ImagesOnDisk bool
	// MemoryBudget: the process runs this one build, so while rendering
	// the build may cap the Go heap at 1.7 times what it keeps live plus
	// 32 MiB (a soft limit, debug.SetMemoryLimit; membudget.go), not the
	// collector's default twice: less memory for more CPU (the collector
	// runs more often). Left off when GOGC or GOMEMLIMIT is set.
	MemoryBudget bool
}

// Error is one build problem at path:line:col.
type Error = diag.Error

// Errors is every problem of a build; Error() gives one "path:line:col:
// msg" per line.
type Errors = diag.Errors
