package sqlite

import (
	"context"
	"fmt"
	"time"
)

// ClaimDigest marks week's digest as being sent, unless it was sent or
// another claim is younger than lease (see package digest).
func (s *Store) ClaimDigest(ctx context.Context, week string, now time.Time, lease time.Duration) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO digests (week, state, at) VALUES (?, 'sending', ?)
		ON CONFLICT (week) DO UPDATE SET state = 'sending', at = excluded.at
		WHERE digests.state = 'sending' AND digests.at < ?`, week, now.UnixNano(), now.Add(-lease).UnixNano())
	if err != nil {
		return false, fmt.Errorf("%s: digest %s: %w", s.path, week, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("%s: digest %s: %w", s.path, week, err)
	}
	return n == 1, nil
}

// DigestSent marks week's digest as sent.
func (s *Store) DigestSent(ctx context.Context, week string, now time.Time) error {
	if _, err := s.db.ExecContext(ctx, `UPDATE digests SET state = 'sent', at = ? WHERE week = ?`, now.UnixNano(), week); err != nil {
		return fmt.Errorf("%s: digest %s: %w", s.path, week, err)
	}
	return nil
}
