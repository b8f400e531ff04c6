package site

import (
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collators are English Unicode collators (the library Hugo sorts titles
// and sort's strings with). A collator is not safe for concurrent use:
// each call takes one from the pool.
var collators = sync.Pool{New: func() any { return collate.New(language.English) }}

// CompareText orders two texts as Hugo's sort and title orders do: by
// Unicode collation, so case comes after the letters ("gRPC" between "G"
// and "H"), with a byte order tiebreak so that distinct texts never tie.
func CompareText(a, b string) int {
	if a == b {
		return 0
	}
	c := collators.Get().(*collate.Collator)
	r := c.CompareString(a, b)
	collators.Put(c)
	if r != 0 {
		return r
	}
	if a < b {
		return -1
	}
	return 1
}
