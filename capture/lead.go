package capture

import (
	"context"
	"errors"
	"time"
)

// Lead is one stored form submission.
type Lead struct {
	ID             string            // sortable unique id (ULID)
	Form           string            // the form's name in site.yaml
	Fields         map[string]string // the form's declared fields only
	Attribution    Attribution
	Consent        bool
	UserAgent      string
	IPHash         string // salted hash of the client IP; the IP itself is never stored
	Spam           bool
	IdempotencyKey string
	CreatedAt      time.Time
	// Outcome is what sales recorded (status.go); zero for a new lead.
	Outcome Outcome
}

// Attribution says which story and campaign produced a lead. Its JSON form
// is what exports and webhook payloads carry.
type Attribution struct {
	Page        string `json:"page,omitempty"`     // path of the page the form was on
	Story       string `json:"story,omitempty"`    // title of the story the visitor was reading
	Referrer    string `json:"referrer,omitempty"` // the page's referrer
	Landing     string `json:"landing,omitempty"`  // first landing page of the visit
	UTMSource   string `json:"utmSource,omitempty"`
	UTMMedium   string `json:"utmMedium,omitempty"`
	UTMCampaign string `json:"utmCampaign,omitempty"`
	UTMTerm     string `json:"utmTerm,omitempty"`
	UTMContent  string `json:"utmContent,omitempty"`
	// Journey is the visit history the browser kept (journey.go); nil
	// when the visitor's browser sent none.
	Journey *Journey `json:"journey,omitempty"`
}

// Delivery states.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryDead      = "dead"
)

// Delivery is the state of one lead's delivery to one sink.
type Delivery struct {
	LeadID    string
	Sink      string
	State     string // DeliveryPending, DeliveryDelivered or DeliveryDead
	Attempts  int
	NextAt    time.Time // when a pending delivery is next tried
	LastError string
	UpdatedAt time.Time
}

// ErrNotFound is returned by a Store for an unknown lead id.
var ErrNotFound = errors.New("lead not found")

// Store keeps leads durably. Save must not return before the lead (and its
// pending deliveries) is durably written: the handler answers 2xx after it.
type Store interface {
	// Save stores l with a pending delivery for each sink, atomically.
	// If a lead with the same non-empty IdempotencyKey exists, it stores
	// nothing and returns the existing lead's id with created == false.
	Save(ctx context.Context, l *Lead, sinks []string) (id string, created bool, err error)
	Get(ctx context.Context, id string) (*Lead, error)
	// List returns leads oldest first.
	List(ctx context.Context, q Query) ([]*Lead, error)
	// Erase removes every lead whose email field equals email (case-insensitive)
	// and their deliveries, and returns how many leads it removed.
	Erase(ctx context.Context, email string) (int, error)

	Deliveries(ctx context.Context, leadID string) ([]Delivery, error)
	// Due returns pending deliveries whose NextAt is not after now, oldest first.
	Due(ctx context.Context, now time.Time, limit int) ([]Delivery, error)
	// Dead returns dead-lettered deliveries.
	Dead(ctx context.Context, limit int) ([]Delivery, error)
	UpdateDelivery(ctx context.Context, d Delivery) error
	Close() error
}

// Query selects leads for List.
type Query struct {
	Form        string
	Since       time.Time // zero: no lower bound
	IncludeSpam bool
	Limit       int // 0: no limit
}
