package main

import (
	"context"
	"strings"
	"testing"

	"github.com/storyfront/storyfront/capture/store/sqlite"
)

func TestLeadsStatus(t *testing.T) {
	db, leads := seedLeads(t)
	id := leads[0].ID
	steps := []struct {
		args []string
		want string
	}{
		{[]string{"leads", "--db", db, "status", id, "contacted"}, id + ": contacted\n"},
		{[]string{"leads", "status", id, "qualified", "--value", "12,000", "--db", db, "--note", "budget ok"}, id + ": qualified, 12,000 EUR\n"},
		{[]string{"leads", "status", "--db", db, id, "WON", "--value", "12500.5", "--currency", "usd"}, id + ": won, 12,500.50 USD\n"},
	}
	for _, s := range steps {
		out, _, err := runCLI(t, s.args...)
		if err != nil || out != s.want {
			t.Fatalf("%v: %q, %v; want %q", s.args, out, err, s.want)
		}
	}
	st, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	h, err := st.History(context.Background(), id)
	st.Close()
	if err != nil || len(h) != 3 || h[1].Note != "budget ok" || h[1].Value != 1200000 || h[2].Currency != "USD" || h[2].Source != "cli" {
		t.Fatalf("history = %+v, %v", h, err)
	}

	bad := []struct {
		args []string
		want string
	}{
		{[]string{"leads", "--db", db, "status", "01KBNOSUCHLEAD", "won"}, `no lead with id "01KBNOSUCHLEAD"`},
		{[]string{"leads", "--db", db, "status", id, "closed"}, `unknown status "closed": want one of new, contacted, qualified, won, lost`},
		{[]string{"leads", "--db", db, "status", id, "won", "--value", "12k"}, `--value: amount "12k"`},
		{[]string{"leads", "--db", db, "status", id, "won", "--value", "-5"}, `--value: amount "-5"`},
		{[]string{"leads", "--db", db, "status", id, "won", "--value", "5", "--currency", "euro"}, `currency "EURO"`},
		{[]string{"leads", "--db", db, "status", id}, "want a lead ID and a status"},
	}
	for _, b := range bad {
		_, _, err := runCLI(t, b.args...)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%v: %v, want %q", b.args[3:], err, b.want)
		}
	}
	st, _ = sqlite.Open(context.Background(), db)
	defer st.Close()
	if h, _ := st.History(context.Background(), id); len(h) != 3 {
		t.Errorf("refused commands changed the history: %d entries", len(h))
	}
}
