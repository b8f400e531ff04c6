package markdown

import (
	"bytes"
	"strings"
	"testing"
)

func TestAttributesFiltered(t *testing.T) {
	src := "## Hi {#top .wide style=\"position:fixed;inset:0\" onclick=\"x()\" data-x=\"1\" tabindex=\"1\" lang=\"fr\"}\n\n" +
		"```go {hl_lines=[2]}\na := 1\nb := 2\n```\n"
	tests := []struct {
		name   string
		unsafe bool
		want   string
		absent []string
	}{
		{name: "raw HTML off keeps only identity and meaning", want: `<h2 id="top" class="wide" data-x="1" lang="fr">Hi</h2>`,
			absent: []string{"style", "onclick", `tabindex="1"`}},
		{name: "raw HTML on keeps what goldmark renders", unsafe: true,
			want:   `<h2 id="top" class="wide" style="position:fixed;inset:0" data-x="1" tabindex="1" lang="fr">Hi</h2>`,
			absent: []string{"onclick"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := NewConverter(Options{Unsafe: tt.unsafe}).Convert([]byte(src), testEnv())
			if err != nil {
				t.Fatal(err)
			}
			html := string(res.HTML)
			heading, _, _ := strings.Cut(html, "\n")
			if !strings.Contains(html, tt.want) {
				t.Errorf("HTML =\n%s\nwant it to contain\n%s", html, tt.want)
			}
			for _, a := range tt.absent {
				if strings.Contains(heading, a) {
					t.Errorf("heading =\n%s\nstill has %s", heading, a)
				}
			}
			// The code block's highlighting option still works: line 2 is highlighted.
			if !strings.Contains(html, `<span class="line hl">`) {
				t.Errorf("hl_lines lost: %s", html)
			}
		})
	}
}

// TestAttrAllowedCases: the names allowed are those whose lower case
// (bytes.ToLower) is allowed, ASCII or not, short or long; a heading's id
// is checked without allocating.
func TestAttrAllowedCases(t *testing.T) {
	ref := func(name []byte) bool {
		lower := bytes.ToLower(name)
		switch string(lower) {
		case "id", "class", "lang", "dir", "title", "role":
			return true
		}
		return bytes.HasPrefix(lower, []byte("aria-")) || bytes.HasPrefix(lower, []byte("data-"))
	}
	for _, name := range []string{"id", "ID", "Id", "class", "CLASS", "style", "onclick", "lang", "dir", "title", "role",
		"aria-label", "ARIA-LABEL", "data-x", "Data-Very-Long-Attribute-Name", "aria-a-very-long-name-indeed", "aria-",
		"data", "", "ıd", "\u212Aey", "claſs", "İD", "data-é", "style-x", "idx", "xid", "0123456789abcdef", "0123456789abcdefg"} {
		if got, want := attrAllowed([]byte(name)), ref([]byte(name)); got != want {
			t.Errorf("attrAllowed(%q) = %v, want %v", name, got, want)
		}
	}
	id := []byte("id")
	if n := testing.AllocsPerRun(100, func() { attrAllowed(id) }); n != 0 {
		t.Errorf("attrAllowed(id) allocates %v times", n)
	}
}
