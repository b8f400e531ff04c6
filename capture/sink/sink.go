// Package sink holds what every lead destination shares: the Sender
// interface, how a failed send is classified (retry later, or dead-letter
// with a reason), and the lead rendered as an email, a signed JSON payload
// or a chat message. Each destination is a subpackage named after it:
// smtp, ses, webhook, slack.
package sink

import (
	"context"
	"errors"
	"fmt"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
)

// Sender delivers one lead to one destination. An error wrapped with
// Permanent (a 4xx answer: bad address, bad credentials) dead-letters the
// delivery; any other error is retried with backoff.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Mailer is a Sender that can also send an arbitrary email; the auto-reply
// to a lead goes through it.
type Mailer interface {
	Sender
	Mail(ctx context.Context, e *Email) error
}

// Message is what a sink delivers: the lead and the form it came from (for
// labels and field order; Form may be nil when the form left site.yaml).
type Message struct {
	Lead *capture.Lead
	Form *schema.Form
}

// ErrNotConfigured is wrapped by errors about a sink whose environment
// variable or host is missing: its deliveries stay pending until it is set.
var ErrNotConfigured = errors.New("sink not configured")

// PermanentError is a failure that retrying cannot fix.
type PermanentError struct {
	Err error
}

// Error returns the cause's message.
func (e *PermanentError) Error() string { return e.Err.Error() }

// Unwrap returns the cause.
func (e *PermanentError) Unwrap() error { return e.Err }

// Permanent marks err as not worth retrying. Permanent(nil) is nil.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return &PermanentError{Err: err}
}

// IsPermanent reports whether err, or an error it wraps, is permanent.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}

// NotConfigured returns an error wrapping ErrNotConfigured that names the
// sink and what is missing (an environment variable's name, never its value).
func NotConfigured(sink, what string) error {
	return fmt.Errorf("sink %s: %w: %s", sink, ErrNotConfigured, what)
}
