package sink_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/sink"
	"github.com/storyfront/storyfront/capture/sink/slack"
)

func journeyLead() *capture.Lead {
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	return &capture.Lead{ID: "01JJOURNEY", Form: "contact", CreatedAt: at,
		Fields: map[string]string{"email": "ann@customer.example"},
		Attribution: capture.Attribution{Story: "C", Journey: &capture.Journey{
			First:   &capture.Touch{Page: "/", Source: "newsletter", Medium: "email", Campaign: "april", At: at.Add(-9*24*time.Hour - time.Hour)},
			Stories: []capture.StoryRead{{Title: "A"}, {Title: "B <b>&"}, {Title: "C"}},
		}}}
}

func TestJourneySentence(t *testing.T) {
	m := sink.Message{Lead: journeyLead()}
	want := "Read before writing: A → B <b>& → C; first came from the april campaign (newsletter / email), 9 days before writing."
	if got := m.Journey(); got != want {
		t.Errorf("Journey() = %q\nwant        %q", got, want)
	}
	cases := []struct {
		j    *capture.Journey
		want string
	}{
		{nil, ""},
		{&capture.Journey{First: &capture.Touch{Referrer: "https://www.google.com/search?q=x", At: m.Lead.CreatedAt.Add(-3 * time.Hour)}},
			"Read no story before writing; first came from www.google.com, 3 hours before writing."},
		{&capture.Journey{Stories: []capture.StoryRead{{Title: "A"}}, First: &capture.Touch{Page: "/"}},
			"Read before writing: A; first came directly."},
	}
	for _, c := range cases {
		l := journeyLead()
		l.Attribution.Journey = c.j
		if got := (sink.Message{Lead: l}).Journey(); got != c.want {
			t.Errorf("Journey(%+v) = %q, want %q", c.j, got, c.want)
		}
	}
}

func TestJourneyInEveryMessage(t *testing.T) {
	m := sink.Message{Lead: journeyLead()}
	e, err := sink.LeadEmail(m, sink.EmailOptions{From: "leads@bridgework.example", To: []string{"sales@bridgework.example"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(e.Text, "Journey:   Read before writing: A → B <b>& → C; first came from the april campaign") {
		t.Errorf("email text lacks the journey:\n%s", e.Text)
	}
	if !strings.Contains(e.HTML, "Read before writing: A → B &lt;b&gt;&amp; → C") {
		t.Errorf("email HTML lacks the escaped journey:\n%s", e.HTML)
	}
	if s := slack.Text(m); !strings.Contains(s, "• Journey: Read before writing: A → B &lt;b&gt;&amp; → C") {
		t.Errorf("Slack text lacks the escaped journey:\n%s", s)
	}
	body, err := m.JSON(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Data struct {
			JourneyText string
			Attribution struct{ Journey capture.Journey }
		}
	}
	if err := json.Unmarshal(body, &p); err != nil || !strings.HasPrefix(p.Data.JourneyText, "Read before writing: A → B") ||
		len(p.Data.Attribution.Journey.Stories) != 3 || p.Data.Attribution.Journey.First.Campaign != "april" {
		t.Errorf("webhook payload journey = %+v, %v\n%s", p, err, body)
	}
}
