package delivery

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink"
)

// DefaultAutoReplyPerHour is how many auto-replies are sent per hour at most.
const DefaultAutoReplyPerHour = 20

// autoReply emails the lead a short acknowledgement through an email sink.
// It is rate-limited overall (PerHour) and per address (one per day), so
// the form cannot be used to mail-bomb someone else's address.
type autoReply struct {
	via     sink.Mailer
	from    string
	subject string
	text    string
	limit   *rate.Limiter

	mu   sync.Mutex
	sent map[string]time.Time // normalised address (replyAddress) → last auto-reply
}

func newAutoReply(ar *schema.AutoReply, via sink.Mailer, from string) (*autoReply, error) {
	if via == nil {
		return nil, sink.NotConfigured(AutoReplySink, fmt.Sprintf("sales.autoReply.via %q is not a configured smtp or ses sink", ar.Via))
	}
	if _, err := sink.Address(from); err != nil {
		return nil, sink.NotConfigured(AutoReplySink, "from: "+err.Error())
	}
	per := ar.PerHour
	if per <= 0 {
		per = DefaultAutoReplyPerHour
	}
	a := &autoReply{
		via: via, from: from, subject: ar.Subject, text: ar.Text,
		limit: rate.NewLimiter(rate.Every(time.Hour/time.Duration(per)), min(per, 5)),
		sent:  make(map[string]time.Time),
	}
	if a.subject == "" {
		a.subject = "Thank you: we received your message"
	}
	if a.text == "" {
		a.text = "Thank you for writing to us. A person from our team will reply soon."
	}
	return a, nil
}

// errAutoReplyLimited dead-letters an auto-reply that the limits refused:
// it is not retried (a late acknowledgement is worse than none).
var errAutoReplyLimited = errors.New("auto-reply not sent: rate limit reached")

// Send emails the lead its acknowledgement, unless a limit refuses it.
func (a *autoReply) Send(ctx context.Context, m sink.Message) error {
	to := strings.TrimSpace(m.Lead.Email())
	key, err := replyAddress(to)
	if err != nil {
		return sink.Permanent(err)
	}
	now := time.Now()
	a.mu.Lock()
	last, seen := a.sent[key]
	limited := seen && now.Sub(last) < 24*time.Hour || !a.limit.AllowN(now, 1)
	if !limited {
		a.sent[key] = now
	}
	for k, t := range a.sent {
		if now.Sub(t) >= 24*time.Hour {
			delete(a.sent, k)
		}
	}
	a.mu.Unlock()
	if limited {
		return sink.Permanent(errAutoReplyLimited)
	}
	text := sink.Text(a.text) + "\n\n(Reference: " + m.Lead.ID + ")\n"
	return a.via.Mail(ctx, &sink.Email{
		From: a.from, To: []string{to}, Subject: sink.OneLine(a.subject, 200), Text: text, LeadID: m.Lead.ID,
	})
}
