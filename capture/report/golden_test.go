package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture/report"
	"github.com/storyfront/storyfront/capture/report/page"
	"github.com/storyfront/storyfront/capture/store/sqlite"
	"github.com/storyfront/storyfront/capture/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// fixedReport is the report of storetest's fixed lead set, from a real
// SQLite store, with filter f.
func fixedReport(t *testing.T, f report.Filter) *report.Data {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	storetest.Load(t, s)
	d, err := s.Report(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./capture/report -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test ./capture/report -update rewrites it); got:\n%s", path, got)
	}
}

func TestGoldenText(t *testing.T) {
	cases := map[string]report.Filter{
		"fixed.txt":         {},
		"fixed-contact.txt": {Form: "contact", Since: time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 11, 12, 0, 0, 0, 0, time.UTC)},
	}
	for name, f := range cases {
		var b bytes.Buffer
		if err := report.Text(&b, fixedReport(t, f)); err != nil {
			t.Fatal(err)
		}
		golden(t, name, b.Bytes())
	}
}

func TestGoldenHTML(t *testing.T) {
	var b bytes.Buffer
	d := fixedReport(t, report.Filter{})
	if err := page.Write(&b, d, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	golden(t, "fixed.html", b.Bytes())
	out := b.String()
	// Self-contained: nothing is fetched.
	for _, bad := range []string{"<script", "src=", "href=", "url(", "@import"} {
		if strings.Contains(out, bad) {
			t.Errorf("the page holds %q: it must need nothing from outside", bad)
		}
	}
	// The same numbers as the text report.
	var txt bytes.Buffer
	report.Text(&txt, d)
	for _, both := range []string{"12,000 EUR + 500.50 USD", "The first hour", "3h 00m"} {
		if !strings.Contains(out, both) || !strings.Contains(txt.String(), both) {
			t.Errorf("%q is not in both the text and the HTML report", both)
		}
	}
}
