package devserver

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// EventsPath is where open pages listen for Server-Sent Events.
const EventsPath = "/__storyfront/events"

// Event names sent to pages. "hello" comes first on every connection with
// the current build number and error; a page built earlier reloads.
const (
	eventHello  = "hello"
	eventReload = "reload" // the page changed: reload it
	eventCSS    = "css"    // only stylesheets changed: swap them, keep the scroll
	eventBroken = "broken" // the last rebuild failed: show the overlay
	eventFixed  = "fixed"  // a rebuild succeeded after a failure: hide it
)

// event is one Server-Sent Event.
type event struct {
	name string
	data eventData
}

// eventData is an event's JSON payload.
type eventData struct {
	Build string `json:"build,omitempty"`
	Error string `json:"error,omitempty"`
	// LastGood: with an error, whether a good build is still served under
	// it (false when no build has succeeded yet), so the overlay does not
	// claim to show one that does not exist.
	LastGood bool `json:"lastGood,omitempty"`
}

// hub fans events out to every connected page.
type hub struct {
	mu   sync.Mutex
	subs map[chan event]struct{}
}

func (h *hub) join() (<-chan event, func()) {
	ch := make(chan event, 16)
	h.mu.Lock()
	if h.subs == nil {
		h.subs = map[chan event]struct{}{}
	}
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	}
}

// publish sends e to every page. A page whose queue is full (it stopped
// reading) misses it: the hello event on its reconnection catches it up.
func (h *hub) publish(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- e:
		default:
		}
	}
}

// writeEvent writes e in the text/event-stream format. JSON has no raw
// newlines, so the payload is one data line.
func writeEvent(w http.ResponseWriter, e event) error {
	data, err := json.Marshal(e.data)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, data)
	return err
}

// serveEvents streams events to one page until it leaves or the server stops.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	// Join before reading the state, so nothing published in between is lost.
	events, leave := s.hub.join()
	defer leave()
	st := s.state.Load()
	if _, err := fmt.Fprint(w, "retry: 500\n\n"); err != nil {
		return
	}
	if writeEvent(w, event{eventHello, eventData{Build: st.buildID(), Error: st.err, LastGood: st.err != "" && st.site != nil}}) != nil || rc.Flush() != nil {
		return
	}
	ping := time.NewTicker(20 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case e := <-events:
			if writeEvent(w, e) != nil || rc.Flush() != nil {
				return
			}
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}
