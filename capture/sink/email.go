package sink

import (
	"bytes"
	"fmt"
	"html/template"
	"net/mail"
	"strings"
	"time"

	texttemplate "text/template"
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
	if addr, err := Address(strings.TrimSpace(m.Lead.Email())); err == nil {
		e.ReplyTo = addr
	}
	view := newEmailView(m)
	var text, html bytes.Buffer
	if err := leadText.Execute(&text, view); err != nil {
		return nil, fmt.Errorf("lead email text: %w", err)
	}
	if err := leadHTML.Execute(&html, view); err != nil {
		return nil, fmt.Errorf("lead email html: %w", err)
	}
	e.Text, e.HTML = text.String(), html.String()
	return e, nil
}

// emailView is the data both lead email templates read.
type emailView struct {
	ID, Form, Who, Received   string
	Fields                    []Field
	Story, Page, Campaign     string
	Referrer, Landing, Term   string
	Content, Consent, ReplyTo string
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
	}
	if m.Lead.Consent {
		v.Consent = "yes"
	}
	for _, f := range m.Fields() {
		v.Fields = append(v.Fields, Field{Name: f.Name, Label: OneLine(f.Label, 120), Value: Text(f.Value)})
	}
	return v
}

// Text template: no escaping is needed in text/plain, control characters
// were removed by newEmailView.
var leadText = texttemplate.Must(texttemplate.New("text").Parse(`New lead from the {{.Form}} form: {{.Who}}

{{range .Fields}}{{.Label}}: {{.Value}}
{{end}}
Story:     {{if .Story}}{{.Story}}{{else}}(none){{end}}{{if .Page}}
Page:      {{.Page}}{{end}}
Campaign:  {{if .Campaign}}{{.Campaign}}{{else}}(none){{end}}{{if .Term}}
Term:      {{.Term}}{{end}}{{if .Content}}
Content:   {{.Content}}{{end}}{{if .Referrer}}
Referrer:  {{.Referrer}}{{end}}{{if .Landing}}
Landing:   {{.Landing}}{{end}}
Consent:   {{.Consent}}
Received:  {{.Received}}
Lead id:   {{.ID}}

Reply to this email to answer the lead directly.
`))

// HTML template: html/template escapes every value; links are not made
// from lead input, so no field can become markup or a clickable URL.
var leadHTML = template.Must(template.New("html").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>New lead</title></head>
<body style="font-family:system-ui,sans-serif;color:#111827;line-height:1.5">
<h1 style="font-size:1.25rem">New lead from the {{.Form}} form: {{.Who}}</h1>
<table style="border-collapse:collapse">
{{range .Fields}}<tr><th style="text-align:left;padding:4px 12px 4px 0;vertical-align:top">{{.Label}}</th><td style="padding:4px 0;white-space:pre-wrap">{{.Value}}</td></tr>
{{end}}</table>
<h2 style="font-size:1rem">Where it came from</h2>
<table style="border-collapse:collapse">
<tr><th style="text-align:left;padding:4px 12px 4px 0">Story</th><td>{{if .Story}}{{.Story}}{{else}}(none){{end}}</td></tr>
{{if .Page}}<tr><th style="text-align:left;padding:4px 12px 4px 0">Page</th><td>{{.Page}}</td></tr>
{{end}}<tr><th style="text-align:left;padding:4px 12px 4px 0">Campaign</th><td>{{if .Campaign}}{{.Campaign}}{{else}}(none){{end}}</td></tr>
{{if .Term}}<tr><th style="text-align:left;padding:4px 12px 4px 0">Term</th><td>{{.Term}}</td></tr>
{{end}}{{if .Content}}<tr><th style="text-align:left;padding:4px 12px 4px 0">Content</th><td>{{.Content}}</td></tr>
{{end}}{{if .Referrer}}<tr><th style="text-align:left;padding:4px 12px 4px 0">Referrer</th><td>{{.Referrer}}</td></tr>
{{end}}{{if .Landing}}<tr><th style="text-align:left;padding:4px 12px 4px 0">Landing</th><td>{{.Landing}}</td></tr>
{{end}}<tr><th style="text-align:left;padding:4px 12px 4px 0">Consent</th><td>{{.Consent}}</td></tr>
<tr><th style="text-align:left;padding:4px 12px 4px 0">Received</th><td>{{.Received}}</td></tr>
<tr><th style="text-align:left;padding:4px 12px 4px 0">Lead id</th><td><code>{{.ID}}</code></td></tr>
</table>
<p style="color:#4b5563">Reply to this email to answer the lead directly.</p>
</body></html>
`))
