// Package smtp delivers leads by email through any SMTP server, with
// github.com/wneessen/go-mail.
package smtp

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/storyfront/storyfront/capture/sink"
)

// TLS modes.
const (
	TLSStartTLS = "starttls" // STARTTLS required (the default)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // plain text: only for a local relay or a test server
)

// Options configure a Sender. Password comes from the environment variable
// site.yaml names and is never logged.
type Options struct {
	Name     string // the sink's name in site.yaml, for error messages
	Host     string
	Port     int // default 587, or 465 with TLSImplicit
	Username string
	Password string
	TLS      string // TLSStartTLS (default), TLSImplicit or TLSNone
	Email    sink.EmailOptions
	Timeout  time.Duration // per connection; default 15 s
}

// Sender sends lead emails through one SMTP server.
type Sender struct {
	o Options
}

var _ sink.Mailer = (*Sender)(nil)

// New checks o and returns a Sender.
func New(o Options) (*Sender, error) {
	if o.Host == "" {
		return nil, fmt.Errorf("smtp %s: no host", o.Name)
	}
	switch o.TLS {
	case "":
		o.TLS = TLSStartTLS
	case TLSStartTLS, TLSImplicit, TLSNone:
	default:
		return nil, fmt.Errorf("smtp %s: tls must be starttls, tls or none, not %q", o.Name, o.TLS)
	}
	if o.Port == 0 {
		o.Port = 587
		if o.TLS == TLSImplicit {
			o.Port = 465
		}
	}
	if o.Timeout == 0 {
		o.Timeout = 15 * time.Second
	}
	if err := o.Email.Validate(); err != nil {
		return nil, fmt.Errorf("smtp %s: %w", o.Name, err)
	}
	return &Sender{o: o}, nil
}

// Send emails the lead to the sink's recipients.
func (s *Sender) Send(ctx context.Context, m sink.Message) error {
	e, err := sink.LeadEmail(m, s.o.Email)
	if err != nil {
		return sink.Permanent(fmt.Errorf("smtp %s: %w", s.o.Name, err))
	}
	return s.Mail(ctx, e)
}

// Mail sends e. Errors never quote an address (an auto-reply's recipient is
// the lead); 5xx answers (bad mailbox, bad credentials) are permanent.
func (s *Sender) Mail(ctx context.Context, e *sink.Email) error {
	msg, err := message(s.o.Name, e)
	if err != nil {
		return sink.Permanent(fmt.Errorf("smtp %s: %w", s.o.Name, err))
	}
	opts := []mail.Option{mail.WithPort(s.o.Port), mail.WithTimeout(s.o.Timeout)}
	switch s.o.TLS {
	case TLSNone:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	case TLSImplicit:
		opts = append(opts, mail.WithSSL())
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if s.o.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthAutoDiscover),
			mail.WithUsername(s.o.Username), mail.WithPassword(s.o.Password))
	}
	c, err := mail.NewClient(s.o.Host, opts...)
	if err != nil {
		return sink.Permanent(fmt.Errorf("smtp %s: %s", s.o.Name, redact(err.Error())))
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return classify(s.o.Name, err)
	}
	return nil
}

// message builds the MIME message: text with an HTML alternative, every
// address already validated by sink.Address and set through go-mail's
// address headers, the subject single-line and encoded by sink.HeaderValue.
func message(name string, e *sink.Email) (*mail.Msg, error) {
	m := mail.NewMsg(mail.WithNoDefaultUserAgent())
	if err := m.From(e.From); err != nil {
		return nil, fmt.Errorf("from: %w", err)
	}
	if err := m.To(e.To...); err != nil {
		return nil, fmt.Errorf("to: invalid address")
	}
	if e.ReplyTo != "" {
		if _, err := sink.Address(e.ReplyTo); err == nil {
			if err := m.ReplyTo(e.ReplyTo); err != nil {
				return nil, fmt.Errorf("reply-to: invalid address")
			}
		}
	}
	// Encoded here, not by go-mail: it leaves ASCII such as a visitor's
	// "=?utf-8?q?...?=" as it is, which mail clients would then decode.
	m.Subject(sink.HeaderValue(sink.OneLine(e.Subject, 200)))
	if e.LeadID != "" {
		id := sink.OneLine(e.LeadID, 64)
		m.SetGenHeader("X-Storyfront-Lead", id)
		domain := e.From[strings.LastIndexByte(e.From, '@')+1:]
		// The same lead sent again by the same sink keeps its Message-ID, so
		// mail clients fold a duplicate delivery into the first.
		m.SetMessageIDWithValue("lead-" + id + "." + idPart(name) + "@" + domain)
	}
	m.SetDate()
	m.SetUserAgent("Storyfront")
	m.SetBodyString(mail.TypeTextPlain, e.Text)
	if e.HTML != "" {
		m.AddAlternativeString(mail.TypeTextHTML, e.HTML)
	}
	return m, nil
}

// classify turns a go-mail error into a retryable or permanent error whose
// text names no address.
func classify(name string, err error) error {
	var se *mail.SendError
	if errors.As(err, &se) {
		e := fmt.Errorf("smtp %s: %s (code %d %s)", name, se.Reason, se.ErrorCode(), se.EnhancedStatusCode())
		if !se.IsTemp() && se.ErrorCode() >= 500 {
			return sink.Permanent(e)
		}
		return e
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		e := fmt.Errorf("smtp %s: server answered %d: %s", name, te.Code, redact(te.Msg))
		if te.Code >= 500 {
			return sink.Permanent(e)
		}
		return e
	}
	return fmt.Errorf("smtp %s: %s", name, redact(err.Error()))
}

// redact replaces every word holding an @ (an address) with "[address]".
func redact(s string) string {
	words := strings.Fields(sink.OneLine(s, 300))
	for i, w := range words {
		if strings.Contains(w, "@") {
			words[i] = "[address]"
		}
	}
	return strings.Join(words, " ")
}

// idPart keeps the letters, digits, dots and dashes of s for a Message-ID.
func idPart(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '.' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return '-'
	}, s)
}
