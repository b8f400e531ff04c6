package content

import (
	"bytes"
	"sync"

	"github.com/kyokomi/emoji/v2"
)

// emojiCodes is the emoji table Hugo uses (kyokomi/emoji): ":smile:" →
// "😄", and the longest code's length.
var emojiCodes = sync.OnceValues(func() (map[string]string, int) {
	m := emoji.CodeMap()
	longest := 0
	for k := range m {
		longest = max(longest, len(k))
	}
	return m, longest
})

// Emojify replaces emoji codes (:smile:) in src with their emoji, as Hugo
// does to a page's Markdown when enableEmoji is on. A code is a name
// between two colons with no space in it; unknown names stay as written.
// src is not changed; the result is src itself when it has no code.
func Emojify(src []byte) []byte {
	codes, longest := emojiCodes()
	var out []byte
	last, i := 0, 0
	for {
		k := bytes.IndexByte(src[i:], ':')
		if k < 0 {
			break
		}
		start := i + k
		window := src[start+1 : min(len(src), start+longest)]
		end := bytes.IndexByte(window, ':')
		if end < 0 {
			i = start + 1
			continue
		}
		name := window[:end]
		if end == 0 || bytes.ContainsAny(name, " \t\r\n") {
			i = start + 1 + end // the second colon may open a code
			continue
		}
		stop := start + end + 2
		e, ok := codes[string(src[start:stop])]
		if !ok {
			i = start + 1 + end
			continue
		}
		out = append(append(out, src[last:start]...), e...)
		last, i = stop, stop
	}
	if out == nil {
		return src
	}
	return append(out, src[last:]...)
}
