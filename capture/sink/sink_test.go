package sink_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink"
)

func TestOneLine(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"plain", 0, "plain"},
		{"a\r\nBcc: x@y.example", 0, "a Bcc: x@y.example"},
		{"  tabs\tand\u2028separators\x00\x1b[31m ", 0, "tabs and separators [31m"},
		{"ünïcødé stays", 0, "ünïcødé stays"},
		{"abcdefghij", 4, "abcd…"},
		{"abcd", 4, "abcd"},
		{"", 10, ""},
	} {
		if got := sink.OneLine(tc.in, tc.max); got != tc.want {
			t.Errorf("OneLine(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

func TestAddress(t *testing.T) {
	for _, ok := range []string{"ann@customer.example", "first.last+tag@sub.example.co.uk", "dev@localhost"} {
		if _, err := sink.Address(ok); err != nil {
			t.Errorf("Address(%q): %v", ok, err)
		}
	}
	for _, bad := range []string{"", "ann", "ann@", "@x.example", "Ann <ann@x.example>", "a@x.example, b@y.example",
		"a@x.example\r\nBcc: b@y.example", " a@x.example", "a@nodot", "a\"b@x.example"} {
		if _, err := sink.Address(bad); err == nil {
			t.Errorf("Address(%q) accepted", bad)
		}
	}
}

func TestLeadEmail(t *testing.T) {
	form := &schema.Form{Fields: []schema.Field{{Name: "name", Label: "Your name"}, {Name: "email", Label: "Work email"}, {Name: "message", Label: "Message"}}}
	l := &capture.Lead{ID: "01JEMAIL", Form: "contact", CreatedAt: time.Date(2026, 11, 26, 1, 2, 3, 0, time.UTC),
		Fields:      map[string]string{"message": "line 1\r\nline 2 <b>&</b>", "name": "Ann\nTo: x@y.example", "email": "not an address", "extra": "kept"},
		Attribution: capture.Attribution{Story: "Marketing vs Sales", UTMCampaign: "spring", Referrer: "https://news.example/?q=<x>"}}
	e, err := sink.LeadEmail(sink.Message{Lead: l, Form: form}, sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}})
	if err != nil {
		t.Fatal(err)
	}
	if e.ReplyTo != "" {
		t.Errorf("Reply-To %q set from an invalid address", e.ReplyTo)
	}
	if e.Subject != "New lead: Ann To: x@y.example via the contact form" {
		t.Errorf("subject %q", e.Subject)
	}
	// Fields in the form's order, labelled, then undeclared ones.
	name, email, msg, extra := strings.Index(e.Text, "Your name:"), strings.Index(e.Text, "Work email:"), strings.Index(e.Text, "Message:"), strings.Index(e.Text, "extra: kept")
	if name < 0 || !(name < email && email < msg && msg < extra) {
		t.Errorf("field order in text:\n%s", e.Text)
	}
	if strings.Contains(e.Text, "\r") || !strings.Contains(e.Text, "Message: line 1\n  line 2 <b>&</b>") {
		t.Errorf("text body:\n%q", e.Text)
	}
	for _, want := range []string{"line 2 &lt;b&gt;&amp;&lt;/b&gt;", "https://news.example/?q=&lt;x&gt;", "Marketing vs Sales", "01JEMAIL"} {
		if !strings.Contains(e.HTML, want) {
			t.Errorf("html lacks %q:\n%s", want, e.HTML)
		}
	}
	if strings.Contains(e.HTML, "<b>") || strings.Contains(e.HTML, "<x>") {
		t.Errorf("html carries lead markup:\n%s", e.HTML)
	}
	if _, err := sink.LeadEmail(sink.Message{Lead: l}, sink.EmailOptions{From: "leads@bridgework.example"}); err == nil {
		t.Error("an email with no recipient was made")
	}
}

func TestPermanent(t *testing.T) {
	base := errors.New("HTTP 400")
	err := sink.Permanent(base)
	if !sink.IsPermanent(err) || !errors.Is(err, base) || sink.IsPermanent(base) || sink.Permanent(nil) != nil {
		t.Error("Permanent does not wrap as documented")
	}
	if nc := sink.NotConfigured("crm", "environment variable CRM_URL is not set"); !errors.Is(nc, sink.ErrNotConfigured) || sink.IsPermanent(nc) {
		t.Errorf("NotConfigured = %v", nc)
	}
}
