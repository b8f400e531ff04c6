package slack_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink"
	"github.com/storyfront/storyfront/capture/sink/slack"
)

func TestSendEscapes(t *testing.T) {
	var got map[string]any
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("content type %q", r.Header.Get("Content-Type"))
		}
		body, _ := io.ReadAll(r.Body)
		if err := json.Unmarshal(body, &got); err != nil {
			t.Error(err)
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	s, err := slack.New("sales-channel", srv.URL+"/services/T0/B0/token", nil)
	if err != nil {
		t.Fatal(err)
	}
	l := &capture.Lead{ID: "01JSLACK", Form: "contact", CreatedAt: time.Now(),
		Fields:      map[string]string{"name": "Mallory <!channel>\nline two", "interest": "Enterprise plan"},
		Attribution: capture.Attribution{Story: "Marketing vs Sales", UTMCampaign: "spring", UTMSource: "linkedin"}}
	form := &schema.Form{Fields: []schema.Field{{Name: "name", Label: "Your name"}, {Name: "interest", Label: "Interest"}}}
	if err := s.Send(context.Background(), sink.Message{Lead: l, Form: form}); err != nil {
		t.Fatal(err)
	}
	text, _ := got["text"].(string)
	for _, want := range []string{"Mallory &lt;!channel&gt; line two", "• Interest: Enterprise plan", "Story: Marketing vs Sales", "spring (linkedin)", "`01JSLACK`"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "<!channel>") {
		t.Errorf("a field mentions @channel:\n%s", text)
	}
}

func TestSlackErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "no_service")
	}))
	s, _ := slack.New("sales-channel", srv.URL+"/services/T0/B0/token", nil)
	l := &capture.Lead{ID: "01JSLACK", Form: "contact", Fields: map[string]string{}}
	err := s.Send(context.Background(), sink.Message{Lead: l})
	if err == nil || !sink.IsPermanent(err) || !strings.Contains(err.Error(), "no_service") || strings.Contains(err.Error(), "token") {
		t.Errorf("404 no_service: err = %v, want permanent with the reason and no URL", err)
	}
	srv.Close()
	err = s.Send(context.Background(), sink.Message{Lead: l})
	if err == nil || sink.IsPermanent(err) || strings.Contains(err.Error(), "token") {
		t.Errorf("down: err = %v, want retryable with no URL", err)
	}
}
