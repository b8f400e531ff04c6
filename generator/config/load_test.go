package config

import (
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown top key", "title: x\ntitel: y\n", `site.yaml:2:1: unknown key "titel"`},
		{"unknown nested key", "title: x\nbrand:\n  colr: red\n", `site.yaml:3:3: unknown key "brand.colr"`},
		{"mistyped value", "title: x\npagination:\n  pagerSize: ten\n", "site.yaml:3:14: "},
		{"missing title", "description: x\n", "site.yaml:1:1: title: missing"},
		{"bad baseURL", "title: x\nbaseURL: example.com\n", `site.yaml:2:10: baseURL: "example.com" is not an absolute http(s) URL`},
		{"bad pager size", "title: x\npagination: {pagerSize: -1}\n", "site.yaml:2:25: pagination.pagerSize: must be at least 1, not -1"},
		{"unknown style", "title: x\nmarkdown: {highlightStyle: nope}\n", `site.yaml:2:28: markdown.highlightStyle: unknown chroma style "nope"`},
		{"menu needs url or page", "title: x\nmenus:\n  main:\n    - {name: A}\n", "site.yaml:4:7: menus.main[0] (A): give exactly one of url or page"},
		{"theme path", "title: x\ntheme: ../x\n", `site.yaml:2:8: theme: "../x" is not a theme folder name`},
		{"form field type", "title: x\nforms:\n  c:\n    thankYou: /\n    fields: [{name: a, type: nope}]\n", "site.yaml:5:"},
		{"empty", "  \n", "site.yaml:1:1: empty file"},
		{"invalid utf-8", "title: caf\xe9\n", "site.yaml:1:11: invalid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Parse error =\n%v\nwant it to start with\n%s", err, tt.want)
			}
		})
	}
}

func TestParseDefaults(t *testing.T) {
	c, err := Parse([]byte("title: Acme\nforms:\n  contact:\n    thankYou: /thanks/\n    fields: [{name: email, type: email}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Language != "en" || c.Theme != "default" || c.Pagination.PagerSize != 10 || c.Markdown.HighlightStyle != "github" ||
		!c.Markdown.UseTypographer() || c.Brand.Name != "Acme" {
		t.Errorf("defaults: %+v", c)
	}
	if c.Capture.Endpoint != "/api/leads" || c.Capture.Honeypot != "_gotcha" {
		t.Errorf("capture defaults: %+v", c.Capture)
	}
	if f := c.Forms["contact"]; f.Name != "contact" || f.Submit == "" || f.Fields[0].Type != "email" {
		t.Errorf("form defaults: %+v", f)
	}
}

func TestParseAllUnknownKeys(t *testing.T) {
	src := "title: x\ntitel: y\nbrand:\n  colr: red\nmenus:\n  main:\n    - {name: A, url: /, wieght: 1}\nforms:\n  c:\n    thankYou: /\n    fields: [{name: a, lable: A}]\nparams:\n  anything: goes\n"
	_, err := Parse([]byte(src))
	want := `site.yaml:2:1: unknown key "titel"
site.yaml:4:3: unknown key "brand.colr"
site.yaml:7:25: unknown key "menus.main[0].wieght"
site.yaml:11:24: unknown key "forms.c.fields[0].lable"`
	if err == nil || err.Error() != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
}
