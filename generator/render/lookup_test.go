package render

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/storyfront/storyfront/generator/outputs"
	"github.com/storyfront/storyfront/internal/testpart"
)

var updateLookup = flag.Bool("update-lookup", false, "write testdata/lookup.txtar from the real hugo")

const lookupGolden = "testdata/lookup.txtar"

// lookupCase is one page of the probe site and the descriptor Storyfront
// gives it; out is its output file in Hugo's public/.
type lookupCase struct {
	name, out string
	d         Descriptor
}

func lookupCases(t *testing.T) []lookupCase {
	fs, err := outputs.New(outputs.Config{Outputs: map[string][]string{"home": {"HTML", "RSS", "JSON"}}}, false)
	if err != nil {
		t.Fatal(err)
	}
	html, _ := fs.Get("HTML")
	rss, _ := fs.Get("RSS")
	json, _ := fs.Get("JSON")
	return []lookupCase{
		{"home", "index.html", Descriptor{Kind: "home", Type: "page", Lang: "en", Format: html}},
		{"home-rss", "index.xml", Descriptor{Kind: "home", Type: "page", Lang: "en", Format: rss}},
		{"home-json", "index.json", Descriptor{Kind: "home", Type: "page", Lang: "en", Format: json}},
		{"page", "posts/p/index.html", Descriptor{Kind: "page", Type: "posts", Lang: "en", Format: html}},
		{"page-layout-type", "posts/q/index.html", Descriptor{Kind: "page", Type: "mytype", Layout: "wide", Lang: "en", Format: html}},
		{"root-page", "about/index.html", Descriptor{Kind: "page", Type: "page", Lang: "en", Format: html}},
		{"section", "posts/index.html", Descriptor{Kind: "section", Type: "posts", Section: "posts", Lang: "en", Format: html}},
		{"section-rss", "posts/index.xml", Descriptor{Kind: "section", Type: "posts", Section: "posts", Lang: "en", Format: rss}},
		{"taxonomy", "tags/index.html", Descriptor{Kind: "taxonomy", Type: "tags", Section: "tag", Lang: "en", Format: html}},
		{"term", "tags/x/index.html", Descriptor{Kind: "term", Type: "tags", Section: "tag", Lang: "en", Format: html}},
		{"404", "404.html", Descriptor{Kind: "404", Format: html}},
	}
}

// TestCandidatesAreGolden: Candidates gives, for each kind of page and
// format, the order the real hugo uses (testdata/lookup.txtar, written by
// TestCandidatesGoldenIsHugo with -update-lookup).
func TestCandidatesAreGolden(t *testing.T) {
	ar, err := txtar.ParseFile(lookupGolden)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, f := range ar.Files {
		want[f.Name] = strings.TrimSpace(string(f.Data))
	}
	for _, c := range lookupCases(t) {
		got := strings.Join(hugoVisible(Candidates(c.d)), "\n")
		if got != want[c.name] {
			t.Errorf("%s: Candidates =\n%s\nwant (hugo):\n%s", c.name, got, want[c.name])
		}
	}
}

// hugoVisible leaves out the built-in template, which is not a file.
func hugoVisible(c []string) []string {
	var out []string
	for _, n := range c {
		if !strings.HasPrefix(n, "_internal/") {
			out = append(out, n)
		}
	}
	return out
}

// TestCandidatesGoldenIsHugo checks the golden against the real hugo.
// With every candidate from position k of the golden order on present,
// each layout naming itself, hugo must render the page with the golden's
// k-th: checked at a few positions of each list (a handful of builds).
// With -update-lookup it finds hugo's whole order by elimination instead
// (one build per candidate) and writes the golden.
func TestCandidatesGoldenIsHugo(t *testing.T) {
	hugo := testpart.Binary(t, "hugo", "apt-get install hugo")
	cases := lookupCases(t)
	if !*updateLookup {
		ar, err := txtar.ParseFile(lookupGolden)
		if err != nil {
			t.Fatal(err)
		}
		golden := map[string][]string{}
		for _, f := range ar.Files {
			golden[f.Name] = strings.Fields(string(f.Data))
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				g := golden[c.name]
				for _, k := range []int{0, len(g) / 3, 2 * len(g) / 3, len(g) - 1} {
					dir := probeSite(t, g[k:])
					if got := hugoPick(t, hugo, dir, c.out); got != g[k] {
						t.Errorf("with %s... present, hugo uses %q; the golden says %s", g[k], got, g[k])
					}
				}
			})
		}
		return
	}
	got := make([]string, len(cases))
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			order := hugoOrder(t, hugo, c)
			got[i] = strings.Join(order, "\n")
		})
	}
	t.Cleanup(func() {
		if t.Failed() {
			return
		}
		ar := &txtar.Archive{Comment: []byte("The template lookup order of hugo 0.111.3, found by elimination\n(go test ./generator/render -run GoldenIsHugo -update-lookup).\n")}
		for i, c := range cases {
			ar.Files = append(ar.Files, txtar.File{Name: c.name, Data: []byte(got[i] + "\n")})
		}
		if err := os.WriteFile(lookupGolden, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	})
}

// probeSite writes the probe site with the given layouts, each naming
// itself, into a new folder.
func probeSite(t *testing.T, layouts []string) string {
	dir := t.TempDir()
	write := func(name, s string) {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("hugo.toml", "baseURL = \"http://127.0.0.1/\"\n[outputs]\nhome = [\"HTML\", \"RSS\", \"JSON\"]\n")
	write("content/_index.md", "---\ntitle: Home\n---\n")
	write("content/about.md", "---\ntitle: About\n---\n")
	write("content/posts/_index.md", "---\ntitle: Posts\n---\n")
	write("content/posts/p.md", "---\ntitle: P\ntags: [x]\n---\n")
	write("content/posts/q.md", "---\ntitle: Q\ntype: mytype\nlayout: wide\n---\n")
	for _, n := range layouts {
		write("layouts/"+n, fmt.Sprintf("LAYOUT[%s]", n))
	}
	return dir
}

// hugoPick builds dir with hugo and returns the layout that rendered out
// ("" for none).
func hugoPick(t *testing.T, hugo, dir, out string) string {
	pub := filepath.Join(dir, "public")
	os.RemoveAll(pub)
	if b, err := exec.Command(hugo, "--quiet", "-s", dir, "-d", pub).CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, b)
	}
	b, _ := os.ReadFile(filepath.Join(pub, out))
	if m := layoutMarkRE.FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return ""
}

var layoutMarkRE = regexp.MustCompile(`LAYOUT\[([^\]]+)\]`)

func hugoOrder(t *testing.T, hugo string, c lookupCase) []string {
	candidates := hugoVisible(Candidates(c.d))
	dir := probeSite(t, candidates)
	left := map[string]bool{}
	for _, n := range candidates {
		left[n] = true
	}
	var order []string
	for range len(candidates) + 1 {
		name := hugoPick(t, hugo, dir, c.out)
		if name == "" {
			break
		}
		if !left[name] {
			t.Fatalf("hugo used %s twice", name)
		}
		order = append(order, name)
		delete(left, name)
		os.Remove(filepath.Join(dir, "layouts", name))
	}
	for _, n := range candidates {
		if left[n] {
			order = append(order, "# never used by hugo: "+n)
		}
	}
	return order
}
