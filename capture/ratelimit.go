package capture

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// limiter allows each client perMinute posts per minute (with a burst of
// as many). It remembers at most max clients: when full it forgets the
// idle ones (whose bucket has refilled, so forgetting changes nothing),
// then, if still full, arbitrary ones.
type limiter struct {
	mu        sync.Mutex
	perMinute int
	max       int
	clients   map[string]*clientLimit
}

type clientLimit struct {
	lim  *rate.Limiter
	seen time.Time
}

func newLimiter(perMinute, maxClients int) *limiter {
	return &limiter{perMinute: perMinute, max: maxClients, clients: make(map[string]*clientLimit)}
}

// allow reports whether the client may post now, and counts the post.
func (l *limiter) allow(key string, now time.Time) bool {
	if l.perMinute <= 0 {
		return true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	c := l.clients[key]
	if c == nil {
		if len(l.clients) >= l.max {
			l.evict(now)
		}
		c = &clientLimit{lim: rate.NewLimiter(rate.Limit(float64(l.perMinute)/60), l.perMinute)}
		l.clients[key] = c
	}
	c.seen = now
	return c.lim.AllowN(now, 1)
}

func (l *limiter) evict(now time.Time) {
	for k, c := range l.clients {
		if now.Sub(c.seen) >= time.Minute {
			delete(l.clients, k)
		}
	}
	for k := range l.clients {
		if len(l.clients) < l.max*9/10 {
			break
		}
		delete(l.clients, k)
	}
}

// size is how many clients the limiter remembers.
func (l *limiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.clients)
}
