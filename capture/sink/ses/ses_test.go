package ses_test

import (
	"context"
	"mime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/sink"
	"github.com/storyfront/storyfront/capture/sink/ses"
	"github.com/storyfront/storyfront/internal/testpart"
)

func client(base string) *sesv2.Client {
	return sesv2.New(sesv2.Options{
		Region:       "eu-west-1",
		BaseEndpoint: aws.String(base),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDLOCAL", SecretAccessKey: "local"}, nil
		}),
	})
}

type stored struct {
	Emails []struct {
		From        string
		ReplyTo     []string
		Destination struct{ To []string }
		Subject     string
		Body        struct{ HTML, Text string }
		Headers     []struct{ Name, Value string }
	}
}

func TestSendToSESLocal(t *testing.T) {
	local := testpart.SESLocal(t)
	s, err := ses.New("enterprise", client(local.URL), sink.EmailOptions{From: "leads@bridgework.example",
		To: []string{"enterprise@bridgework.example"}, Subject: "Enterprise lead"})
	if err != nil {
		t.Fatal(err)
	}
	l := &capture.Lead{ID: "01JSES0000000000000000000A", Form: "contact", CreatedAt: time.Now(),
		Fields:      map[string]string{"name": "Ann\r\nX-Evil: 1", "email": "ann@customer.example", "message": "<img src=x onerror=alert(1)>"},
		Attribution: capture.Attribution{Story: "Marketing vs Sales", UTMCampaign: "spring"}}
	if err := s.Send(context.Background(), sink.Message{Lead: l}); err != nil {
		t.Fatal(err)
	}
	var st stored
	local.Store(t, &st)
	if len(st.Emails) != 1 {
		t.Fatalf("SES store has %d emails, want 1", len(st.Emails))
	}
	e := st.Emails[0]
	if e.From != "leads@bridgework.example" || len(e.Destination.To) != 1 || e.Destination.To[0] != "enterprise@bridgework.example" {
		t.Errorf("from %q to %v", e.From, e.Destination.To)
	}
	if len(e.ReplyTo) != 1 || e.ReplyTo[0] != "ann@customer.example" {
		t.Errorf("reply-to = %v", e.ReplyTo)
	}
	if e.Subject != "Enterprise lead: Ann X-Evil: 1 via the contact form" {
		t.Errorf("subject = %q", e.Subject)
	}
	if strings.Contains(e.Body.HTML, "<img") || !strings.Contains(e.Body.HTML, "&lt;img") {
		t.Errorf("html not escaped: %s", e.Body.HTML)
	}
	if !strings.Contains(e.Body.Text, "01JSES0000000000000000000A") || !strings.Contains(e.Body.Text, "Marketing vs Sales") {
		t.Errorf("text lacks lead id or story: %s", e.Body.Text)
	}
}

func TestRejectedIsPermanentAndDownIsRetried(t *testing.T) {
	s, err := ses.New("team", client(testpart.SESLocal(t).URL), sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}})
	if err != nil {
		t.Fatal(err)
	}
	// SES answers 400 to a message without a subject.
	err = s.Mail(context.Background(), &sink.Email{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}, Text: "x"})
	if err == nil || !sink.IsPermanent(err) {
		t.Errorf("400: err = %v, want permanent", err)
	}
	down := "http://" + testpart.FreeAddr(t)
	s, _ = ses.New("team", client(down), sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = s.Send(ctx, sink.Message{Lead: &capture.Lead{ID: "01J", Form: "contact", Fields: map[string]string{}}})
	if err == nil || sink.IsPermanent(err) {
		t.Errorf("down: err = %v, want retryable", err)
	}
}

// SES puts the Subject in the header as it gets it, so a name that looks
// like an encoded-word must reach it encoded by us: the header decodes to
// the literal text (issue 14, item 9).
func TestEncodedWordInNameIsLiteral(t *testing.T) {
	local := testpart.SESLocal(t)
	s, err := ses.New("enterprise", client(local.URL), sink.EmailOptions{From: "leads@bridgework.example",
		To: []string{"enterprise@bridgework.example"}, Subject: "Lead"})
	if err != nil {
		t.Fatal(err)
	}
	name := "=?utf-8?q?Bob=E2=80=AE_moc=2Eliame?= Zoë"
	l := &capture.Lead{ID: "01JSES0000000000000000000B", Form: "contact", CreatedAt: time.Now(),
		Fields: map[string]string{"name": name, "email": "=?utf-8?q?x?=@customer.example"}}
	if err := s.Send(context.Background(), sink.Message{Lead: l}); err != nil {
		t.Fatal(err)
	}
	var st stored
	local.Store(t, &st)
	if len(st.Emails) != 1 {
		t.Fatalf("SES store has %d emails, want 1", len(st.Emails))
	}
	e := st.Emails[0]
	for _, r := range e.Subject {
		if r > '~' {
			t.Fatalf("subject %q is not ASCII", e.Subject)
		}
	}
	got, err := new(mime.WordDecoder).DecodeHeader(e.Subject)
	if want := "Lead: " + name + " via the contact form"; err != nil || got != want {
		t.Errorf("subject %q decodes to %q (%v), want %q", e.Subject, got, err, want)
	}
	if len(e.ReplyTo) != 0 {
		t.Errorf("Reply-To %v: an address holding =? cannot be encoded and must be left out", e.ReplyTo)
	}
}
