// Command hugodiff compares Hugo's output folder with Storyfront's:
//
//	hugodiff [-v] HUGO_PUBLIC STORYFRONT_PUBLIC
//
// It prints the files only one of them wrote, the pages whose article
// differs and the share of pages with the same article; -v also prints
// the first difference of each differing page.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/storyfront/storyfront/internal/hugodiff"
)

func main() {
	verbose := flag.Bool("v", false, "print the first difference of each differing page")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: hugodiff [-v] HUGO_PUBLIC STORYFRONT_PUBLIC")
		os.Exit(2)
	}
	hugo, err := hugodiff.Files(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ours, err := hugodiff.Files(flag.Arg(1))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	r := hugodiff.Compare(hugo, ours)
	if *verbose {
		for _, p := range r.Differ {
			h, o := hugodiff.Article(hugodiff.Normalize(hugo[p])), hugodiff.Article(hugodiff.Normalize(ours[p]))
			fmt.Printf("--- %s\n%s\n", p, hugodiff.FirstDiff(h, o, 160))
		}
	}
	r.Print(os.Stdout)
}
