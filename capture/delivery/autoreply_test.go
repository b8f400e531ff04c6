package delivery_test

import (
	"strings"
	"testing"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/internal/testpart"
)

type mailbox struct {
	Messages []struct {
		Subject string
		To      []struct{ Address string }
	} `json:"messages"`
}

// The auto-reply is off unless enabled, goes to the lead through an email
// sink, and is rate-limited: past the limit it is dead-lettered with the
// reason instead of sent.
func TestAutoReplyRateLimited(t *testing.T) {
	mail := testpart.Mailpit(t)
	sales := schema.Sales{
		Sinks: map[string]*schema.Sink{
			"team": {Type: "smtp", HostEnv: "SMTP_HOST", TLS: "none", From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}},
		},
		Routes:    []schema.Route{{To: []string{"team"}}},
		AutoReply: &schema.AutoReply{Enabled: true, Via: "team", From: "hello@bridgework.example", Subject: "Thanks, we got it", PerHour: 1},
	}
	f := setup(t, sales, env{"SMTP_HOST": mail.SMTPAddr})
	first := f.save(t, map[string]string{"email": "ann@customer.example"})
	second := f.save(t, map[string]string{"email": "bob@customer.example"})
	if st := f.run(t); st.Delivered != 3 || st.Dead != 1 {
		t.Fatalf("pass = %+v, want 3 delivered (2 to sales, 1 auto-reply) and 1 dead", st)
	}
	replies := 0
	var mb mailbox
	mail.Get(t, "/api/v1/messages", &mb)
	for _, m := range mb.Messages {
		if m.Subject == "Thanks, we got it" {
			replies++
			if len(m.To) != 1 || m.To[0].Address != "ann@customer.example" && m.To[0].Address != "bob@customer.example" {
				t.Errorf("auto-reply to %v", m.To)
			}
		}
	}
	if replies != 1 {
		t.Errorf("%d auto-replies sent, want 1 (limit 1 per hour)", replies)
	}
	dead := 0
	for _, id := range []string{first, second} {
		if d := f.state(t, id)["autoReply"]; d.State == capture.DeliveryDead {
			dead++
			if !strings.Contains(d.LastError, "rate limit") {
				t.Errorf("dead auto-reply reason = %q", d.LastError)
			}
		}
	}
	if dead != 1 {
		t.Errorf("%d auto-replies dead-lettered, want 1", dead)
	}
	// Without autoReply, leads get no auto-reply delivery at all.
	sales.AutoReply = nil
	g := setup(t, sales, env{"SMTP_HOST": mail.SMTPAddr})
	id := g.save(t, map[string]string{"email": "cy@customer.example"})
	if _, ok := g.state(t, id)["autoReply"]; ok {
		t.Error("auto-reply routed while disabled")
	}
}
