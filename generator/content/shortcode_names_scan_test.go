package content

import (
	"slices"
	"strings"
	"testing"
)

// byteByByte is eachShortcodeCall's scan one byte at a time, the
// reference the faster scan is compared with.
func byteByByte(src []byte) []string {
	var names []string
	for i := 0; i+2 < len(src); i++ {
		if src[i] != '{' || src[i+1] != '{' || (src[i+2] != '<' && src[i+2] != '%') {
			continue
		}
		j := skipBlanks(src, i+3)
		if j < len(src) && src[j] == '/' {
			continue
		}
		k := j
		for k < len(src) && shortcodeNameByte(src[k]) {
			k++
		}
		if n := strings.TrimSuffix(string(src[j:k]), "/"); n != "" {
			names = append(names, n)
		}
	}
	return names
}

func scanned(src []byte) []string {
	var names []string
	eachShortcodeCall(src, func(n string) bool { names = append(names, n); return true })
	return names
}

// TestShortcodeScan: the calls found are those a byte-by-byte scan finds.
func TestShortcodeScan(t *testing.T) {
	for _, in := range []string{"", "{", "{{", "{{<", "{{< x >}}", "a {{{< x >}} {{% y %}}", "{{</* z */>}} {{< /x >}}",
		"{ {{<a>}}{{%b%}}", "text { brace } {{ not }} {{<\n  fig  >}}", "{{< x/ >}}{{<", "{{{{%q%}}", "{{%"} {
		if got, want := scanned([]byte(in)), byteByByte([]byte(in)); !slices.Equal(got, want) {
			t.Errorf("%q: found %q, want %q", in, got, want)
		}
	}
}

func FuzzShortcodeScan(f *testing.F) {
	f.Add("a {{< x >}} {{% y %}} {{</* z */>}}")
	f.Fuzz(func(t *testing.T, in string) {
		if got, want := scanned([]byte(in)), byteByByte([]byte(in)); !slices.Equal(got, want) {
			t.Errorf("%q: found %q, want %q", in, got, want)
		}
	})
}
