package sink

import (
	"fmt"
	"html"
	"net/mail"
	"strings"
	"time"
)

// Email is a rendered message for an email sink. Every header value in it
// has been checked: addresses parsed and validated, Subject on one line.
type Email struct {
	From    string
	To      []string
	ReplyTo string // "" for none
	Subject string
	Text    string
	HTML    string
	// LeadID goes in an X-Storyfront-Lead header and the Message-ID, so a
	// receiver can drop a duplicate delivery.
	LeadID string
}

// Address validates one email address as a bare addr-spec ("a@b.example",
// no display name, no CR/LF) and returns it.
func Address(s string) (string, error) {
	if s == "" || strings.ContainsAny(s, "\r\n<>\",;") || strings.TrimSpace(s) != s {
		return "", fmt.Errorf("invalid email address %q", OneLine(s, 80))
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return "", fmt.Errorf("invalid email address %q", OneLine(s, 80))
	}
	at := strings.LastIndexByte(s, '@')
	if at < 1 || !strings.Contains(s[at+1:], ".") && s[at+1:] != "localhost" {
		return "", fmt.Errorf("invalid email address %q: domain has no dot", OneLine(s, 80))
	}
	return s, nil
}

// EmailOptions are the fixed parts of a lead email, from the sink's settings.
type EmailOptions struct {
	From    string
	To      []string
	Subject string // prefix; default "New lead"
}

// Validate checks From and To.
func (o EmailOptions) Validate() error {
	if _, err := Address(o.From); err != nil {
		return fmt.Errorf("from: %w", err)
	}
	if len(o.To) == 0 {
		return fmt.Errorf("to: no recipient")
	}
	for _, to := range o.To {
		if _, err := Address(to); err != nil {
			return fmt.Errorf("to: %w", err)
		}
	}
	return nil
}

// LeadEmail renders m for the sales team: who, what, which story and which
// campaign, as text and as HTML (every value escaped), Reply-To set to the
// lead's email field when it is a valid address.
func LeadEmail(m Message, o EmailOptions) (*Email, error) {
	if err := o.Validate(); err != nil {
		return nil, err
	}
	prefix := OneLine(o.Subject, 80)
	if prefix == "" {
		prefix = "New lead"
	}
	form := OneLine(m.Lead.Form, 60)
	e := &Email{
		From:    o.From,
		To:      append([]string(nil), o.To...),
		Subject: OneLine(fmt.Sprintf("%s: %s via the %s form", prefix, m.Who(), form), 200),
		LeadID:  m.Lead.ID,
	}
	// An address cannot be encoded: one that a client could read as an
	// encoded-word ("=?...?=@x.example") is left out of Reply-To.
	if addr, err := Address(strings.TrimSpace(m.Lead.Email())); err == nil && !strings.Contains(addr, "=?") {
		e.ReplyTo = addr
	}
	view := newEmailView(m)
	e.Text, e.HTML = leadText(view), leadHTML(view)
	return e, nil
}

// emailView is the data both lead email templates read.
type emailView struct {
	ID, Form, Who, Received   string
	Fields                    []Field
	Story, Page, Campaign     string
	Referrer, Landing, Term   string
	Content, Consent, ReplyTo string
	Journey                   string
}

func newEmailView(m Message) emailView {
	a := m.Lead.Attribution
	v := emailView{
		ID:       m.Lead.ID,
		Form:     OneLine(m.Lead.Form, 60),
		Who:      m.Who(),
		Received: m.Lead.CreatedAt.UTC().Format(time.RFC1123),
		Story:    OneLine(a.Story, 200),
		Page:     OneLine(a.Page, 300),
		Campaign: OneLine(m.Campaign(), 200),
		Referrer: OneLine(a.Referrer, 300),
		Landing:  OneLine(a.Landing, 300),
		Term:     OneLine(a.UTMTerm, 200),
		Content:  OneLine(a.UTMContent, 200),
		Consent:  "no",
		Journey:  m.Journey(),
	}
	if m.Lead.Consent {
		v.Consent = "yes"
	}
	for _, f := range m.Fields() {
		v.Fields = append(v.Fields, Field{Name: f.Name, Label: OneLine(f.Label, 120), Value: Text(f.Value)})
	}
	return v
}

// leadText renders the plain-text body. No escaping is needed in
// text/plain; newEmailView removed control characters.
func leadText(v emailView) string {
	var b strings.Builder
	fmt.Fprintf(&b, "New lead from the %s form: %s\n\n", v.Form, v.Who)
	for _, f := range v.Fields {
		// Continuation lines of a long answer are indented under its label.
		fmt.Fprintf(&b, "%s: %s\n", f.Label, strings.ReplaceAll(strings.TrimRight(f.Value, "\n"), "\n", "\n  "))
	}
	b.WriteString("\n")
	for _, r := range v.rows() {
		fmt.Fprintf(&b, "%-10s %s\n", r[0]+":", r[1])
	}
	b.WriteString("\nReply to this email to answer the lead directly.\n")
	return b.String()
}

// leadHTML renders the HTML body. Every value goes through
// html.EscapeString, and no link is made from lead input, so no field can
// become markup or a clickable URL. (Not html/template: its reflection
// keeps every method of every type in the Lambda binary and doubles its
// size.)
func leadHTML(v emailView) string {
	const th = `<th style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">`
	e := html.EscapeString
	var b strings.Builder
	b.WriteString(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>New lead</title></head>
<body style="font-family:system-ui,sans-serif;color:#111827;line-height:1.5">
`)
	fmt.Fprintf(&b, "<h1 style=\"font-size:1.25rem\">New lead from the %s form: %s</h1>\n<table style=\"border-collapse:collapse\">\n", e(v.Form), e(v.Who))
	for _, f := range v.Fields {
		fmt.Fprintf(&b, "<tr>%s%s</th><td style=\"padding:4px 0;white-space:pre-wrap\">%s</td></tr>\n", th, e(f.Label), e(f.Value))
	}
	b.WriteString("</table>\n<h2 style=\"font-size:1rem\">Where it came from</h2>\n<table style=\"border-collapse:collapse\">\n")
	for _, r := range v.rows() {
		fmt.Fprintf(&b, "<tr>%s%s</th><td>%s</td></tr>\n", th, e(r[0]), e(r[1]))
	}
	b.WriteString("</table>\n<p style=\"color:#4b5563\">Reply to this email to answer the lead directly.</p>\n</body></html>\n")
	return b.String()
}

// rows are the lead's context lines, in the order both bodies show them.
func (v emailView) rows() [][2]string {
	none := func(s string) string {
		if s == "" {
			return "(none)"
		}
		return s
	}
	rows := [][2]string{{"Story", none(v.Story)}}
	add := func(k, s string) {
		if s != "" {
			rows = append(rows, [2]string{k, s})
		}
	}
	add("Page", v.Page)
	add("Journey", v.Journey)
	rows = append(rows, [2]string{"Campaign", none(v.Campaign)})
	add("Term", v.Term)
	add("Content", v.Content)
	add("Referrer", v.Referrer)
	add("Landing", v.Landing)
	rows = append(rows, [2]string{"Consent", v.Consent}, [2]string{"Received", v.Received}, [2]string{"Lead id", v.ID})
	return rows
}
