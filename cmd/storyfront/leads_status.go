package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/storyfront/storyfront/capture"
)

func (m *Main) leadsStatus(ctx context.Context, db *leadsDB, args []string) error {
	fs := m.leadsFlags("status", "ID STATUS [--value AMOUNT] [--currency EUR] [--note TEXT]",
		"Record what became of a lead. STATUS is one of "+strings.Join(capture.Statuses(), ", ")+".\n"+
			"Every change is kept with its time ('storyfront leads show ID' lists them);\n"+
			"the report counts leads by their current status and the stage they reached.", db)
	value := fs.String("value", "", "the deal's `amount`, e.g. 12000 or 12,000.50")
	currency := fs.String("currency", "EUR", "the amount's ISO 4217 `code`")
	note := fs.String("note", "", "a short `text` kept in the history")
	table := fs.String("table", "", "use the DynamoDB `table` of a Lambda deployment instead of --db")
	if err := fs.Parse(args); err != nil {
		return err
	}
	pos := fs.Args()
	if len(pos) != 2 {
		fs.Usage()
		return errors.New("leads status: want a lead ID and a status")
	}
	c := capture.StatusChange{LeadID: pos[0], Status: strings.ToLower(strings.TrimSpace(pos[1])),
		Note: strings.TrimSpace(*note), Source: "cli", At: time.Now().UTC()}
	if !capture.ValidStatus(c.Status) {
		return fmt.Errorf("leads status: unknown status %q: want one of %s", capture.Printable(pos[1]), strings.Join(capture.Statuses(), ", "))
	}
	if *value != "" {
		var err error
		if c.Value, err = capture.ParseAmount(*value); err != nil {
			return fmt.Errorf("leads status: --value: %w", err)
		}
		c.Currency = strings.ToUpper(strings.TrimSpace(*currency))
	}
	if err := c.Validate(); err != nil {
		return fmt.Errorf("leads status: %w", err)
	}
	s, err := deliveryStore(ctx, db.file(), *table)
	if err != nil {
		return err
	}
	defer s.Close()
	ss, ok := s.(capture.StatusStore)
	if !ok {
		return errors.New("leads status: this store keeps no status")
	}
	l, err := ss.SetStatus(ctx, c)
	if errors.Is(err, capture.ErrNotFound) {
		return fmt.Errorf("leads status: no lead with id %q ('storyfront leads list' shows them)", capture.Printable(c.LeadID))
	}
	if err != nil {
		return fmt.Errorf("leads status: %w", err)
	}
	fmt.Fprintf(m.Stdout, "%s: %s\n", capture.Printable(l.ID), describeOutcome(l.Outcome))
	return nil
}

// describeOutcome says a lead's status in a few words: "won, 12,000 EUR".
func describeOutcome(o capture.Outcome) string {
	s := o.State()
	if o.Currency != "" {
		s += ", " + capture.FormatAmount(o.Value) + " " + o.Currency
	}
	return s
}
