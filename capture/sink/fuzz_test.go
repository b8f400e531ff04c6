package sink_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/sink"
)

// FuzzLeadEmail checks that no field value can reach an email header as
// more than one line or as an encoded-word a client would decode, or the
// HTML body as markup.
func FuzzLeadEmail(f *testing.F) {
	for _, s := range []string{"Ann", "a\r\nBcc: x@y.example", "<script>alert(1)</script>", "x@y.example\nTo: z@w.example",
		"\u2028\u0085\x00", "\xff\xfe", "=?utf-8?q?=0D=0A?="} {
		f.Add(s, s+"@customer.example")
	}
	f.Fuzz(func(t *testing.T, name, email string) {
		l := &capture.Lead{ID: "01JFUZZ", Form: "contact", Fields: map[string]string{"name": name, "email": email, "message": name}}
		e, err := sink.LeadEmail(sink.Message{Lead: l}, sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range e.Subject {
			if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
				t.Fatalf("subject %q holds control character %U", e.Subject, r)
			}
		}
		// The Subject as the sinks write it decodes to exactly the Subject:
		// no visitor encoded-word is interpreted.
		assertHeaderRoundTrip(t, e.Subject, sink.HeaderValue(e.Subject))
		if e.ReplyTo != "" {
			if _, err := sink.Address(e.ReplyTo); err != nil || strings.ContainsAny(e.ReplyTo, "\r\n") || strings.Contains(e.ReplyTo, "=?") {
				t.Fatalf("Reply-To %q", e.ReplyTo)
			}
		}
		// Escaped values add no tag: the HTML has as many '<' as with
		// harmless values.
		plain := &capture.Lead{ID: "01JFUZZ", Form: "contact", Fields: map[string]string{"name": "x", "email": "x", "message": "x"}}
		p, _ := sink.LeadEmail(sink.Message{Lead: plain}, sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}})
		if name != "" && email != "" && strings.Count(e.HTML, "<") != strings.Count(p.HTML, "<") {
			t.Fatalf("values %q, %q added markup to the HTML:\n%s", name, email, e.HTML)
		}
	})
}
