package schema

import (
	"errors"
	"strings"
	"testing"
)

func TestLoadExampleSite(t *testing.T) {
	site, err := Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	f := site.Forms["contact"]
	if f == nil || f.Name != "contact" || f.ThankYou != "/thank-you/" {
		t.Fatalf("contact form = %+v", f)
	}
	if site.BaseURL != "https://bridgework.example/" || site.Capture.Endpoint != DefaultEndpoint || site.Capture.Honeypot != "_gotcha" || site.Capture.RateLimit != DefaultRateLimit {
		t.Fatalf("site = %+v", site)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // substrings, one per expected error, in order
	}{
		{"unknown key in a form", `
title: ignored
forms:
  contact:
    thankYou: /t/
    colour: red
    fields: [{name: email, type: email}]
`, []string{"site.yaml:6:5:", "colour"}},
		{"unknown field type", `
forms:
  contact:
    thankYou: /t/
    fields:
      - name: email
        type: emial
`, []string{`site.yaml:7:15: unknown field type "emial"`}},
		{"select without options, bad pattern, missing thankYou", `
forms:
  contact:
    fields:
      - name: role
        type: select
      - name: code
        pattern: "([a-z"
`, []string{"site.yaml:3:", "thankYou is missing", "site.yaml:6:15: select field has no options", "site.yaml:8:18: pattern"}},
		{"duplicate and reserved names", `
forms:
  c:
    thankYou: /t/
    fields:
      - {name: email}
      - {name: email}
      - {name: _x}
`, []string{"site.yaml:7:16:", "declared twice", "site.yaml:8:16:", "reserved"}},
		{"capture settings", `
baseURL: not a url
capture:
  allowedOrigins: [https://ok.example, https://bad.example/path]
  honeypot: gotcha
  rateLimit: -1
`, []string{"site.yaml:2:10: baseURL", "site.yaml:4:40:", "site.yaml:5:13: honeypot", "site.yaml:6:14: rateLimit"}},
		{"routes to unknown sinks", `
forms:
  c: {thankYou: /t/, fields: [{name: email}]}
sales:
  sinks:
    inbox: {type: carrier-pigeon}
  routes:
    - {form: nope, to: [inbox, crm]}
`, []string{`site.yaml:6:19: unknown sink type`, `site.yaml:8:14: route names unknown form "nope"`, `site.yaml:8:32: route names unknown sink "crm"`}},
		{"auto-reply and retry", `
forms:
  c: {thankYou: /t/, fields: [{name: email}]}
sales:
  sinks:
    hook: {type: webhook}
  retry: {attempts: -1}
  autoReply: {enabled: true, via: hook, forms: [c, d]}
`, []string{"site.yaml:7:21: attempts", `site.yaml:8:35: autoReply via "hook"`, `site.yaml:8:52: autoReply names unknown form "d"`}},
		{"syntax error", "forms: [\n", []string{"site.yaml:"}},
		{"wrong type", "forms:\n  c:\n    fields: 3\n", []string{"site.yaml:3:13:"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("site.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T is not Errors", err)
			}
			msg := err.Error()
			pos := 0
			for _, w := range tt.want {
				i := strings.Index(msg[pos:], w)
				if i < 0 {
					t.Fatalf("error\n%s\nlacks (in order) %q", msg, w)
				}
				pos += i + len(w)
			}
		})
	}
}

func TestParseSkipsGeneratorKeys(t *testing.T) {
	site, err := Parse("site.yaml", []byte("title: x\nmenus: {main: [{name: a}]}\nforms:\n  f:\n    thankYou: /t/\n    fields: [{name: email, type: email}]\ncapture:\n  minSeconds: 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if site.Capture.MinSeconds != 3 || site.Forms["f"].Fields[0].Type != TypeEmail || site.Forms["f"].Submit != DefaultSubmit {
		t.Fatalf("site = %+v", site)
	}
}
