// Package statushook receives what became of a lead from a CRM: a signed
// POST <endpoint>/_status (Standard Webhooks signature, the secret named
// by sales.statusWebhook.secretEnv in site.yaml) that records a status
// change the way 'storyfront leads status' does. docs/sales.md has the
// contract.
package statushook

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/sink/webhook"
)

// maxBody bounds a status update's body.
const maxBody = 16 << 10

// DefaultTolerance is how far a webhook-timestamp may be from now.
const DefaultTolerance = 5 * time.Minute

// Config is what New needs. Store and Key are required.
type Config struct {
	Store capture.StatusStore
	// Key is the HMAC key: webhook.DecodeSecret of the whsec_ secret.
	Key []byte
	// Tolerance bounds the timestamp's distance from now (0: DefaultTolerance).
	Tolerance time.Duration
	Now       func() time.Time // nil: time.Now
	Logger    *slog.Logger     // nil: discard
}

// Handler serves POST /_status.
type Handler struct{ cfg Config }

// New returns the status webhook handler for cfg.
func New(cfg Config) (*Handler, error) {
	if cfg.Store == nil || len(cfg.Key) == 0 {
		return nil, errors.New("statushook: Store and Key are required")
	}
	if cfg.Tolerance <= 0 {
		cfg.Tolerance = DefaultTolerance
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Handler{cfg: cfg}, nil
}

// Update is the JSON body of a status update.
type Update struct {
	Lead     string          `json:"lead"`   // the lead id (webhook-id, X-Storyfront-Lead)
	Status   string          `json:"status"` // new, contacted, qualified, won, lost
	Value    json.RawMessage `json:"value"`  // 12000, 12000.5 or "12,000.50"; optional
	Currency string          `json:"currency"`
	Note     string          `json:"note"`
}

// reply writes a small JSON answer.
func reply(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

type problem struct {
	Error string `json:"error"`
}

// ServeHTTP verifies the signature first, then applies the update. A call
// that is unsigned, wrongly signed, stale (timestamp outside the
// tolerance) or replayed (its webhook-id already applied to the lead) is
// refused with 401 and changes nothing.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		reply(w, http.StatusMethodNotAllowed, problem{"status updates are sent with POST"})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		reply(w, http.StatusRequestEntityTooLarge, problem{fmt.Sprintf("the body is larger than %d KiB", maxBody>>10)})
		return
	}
	if err := webhook.Verify(h.cfg.Key, r.Header, body, h.cfg.Now(), h.cfg.Tolerance); err != nil {
		h.cfg.Logger.Warn("status update refused: signature", "webhook-id", capture.Printable(r.Header.Get(webhook.HeaderID)))
		reply(w, http.StatusUnauthorized, problem{"the webhook signature is missing, wrong or stale"})
		return
	}
	c, err := parseUpdate(body)
	if err != nil {
		reply(w, http.StatusUnprocessableEntity, problem{err.Error()})
		return
	}
	c.EventID = r.Header.Get(webhook.HeaderID)
	c.Source = "webhook"
	c.At = h.cfg.Now().UTC()
	l, err := h.cfg.Store.SetStatus(r.Context(), c)
	switch {
	case errors.Is(err, capture.ErrNotFound):
		reply(w, http.StatusNotFound, problem{"no lead with that id"})
	case errors.Is(err, capture.ErrReplayed):
		h.cfg.Logger.Warn("status update refused: replayed", "lead", c.LeadID, "webhook-id", capture.Printable(c.EventID))
		reply(w, http.StatusUnauthorized, problem{"this webhook-id was already applied"})
	case err != nil:
		h.cfg.Logger.Error("status update not stored", "lead", c.LeadID, "err", err)
		reply(w, http.StatusServiceUnavailable, problem{"the update could not be stored: retry later"})
	default:
		h.cfg.Logger.Info("status updated", "lead", l.ID, "status", l.Outcome.State())
		reply(w, http.StatusOK, struct {
			ID     string          `json:"id"`
			Status capture.Outcome `json:"status"`
		}{l.ID, l.Outcome})
	}
}

// parseUpdate decodes and checks an Update.
func parseUpdate(body []byte) (capture.StatusChange, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var u Update
	if err := dec.Decode(&u); err != nil || dec.More() {
		return capture.StatusChange{}, errors.New(`the body must be one JSON object {"lead", "status", "value", "currency", "note"}`)
	}
	c := capture.StatusChange{LeadID: strings.TrimSpace(u.Lead), Status: strings.ToLower(strings.TrimSpace(u.Status)),
		Note: strings.TrimSpace(u.Note)}
	if c.LeadID == "" || len(c.LeadID) > 64 {
		return c, errors.New("lead: the lead id is missing")
	}
	if v := bytes.TrimSpace(u.Value); len(v) > 0 && string(v) != "null" {
		s := string(v)
		if v[0] == '"' {
			if err := json.Unmarshal(v, &s); err != nil {
				return c, errors.New("value: want a number")
			}
		} else if _, err := strconv.ParseFloat(s, 64); err != nil {
			return c, errors.New("value: want a number")
		}
		amount, err := capture.ParseAmount(s)
		if err != nil {
			return c, fmt.Errorf("value: %w", err)
		}
		c.Value = amount
		c.Currency = strings.ToUpper(strings.TrimSpace(u.Currency))
		if c.Currency == "" {
			return c, errors.New("currency: a value needs its currency (e.g. EUR)")
		}
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	return c, nil
}
