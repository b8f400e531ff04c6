package markdown

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/storyfront/storyfront/internal/testpart"
)

var update = flag.Bool("update", false, "write testdata/hugo.md.txtar's goldens from the real hugo")

const hugoGolden = "testdata/hugo.md.txtar"

// hugoDefaults are Hugo's own Markdown settings.
var hugoDefaults = Options{Typographer: true, SummaryLength: 70, LinkifyProtocol: "https", HugoImageAlt: true, HugoMore: true, HugoLinkify: true,
	Highlight: Highlight{NoClasses: true, LineNumbersInTable: true}}

// goldenCases reads the archive: name -> extension ("md", "html",
// "summary") -> text.
func goldenCases(t *testing.T) (*txtar.Archive, map[string]map[string]string) {
	t.Helper()
	ar, err := txtar.ParseFile(hugoGolden)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]map[string]string{}
	for _, f := range ar.Files {
		i := strings.LastIndexByte(f.Name, '.')
		name, ext := f.Name[:i], f.Name[i+1:]
		if cases[name] == nil {
			cases[name] = map[string]string{}
		}
		cases[name][ext] = string(f.Data)
	}
	return ar, cases
}

// TestHugoGolden converts each case with Hugo's settings and compares
// with what Hugo gave.
func TestHugoGolden(t *testing.T) {
	if *update {
		t.Skip("updating")
	}
	_, cases := goldenCases(t)
	c := NewConverter(hugoDefaults)
	for name, files := range cases {
		t.Run(name, func(t *testing.T) {
			res, err := c.Convert([]byte(files["md"]), &Env{File: "content/" + name + ".md", Line: 1})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := strings.TrimSpace(string(res.HTML)), strings.TrimSpace(files["html"]); got != want {
				t.Errorf("content:\n%s\nwant (hugo):\n%s", got, want)
			}
			if want, ok := files["truncated"]; ok && fmt.Sprint(res.Truncated) != strings.TrimSpace(want) {
				t.Errorf("truncated = %v, want (hugo) %s", res.Truncated, want)
			}
			if want, ok := files["summary"]; ok {
				if got := strings.TrimSpace(string(res.Summary)); got != strings.TrimSpace(want) {
					t.Errorf("summary:\n%q\nwant (hugo):\n%q", got, want)
				}
			}
		})
	}
}

// TestHugoGoldenIsHugo builds the cases with the real hugo and checks that
// the goldens are what it gives (with -update, writes them).
func TestHugoGoldenIsHugo(t *testing.T) {
	hugo := testpart.Binary(t, "hugo", "apt-get install hugo")
	ar, cases := goldenCases(t)
	got := HugoContent(t, hugo, "", func(add func(name, md string)) {
		for name, files := range cases {
			add(name, files["md"])
		}
	})
	if *update {
		var files []txtar.File
		for _, f := range ar.Files {
			if strings.HasSuffix(f.Name, ".md") {
				name := strings.TrimSuffix(f.Name, ".md")
				files = append(files, f,
					txtar.File{Name: name + ".html", Data: []byte(got[name][0] + "\n")},
					txtar.File{Name: name + ".summary", Data: []byte(got[name][1] + "\n")},
					txtar.File{Name: name + ".truncated", Data: []byte(got[name][2] + "\n")})
			}
		}
		ar.Files = files
		if err := os.WriteFile(hugoGolden, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for name, files := range cases {
		if strings.TrimSpace(files["html"]) != got[name][0] {
			t.Errorf("%s.html is not what hugo gives:\n%s", name, got[name][0])
		}
		if strings.TrimSpace(files["summary"]) != got[name][1] {
			t.Errorf("%s.summary is not what hugo gives:\n%s", name, got[name][1])
		}
		if strings.TrimSpace(files["truncated"]) != got[name][2] {
			t.Errorf("%s.truncated is not what hugo gives: %s", name, got[name][2])
		}
	}
}

// HugoContent builds Markdown pages with the real hugo (config: extra
// hugo.toml lines) and returns each page's .Content and .Summary, trimmed.
func HugoContent(t *testing.T, hugo, config string, pages func(add func(name, md string))) map[string][3]string {
	t.Helper()
	dir := t.TempDir()
	write := func(rel, s string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("hugo.toml", "baseURL = \"http://127.0.0.1/\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n"+config)
	write("layouts/_default/single.html", "{{ .Content }}\x00{{ .Summary }}\x00{{ .Truncated }}")
	write("layouts/_default/list.html", "")
	var names []string
	pages(func(name, md string) {
		names = append(names, name)
		write("content/"+name+".md", fmt.Sprintf("---\ntitle: %s\n---\n%s", name, md))
	})
	cmd := exec.Command(hugo, "--quiet", "-s", dir, "-d", filepath.Join(dir, "public"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	out := map[string][3]string{}
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, "public", name, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		content, rest, _ := strings.Cut(string(b), "\x00")
		summary, truncated, _ := strings.Cut(rest, "\x00")
		out[name] = [3]string{strings.TrimSpace(content), strings.TrimSpace(summary), strings.TrimSpace(truncated)}
	}
	return out
}
