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
// Site.CompareText collates in the site's language.
func CompareText(a, b string) int { return compareIn(&collators, a, b) }

func compareIn(pool *sync.Pool, a, b string) int {
	if a == b {
		return 0
	}
	c := pool.Get().(*collate.Collator)
	r := c.CompareString(a, b)
	pool.Put(c)
	if r != 0 {
		return r
	}
	if a < b {
		return -1
	}
	return 1
}

// textOrder is a site's collators, made for its language on first use.
type textOrder struct {
	once sync.Once
	pool sync.Pool
}

// CompareText is CompareText in the site's language: a Hugo site collates
// with its language's rules, as hugo 0.111.3 (Chinese titles in pinyin
// order, "Helm 安装" before "Helm 版本"); other sites in English.
func (s *Site) CompareText(a, b string) int {
	if s == nil || s.state == nil || !s.hugo || s.Language == nil {
		return CompareText(a, b)
	}
	o := &s.state.order
	o.once.Do(func() {
		tag, err := language.Parse(s.Language.Lang)
		if err != nil {
			tag = language.English
		}
		o.pool.New = func() any { return collate.New(tag) }
	})
	return compareIn(&o.pool, a, b)
}
