package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/storyfront/storyfront/capture"
)

var _ capture.StatusStore = (*Store)(nil)

// unixNano is t in unix nanoseconds; 0 for the zero time.
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// SetStatus appends c to the lead's status history and updates the
// lead's current status, in one transaction.
func (s *Store) SetStatus(ctx context.Context, c capture.StatusChange) (*capture.Lead, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("%s: lead %s: %w", s.path, c.LeadID, err)
	}
	if c.At.IsZero() {
		c.At = time.Now()
	}
	c.At = c.At.UTC()
	fail := func(err error) (*capture.Lead, error) {
		return nil, fmt.Errorf("%s: status of %s: %w", s.path, c.LeadID, err)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fail(err)
	}
	defer tx.Rollback()
	l, err := scanLead(tx.QueryRowContext(ctx, "SELECT "+leadColumns+" FROM leads WHERE id = ?", c.LeadID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: lead %q: %w", s.path, c.LeadID, capture.ErrNotFound)
	}
	if err != nil {
		return fail(err)
	}
	if c.EventID != "" {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM status_history WHERE lead_id = ? AND event_id = ?",
			c.LeadID, c.EventID).Scan(&n); err != nil {
			return fail(err)
		}
		if n > 0 {
			return nil, fmt.Errorf("%s: lead %s: %w", s.path, c.LeadID, capture.ErrReplayed)
		}
	}
	var seq int
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(seq), 0) + 1 FROM status_history WHERE lead_id = ?", c.LeadID).Scan(&seq); err != nil {
		return fail(err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO status_history (lead_id, seq, status, value, currency, note, source, event_id, at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.LeadID, seq, c.Status, c.Value, c.Currency, c.Note, c.Source, c.EventID, c.At.UnixNano()); err != nil {
		return fail(err)
	}
	l.Outcome = l.Outcome.Apply(c)
	o := l.Outcome
	if _, err := tx.ExecContext(ctx, `UPDATE leads SET status = ?, value = ?, currency = ?, reached = ?, status_at = ?,
		contacted_at = ? WHERE id = ?`, o.Status, o.Value, o.Currency, o.Reached, unixNano(o.At), unixNano(o.ContactedAt), c.LeadID); err != nil {
		return fail(err)
	}
	if err := tx.Commit(); err != nil {
		return fail(err)
	}
	return l, nil
}

// History returns the lead's status changes, oldest first.
func (s *Store) History(ctx context.Context, leadID string) ([]capture.StatusChange, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT status, value, currency, note, source, event_id, at
		FROM status_history WHERE lead_id = ? ORDER BY seq`, leadID)
	if err != nil {
		return nil, fmt.Errorf("%s: history of %s: %w", s.path, leadID, err)
	}
	defer rows.Close()
	var out []capture.StatusChange
	for rows.Next() {
		c := capture.StatusChange{LeadID: leadID}
		var at int64
		if err := rows.Scan(&c.Status, &c.Value, &c.Currency, &c.Note, &c.Source, &c.EventID, &at); err != nil {
			return nil, fmt.Errorf("%s: history of %s: %w", s.path, leadID, err)
		}
		c.At = time.Unix(0, at).UTC()
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: history of %s: %w", s.path, leadID, err)
	}
	if len(out) == 0 {
		var n int
		if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM leads WHERE id = ?", leadID).Scan(&n); err != nil {
			return nil, fmt.Errorf("%s: history of %s: %w", s.path, leadID, err)
		}
		if n == 0 {
			return nil, fmt.Errorf("%s: lead %q: %w", s.path, leadID, capture.ErrNotFound)
		}
	}
	return out, nil
}
