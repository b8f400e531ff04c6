package content

import (
	"github.com/storyfront/storyfront/generator/diag"
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
		{"json syntax", "{\n  \"title\": \"x\",,\n}\n", "content/x.md:2:"},
		{"unclosed json", "{\n  \"title\": \"x\"\n", "content/x.md:1:1: front matter opened with { is never closed"},
		{"yaml syntax", "---\ntags: [a\n---\n", "content/x.md:2:"},
		{"yaml type", "---\ndraft: maybe\n---\n", "content/x.md:2:1: draft: must be true or false, not maybe"},
		{"weight type", "+++\nweight = \"heavy\"\n+++\n", "content/x.md:2:1: weight: must be a whole number, not heavy"},
		{"tags type", "---\ntags: {a: 1}\n---\n", "content/x.md:2:1: tags: must be a list, not a map"},
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

// TestParseBadDates checks a date that is not a date is unset and kept,
// located, in BadDates (the site makes it an error, or a warning on a
// Hugo site), not a parse error.
func TestParseBadDates(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"bad date", "---\ntitle: x\ndate: 2026-13-45\n---\n", `content/x.md:3:1: date: "2026-13-45" is not a date: month out of range`},
		{"bad quoted toml date", "+++\ntitle = \"x\"\nlastmod = \"yesterday\"\n+++\n", `content/x.md:3:1: lastmod: "yesterday" is not a date`},
		{"bad json date", "{\n  \"title\": \"x\",\n  \"publishDate\": \"2024-02-30\"\n}\n", `content/x.md:3:1: publishDate: "2024-02-30" is not a date: day out of range`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("x.md", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			f := s.Front
			if !f.Date.IsZero() || !f.Lastmod.IsZero() || !f.PublishDate.IsZero() {
				t.Errorf("dates = %v %v %v, want unset", f.Date, f.Lastmod, f.PublishDate)
			}
			if len(f.BadDates) != 1 || !strings.HasPrefix(f.BadDates[0].Error(), tt.want) {
				t.Errorf("BadDates = %v, want one that starts with\n%s", f.BadDates, tt.want)
			}
		})
	}
}

// TestParseUnknownKeys checks unknown keys go to Params with no error, as
// in Hugo, and that a key one edit away from a known one is a warning.
func TestParseUnknownKeys(t *testing.T) {
	for _, src := range []string{
		"---\ntitel: x\ndate: 2024-01-01\nsulg: z\nshowToc: true\nimages: [a.png]\nparams:\n  free: ok\n---\nbody\n",
		"+++\ntitel = \"x\"\ndate = 2024-01-01\nsulg = \"z\"\nshowToc = true\nimages = [\"a.png\"]\n[params]\n  free = \"ok\"\n+++\nbody\n",
	} {
		s, err := Parse("x.md", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		want := "content/x.md:2:1: titel: did you mean title?\ncontent/x.md:4:1: sulg: did you mean slug?"
		if got := diag.Errors(s.Warnings).Error(); got != want {
			t.Errorf("warnings =\n%s\nwant\n%s", got, want)
		}
		p := s.Front.Params
		if p["titel"] != "x" || p["sulg"] != "z" || p["showToc"] != true || p["free"] != "ok" || p["images"] == nil {
			t.Errorf("params: %v", p)
		}
	}
}

// TestParseDates checks every date form Hugo accepts.
func TestParseDates(t *testing.T) {
	utc := func(y, mo, d, h, mi, s int) time.Time { return time.Date(y, time.Month(mo), d, h, mi, s, 0, time.UTC) }
	tests := []struct {
		name, src string
		want      time.Time
		local     bool
	}{
		{"yaml date only", "---\ndate: 2024-03-01\n---\n", utc(2024, 3, 1, 0, 0, 0), true},
		{"yaml quoted date", "---\ndate: \"2024-03-01\"\n---\n", utc(2024, 3, 1, 0, 0, 0), true},
		{"yaml single-quoted", "---\ndate: '2024-03-01T10:00:00Z'\n---\n", utc(2024, 3, 1, 10, 0, 0), false},
		{"yaml with zone", "---\ndate: 2024-03-01T10:00:00+02:00\n---\n", utc(2024, 3, 1, 8, 0, 0), false},
		{"yaml no zone", "---\ndate: 2024-03-01T10:00:00\n---\n", utc(2024, 3, 1, 10, 0, 0), true},
		{"yaml space form", "---\ndate: 2024-03-01 10:00:00\n---\n", utc(2024, 3, 1, 10, 0, 0), true},
		{"yaml space zone", "---\ndate: 2024-03-01 10:00:00 +01:00\n---\n", utc(2024, 3, 1, 9, 0, 0), false},
		{"yaml fraction", "---\ndate: 2024-03-01T10:00:00.5Z\n---\n", time.Date(2024, 3, 1, 10, 0, 0, 5e8, time.UTC), false},
		{"rfc1123", "---\ndate: Fri, 01 Mar 2024 10:00:00 +0000\n---\n", utc(2024, 3, 1, 10, 0, 0), false},
		{"toml offset", "+++\ndate = 2024-03-01T10:00:00Z\n+++\n", utc(2024, 3, 1, 10, 0, 0), false},
		{"toml local date", "+++\ndate = 2024-03-01\n+++\n", utc(2024, 3, 1, 0, 0, 0), true},
		{"toml local date-time", "+++\ndate = 2024-03-01T10:00:00\n+++\n", utc(2024, 3, 1, 10, 0, 0), true},
		{"toml quoted", "+++\ndate = \"2024-03-01\"\n+++\n", utc(2024, 3, 1, 0, 0, 0), true},
		{"json", "{\n  \"date\": \"2024-03-01T10:00:00Z\"\n}\n", utc(2024, 3, 1, 10, 0, 0), false},
		{"Date key", "---\nDate: 2024-03-01\n---\n", utc(2024, 3, 1, 0, 0, 0), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Parse("x.md", []byte(tt.src+"body\n"))
			if err != nil {
				t.Fatal(err)
			}
			if d := s.Front.Date; !d.Equal(tt.want) || d.Local != tt.local {
				t.Errorf("date = %v (local %v), want %v (local %v)", d.Time, d.Local, tt.want, tt.local)
			}
		})
	}
	oslo, err := time.LoadLocation("Europe/Oslo")
	if err != nil {
		t.Skip("no time zone data")
	}
	d, _ := ParseDate("2024-03-01 10:00")
	if got := d.In(oslo); got.UTC() != utc(2024, 3, 1, 9, 0, 0) {
		t.Errorf("local date in Oslo = %v", got.UTC())
	}
}

// TestEmptyListFile: an empty _index.md makes its folder a section (Hugo
// sites do this), while any other empty file is still an error.
func TestEmptyListFile(t *testing.T) {
	for _, rel := range []string{"docs/_index.md", "_index.md", "docs/13.0/resources/_index.md"} {
		s, err := Parse(rel, []byte(""))
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			continue
		}
		if s.Kind != KindSection && s.Kind != KindHome {
			t.Errorf("%s: kind %v, want a section or the home page", rel, s.Kind)
		}
	}
	if _, err := Parse("docs/x.md", []byte("\n")); err == nil || err.Error() != "content/docs/x.md:1:1: empty file" {
		t.Errorf("empty page: %v", err)
	}
}
