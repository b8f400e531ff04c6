package generator

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/themes"
)

// copyDefaultTheme writes the default theme (as the binary embeds it)
// into dir/themes/default.
func copyDefaultTheme(t testing.TB, dir string) {
	t.Helper()
	err := fs.WalkDir(themes.Default, "default", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default, p)
		if err != nil {
			return err
		}
		full := filepath.Join(dir, "themes", filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		return os.WriteFile(full, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// themeStory is a story of the default-theme test site.
func themeStory(title string, day int, tags, body string) string {
	return fmt.Sprintf("---\ntitle: %q\ndate: 2024-02-%02dT10:00:00Z\ntags: [%s]\n---\nFirst paragraph of %s.\n\n## Part\n\n%s\n",
		title, day, tags, title, body)
}

// TestRebuildDefaultTheme: with the default theme (pagers on /stories/
// and on tag pages, related stories, previous/next, feeds, the story
// form), every kind of story edit rebuilds exactly what a full build
// gives, and each list output refers to its list as one collection ref,
// not one ref per listed page.
func TestRebuildDefaultTheme(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	copyDefaultTheme(t, dir)
	files := map[string]string{
		"site.yaml": "title: Theme deps\nbaseURL: https://deps.example/\ntheme: default\npagination: {pagerSize: 2}\n" +
			"feed: {sections: [stories], limit: 5}\nparams: {storyForm: demo}\ncapture: {endpoint: https://deps.example/api/leads}\n" +
			"forms:\n  demo:\n    title: Demo\n    thankYou: /stories/\n    fields:\n      - {name: email, label: Email, type: email, required: true}\n",
	}
	tags := []string{"x", "y", "z"}
	for i := range 12 {
		files[fmt.Sprintf("content/stories/s%02d.md", i)] = themeStory(fmt.Sprintf("S%02d", i), i+1,
			tags[i%3]+", "+tags[(i+1)%3], "Body.")
	}
	writeSite(t, dir, files)
	b := NewBuilder(Options{Source: dir})
	prev, err := b.Build(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range b.jobs {
		if j.kind == jobPage && len(j.refs) > 8 {
			t.Errorf("%s refers to %d outputs; a list should be one collection ref", j.out, len(j.refs))
		}
	}
	edits := []struct {
		name string
		file string
		text string // "" removes
	}{
		{"body", "content/stories/s05.md", themeStory("S05", 6, "z, x", "Edited body.")},
		{"summary", "content/stories/s05.md", themeStory("S05", 6, "z, x", "Edited body.")[:60] + "\n\nNew summary.\n"},
		{"title", "content/stories/s03.md", themeStory("S03 retitled", 4, "x, y", "Body.")},
		{"tags", "content/stories/s07.md", themeStory("S07", 8, "z", "Body.")},
		{"date moves it to the front", "content/stories/s01.md", themeStory("S01", 28, "y, z", "Body.")},
		{"new story", "content/stories/s99.md", themeStory("S99", 20, "x", "New.")},
		{"removed story", "content/stories/s04.md", ""},
	}
	for _, e := range edits {
		full := filepath.Join(dir, filepath.FromSlash(e.file))
		if e.text == "" {
			if err := os.Remove(full); err != nil {
				t.Fatal(err)
			}
		} else {
			writeSite(t, dir, map[string]string{e.file: e.text})
		}
		out, err := b.Rebuild(ctx, []string{full})
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		if len(out.Changed()) == 0 {
			t.Errorf("%s: nothing changed", e.name)
		}
		// A body edit renders the story, the stories that show it
		// (neighbours, related) and the one pager page of each list
		// that holds it, not every pager page of its lists.
		if e.name == "body" && out.Stats().Rendered > 14 {
			t.Errorf("a body edit rendered %d outputs, want at most 14", out.Stats().Rendered)
		}
		t.Logf("%s: rendered %d", e.name, out.Stats().Rendered)
		fresh, err := NewBuilder(Options{Source: dir}).Build(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if diff := diffOutputs(out, fresh); diff != "" {
			t.Errorf("%s: rebuild differs from a full build:\n%s", e.name, diff)
		}
		// Changed (what the dev server reloads) is exactly what differs
		// from the previous output.
		if got, want := strings.Join(out.Changed(), " "), strings.Join(changedBetween(prev, out), " "); got != want {
			t.Errorf("%s: Changed = %s\nwant %s", e.name, got, want)
		}
		prev = out
	}
}

// changedBetween lists the paths whose bytes differ between two outputs,
// or that only one has, sorted.
func changedBetween(a, b *Output) []string {
	var out []string
	for _, p := range b.Paths() {
		if f := a.files[p]; f == nil || !bytes.Equal(f.Data, b.files[p].Data) {
			out = append(out, p)
		}
	}
	for _, p := range a.Paths() {
		if b.files[p] == nil {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}
