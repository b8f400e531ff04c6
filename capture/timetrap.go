package capture

import (
	"strconv"
	"strings"
	"time"

	"github.com/storyfront/storyfront/capture/schema"
)

// maxClockAhead is how far in the future a _started time may be and still
// be read as a client clock running fast rather than a made-up value.
const maxClockAhead = 24 * time.Hour

// tooQuick is the time trap (capture.minSeconds; 0 turns it off). _started
// holds when the visitor opened the form, in Unix milliseconds, as the
// theme's script sets it; a post sooner than minSeconds after that is
// spam. Without JavaScript the field keeps the value the generator
// rendered, schema.StartedNoScript, which is accepted untimed.
//
// A post from the site's own pages (baseURL's origin, or the dev server's)
// comes from a form that has the field, so _started absent or empty there
// is spam too. Anything that is neither the marker nor a time, and a time
// more than maxClockAhead in the future, is spam from any origin. Posts
// from other allowed origins (a partner's own form, an API client) may
// leave _started out.
func (h *Handler) tooQuick(values map[string][]string, now time.Time, src source) bool {
	min := h.cfg.Site.Capture.MinSeconds
	if min <= 0 {
		return false
	}
	started := strings.TrimSpace(first(values, fieldStarted))
	switch started {
	case schema.StartedNoScript:
		return false
	case "":
		return src.same || src.origin == h.siteOrigin
	}
	ms, err := strconv.ParseInt(started, 10, 64)
	if err != nil {
		return true
	}
	elapsed := now.UnixMilli() - ms
	if elapsed < 0 {
		return -elapsed > maxClockAhead.Milliseconds()
	}
	return elapsed < int64(min)*1000
}
