package capture

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/storyfront/storyfront/capture/schema"
)

// DefaultMaxBody is the largest request body the handler reads: 64 KiB.
const DefaultMaxBody = 64 << 10

// DefaultMaxClients is how many clients the rate limiter remembers.
const DefaultMaxClients = 10000

// Metadata fields a form sends beside its declared fields.
const (
	fieldPage        = "_page"
	fieldStory       = "_story"
	fieldReferrer    = "_referrer"
	fieldLanding     = "_landing"
	fieldStarted     = schema.StartedField
	fieldIdempotency = "_idempotency"
)

// StatusPath is where the status webhook is served, under the endpoint.
// A form cannot be named so (form names do not start with _).
const StatusPath = "_status"

// HandlerConfig is what NewHandler needs. Site and Store are required.
type HandlerConfig struct {
	// Site holds the forms, capture settings and baseURL, as schema.Load
	// returns them (defaults applied, validated).
	Site *schema.Site
	// Store keeps leads; the handler answers 2xx only after Save returned.
	Store Store
	// Route names the sinks a lead is delivered to; nil means none. It is
	// never called for spam.
	Route func(*Lead) []string
	// OnStored is called with the request's context and a new lead's id
	// after it is stored (not for spam or repeats), e.g. to wake the
	// delivery worker; it must not block.
	OnStored func(ctx context.Context, leadID string)
	// Logger gets one line per stored lead (by id, no personal data); nil
	// discards.
	Logger *slog.Logger
	// IPSalt salts the client IP hash; nil means a random salt made by
	// NewHandler (hashes then differ after a restart).
	IPSalt []byte
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ClientIP returns the client's address; nil means the host of
	// r.RemoteAddr. Set it when behind a proxy you trust.
	ClientIP func(r *http.Request) string
	// MaxBody is the largest body accepted (0: DefaultMaxBody); larger is 413.
	MaxBody int64
	// MaxClients bounds the rate limiter's memory (0: DefaultMaxClients).
	MaxClients int
	// Status, when set, serves POST /_status: the signed status webhook
	// (package capture/statushook). Nil: /_status is 404.
	Status http.Handler
	// SelfOrigins are the origins (scheme://host[:port]) of the server the
	// handler runs in when that server also serves the forms' pages, as
	// `storyfront serve` does: a post from one of them is same-origin (a
	// relative redirect, no CORS headers). The request's Host header is
	// never trusted for this: any client can set it.
	SelfOrigins []string
}

// Handler receives form posts at /<form> (mount it under the capture
// endpoint with http.StripPrefix), validates them against the site's
// forms, stores each lead and answers. See docs/capture.md for the contract.
type Handler struct {
	cfg     HandlerConfig
	allowed map[string]bool
	self    map[string]bool
	// siteOrigin is baseURL's origin: the site's own pages ("" if none).
	siteOrigin string
	ids        *idSource
	limits     *limiter
	log        *slog.Logger
	now        func() time.Time
	ip         func(*http.Request) string
}

var _ http.Handler = (*Handler)(nil)

