package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/storyfront/storyfront/capture"
)

const leadColumns = `id, form, fields, page, story, referrer, landing, utm_source, utm_medium,
	utm_campaign, utm_term, utm_content, consent, user_agent, ip_hash, spam,
	coalesce(idempotency_key, ''), created_at, journey, status, value, currency, reached,
	status_at, contacted_at`

type scanner interface{ Scan(dest ...any) error }

func scanLead(sc scanner) (*capture.Lead, error) {
	var l capture.Lead
	var fields string
	var journey string
	var created, statusAt, contactedAt int64
	a, o := &l.Attribution, &l.Outcome
	if err := sc.Scan(&l.ID, &l.Form, &fields, &a.Page, &a.Story, &a.Referrer, &a.Landing,
		&a.UTMSource, &a.UTMMedium, &a.UTMCampaign, &a.UTMTerm, &a.UTMContent, &l.Consent,
		&l.UserAgent, &l.IPHash, &l.Spam, &l.IdempotencyKey, &created, &journey,
		&o.Status, &o.Value, &o.Currency, &o.Reached, &statusAt, &contactedAt); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(fields), &l.Fields); err != nil {
		return nil, fmt.Errorf("lead %s: fields: %w", l.ID, err)
	}
	if journey != "" {
		if err := json.Unmarshal([]byte(journey), &a.Journey); err != nil {
			return nil, fmt.Errorf("lead %s: journey: %w", l.ID, err)
		}
	}
	l.CreatedAt = time.Unix(0, created).UTC()
	o.At, o.ContactedAt = unixTime(statusAt), unixTime(contactedAt)
	return &l, nil
}

// unixTime is the time of unix nanoseconds n; zero for 0.
func unixTime(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

// Get returns the lead with id, or an error wrapping capture.ErrNotFound.
func (s *Store) Get(ctx context.Context, id string) (*capture.Lead, error) {
	row := s.db.QueryRowContext(ctx, "SELECT "+leadColumns+" FROM leads WHERE id = ?", id)
	l, err := scanLead(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: lead %q: %w", s.path, id, capture.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: get %q: %w", s.path, id, err)
	}
	return l, nil
}

// List returns the leads q selects, oldest first.
func (s *Store) List(ctx context.Context, q capture.Query) ([]*capture.Lead, error) {
	var where []string
	var args []any
	if q.Form != "" {
		where = append(where, "form = ?")
		args = append(args, q.Form)
	}
	if !q.Since.IsZero() {
		where = append(where, "created_at >= ?")
		args = append(args, q.Since.UnixNano())
	}
	if !q.IncludeSpam {
		where = append(where, "spam = 0")
	}
	query := "SELECT " + leadColumns + " FROM leads"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	query += " ORDER BY id"
	if q.Limit > 0 {
		query += " LIMIT ?"
		args = append(args, q.Limit)
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: list: %w", s.path, err)
	}
	defer rows.Close()
	var out []*capture.Lead
	for rows.Next() {
		l, err := scanLead(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: list: %w", s.path, err)
		}
		out = append(out, l)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: list: %w", s.path, err)
	}
	return out, nil
}

const deliveryColumns = "lead_id, sink, state, attempts, next_at, last_error, updated_at"

func (s *Store) deliveries(ctx context.Context, what, query string, args ...any) ([]capture.Delivery, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT "+deliveryColumns+" FROM deliveries "+query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", s.path, what, err)
	}
	defer rows.Close()
	var out []capture.Delivery
	for rows.Next() {
		var d capture.Delivery
		var next, updated int64
		if err := rows.Scan(&d.LeadID, &d.Sink, &d.State, &d.Attempts, &next, &d.LastError, &updated); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", s.path, what, err)
		}
		d.NextAt, d.UpdatedAt = time.Unix(0, next).UTC(), time.Unix(0, updated).UTC()
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %s: %w", s.path, what, err)
	}
	return out, nil
}

// Deliveries returns the lead's deliveries, by sink name.
func (s *Store) Deliveries(ctx context.Context, leadID string) ([]capture.Delivery, error) {
	return s.deliveries(ctx, "deliveries", "WHERE lead_id = ? ORDER BY sink", leadID)
}

// Due returns pending deliveries whose NextAt is not after now, oldest first.
func (s *Store) Due(ctx context.Context, now time.Time, limit int) ([]capture.Delivery, error) {
	return s.deliveries(ctx, "due deliveries",
		"WHERE state = 'pending' AND next_at <= ? ORDER BY next_at, lead_id, sink LIMIT ?", now.UnixNano(), sqlLimit(limit))
}

// Dead returns dead-lettered deliveries, oldest first.
func (s *Store) Dead(ctx context.Context, limit int) ([]capture.Delivery, error) {
	return s.deliveries(ctx, "dead deliveries",
		"WHERE state = 'dead' ORDER BY updated_at, lead_id, sink LIMIT ?", sqlLimit(limit))
}

// sqlLimit maps "no limit" (0 or less) to SQLite's -1.
func sqlLimit(n int) int {
	if n <= 0 {
		return -1
	}
	return n
}

// DueExcept is Due leaving out the deliveries to the sinks named in skip
// (see delivery.SinkSkipper): deliveries to a sink that is not configured
// wait untouched instead of being rewritten to keep them out of the way.
func (s *Store) DueExcept(ctx context.Context, now time.Time, limit int, skip []string) ([]capture.Delivery, error) {
	if len(skip) == 0 {
		return s.Due(ctx, now, limit)
	}
	args := []any{now.UnixNano()}
	for _, sk := range skip {
		args = append(args, sk)
	}
	args = append(args, sqlLimit(limit))
	return s.deliveries(ctx, "due deliveries", "WHERE state = 'pending' AND next_at <= ? AND sink NOT IN (?"+
		strings.Repeat(", ?", len(skip)-1)+") ORDER BY next_at, lead_id, sink LIMIT ?", args...)
}

// CountPending returns how many deliveries to sink are pending.
func (s *Store) CountPending(ctx context.Context, sink string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM deliveries WHERE state = 'pending' AND sink = ?", sink).Scan(&n); err != nil {
		return 0, fmt.Errorf("%s: count pending deliveries to %s: %w", s.path, sink, err)
	}
	return n, nil
}
