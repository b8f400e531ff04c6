package main

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

const viewsSite = `baseURL: https://bridgework.example/
forms:
  contact:
    thankYou: /thanks/
    fields:
      - {name: name, label: Your name}
      - {name: email, type: email, required: true}
      - {name: company}
      - {name: role, type: select, options: [Marketing, Sales]}
      - {name: message, type: textarea}
`

// viewsFixture is a site folder with site.yaml and a leads.db of two
// leads, one won after a journey.
func viewsFixture(t *testing.T) (dir string, won, other *capture.Lead) {
	t.Helper()
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(viewsSite), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(context.Background(), filepath.Join(dir, "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	at := time.Now().Add(-3 * 24 * time.Hour).UTC().Truncate(time.Second)
	won = &capture.Lead{ID: "01KBVIEWS00000000000000001", Form: "contact", CreatedAt: at,
		Fields: map[string]string{"name": "Zoe Zed", "email": "zoe@customer.example", "company": "Acme", "role": "Sales", "message": "hello"},
		Attribution: capture.Attribution{Story: "The first hour", UTMCampaign: "April", Journey: &capture.Journey{
			First:   &capture.Touch{Page: "/", Campaign: "april", Source: "newsletter", At: at.Add(-9 * 24 * time.Hour)},
			Stories: []capture.StoryRead{{Title: "Marketing vs Sales", Page: "/stories/mvs/", Seconds: 120}, {Title: "The first hour", Seconds: 30}}}}}
	other = &capture.Lead{ID: "01KBVIEWS00000000000000002", Form: "contact", CreatedAt: at.Add(time.Hour),
		Fields:      map[string]string{"name": "Abe Able", "email": "abe@customer.example", "role": "Marketing"},
		Attribution: capture.Attribution{Story: "Marketing vs Sales", UTMCampaign: "may"}}
	for _, l := range []*capture.Lead{won, other} {
		if _, _, err := s.Save(context.Background(), l, nil); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []capture.StatusChange{
		{LeadID: won.ID, Status: capture.StatusContacted, Source: "cli", At: at.Add(2 * time.Hour)},
		{LeadID: won.ID, Status: capture.StatusWon, Value: 1200000, Currency: "EUR", Note: "signed", Source: "webhook", At: at.Add(48 * time.Hour)},
	} {
		if _, err := s.SetStatus(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	return dir, won, other
}

func TestLeadsListColumnsAndFilters(t *testing.T) {
	dir, won, other := viewsFixture(t)
	out, _, err := runCLI(t, "leads", "-s", dir, "list")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if f := strings.Fields(lines[0]); strings.Join(f, " ") != "ID AGE FORM NAME EMAIL COMPANY ROLE STORY CAMPAIGN STATUS" {
		t.Errorf("columns = %v", f)
	}
	if len(lines) != 3 || !strings.Contains(lines[1], "3d") || !strings.Contains(lines[1], "Zoe Zed") || !strings.Contains(lines[1], "Acme") ||
		!strings.Contains(lines[1], "Sales") || !strings.Contains(lines[1], "won, 12,000 EUR") || !strings.Contains(lines[2], "new") {
		t.Errorf("list:\n%s", out)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--status", "won"}, won.ID},
		{[]string{"--status", "new"}, other.ID},
		{[]string{"--story", "first HOUR"}, won.ID},
		{[]string{"--campaign", "april"}, won.ID},
		{[]string{"--campaign", "may", "--form", "contact"}, other.ID},
		{[]string{"--since", time.Now().UTC().Format("2006-01-02")}, ""},
	} {
		out, _, err := runCLI(t, append([]string{"leads", "list", "-s", dir}, c.args...)...)
		got := strings.Split(strings.TrimSpace(out), "\n")[1:]
		if err != nil || c.want == "" && len(got) != 0 || c.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], c.want)) {
			t.Errorf("list %v: %v\n%s", c.args, err, out)
		}
	}
	if _, _, err := runCLI(t, "leads", "list", "-s", dir, "--status", "maybe"); err == nil || !strings.Contains(err.Error(), "want one of new, contacted") {
		t.Errorf("--status maybe: %v", err)
	}
	// No database: a hint, not a bare "no such file".
	_, _, err = runCLI(t, "leads", "-s", t.TempDir(), "list")
	if err == nil || !strings.Contains(err.Error(), "no lead database at") || !strings.Contains(err.Error(), "--db FILE") {
		t.Errorf("missing database: %v", err)
	}
}

func TestLeadsShowAndExportFollowTheForm(t *testing.T) {
	dir, won, _ := viewsFixture(t)
	out, _, err := runCLI(t, "leads", "show", won.ID, "-s", dir)
	if err != nil {
		t.Fatal(err)
	}
	order := []string{"won, 12,000 EUR", "  name ", "  email ", "  company ", "  role ", "  message ", "Journey", "first touch      /, source newsletter, campaign april",
		"story 1          Marketing vs Sales (/stories/mvs/), 120s", "Status history", "contacted (cli)", "won 12,000 EUR (webhook): signed"}
	last := -1
	for _, want := range order {
		i := strings.Index(out, want)
		if i < 0 || i < last {
			t.Errorf("show: %q missing or out of order:\n%s", want, out)
		}
		last = i
	}
	out, _, err = runCLI(t, "leads", "export", "--format", "csv", "-s", dir)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0][5:10], ","); got != "name,email,company,role,message" {
		t.Errorf("CSV field columns = %s", got)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	r := rows[1]
	if r[col["status"]] != "won" || r[col["value"]] != "12000.00" || r[col["currency"]] != "EUR" || r[col["stories_read"]] != "Marketing vs Sales → The first hour" ||
		r[col["first_touch_campaign"]] != "april" || !strings.Contains(r[col["status_history"]], "won 12,000 EUR (webhook): signed") {
		t.Errorf("CSV row = %v", r)
	}
	out, _, err = runCLI(t, "leads", "export", "--format", "json", "-s", dir)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"fields": {
      "name": "Zoe Zed",
      "email": "zoe@customer.example",
      "company": "Acme",
      "role": "Sales",
      "message": "hello"
    }`) || !strings.Contains(out, `"journey": {`) || !strings.Contains(out, `"history": [`) || !strings.Contains(out, `"note": "signed"`) {
		t.Errorf("JSON export:\n%s", out)
	}
}