// NewHandler returns the capture handler for cfg.
func NewHandler(cfg HandlerConfig) (*Handler, error) {
	if cfg.Site == nil {
		return nil, errors.New("capture: HandlerConfig.Site is nil")
	}
	if cfg.Store == nil {
		return nil, errors.New("capture: HandlerConfig.Store is nil")
	}
	if len(cfg.IPSalt) == 0 {
		cfg.IPSalt = make([]byte, 32)
		if _, err := rand.Read(cfg.IPSalt); err != nil {
			return nil, fmt.Errorf("capture: IP salt: %w", err)
		}
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxClients <= 0 {
		cfg.MaxClients = DefaultMaxClients
	}
	self, err := selfOrigins(cfg.SelfOrigins)
	if err != nil {
		return nil, err
	}
	h := &Handler{
		cfg:     cfg,
		allowed: allowedOrigins(cfg.Site),
		self:    self,
		ids:     newIDSource(),
		limits:  newLimiter(cfg.Site.Capture.RateLimit, cfg.MaxClients),
		log:     cfg.Logger,
		now:     cfg.Now,
		ip:      cfg.ClientIP,
	}
	if o, err := schema.Origin(cfg.Site.BaseURL); err == nil {
		h.siteOrigin = o
	}
	if h.log == nil {
		h.log = slog.New(slog.DiscardHandler)
	}
	if h.now == nil {
		h.now = time.Now
	}
	if h.ip == nil {
		h.ip = remoteIP
	}
	return h, nil
}

// request is what the handler has learned about one request so far.
type request struct {
	json bool         // answer in JSON
	src  source       // where it came from
	back string       // the error page's link back to the form
	form *schema.Form // nil until the form is known
}

// fieldOrder is a field's position in the form; other names (consent)
// come after the fields.
func (rq *request) fieldOrder(name string) int {
	if rq.form != nil {
		for i := range rq.form.Fields {
			if rq.form.Fields[i].Name == name {
				return i
			}
		}
		return len(rq.form.Fields)
	}
	return 0
}

// ServeHTTP handles POST /<form> and its CORS preflight.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rq := &request{json: wantsJSON(r), src: h.sourceOf(r)}
	rq.back = backLink(r, rq.src, h.cfg.Site, "/")
	setCORS(w, rq.src)

	name := strings.Trim(r.URL.Path, "/")
	if name == StatusPath && h.cfg.Status != nil {
		h.cfg.Status.ServeHTTP(w, r)
		return
	}
	form := h.cfg.Site.Forms[name]
	if form == nil || strings.Contains(name, "/") {
		h.reply(w, rq, http.StatusNotFound, "There is no such form.", nil, false)
		return
	}
	rq.form = form
	if r.Method == http.MethodOptions {
		h.preflight(w, r, rq)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST, OPTIONS")
		h.reply(w, rq, http.StatusMethodNotAllowed, "Forms are sent with POST.", nil, false)
		return
	}
	if !rq.src.allowed {
		h.reply(w, rq, http.StatusForbidden, "This form may not be sent from that site.", nil, false)
		return
	}
	now := h.now()
	ipHash, limitKey := hashIP(h.cfg.IPSalt, h.ip(r))
	if !h.limits.allow(limitKey, now) {
		h.reply(w, rq, http.StatusTooManyRequests, "Too many messages from your address: please wait a minute and try again.", nil, true)
		return
	}
	values, ok := h.readBody(w, r, rq)
	if !ok {
		return
	}
	rq.back = backLink(r, rq.src, h.cfg.Site, first(values, fieldPage))

	key := r.Header.Get("Idempotency-Key")
	if key == "" {
		key = first(values, fieldIdempotency)
	}
	if !validKey(key) {
		h.reply(w, rq, http.StatusBadRequest, "The idempotency key must be at most 200 printable ASCII characters.", nil, false)
		return
	}

	fields, errs := form.CheckValues(values)
	repeatedMetadata(values, errs)
	journey := journeyField(values, now, errs)
	spam := h.isSpam(values, now, rq.src)
	if len(errs) > 0 && !spam {
		h.reply(w, rq, http.StatusUnprocessableEntity, "Some fields need your attention.", errs, false)
		return
	}

	id, err := h.ids.next(now)
	if err != nil {
		h.log.Error("lead id", "form", name, "err", err)
		h.reply(w, rq, http.StatusServiceUnavailable, "The form could not be saved: please try again.", nil, true)
		return
	}
	lead := &Lead{
		ID:     id,
		Form:   name,
		Fields: fields,
		Attribution: Attribution{
			Page:        clean(first(values, fieldPage), 2000),
			Story:       clean(first(values, fieldStory), 300),
			Referrer:    clean(first(values, fieldReferrer), 2000),
			Landing:     clean(first(values, fieldLanding), 2000),
			UTMSource:   clean(first(values, "_utm_source"), 200),
			UTMMedium:   clean(first(values, "_utm_medium"), 200),
			UTMCampaign: clean(first(values, "_utm_campaign"), 200),
			UTMTerm:     clean(first(values, "_utm_term"), 200),
			UTMContent:  clean(first(values, "_utm_content"), 200),
			Journey:     journey,
		},
		Consent:        schema.Checked(first(values, schema.ConsentField)),
		UserAgent:      clean(r.UserAgent(), 256),
		IPHash:         ipHash,
		Spam:           spam,
		IdempotencyKey: key,
		CreatedAt:      now,
	}
	var sinks []string
	if !spam && h.cfg.Route != nil {
		sinks = h.cfg.Route(lead)
	}
	storedID, created, err := h.cfg.Store.Save(r.Context(), lead, sinks)
	if err != nil {
		h.log.Error("lead not stored", "form", name, "err", err)
		h.reply(w, rq, http.StatusServiceUnavailable, "The form could not be saved: please try again.", nil, true)
		return
	}
	h.log.Info("lead stored", "id", storedID, "form", name, "spam", spam, "repeat", !created, "sinks", len(sinks))
	if created && !spam && h.cfg.OnStored != nil {
		h.cfg.OnStored(r.Context(), storedID)
	}
	if rq.json {
		writeJSON(w, http.StatusCreated, struct {
			ID string `json:"id"`
		}{storedID})
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, thankYouURL(rq.src, h.cfg.Site, form.ThankYou), http.StatusSeeOther)
}

