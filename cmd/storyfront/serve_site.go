package main

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/storyfront/storyfront/generator"
	"github.com/storyfront/storyfront/generator/devserver"
)

// siteBuilder adapts the generator's Builder to the dev server's.
type siteBuilder struct {
	b    *generator.Builder
	warn io.Writer // where a full build's warnings go
}

func (s siteBuilder) Build(ctx context.Context) (devserver.Site, error) {
	out, err := s.b.Build(ctx)
	for _, w := range s.b.Warnings() {
		fmt.Fprintf(s.warn, "warning: %s\n", w)
	}
	if err != nil {
		return nil, err
	}
	// A full build leaves about as much garbage as the site it keeps:
	// return it to the system now, so the server's memory is what it holds
	// (rebuilds after a save allocate little).
	debug.FreeOSMemory()
	return siteOutput{out}, nil
}

func (s siteBuilder) Rebuild(ctx context.Context, changed []string) (devserver.Site, error) {
	out, err := s.b.Rebuild(ctx, changed)
	if err != nil {
		return nil, err
	}
	return siteOutput{out}, nil
}

// SourceFolders names the content folders outside content/ (a language's
// contentDir) for the dev server to watch (devserver.FolderNamer).
func (s siteBuilder) SourceFolders() []string { return s.b.SourceFolders() }

// siteOutput adapts a generator Output to the dev server's Site.
type siteOutput struct{ out *generator.Output }

// Open returns the file at exactly urlPath: the dev server itself maps
// "/x/" to "/x/index.html" and redirects "/x" to "/x/".
func (s siteOutput) Open(urlPath string) ([]byte, bool) {
	f, ok := s.out.Lookup(urlPath)
	if !ok || f.Path != strings.TrimPrefix(urlPath, "/") {
		return nil, false
	}
	data, err := f.Bytes() // images are read from the image cache (Options.ImagesOnDisk)
	if err != nil {
		return nil, false
	}
	return data, true
}

func (s siteOutput) Changed() []string { return s.out.Changed() }
