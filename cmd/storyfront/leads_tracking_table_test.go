package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/capture/store/storetest"
)

// status, report, list and show with --table on a Lambda deployment's
// DynamoDB table (the real dynalite) give what they give on SQLite.
func TestLeadsTrackingOnTable(t *testing.T) {
	ctx := context.Background()
	st := dynaliteLeadsTable(ctx, t)
	storetest.Load(t, st)
	leads, _ := storetest.FixedLeads()
	run := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := NewMain(&out, &errOut).Run(ctx, append([]string{"leads"}, args...)); err != nil {
			t.Fatalf("leads %v: %v\n%s", args, err, errOut.String())
		}
		return out.String()
	}
	if out := run("status", leads[3].ID, "qualified", "--table", "leads", "--value", "900"); !strings.Contains(out, "qualified, 900 EUR") {
		t.Errorf("status --table: %q", out)
	}
	report := run("report", "--table", "leads", "--until", "2026-11-30")
	for _, want := range []string{"6 leads (1 more marked as spam)", "Won: 12,000 EUR + 500.50 USD", "3      3          2          2    12,000 EUR + 500.50 USD  The first hour"} {
		if !strings.Contains(report, want) {
			t.Errorf("report --table lacks %q:\n%s", want, report)
		}
	}
	if out := run("list", "--table", "leads", "--status", "won"); !strings.Contains(out, leads[0].ID) || !strings.Contains(out, leads[4].ID) || strings.Contains(out, leads[1].ID) {
		t.Errorf("list --table --status won:\n%s", out)
	}
	if out := run("show", leads[0].ID, "--table", "leads"); !strings.Contains(out, "won 12,000 EUR (cli)") || !strings.Contains(out, "story 1") {
		t.Errorf("show --table:\n%s", out)
	}
}
