package site

import (
	"testing"
	"time"
)

// TestHugoURLize checks urlize against what Debian's hugo 0.111.3 gives
// ({{ urlize }} run on each input).
func TestHugoURLize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"vf2++", "vf2++"},
		{".NET", ".net"},
		{"Hello World", "hello-world"},
		{"  spaced   out  ", "spaced-out"},
		{"C# and F#", "c#-and-f%23"},
		{"Ünïcödé Straße", "%C3%BCn%C3%AFc%C3%B6d%C3%A9-stra%C3%9Fe"},
		{"a/b c", "a/b-c"},
		{"50% off", "50-off"},
		{"100%ok", "100ok"},
		{"foo%20bar", "foo%20bar"},
		{"émoji 🎉 party", "%C3%A9moji-party"},
		{"tab\there", "tab-here"},
		{"under_score-dash--double", "under_score-dash--double"},
		{"question? mark! (paren) [brack] {brace}", "question-mark-paren-brack-brace"},
		{`quote's "double"`, "quotes-double"},
		{"amp & ampersand", "amp-ampersand"},
		{"comma, semi; colon: x", "comma-semi-colon-x"},
		{"hash#tag", "hash#tag"},
		{"tilde~x", "tilde~x"},
		{"at@sign", "at@sign"},
		{"dot.dot..", "dot.dot.."},
		{"-leading-dash", "-leading-dash"},
		{"trailing-dash-", "trailing-dash-"},
		{"UPPER lower", "upper-lower"},
		{"日本語 タグ", "%E6%97%A5%E6%9C%AC%E8%AA%9E-%E3%82%BF%E3%82%B0"},
		{"Ελληνικά", "%CE%B5%CE%BB%CE%BB%CE%B7%CE%BD%CE%B9%CE%BA%CE%AC"},
		{"a*b=c", "abc"},
		{"a|b^c`d", "abcd"},
		{"a$b", "ab"},
	}
	for _, tt := range tests {
		if got := HugoURLize(tt.in); got != tt.want {
			t.Errorf("HugoURLize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestPermalinkTokens checks every token against hugo 0.111.3's output for
// the same page (content/blog/Sub/Deep/2023-02-01-Dated Post.md).
func TestPermalinkTokens(t *testing.T) {
	pp := permalinkPage{date: time.Date(2023, 2, 1, 8, 0, 0, 0, time.UTC), dir: "blog/Sub/Deep",
		name: "2023-02-01-Dated Post", title: "Dated Post Title", lower: true, contentB: "2023-02-01-Dated Post"}
	got := pp.expand("/:year/:month/:monthname/:day/:weekday/:weekdayname/:yearday/:section/:sections/:title/:slug/:slugorfilename/:filename/")
	want := "/2023/02/february/01/3/wednesday/32/blog/blog/sub/deep/dated-post-title/dated-post-title/2023-02-01-dated-post/2023-02-01-dated-post/"
	if got != want {
		t.Errorf("expand =\n%s\nwant\n%s", got, want)
	}
	for pattern, want := range map[string]string{
		"/d/:sections[1:]/:filename/": "/d/sub/deep/2023-02-01-dated-post/",
		"/:sections[:1]/x/":           "/blog/x/",
		"/:sections[last]/":           "/deep/",
		"/:contentbasename/":          "/2023-02-01-dated-post/",
	} {
		if got := pp.expand(pattern); got != want {
			t.Errorf("expand(%q) = %q, want %q", pattern, got, want)
		}
	}
}
