package smtp_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink"
	"github.com/storyfront/storyfront/capture/sink/smtp"
	"github.com/storyfront/storyfront/internal/testpart"
)

var form = &schema.Form{Name: "contact", Fields: []schema.Field{
	{Name: "name", Label: "Your name"}, {Name: "email", Label: "Work email", Type: "email"},
	{Name: "message", Label: "Message", Type: "textarea"},
}}

func hostileLead() *capture.Lead {
	return &capture.Lead{
		ID:   "01JDELIVERYTEST0000000000A",
		Form: "contact",
		Fields: map[string]string{
			"name":    "Eve\r\nBcc: victim@evil.example",
			"email":   "eve@customer.example",
			"message": "Hello <script>alert(1)</script>\r\nsecond line",
		},
		Attribution: capture.Attribution{Story: "Marketing vs Sales", Page: "/stories/marketing-vs-sales/",
			UTMCampaign: "spring", UTMSource: "newsletter", UTMMedium: "email"},
		Consent:   true,
		CreatedAt: time.Date(2026, 11, 26, 1, 0, 0, 0, time.UTC),
	}
}

func TestSendToMailpit(t *testing.T) {
	mail := testpart.Mailpit(t)
	s, err := smtp.New(smtp.Options{Name: "team", Host: "127.0.0.1", Port: mail.SMTPPort, TLS: smtp.TLSNone,
		Email: sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Send(ctx, sink.Message{Lead: hostileLead(), Form: form}); err != nil {
		t.Fatal(err)
	}
	var list struct {
		Messages []struct {
			ID      string
			Subject string
			Bcc     []struct{ Address string }
			To      []struct{ Address string }
			ReplyTo []struct{ Address string }
		} `json:"messages"`
	}
	mail.Get(t, "/api/v1/messages", &list)
	if len(list.Messages) != 1 {
		t.Fatalf("mailpit has %d messages, want 1", len(list.Messages))
	}
	m := list.Messages[0]
	if len(m.Bcc) != 0 || len(m.To) != 1 || m.To[0].Address != "sales@bridgework.example" {
		t.Errorf("recipients: to %v bcc %v", m.To, m.Bcc)
	}
	if len(m.ReplyTo) != 1 || m.ReplyTo[0].Address != "eve@customer.example" {
		t.Errorf("reply-to = %v, want the lead's email", m.ReplyTo)
	}
	if strings.ContainsAny(m.Subject, "\r\n") || !strings.Contains(m.Subject, "Eve Bcc: victim@evil.example") {
		t.Errorf("subject = %q", m.Subject)
	}
	var full struct{ Text, HTML string }
	mail.Get(t, "/api/v1/message/"+m.ID, &full)
	for _, want := range []string{"Work email: eve@customer.example", "Marketing vs Sales", "spring (newsletter / email)", "01JDELIVERYTEST0000000000A"} {
		if !strings.Contains(full.Text, want) {
			t.Errorf("text body lacks %q:\n%s", want, full.Text)
		}
	}
	if strings.Contains(full.HTML, "<script>") || !strings.Contains(full.HTML, "&lt;script&gt;") {
		t.Errorf("html body does not escape the lead's markup:\n%s", full.HTML)
	}
	var headers map[string][]string
	mail.Get(t, "/api/v1/message/"+m.ID+"/headers", &headers)
	if got := headers["X-Storyfront-Lead"]; len(got) != 1 || got[0] != "01JDELIVERYTEST0000000000A" {
		t.Errorf("X-Storyfront-Lead = %v", got)
	}
	if _, ok := headers["Bcc"]; ok {
		t.Errorf("a field injected a Bcc header: %v", headers["Bcc"])
	}
}

func TestRejectedRecipientIsPermanent(t *testing.T) {
	mail := testpart.Mailpit(t, "--smtp-allowed-recipients", `^sales@bridgework\.example$`)
	s, err := smtp.New(smtp.Options{Name: "team", Host: "127.0.0.1", Port: mail.SMTPPort, TLS: smtp.TLSNone,
		Email: sink.EmailOptions{From: "leads@bridgework.example", To: []string{"nobody@bridgework.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), sink.Message{Lead: hostileLead(), Form: form})
	if err == nil || !sink.IsPermanent(err) {
		t.Fatalf("err = %v, want a permanent error", err)
	}
	if strings.Contains(err.Error(), "@") {
		t.Errorf("error quotes an address: %v", err)
	}
}

func TestServerDownIsRetried(t *testing.T) {
	s, err := smtp.New(smtp.Options{Name: "team", Host: "127.0.0.1", Port: testpart.FreePort(t), TLS: smtp.TLSNone,
		Timeout: 2 * time.Second,
		Email:   sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Send(context.Background(), sink.Message{Lead: hostileLead(), Form: form})
	if err == nil || sink.IsPermanent(err) {
		t.Fatalf("err = %v, want a retryable error", err)
	}
}

func TestNewRejectsBadAddresses(t *testing.T) {
	for _, from := range []string{"", "a@b.example\r\nBcc: x@y.example", "Sales <a@b.example>", "not-an-address"} {
		_, err := smtp.New(smtp.Options{Name: "team", Host: "127.0.0.1",
			Email: sink.EmailOptions{From: from, To: []string{"sales@bridgework.example"}}})
		if err == nil {
			t.Errorf("from %q accepted", from)
		}
	}
}

// A name that looks like an RFC 2047 encoded-word reaches sales as the
// literal text the visitor typed: the Subject is encoded by us, so the
// mail client decodes only our encoding (issue 14, item 9). Mailpit's API
// shows the decoded Subject, as a mail client would.
func TestEncodedWordInNameIsLiteral(t *testing.T) {
	mail := testpart.Mailpit(t)
	s, err := smtp.New(smtp.Options{Name: "team", Host: "127.0.0.1", Port: mail.SMTPPort, TLS: smtp.TLSNone,
		Email: sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	names := []string{
		"=?utf-8?q?Bob=E2=80=AE_moc=2Eliame?=",                     // a bidi override smuggled in Q
		"=?UTF-8?B?QWRtaW4NCkJjYzogdmljdGltQGV2aWwuZXhhbXBsZQ==?=", // CR LF Bcc in B
		"Zoë =?utf-8?q?=E2=80=AE?= Ωmega",                          // mixed with real non-ASCII
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for i, name := range names {
		l := hostileLead()
		l.ID = fmt.Sprintf("01JDENCODEDWORD00000000000%d", i)
		l.Fields["name"] = name
		if err := s.Send(ctx, sink.Message{Lead: l, Form: form}); err != nil {
			t.Fatal(err)
		}
	}
	var list struct {
		Messages []struct {
			Subject string
			Bcc     []struct{ Address string }
		} `json:"messages"`
	}
	mail.Get(t, "/api/v1/messages", &list)
	if len(list.Messages) != len(names) {
		t.Fatalf("mailpit has %d messages, want %d", len(list.Messages), len(names))
	}
	subjects := map[string]bool{}
	for _, m := range list.Messages {
		subjects[m.Subject] = true
		if len(m.Bcc) != 0 {
			t.Errorf("Bcc %v", m.Bcc)
		}
	}
	for _, name := range names {
		want := "New lead: " + name + " via the contact form"
		if !subjects[want] {
			t.Errorf("no message with the subject %q (got %v)", want, subjects)
		}
	}
}
