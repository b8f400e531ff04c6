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
	first := f.save(t, map[string]string{"email": "ann@customer.com"})
	second := f.save(t, map[string]string{"email": "bob@customer.com"})
	if st := f.run(t); st.Delivered != 3 || st.Dead != 1 {
		t.Fatalf("pass = %+v, want 3 delivered (2 to sales, 1 auto-reply) and 1 dead", st)
	}
	replies := 0
	var mb mailbox
	mail.Get(t, "/api/v1/messages", &mb)
	for _, m := range mb.Messages {
		if m.Subject == "Thanks, we got it" {
			replies++
			if len(m.To) != 1 || m.To[0].Address != "ann@customer.com" && m.To[0].Address != "bob@customer.com" {
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
	id := g.save(t, map[string]string{"email": "cy@customer.com"})
	if _, ok := g.state(t, id)["autoReply"]; ok {
		t.Error("auto-reply routed while disabled")
	}
}

// The auto-reply refuses addresses that are not a mailbox on a public
// domain (dead-lettered with the reason, nothing sent), and one address
// written with a +tag or in capitals is still one address for the
// one-per-day limit (issue 14, item 12).
func TestAutoReplyOnlyToPublicAddresses(t *testing.T) {
	mail := testpart.Mailpit(t)
	sales := schema.Sales{
		Sinks: map[string]*schema.Sink{
			"team": {Type: "smtp", HostEnv: "SMTP_HOST", TLS: "none", From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}},
		},
		Routes:    []schema.Route{{To: []string{"team"}}},
		AutoReply: &schema.AutoReply{Enabled: true, Via: "team", From: "hello@bridgework.example", Subject: "Thanks, we got it", PerHour: 100},
	}
	f := setup(t, sales, env{"SMTP_HOST": mail.SMTPAddr})
	var refused []string
	for _, addr := range []string{"root@localhost", "ann%victim.com@customer.com", "ops@10.0.0.7", "admin@intranet"} {
		refused = append(refused, f.save(t, map[string]string{"email": addr}))
	}
	var same []string
	for _, addr := range []string{"ann@customer.com", "ann+1@customer.com", "ANN+2@Customer.com"} {
		same = append(same, f.save(t, map[string]string{"email": addr}))
	}
	f.run(t)
	var mb mailbox
	mail.Get(t, "/api/v1/messages", &mb)
	var replies []string
	for _, m := range mb.Messages {
		if m.Subject == "Thanks, we got it" {
			for _, to := range m.To {
				replies = append(replies, to.Address)
			}
		}
	}
	if len(replies) != 1 || !strings.HasPrefix(strings.ToLower(replies[0]), "ann") {
		t.Errorf("auto-replies went to %v, want one, to one of Ann's spellings", replies)
	}
	for _, id := range refused {
		d := f.state(t, id)["autoReply"]
		if d.State != capture.DeliveryDead || !strings.Contains(d.LastError, "public") {
			t.Errorf("lead %s: auto-reply %s %q, want dead-lettered as not public", id, d.State, d.LastError)
		}
		if strings.Contains(d.LastError, "@") {
			t.Errorf("reason quotes the address: %q", d.LastError)
		}
	}
	limited := 0
	for _, id := range same {
		if d := f.state(t, id)["autoReply"]; d.State == capture.DeliveryDead && strings.Contains(d.LastError, "rate limit") {
			limited++
		}
	}
	if limited != len(same)-1 {
		t.Errorf("%d of Ann's %d auto-replies dead-lettered by the per-address limit, want %d", limited, len(same), len(same)-1)
	}
}
