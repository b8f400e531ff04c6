package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A site opts in to keeping the journey under Do Not Track / GPC with
// params.journey: always (or turns it off); the theme tells the script
// through data-journey on its tag. By default the attribute is absent
// and the script respects the signals.
func TestJourneySetting(t *testing.T) {
	for _, c := range []struct{ param, want string }{{"", ""}, {"always", `data-journey="always"`}, {"off", `data-journey="off"`}} {
		dir := copyExampleSite(t)
		yml, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if c.param != "" {
			yml = []byte(strings.Replace(string(yml), "\nparams:\n", "\nparams:\n  journey: "+c.param+"\n", 1))
			if !strings.Contains(string(yml), "journey: "+c.param) {
				t.Fatal("site.yaml has no params: section to add to")
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "site.yaml"), yml, 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "public")
		if _, stderr, err := runCLI(t, "build", "-s", dir, "-d", out); err != nil {
			t.Fatalf("build: %v\n%s", err, stderr)
		}
		for _, page := range []string{"index.html", "stories/the-first-hour/index.html", "contact/index.html"} {
			b, err := os.ReadFile(filepath.Join(out, page))
			if err != nil {
				t.Fatal(err)
			}
			html := string(b)
			tag := html[strings.Index(html, "<script src="):]
			tag = tag[:strings.Index(tag, ">")]
			if c.want == "" && strings.Contains(tag, "data-journey") || c.want != "" && !strings.Contains(tag, c.want) {
				t.Errorf("params.journey %q: %s script tag = %s", c.param, page, tag)
			}
		}
		contact, _ := os.ReadFile(filepath.Join(out, "contact", "index.html"))
		if !strings.Contains(string(contact), `<input type="hidden" name="_journey" value="">`) {
			t.Error("the contact form has no _journey field")
		}
	}
}
