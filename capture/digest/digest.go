// Package digest sends marketing the weekly digest sales.digest in
// site.yaml asks for: the week's leads, what was won, the time to first
// contact and the top stories, by email, once per week even across
// restarts and concurrent workers: the store keeps a "sent for week W"
// marker, claimed before sending.
package digest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/storyfront/storyfront/capture/report"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink"
)

// Lease is how long a claimed but unfinished digest (a process that died
// while sending) blocks another attempt.
const Lease = time.Hour

// Marker keeps which weeks' digests were sent. Both stores implement it.
type Marker interface {
	// ClaimDigest marks week as being sent and reports whether this caller
	// won it: false when it was sent, or claimed less than lease ago.
	ClaimDigest(ctx context.Context, week string, now time.Time, lease time.Duration) (bool, error)
	// DigestSent marks week as sent.
	DigestSent(ctx context.Context, week string, now time.Time) error
}

// Sender sends the weekly digest.
type Sender struct {
	cfg    *schema.Digest
	loc    *time.Location
	from   string
	mailer sink.Mailer
	source report.Source
	marker Marker
	log    *slog.Logger
}

// New returns the digest sender for site, or nil when site.yaml asks for
// none. store must be a report.Source and a Marker; senders are the
// configured sinks (delivery.Senders).
func New(site *schema.Site, senders map[string]sink.Sender, store any, log *slog.Logger) (*Sender, error) {
	d := site.Sales.Digest
	if d == nil {
		return nil, nil
	}
	src, ok1 := store.(report.Source)
	marker, ok2 := store.(Marker)
	if !ok1 || !ok2 {
		return nil, errors.New("sales.digest: the lead store cannot report or keep digest markers")
	}
	mailer, ok := senders[d.Via].(sink.Mailer)
	if !ok {
		return nil, fmt.Errorf("sales.digest: sink %q cannot send email", d.Via)
	}
	loc, err := d.Location()
	if err != nil {
		return nil, fmt.Errorf("sales.digest: timezone: %w", err)
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Sender{cfg: d, loc: loc, from: site.Sales.Sinks[d.Via].From, mailer: mailer, source: src, marker: marker, log: log}, nil
}

// Week is the digest week now falls in: the last send time at or before
// now (weekday, hour, in the digest's time zone), its name (the ISO week
// of that time, "2026-W49") and the period it reports, the seven UTC days
// before the send day.
func Week(d *schema.Digest, loc *time.Location, now time.Time) (name string, send time.Time, period report.Filter) {
	t := now.In(loc)
	send = time.Date(t.Year(), t.Month(), t.Day(), d.SendHour(), 0, 0, 0, loc)
	back := (int(send.Weekday()) - int(d.Day()) + 7) % 7
	send = send.AddDate(0, 0, -back)
	if send.After(t) {
		send = send.AddDate(0, 0, -7)
	}
	y, w := send.ISOWeek()
	day := time.Date(send.UTC().Year(), send.UTC().Month(), send.UTC().Day(), 0, 0, 0, 0, time.UTC)
	return fmt.Sprintf("%d-W%02d", y, w), send, report.Filter{Since: day.AddDate(0, 0, -7), Until: day}
}

// RunOnce sends this week's digest if its time has come and nobody sent
// it yet; it reports whether it sent it. Call it every minute or so.
func (s *Sender) RunOnce(ctx context.Context, now time.Time) (bool, error) {
	week, _, period := Week(s.cfg, s.loc, now)
	ok, err := s.marker.ClaimDigest(ctx, week, now, Lease)
	if err != nil || !ok {
		return false, err
	}
	d, err := s.source.Report(ctx, period)
	if err != nil {
		return false, fmt.Errorf("digest %s: %w", week, err)
	}
	e := Email(d, week, s.cfg, s.from)
	if err := s.mailer.Mail(ctx, e); err != nil {
		// The claim stays: another try comes after Lease.
		return false, fmt.Errorf("digest %s: %w", week, err)
	}
	if err := s.marker.DigestSent(ctx, week, now); err != nil {
		return true, fmt.Errorf("digest %s: sent, but not marked: %w", week, err)
	}
	s.log.Info("weekly digest sent", "week", week, "leads", d.Leads)
	return true, nil
}

// Run calls RunOnce every interval until ctx ends, logging failures.
func (s *Sender) Run(ctx context.Context, interval time.Duration, now func() time.Time) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		if _, err := s.RunOnce(ctx, now()); err != nil && ctx.Err() == nil {
			s.log.Error("weekly digest", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
