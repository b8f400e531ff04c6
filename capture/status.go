package capture

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Lead statuses: what became of a lead, as sales records it.
const (
	StatusNew       = "new"
	StatusContacted = "contacted"
	StatusQualified = "qualified"
	StatusWon       = "won"
	StatusLost      = "lost"
)

// Statuses lists the statuses in funnel order.
func Statuses() []string {
	return []string{StatusNew, StatusContacted, StatusQualified, StatusWon, StatusLost}
}

// Stage is how far down the funnel a status is: new 0, contacted 1,
// qualified 2, won 3; lost -1 (it ends the funnel without moving it).
func Stage(status string) int {
	switch status {
	case StatusContacted:
		return 1
	case StatusQualified:
		return 2
	case StatusWon:
		return 3
	case StatusLost:
		return -1
	}
	return 0
}

// ValidStatus reports whether s is one of Statuses.
func ValidStatus(s string) bool {
	for _, v := range Statuses() {
		if s == v {
			return true
		}
	}
	return false
}

// Outcome is a lead's current status, kept beside it so lists and reports
// read it without the history.
type Outcome struct {
	Status   string `json:"status"`
	Value    int64  `json:"value,omitempty"` // the deal's value in minor units (cents)
	Currency string `json:"currency,omitempty"`
	// Reached is the furthest funnel Stage the lead ever reached.
	Reached int       `json:"reached,omitempty"`
	At      time.Time `json:"at,omitzero"` // last change
	// ContactedAt is the first change past new (for time to first contact).
	ContactedAt time.Time `json:"contactedAt,omitzero"`
}

// State is the status, "new" for a lead nobody has touched.
func (o Outcome) State() string {
	if o.Status == "" {
		return StatusNew
	}
	return o.Status
}

// Apply returns the outcome after c. A change without a value keeps the
// value known so far (marking a qualified lead won without an amount keeps
// its estimate).
func (o Outcome) Apply(c StatusChange) Outcome {
	o.Status = c.Status
	if c.Currency != "" {
		o.Value, o.Currency = c.Value, c.Currency
	}
	if s := Stage(c.Status); s > o.Reached {
		o.Reached = s
	}
	if o.ContactedAt.IsZero() && c.Status != StatusNew {
		o.ContactedAt = c.At
	}
	o.At = c.At
	return o
}

// StatusChange is one entry of a lead's status history.
type StatusChange struct {
	LeadID   string    `json:"-"`
	Status   string    `json:"status"`
	Value    int64     `json:"value,omitempty"` // minor units; only with Currency
	Currency string    `json:"currency,omitempty"`
	Note     string    `json:"note,omitempty"`
	Source   string    `json:"source"` // "cli" or "webhook"
	EventID  string    `json:"eventId,omitempty"`
	At       time.Time `json:"at"`
}

// Validate checks the status, currency and note of c.
func (c StatusChange) Validate() error {
	if !ValidStatus(c.Status) {
		return fmt.Errorf("unknown status %q: want one of %s", Printable(c.Status), strings.Join(Statuses(), ", "))
	}
	if c.Currency != "" && !validCurrency(c.Currency) {
		return fmt.Errorf("currency %q: want a three-letter ISO 4217 code such as EUR", Printable(c.Currency))
	}
	if c.Value < 0 {
		return errors.New("the value must not be negative")
	}
	if len(c.Note) > MaxNote {
		return fmt.Errorf("the note is longer than %d bytes", MaxNote)
	}
	return nil
}

// MaxNote bounds a status note.
const MaxNote = 2000

func validCurrency(c string) bool {
	if len(c) != 3 {
		return false
	}
	for i := 0; i < 3; i++ {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

// ParseAmount reads a deal value such as "12000", "12,000.50" or
// "12000.5" into minor units (cents). Commas are thousands separators; at
// most two decimals; at most 10^13.
func ParseAmount(s string) (int64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", "")
	bad := fmt.Errorf("amount %q: want a number such as 12000 or 12000.50", Printable(s))
	if s == "" || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		return 0, bad
	}
	whole, frac, dot := strings.Cut(s, ".")
	if whole == "" || dot && (frac == "" || len(frac) > 2) || len(whole) > 13 {
		return 0, bad
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err1 := strconv.ParseUint(whole, 10, 64)
	f, err2 := strconv.ParseUint(frac, 10, 64)
	if err1 != nil || err2 != nil {
		return 0, bad
	}
	return int64(w*100 + f), nil
}

// FormatAmount writes minor units with thousands separators and two
// decimals when there are cents: 1200050 → "12,000.50", 1200000 → "12,000".
func FormatAmount(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	whole := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if c := cents % 100; c != 0 {
		fmt.Fprintf(&b, ".%02d", c)
	}
	return b.String()
}

// ErrReplayed is returned by SetStatus for a change whose EventID the
// lead's history already holds.
var ErrReplayed = errors.New("status change already applied (same event id)")

// StatusStore is a Store that also keeps what became of each lead.
type StatusStore interface {
	// SetStatus appends c to the lead's history and updates its Outcome,
	// atomically, and returns the lead as it now is. An unknown lead is
	// an error wrapping ErrNotFound; a non-empty EventID the history
	// already holds is ErrReplayed, with nothing changed.
	SetStatus(ctx context.Context, c StatusChange) (*Lead, error)
	// History returns the lead's status changes, oldest first.
	History(ctx context.Context, leadID string) ([]StatusChange, error)
}
