// Package slack delivers leads to a Slack incoming webhook as a short
// message: who, what, which story and campaign, and the lead id.
package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/storyfront/storyfront/capture/sink"
)

// Sender posts leads to one Slack incoming webhook URL.
type Sender struct {
	name   string
	url    string
	client *http.Client
}

var _ sink.Sender = (*Sender)(nil)

// New returns a Sender posting to url (a secret: it comes from the
// environment variable site.yaml names and is never logged). A nil client
// means one with a 10 s timeout.
func New(name, url string, client *http.Client) (*Sender, error) {
	if url == "" {
		return nil, fmt.Errorf("slack %s: no URL", name)
	}
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	return &Sender{name: name, url: url, client: client}, nil
}

// Send posts the message. Slack answers 200 "ok"; 4xx (invalid_payload,
// no_service, channel_not_found...) is permanent.
func (s *Sender) Send(ctx context.Context, m sink.Message) error {
	body, err := json.Marshal(map[string]any{"text": Text(m), "unfurl_links": false, "unfurl_media": false})
	if err != nil {
		return fmt.Errorf("slack %s: %w", s.name, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return sink.Permanent(fmt.Errorf("slack %s: bad URL", s.name))
	}
	req.Header.Set("Content-Type", "application/json")
	return sink.Post(s.client, s.name, req)
}

// Text renders the lead as Slack mrkdwn. Every value is on one line and
// escaped (&, <, >), so a field cannot mention @channel, link or format.
func Text(m sink.Message) string {
	var b strings.Builder
	fmt.Fprintf(&b, "*New lead* from the %s form: *%s*\n", esc(m.Lead.Form, 60), esc(m.Who(), 80))
	for _, f := range m.Fields() {
		fmt.Fprintf(&b, "• %s: %s\n", esc(f.Label, 80), esc(f.Value, 500))
	}
	a := m.Lead.Attribution
	story := esc(a.Story, 200)
	if story == "" {
		story = "(none)"
	}
	if a.Page != "" {
		story += " — " + esc(a.Page, 200)
	}
	fmt.Fprintf(&b, "• Story: %s\n", story)
	if c := esc(m.Campaign(), 200); c != "" {
		fmt.Fprintf(&b, "• Campaign: %s\n", c)
	}
	if a.Referrer != "" {
		fmt.Fprintf(&b, "• Referrer: %s\n", esc(a.Referrer, 200))
	}
	if j := m.Journey(); j != "" {
		fmt.Fprintf(&b, "• Journey: %s\n", esc(j, 1000))
	}
	fmt.Fprintf(&b, "Lead id: `%s`", esc(m.Lead.ID, 40))
	return b.String()
}

// esc puts s on one line and escapes what Slack treats as control
// characters (&, <, >), so a value cannot mention @channel or make a link;
// a backtick becomes a quote so it cannot end the lead id's code span.
func esc(s string, max int) string {
	s = sink.OneLine(s, max)
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "`", "'").Replace(s)
}
