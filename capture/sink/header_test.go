package sink_test

import (
	"mime"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/capture/sink"
)

func TestHeaderValue(t *testing.T) {
	for _, tc := range []struct {
		in    string
		plain bool
	}{
		{"New lead: Ann via the contact form", true},
		{"", true},
		{"New lead: =?utf-8?q?Bob=E2=80=AE?= via the contact form", false},
		{"=?UTF-8?B?PHNjcmlwdD4=?=", false},
		{"Zoë Ωmega 名前", false},
		{strings.Repeat("é", 200), false},
		{"half =? an encoded word", false},
	} {
		got := sink.HeaderValue(tc.in)
		if tc.plain != (got == tc.in) {
			t.Errorf("HeaderValue(%q) = %q: kept as is %v, want %v", tc.in, got, got == tc.in, tc.plain)
		}
		assertHeaderRoundTrip(t, tc.in, got)
	}
}

// assertHeaderRoundTrip checks that enc is printable ASCII, that no
// encoded-word in it is longer than RFC 2047 allows, and that a mail
// client's decoder gives back exactly in.
func assertHeaderRoundTrip(t *testing.T, in, enc string) {
	t.Helper()
	for i := 0; i < len(enc); i++ {
		if enc[i] < ' ' || enc[i] > '~' {
			t.Fatalf("HeaderValue(%q) = %q holds byte %#x", in, enc, enc[i])
		}
	}
	if enc != in {
		for _, w := range strings.Fields(enc) {
			if len(w) > 75 || !strings.HasPrefix(w, "=?utf-8?b?") {
				t.Fatalf("HeaderValue(%q): word %q", in, w)
			}
		}
	}
	dec, err := new(mime.WordDecoder).DecodeHeader(enc)
	if err != nil {
		t.Fatalf("HeaderValue(%q) = %q does not decode: %v", in, enc, err)
	}
	if dec != strings.ToValidUTF8(in, "\uFFFD") {
		t.Fatalf("HeaderValue(%q) = %q decodes to %q", in, enc, dec)
	}
}

// FuzzHeaderValue: whatever the text, the header is ASCII and decodes back
// to exactly that text, so no visitor text is read as an encoded-word.
func FuzzHeaderValue(f *testing.F) {
	for _, s := range []string{"Ann", "=?utf-8?q?=0D=0A?=", "Zoë", "\xff\xfe", "a =?x?b?YQ==?= b", "=?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		assertHeaderRoundTrip(t, s, sink.HeaderValue(s))
	})
}
