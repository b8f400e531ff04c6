// Command sitecompare compares two built sites: sitecompare [-min 0.9]
// HUGO_PUBLIC STORYFRONT_PUBLIC. It prints the output paths only one has,
// the pages whose visible text differs, and a summary; it exits 1 when
// the paths differ or fewer than -min of the pages have the same text.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/storyfront/storyfront/internal/sitecompare"
)

func main() {
	minShare := flag.Float64("min", 0.9, "the share of pages that must have the same visible text")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: sitecompare [-min 0.9] HUGO_PUBLIC STORYFRONT_PUBLIC")
		os.Exit(2)
	}
	r, err := sitecompare.Compare(flag.Arg(0), flag.Arg(1), sitecompare.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	r.Print(os.Stdout, "hugo", "storyfront")
	if len(r.OnlyA)+len(r.OnlyB) > 0 || r.Share() < *minShare {
		os.Exit(1)
	}
}
