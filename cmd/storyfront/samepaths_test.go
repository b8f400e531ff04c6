package main

import (
	"bytes"
	"fmt"
	"image"
	"path"
	"sort"
	"strings"

	// The formats samepaths reads sizes of.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"

	"github.com/rogpeppe/go-internal/testscript"
	_ "golang.org/x/image/webp"

	"github.com/storyfront/storyfront/internal/testpart"
)

// cmdSamePaths checks that two output folders hold the same set of file
// paths, and that every raster image among them has the same width and
// height in both (their bytes may differ: two encoders):
// samepaths DIR1 DIR2.
func cmdSamePaths(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: samepaths DIR1 DIR2")
	}
	a, err := testpart.ReadTree(ts.MkAbs(args[0]))
	ts.Check(err)
	b, err := testpart.ReadTree(ts.MkAbs(args[1]))
	ts.Check(err)
	var diff []string
	for p, da := range a {
		db, ok := b[p]
		if !ok {
			diff = append(diff, fmt.Sprintf("only in %s: %s", args[0], p))
			continue
		}
		switch strings.ToLower(path.Ext(p)) {
		case ".jpg", ".jpeg", ".png", ".gif", ".webp":
			ca, _, erra := image.DecodeConfig(bytes.NewReader(da))
			cb, _, errb := image.DecodeConfig(bytes.NewReader(db))
			switch {
			case erra != nil || errb != nil:
				diff = append(diff, fmt.Sprintf("%s: not an image: %v, %v", p, erra, errb))
			case ca.Width != cb.Width || ca.Height != cb.Height:
				diff = append(diff, fmt.Sprintf("%s: %dx%d in %s, %dx%d in %s", p, ca.Width, ca.Height, args[0], cb.Width, cb.Height, args[1]))
			}
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diff = append(diff, fmt.Sprintf("only in %s: %s", args[1], p))
		}
	}
	if len(a) == 0 {
		diff = append(diff, "no files")
	}
	if len(diff) > 0 {
		sort.Strings(diff)
		ts.Fatalf("%s and %s differ:\n%s", args[0], args[1], strings.Join(diff, "\n"))
	}
}