// preflight answers a CORS preflight for an allowed origin.
func (h *Handler) preflight(w http.ResponseWriter, r *http.Request, rq *request) {
	w.Header().Set("Allow", "POST, OPTIONS")
	if r.Header.Get("Origin") != "" && !rq.src.allowed {
		h.reply(w, rq, http.StatusForbidden, "This form may not be sent from that site.", nil, false)
		return
	}
	if rq.src.cors {
		hd := w.Header()
		hd.Set("Access-Control-Allow-Methods", "POST")
		hd.Set("Access-Control-Allow-Headers", "Accept, Content-Type, Idempotency-Key")
		hd.Set("Access-Control-Max-Age", "600")
	}
	w.WriteHeader(http.StatusNoContent)
}

// readBody reads and decodes the body, answering 413, 415 or 400 itself.
func (h *Handler) readBody(w http.ResponseWriter, r *http.Request, rq *request) (map[string][]string, bool) {
	tooBig := func() {
		h.reply(w, rq, http.StatusRequestEntityTooLarge, fmt.Sprintf("The form is too large (at most %d KiB).", h.cfg.MaxBody>>10), nil, false)
	}
	if r.ContentLength > h.cfg.MaxBody {
		tooBig()
		return nil, false
	}
	ct := r.Header.Get("Content-Type")
	if _, _, err := checkContentType(ct); err != nil {
		h.reply(w, rq, err.(*bodyError).status, err.Error(), nil, false)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, h.cfg.MaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			tooBig()
		} else {
			h.reply(w, rq, http.StatusBadRequest, "The form body could not be read.", nil, false)
		}
		return nil, false
	}
	values, err := parseBody(ct, body)
	if err != nil {
		var be *bodyError
		if errors.As(err, &be) {
			h.reply(w, rq, be.status, be.msg, nil, false)
		} else {
			h.reply(w, rq, http.StatusBadRequest, "The form body could not be read.", nil, false)
		}
		return nil, false
	}
	return values, true
}

// isSpam applies the honeypot and the time trap (timetrap.go).
func (h *Handler) isSpam(values map[string][]string, now time.Time, src source) bool {
	for _, v := range values[h.cfg.Site.Capture.Honeypot] {
		if v != "" {
			return true
		}
	}
	return h.tooQuick(values, now, src)
}

// validKey accepts an empty key or up to 200 printable ASCII characters.
func validKey(k string) bool {
	if len(k) > 200 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return false
		}
	}
	return true
}

func first(values map[string][]string, name string) string {
	if vs := values[name]; len(vs) > 0 {
		return vs[0]
	}
	return ""
}
