package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

// seedLeads writes three leads (one spam, one with hostile text) to a new
// database and returns its path and the leads.
func seedLeads(t *testing.T) (string, []*capture.Lead) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "leads.db")
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC) // ISO week 2026-W48
	leads := []*capture.Lead{
		{ID: "01KB0000000000000000000001", Form: "contact", CreatedAt: at,
			Fields:      map[string]string{"name": "Ada", "email": "ada@example.com", "message": "first line\nsecond line"},
			Attribution: capture.Attribution{Story: "Marketing vs Sales", UTMCampaign: "autumn", Page: "/stories/mvs/"}, Consent: true},
		{ID: "01KB0000000000000000000002", Form: "demo", CreatedAt: at.Add(8 * 24 * time.Hour),
			Fields:      map[string]string{"name": "\x1b]0;pwned\x07\x1b[2J=cmd|' /C calc'!A0", "email": "mallory@example.com", "message": "<script>alert(1)</script>"},
			Attribution: capture.Attribution{Story: "\u202eevil", UTMCampaign: "@SUM(1+1)"}},
		{ID: "01KB0000000000000000000003", Form: "contact", CreatedAt: at.Add(time.Hour), Spam: true,
			Fields: map[string]string{"email": "bot@example.com"}},
	}
	for _, l := range leads {
		if _, _, err := s.Save(context.Background(), l, []string{"inbox"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, leads
}

func runCLI(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := NewMain(&out, &errb).Run(context.Background(), args)
	return out.String(), errb.String(), err
}

// assertInert fails if terminal control or direction characters got through.
func assertInert(t *testing.T, out string) {
	t.Helper()
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\x9b"} {
		if strings.Contains(out, bad) {
			t.Fatalf("output carries %q:\n%s", bad, out)
		}
	}
}

func TestLeadsList(t *testing.T) {
	db, _ := seedLeads(t)
	out, _, err := runCLI(t, "leads", "--db", db, "list")
	if err != nil {
		t.Fatal(err)
	}
	assertInert(t, out)
	for _, want := range []string{"ID", "AGE", "CAMPAIGN", "STATUS", "01KB0000000000000000000001", "ada@example.com", "Marketing vs Sales", "autumn", `\u202eevil`} {
		if !strings.Contains(out, want) {
			t.Errorf("list lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "bot@example.com") {
		t.Error("spam listed without --spam")
	}
	out, _, err = runCLI(t, "leads", "list", "--db", db, "--spam", "--form", "contact")
	if err != nil || !strings.Contains(out, "bot@example.com") || !strings.Contains(out, "spam") || strings.Contains(out, "mallory") {
		t.Errorf("list --spam --form contact: %v\n%s", err, out)
	}
}

func TestLeadsShow(t *testing.T) {
	db, leads := seedLeads(t)
	out, _, err := runCLI(t, "leads", "--db", db, "show", leads[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	assertInert(t, out)
	for _, want := range []string{`\x1b]0;pwned\x07`, "<script>", "inbox", "pending", "@SUM(1+1)"} {
		if !strings.Contains(out, want) {
			t.Errorf("show lacks %q:\n%s", want, out)
		}
	}
	out, _, err = runCLI(t, "leads", "--db", db, "show", leads[0].ID)
	if err != nil || !strings.Contains(out, "first line\n") || !strings.Contains(out, "second line") {
		t.Errorf("multi-line field: %v\n%s", err, out)
	}
	if _, _, err := runCLI(t, "leads", "--db", db, "show", "nope"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Errorf("show nope: %v", err)
	}
}

func TestLeadsExport(t *testing.T) {
	db, _ := seedLeads(t)
	out, _, err := runCLI(t, "leads", "--db", db, "export", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, out)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows, want header + 2", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if got := rows[2][col["utm_campaign"]]; got != "'@SUM(1+1)" {
		t.Errorf("campaign cell %q: formula not neutralized", got)
	}
	if got := rows[1][col["message"]]; got != "first line\nsecond line" {
		t.Errorf("message cell %q", got)
	}
	for _, row := range rows[1:] {
		for _, c := range row {
			if c != "" && strings.ContainsRune("=+-@", rune(c[0])) {
				t.Errorf("cell %q starts with a formula character", c)
			}
		}
	}

	file := filepath.Join(t.TempDir(), "leads.json")
	if _, _, err := runCLI(t, "leads", "--db", db, "export", "--format", "json", "--spam", "-o", file); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var got []struct {
		ID     string
		Spam   bool
		Fields map[string]string
	}
	if err := json.Unmarshal(data, &got); err != nil || len(got) != 3 || !got[2].Spam || got[1].Fields["message"] != "<script>alert(1)</script>" {
		t.Fatalf("json export: %v %+v", err, got)
	}
	if bytes.Contains(data, []byte("<script>")) {
		t.Error("JSON export carries raw markup")
	}
	if _, _, err := runCLI(t, "leads", "--db", db, "export", "--format", "xml"); err == nil {
		t.Error("--format xml accepted")
	}
}

func TestLeadsReport(t *testing.T) {
	db, _ := seedLeads(t)
	out, _, err := runCLI(t, "leads", "--db", db, "report")
	if err != nil {
		t.Fatal(err)
	}
	assertInert(t, out)
	for _, want := range []string{"2 leads (1 more marked as spam), all time", "Leads per week", "CONTACT  DEMO  TOTAL", "2026-W48        1     0      1", "2026-W49        0     1      1", "By story (last touch", "Marketing vs Sales", "By campaign", "autumn"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

func TestLeadsErase(t *testing.T) {
	db, _ := seedLeads(t)
	out, _, err := runCLI(t, "leads", "--db", db, "erase", "--email", "ADA@example.com")
	if err != nil || !strings.Contains(out, "erased 1 leads") {
		t.Fatalf("erase: %v %s", err, out)
	}
	out, _, err = runCLI(t, "leads", "--db", db, "list", "--spam")
	if err != nil || strings.Contains(out, "ada@example.com") || !strings.Contains(out, "mallory") {
		t.Fatalf("after erase: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("ada@example.com")) {
		t.Error("erased email still in the database file")
	}
}

func TestLeadsErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.db")
	if _, _, err := runCLI(t, "leads", "--db", missing, "list"); err == nil {
		t.Error("list on a missing database succeeded")
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("list created a database")
	}
	for _, args := range [][]string{{"leads"}, {"leads", "frob"}, {"leads", "show"}, {"leads", "erase"}} {
		if _, _, err := runCLI(t, args...); err == nil {
			t.Errorf("%v succeeded", args)
		}
	}
}

// Flags may follow the positional arguments of every leads subcommand, as
// they may in `new story` (issue 14, item 19).
func TestLeadsFlagsAfterArguments(t *testing.T) {
	db, leads := seedLeads(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"leads", "show", leads[0].ID, "--db", db}, "ada@example.com"},
		{[]string{"leads", "show", leads[0].ID, "-db=" + db}, "Marketing vs Sales"},
		{[]string{"leads", "redeliver", leads[0].ID, "--db", db, leads[1].ID}, leads[1].ID + ": 0 deliveries queued"}, // pending, none dead,
		{[]string{"leads", "redeliver", leads[0].ID, "--all", "--db", db}, leads[0].ID + ": 0 deliveries queued"},
		{[]string{"leads", "list", "--db", db, "--spam"}, "bot@example.com"},
		{[]string{"leads", "export", "--db", db, "--format", "json"}, `"id": "` + leads[0].ID},
	} {
		out, errOut, err := runCLI(t, tc.args...)
		if err != nil {
			t.Errorf("%q: %v\n%s", tc.args, err, errOut)
			continue
		}
		if !strings.Contains(out, tc.want) {
			t.Errorf("%q: output lacks %q:\n%s", tc.args, tc.want, out)
		}
	}
	// After "--" everything is an argument, so a flag-looking ID is refused
	// as a lead that does not exist, not taken as a flag.
	if _, _, err := runCLI(t, "leads", "--db", db, "show", "--", "--db"); err == nil {
		t.Error(`leads show -- --db: no error`)
	}
}
