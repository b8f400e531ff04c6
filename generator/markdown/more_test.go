package markdown

import (
	"bytes"
	"regexp"
	"testing"
)

var ownLine = regexp.MustCompile(`\n<!--more-->[ \t]*\n`)

// TestMoreOnItsLineOffsets checks that the text after a divider that
// starts a line goes to a line of its own and that every offset in the
// new source maps back to the same byte of the file's body.
func TestMoreOnItsLineOffsets(t *testing.T) {
	for _, src := range []string{
		"First.\n<!--more-->Next [x](y).\nLast.\n",
		"First.\n<!--more-->  Next [x](y).\nLast.\n",
		"First.\n<!--more-->\nNext [x](y).\n",
		"First <!--more--> next.\n",
	} {
		out, env := moreOnItsLine([]byte(src), &Env{File: "x.md", Line: 1})
		if alone := ownLine.Match(out); alone != bytes.HasPrefix([]byte(src), []byte("First.\n")) {
			t.Errorf("%q: divider on a line of its own = %v: %q", src, alone, out)
		}
		body := []byte(src)
		if env.Body != nil {
			body = env.Body
		}
		for o := range out {
			m := o
			if env.Offset != nil {
				m = env.Offset(o)
			}
			if out[o] != '\n' && body[m] != out[o] {
				t.Errorf("%q: offset %d (%q) maps to %d (%q)", src, o, out[o], m, body[m])
				break
			}
		}
	}
}
