package generator

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/storyfront/storyfront/internal/hugodiff"
	"github.com/storyfront/storyfront/internal/testpart"
)

// minSameHTML is the share of pages whose whole HTML must equal Hugo's
// once whitespace is collapsed: the target (which asks it of the
// article; the whole page is stricter).
const minSameHTML = 0.95

// TestHugoSites builds each real Hugo site of testdata/hugosites with the
// real hugo and with Storyfront, unmodified (own config, content and
// layouts), and compares the output URLs (HTML pages and XML feeds and
// sitemaps) and the pages' HTML, as scripts/hugo-compare.sh does.
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
			want, err := hugodiff.Files(hugoOut)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, p := range o.Paths() {
				if f, ok := o.Lookup("/" + p); ok {
					got[p] = string(f.Data)
				}
			}
			r := hugodiff.Compare(want, got)
			if len(r.OnlyHugo)+len(r.OnlyOurs) > 0 {
				t.Errorf("output URLs differ from Hugo's:\nonly Hugo: %v\nonly Storyfront: %v", r.OnlyHugo, r.OnlyOurs)
			}
			page := float64(len(r.SamePage)) / float64(max(r.Pages, 1))
			t.Logf("%d pages; same article as Hugo: %d (%.0f%%); same whole page: %d (%.0f%%); article differs: %v",
				r.Pages, len(r.SameArticle), 100*r.Share(), len(r.SamePage), 100*page, r.Differ)
			if r.Pages == 0 || page < minSameHTML {
				t.Errorf("same HTML for %.0f%% of pages, want at least %.0f%%", 100*page, 100*minSameHTML)
			}
		})
	}
}
