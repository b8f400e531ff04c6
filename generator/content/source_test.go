package content

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, rel, src string
		kind           Kind
		dir, fname     string
		title          string
		bodyLine       int
		date           time.Time
	}{
		{name: "yaml", rel: "stories/x.md", src: "---\ntitle: X\ndate: 2024-03-01\n---\nbody\n", kind: KindPage, dir: "stories", fname: "x",
			title: "X", bodyLine: 5, date: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{name: "toml", rel: "x.md", src: "+++\ntitle = \"X\"\ndate = 2024-03-01T10:00:00Z\n+++\nbody\n", kind: KindPage, fname: "x",
			title: "X", bodyLine: 5, date: time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)},
		{name: "none", rel: "a/b/c.md", src: "just text\n", kind: KindPage, dir: "a/b", fname: "c", bodyLine: 1},
		{name: "crlf fences", rel: "x.md", src: "---\r\ntitle: X\r\n---\r\nbody\r\n", kind: KindPage, fname: "x", title: "X", bodyLine: 4},
		{name: "section", rel: "stories/_index.md", src: "---\ntitle: S\n---\n", kind: KindSection, dir: "stories", fname: "stories", title: "S", bodyLine: 4},
		{name: "home", rel: "_index.md", src: "---\ntitle: H\n---\n", kind: KindHome, title: "H", bodyLine: 4},
		{name: "bundle", rel: "stories/launch/index.md", src: "---\ntitle: L\n---\n", kind: KindPage, dir: "stories", fname: "launch", title: "L", bodyLine: 4},
		{name: "root bundle", rel: "launch/index.md", src: "---\ntitle: L\n---\n", kind: KindPage, fname: "launch", title: "L", bodyLine: 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse(tt.rel, []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if s.Kind != tt.kind || s.Dir != tt.dir || s.Name != tt.fname || s.Front.Title != tt.title ||
				s.BodyLine != tt.bodyLine || !s.Front.Date.Equal(tt.date) {
				t.Errorf("got kind %v dir %q name %q title %q bodyLine %d date %v", s.Kind, s.Dir, s.Name, s.Front.Title, s.BodyLine, s.Front.Date)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty", "", "content/x.md:1:1: empty file"},
		{"blank", " \n\n", "content/x.md:1:1: empty file"},
		{"invalid utf-8", "---\ntitle: ok\n---\nab\xffc\n", "content/x.md:4:3: invalid UTF-8"},
		{"unclosed", "---\ntitle: x\n", "content/x.md:1:1: front matter opened with --- is never closed"},
		{"unclosed toml", "+++\ntitle = 1\n", "content/x.md:1:1: front matter opened with +++ is never closed"},
		{"unknown yaml key", "---\ntitle: x\ntitel: y\n---\n", `content/x.md:3:1: unknown key "titel"`},
		{"unknown toml key", "+++\ntitle = \"x\"\ntitel = \"y\"\n+++\n", `content/x.md:3:1: unknown key "titel"`},
		{"yaml syntax", "---\ntags: [a\n---\n", "content/x.md:2:"},
		{"yaml type", "---\ndraft: maybe\n---\n", "content/x.md:2:8: "},
		{"toml syntax", "+++\ntitle = \n+++\n", "content/x.md:2:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("x.md", []byte(tt.src))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error =\n%v\nwant it to start with\n%s", err, tt.want)
			}
		})
	}
}

func TestParseAllUnknownKeys(t *testing.T) {
	_, err := Parse("x.md", []byte("---\ntitel: x\ndate: 2024-01-01\nsulg: y\nparams:\n  free: ok\n---\nbody\n"))
	want := "content/x.md:2:1: unknown key \"titel\"\ncontent/x.md:4:1: unknown key \"sulg\""
	if err == nil || err.Error() != want {
		t.Errorf("error =\n%v\nwant\n%s", err, want)
	}
}
