// Package themes holds the themes that ship inside the storyfront binary.
package themes

import "embed"

// Default is the default theme (the folder default/: layouts, assets,
// static), embedded so that one binary can scaffold a working site
// anywhere with `storyfront new site`, without a checkout of this
// repository beside it.
//
//go:embed all:default
var Default embed.FS
