// Package webhook delivers leads as JSON POSTs signed as the Standard
// Webhooks specification says (https://www.standardwebhooks.com/): headers
// webhook-id (the lead id), webhook-timestamp (unix seconds) and
// webhook-signature ("v1," + base64 HMAC-SHA256 of "id.timestamp.body"
// keyed with the base64 part of a "whsec_" secret).
package webhook

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/storyfront/storyfront/capture/sink"
)

// Sender posts leads to one webhook URL.
type Sender struct {
	name   string
	url    string
	key    []byte
	client *http.Client
	now    func() time.Time
}

var _ sink.Sender = (*Sender)(nil)

// Options configure a Sender. URL and Secret come from environment
// variables named in site.yaml; they are never logged.
type Options struct {
	Name   string // the sink's name in site.yaml, for error messages
	URL    string
	Secret string       // "whsec_<base64>"; empty posts unsigned
	Client *http.Client // default: a client with a 10 s timeout
	Now    func() time.Time
}

// New returns a Sender, or an error if the secret is malformed.
func New(o Options) (*Sender, error) {
	s := &Sender{name: o.Name, url: o.URL, client: o.Client, now: o.Now}
	if o.URL == "" {
		return nil, fmt.Errorf("webhook %s: no URL", o.Name)
	}
	if o.Secret != "" {
		key, err := DecodeSecret(o.Secret)
		if err != nil {
			return nil, fmt.Errorf("webhook %s: %w", o.Name, err)
		}
		s.key = key
	}
	if s.client == nil {
		s.client = &http.Client{Timeout: 10 * time.Second}
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s, nil
}

// Send posts the lead's JSON payload, signed. A 2xx answer is success; 4xx
// (except 408 and 429) is permanent; anything else is retried.
func (s *Sender) Send(ctx context.Context, m sink.Message) error {
	now := s.now()
	body, err := m.JSON(now)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", s.name, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return sink.Permanent(fmt.Errorf("webhook %s: bad URL", s.name))
	}
	ts := strconv.FormatInt(now.Unix(), 10)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Storyfront-Webhook/1")
	req.Header.Set(HeaderID, m.Lead.ID)
	req.Header.Set(HeaderTimestamp, ts)
	if s.key != nil {
		req.Header.Set(HeaderSignature, Sign(s.key, m.Lead.ID, ts, body))
	}
	return sink.Post(s.client, s.name, req)
}
