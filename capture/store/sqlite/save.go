package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/storyfront/storyfront/capture"
)

// errClosed is returned by Save after Close.
var errClosed = errors.New("sqlite: store is closed")

// saveReq is one Save waiting for the writer.
type saveReq struct {
	ctx   context.Context
	lead  *capture.Lead
	sinks []string
	// set by the writer before done is closed
	id      string
	created bool
	err     error
	done    chan struct{}
}

// writeStmts are the writer connection's prepared statements.
type writeStmts struct {
	insertLead, insertDelivery, leadByKey *sql.Stmt
}

func prepareWrites(ctx context.Context, c *sql.Conn) (*writeStmts, error) {
	var ws writeStmts
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = c.PrepareContext(ctx, q)
		return st
	}
	ws.insertLead = prep(`INSERT INTO leads (id, form, fields, page, story, referrer, landing,
		utm_source, utm_medium, utm_campaign, utm_term, utm_content, consent, user_agent, ip_hash,
		spam, idempotency_key, email, created_at, journey, first_story,
		status, value, currency, reached, status_at, contacted_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`)
	ws.insertDelivery = prep(`INSERT INTO deliveries (lead_id, sink, state, attempts, next_at, updated_at)
		VALUES (?, ?, 'pending', 0, ?, ?)`)
	ws.leadByKey = prep(`SELECT id FROM leads WHERE idempotency_key = ?`)
	if err != nil {
		ws.close()
		return nil, fmt.Errorf("prepare: %w", err)
	}
	return &ws, nil
}

func (ws *writeStmts) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{ws.insertLead, ws.insertDelivery, ws.leadByKey} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}

// Save stores l with a pending delivery per sink, or finds the lead with
// the same idempotency key. It returns once the transaction holding the
// lead is committed (and fsynced).
func (s *Store) Save(ctx context.Context, l *capture.Lead, sinks []string) (string, bool, error) {
	if l.ID == "" {
		return "", false, errors.New("sqlite: save: lead has no id")
	}
	req := &saveReq{ctx: ctx, lead: l, sinks: sinks, done: make(chan struct{})}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return "", false, errClosed
	}
	select {
	case s.reqs <- req:
	case <-ctx.Done():
		s.mu.RUnlock()
		return "", false, ctx.Err()
	}
	s.mu.RUnlock()
	// Once queued, wait for the commit even if ctx ends: the lead may be
	// written, and the caller must learn whether it was.
	<-req.done
	return req.id, req.created, req.err
}

// writer commits queued saves in batches until the store closes.
func (s *Store) writer() {
	defer close(s.stopped)
	batch := make([]*saveReq, 0, maxBatch)
	for req := range s.reqs {
		batch = append(batch[:0], req)
	fill:
		for len(batch) < maxBatch {
			select {
			case more, ok := <-s.reqs:
				if !ok {
					break fill
				}
				batch = append(batch, more)
			default:
				break fill
			}
		}
		if err := s.commit(batch); err != nil && len(batch) > 1 {
			// One bad save must not sink the others: retry each alone.
			for _, req := range batch {
				if err := s.commit([]*saveReq{req}); err != nil {
					req.id, req.created, req.err = "", false, err
				}
			}
		} else if err != nil {
			batch[0].id, batch[0].created, batch[0].err = "", false, err
		}
		for _, req := range batch {
			close(req.done)
		}
	}
}

// commit writes a batch in one transaction and sets each request's result.
func (s *Store) commit(batch []*saveReq) (err error) {
	ctx := context.Background()
	if err := s.CheckFile(); err != nil {
		return err
	}
	if _, err := s.wconn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		// A transaction left open by a failed ROLLBACK would make every
		// later BEGIN fail: end it and try once more.
		_, _ = s.wconn.ExecContext(ctx, "ROLLBACK")
		if _, err := s.wconn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
			return fmt.Errorf("%s: begin: %w", s.path, err)
		}
	}
	defer func() {
		if err != nil {
			_, _ = s.wconn.ExecContext(ctx, "ROLLBACK")
		}
	}()
	for _, req := range batch {
		req.id, req.created, req.err = "", false, nil
		if req.ctx.Err() != nil {
			continue
		}
		if err := s.insert(ctx, req); err != nil {
			return err
		}
	}
	if _, err := s.wconn.ExecContext(ctx, "COMMIT"); err != nil {
		return fmt.Errorf("%s: commit: %w", s.path, err)
	}
	// Replaced while committing: the batch went into a file the next
	// start will not read. It must not be acknowledged.
	if err := s.CheckFile(); err != nil {
		return err
	}
	for _, req := range batch {
		if req.id == "" && req.err == nil {
			req.err = req.ctx.Err()
		}
	}
	return nil
}

func (s *Store) insert(ctx context.Context, req *saveReq) error {
	l := req.lead
	fields, err := json.Marshal(l.Fields)
	if err != nil {
		return fmt.Errorf("%s: save %s: %w", s.path, l.ID, err)
	}
	var key any
	if l.IdempotencyKey != "" {
		key = l.IdempotencyKey
	}
	a := l.Attribution
	var journey []byte
	if !a.Journey.Empty() {
		if journey, err = json.Marshal(a.Journey); err != nil {
			return fmt.Errorf("%s: save %s: journey: %w", s.path, l.ID, err)
		}
	}
	created := l.CreatedAt.UnixNano()
	res, err := s.stmts.insertLead.ExecContext(ctx, l.ID, l.Form, string(fields), a.Page, a.Story,
		a.Referrer, a.Landing, a.UTMSource, a.UTMMedium, a.UTMCampaign, a.UTMTerm, a.UTMContent,
		l.Consent, l.UserAgent, l.IPHash, l.Spam, key, strings.ToLower(l.Email()), created,
		string(journey), a.Journey.FirstStory(), l.Outcome.State(), l.Outcome.Value, l.Outcome.Currency,
		l.Outcome.Reached, unixNano(l.Outcome.At), unixNano(l.Outcome.ContactedAt))
	if err != nil {
		return fmt.Errorf("%s: save %s: %w", s.path, l.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("%s: save %s: %w", s.path, l.ID, err)
	}
	if n == 0 {
		if key == nil {
			return fmt.Errorf("%s: save %s: a lead with this id exists", s.path, l.ID)
		}
		if err := s.stmts.leadByKey.QueryRowContext(ctx, key).Scan(&req.id); err != nil {
			return fmt.Errorf("%s: save %s: idempotency key: %w", s.path, l.ID, err)
		}
		return nil
	}
	for _, sink := range dedupe(req.sinks) {
		if _, err := s.stmts.insertDelivery.ExecContext(ctx, l.ID, sink, created, created); err != nil {
			return fmt.Errorf("%s: save %s: delivery to %s: %w", s.path, l.ID, sink, err)
		}
	}
	req.id, req.created = l.ID, true
	return nil
}

func dedupe(sinks []string) []string {
	if len(sinks) < 2 {
		return sinks
	}
	seen := make(map[string]bool, len(sinks))
	out := make([]string, 0, len(sinks))
	for _, s := range sinks {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
