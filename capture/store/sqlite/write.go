package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/storyfront/storyfront/capture"
)

// Erase removes every lead whose email (see capture.Lead.Email) equals
// email, case-insensitively, with its deliveries. SQLite's secure_delete
// overwrites the removed rows, and a WAL checkpoint then drops the old
// copies from the log, so the data does not linger in the file.
func (s *Store) Erase(ctx context.Context, email string) (int, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return 0, fmt.Errorf("%s: erase: empty email", s.path)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("%s: erase: %w", s.path, err)
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM deliveries WHERE lead_id IN (SELECT id FROM leads WHERE email = ?)", email); err != nil {
		return 0, fmt.Errorf("%s: erase: %w", s.path, err)
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM leads WHERE email = ?", email)
	if err != nil {
		return 0, fmt.Errorf("%s: erase: %w", s.path, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("%s: erase: %w", s.path, err)
	}
	if err := tx.Commit(); err != nil {
		return 0, fmt.Errorf("%s: erase: %w", s.path, err)
	}
	if n > 0 {
		if _, err := s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			return int(n), fmt.Errorf("%s: erase: checkpoint: %w", s.path, err)
		}
	}
	return int(n), nil
}

// UpdateDelivery records a delivery attempt's outcome. It returns an error
// wrapping capture.ErrNotFound when the lead has no delivery to d.Sink.
func (s *Store) UpdateDelivery(ctx context.Context, d capture.Delivery) error {
	if d.UpdatedAt.IsZero() {
		d.UpdatedAt = time.Now()
	}
	res, err := s.db.ExecContext(ctx, `UPDATE deliveries SET state = ?, attempts = ?, next_at = ?,
		last_error = ?, updated_at = ? WHERE lead_id = ? AND sink = ?`,
		d.State, d.Attempts, d.NextAt.UnixNano(), d.LastError, d.UpdatedAt.UnixNano(), d.LeadID, d.Sink)
	if err != nil {
		return fmt.Errorf("%s: update delivery %s/%s: %w", s.path, d.LeadID, d.Sink, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: update delivery %s/%s: %w", s.path, d.LeadID, d.Sink, err)
	}
	if n == 0 {
		return fmt.Errorf("%s: delivery %s/%s: %w", s.path, d.LeadID, d.Sink, capture.ErrNotFound)
	}
	return nil
}

// Claim takes a pending delivery for one attempt (see delivery.Claimer):
// in one UPDATE, it moves NextAt to until only if the stored delivery is
// still pending with d's Attempts and NextAt. SQLite runs one write at a
// time across every process that has the file open, so of two workers
// (two capture serve processes on one file) exactly one wins.
func (s *Store) Claim(ctx context.Context, d capture.Delivery, until time.Time) (bool, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE deliveries SET next_at = ? WHERE lead_id = ? AND sink = ?
		AND state = 'pending' AND attempts = ? AND next_at = ?`,
		until.UnixNano(), d.LeadID, d.Sink, d.Attempts, d.NextAt.UnixNano())
	if err != nil {
		return false, fmt.Errorf("%s: claim delivery %s/%s: %w", s.path, d.LeadID, d.Sink, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("%s: claim delivery %s/%s: %w", s.path, d.LeadID, d.Sink, err)
	}
	return n == 1, nil
}
