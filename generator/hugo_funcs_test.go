package generator

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/internal/testpart"
)

// TestHugoFuncs runs Hugo's template functions and Page, Site and Pages
// methods through the real hugo and through Storyfront, and compares each
// case's output. The cases are testdata/hugofuncs/cases/NAMESPACE.tmpl,
// one per line ("name: {{ expression }}"); each file becomes the home
// page layout of the site in testdata/hugofuncs/site (content, i18n/,
// data/, partials), built by both. No expected value is written down:
// hugo 0.111.3 is the reference.
func TestHugoFuncs(t *testing.T) {
	hugo := testpart.Binary(t, "hugo", "apt-get install -y hugo")
	files, err := filepath.Glob("testdata/hugofuncs/cases/*.tmpl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".tmpl")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			work := t.TempDir()
			if err := os.CopyFS(work, os.DirFS("testdata/hugofuncs/site")); err != nil {
				t.Fatal(err)
			}
			var layout strings.Builder
			var names []string
			for _, line := range strings.Split(strings.TrimSpace(string(src)), "\n") {
				n, expr, ok := strings.Cut(line, ": ")
				if !ok {
					t.Fatalf("%s: %q is not name: expression", file, line)
				}
				names = append(names, n)
				layout.WriteString("@@" + n + ": " + expr + "\n")
			}
			if err := os.WriteFile(filepath.Join(work, "layouts", "index.html"), []byte(layout.String()), 0o644); err != nil {
				t.Fatal(err)
			}
			want, got, _, _ := buildHomeBoth(t, hugo, work)
			w, g := splitCases(string(want)), splitCases(string(got))
			for _, n := range names {
				if w[n] != g[n] {
					t.Errorf("%s:\nhugo:       %q\nstoryfront: %q", n, w[n], g[n])
				}
			}
		})
	}
}

// splitCases reads "@@name: output" sections of a rendered page.
func splitCases(page string) map[string]string {
	out := map[string]string{}
	for _, part := range strings.Split(page, "@@")[1:] {
		n, v, _ := strings.Cut(part, ": ")
		out[n] = strings.Join(strings.Fields(v), " ") // whitespace collapsed
	}
	return out
}

// buildHomeBoth builds the site in dir with hugo (production environment)
// and with Storyfront, and returns the two home pages, hugo's output
// folder and Storyfront's output.
func buildHomeBoth(t *testing.T, hugo, dir string) (want, got []byte, hugoOut string, o *Output) {
	t.Helper()
	hugoOut = filepath.Join(t.TempDir(), "public")
	cmd := exec.Command(hugo, "--quiet", "-s", dir, "-d", hugoOut, "--cacheDir", t.TempDir())
	cmd.Env = append(os.Environ(), "HUGO_ENVIRONMENT=production")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("hugo: %v\n%s", err, out)
	}
	want, err := os.ReadFile(filepath.Join(hugoOut, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	o, err = NewBuilder(Options{Source: dir}).Build(context.Background())
	if err != nil {
		t.Fatalf("storyfront build: %v", err)
	}
	f, ok := o.Lookup("/index.html")
	if !ok {
		t.Fatal("storyfront wrote no index.html")
	}
	return want, f.Data, hugoOut, o
}
