package generator

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/internal/testpart"
)

// minSameHTML is the share of pages whose whole HTML must equal Hugo's
// once whitespace is collapsed: the target.
const minSameHTML = 0.95

// TestHugoSites builds each real Hugo site of testdata/hugosites with the
// real hugo and with Storyfront, unmodified (own config, content and
// layouts), and compares the set of HTML pages and their HTML.
func TestHugoSites(t *testing.T) {
	hugo := testpart.Binary(t, "hugo", "apt-get install -y hugo")
	entries, err := os.ReadDir("testdata/hugosites")
	var sites []string
	for _, e := range entries {
		if e.IsDir() {
			sites = append(sites, filepath.Join("testdata/hugosites", e.Name()))
		}
	}
	if err != nil || len(sites) == 0 {
		t.Fatalf("no sites in testdata/hugosites: %v", err)
	}
	for _, dir := range sites {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			work := t.TempDir()
			if err := os.CopyFS(work, os.DirFS(dir)); err != nil {
				t.Fatal(err)
			}
			hugoOut := filepath.Join(t.TempDir(), "public")
			cmd := exec.Command(hugo, "--quiet", "-s", work, "-d", hugoOut)
			cmd.Env = append(os.Environ(), "HUGO_ENVIRONMENT=production")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("hugo: %v\n%s", err, out)
			}
			b := NewBuilder(Options{Source: work})
			o, err := b.Build(context.Background())
			if err != nil {
				t.Fatalf("storyfront build: %v", err)
			}
			want := htmlFiles(t, hugoOut)
			got := map[string]bool{}
			for _, p := range o.Paths() {
				if strings.HasSuffix(p, ".html") {
					got[p] = true
				}
			}
			var missing, extra []string
			for p := range want {
				if !got[p] {
					missing = append(missing, p)
				}
			}
			for p := range got {
				if _, ok := want[p]; !ok {
					extra = append(extra, p)
				}
			}
			sort.Strings(missing)
			sort.Strings(extra)
			if len(missing)+len(extra) > 0 {
				t.Errorf("page URLs differ from Hugo's:\nonly Hugo: %v\nonly Storyfront: %v", missing, extra)
			}
			same, total := 0, 0
			var differ []string
			for p, hugoHTML := range want {
				f, ok := o.Lookup("/" + p)
				if !ok {
					continue
				}
				total++
				if normalizeHTML(hugoHTML) == normalizeHTML(string(f.Data)) {
					same++
				} else {
					differ = append(differ, p)
				}
			}
			sort.Strings(differ)
			share := float64(same) / float64(max(total, 1))
			t.Logf("%d pages; same HTML as Hugo: %d (%.0f%%); differ: %v", total, same, 100*share, differ)
			if total == 0 || share < minSameHTML {
				t.Errorf("same HTML for %.0f%% of pages, want at least %.0f%%; differ: %v", 100*share, 100*minSameHTML, differ)
			}
		})
	}
}

// htmlFiles reads every .html file under root, by slash path.
func htmlFiles(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

var (
	spaces = regexp.MustCompile(`\s+`)
	// Hugo adds its generator tag to the home page's head.
	generatorTag = regexp.MustCompile(`<meta name="?generator"? content="Hugo [^"]*">`)
)

// normalizeHTML collapses runs of whitespace (and drops it between tags)
// and removes Hugo's generator tag.
func normalizeHTML(s string) string {
	s = generatorTag.ReplaceAllString(s, "")
	s = spaces.ReplaceAllString(s, " ")
	s = strings.ReplaceAll(s, "> <", "><")
	return strings.TrimSpace(s)
}
