package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// Every leads subcommand reads --db even when it comes after the
// command's arguments (issue 14, item 19): each is pointed at a database
// that does not exist, with --db last, and must say so about that file,
// not about the default leads.db or a stray argument.
func TestEveryLeadsCommandTakesFlagsLast(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere.db")
	for _, args := range [][]string{
		{"list", "--spam", "--db", missing},
		{"show", "01KB0000000000000000000001", "--db", missing},
		{"export", "--format", "json", "--db", missing},
		{"report", "--since", "2026-01-01", "--db", missing},
		{"erase", "--email", "ann@customer.example", "--db", missing},
		{"status", "01KB0000000000000000000001", "qualified", "--db", missing},
		{"dead", "--limit", "3", "--db", missing},
		{"redeliver", "01KB0000000000000000000001", "--db", missing},
	} {
		_, _, err := runCLI(t, append([]string{"leads"}, args...)...)
		if err == nil || !strings.Contains(err.Error(), "nowhere.db") {
			t.Errorf("leads %s: error %v, want one about %s", strings.Join(args, " "), err, missing)
		}
	}
}
