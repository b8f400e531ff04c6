package capture

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// remoteIP is the default ClientIP: the host part of r.RemoteAddr.
func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// hashIP returns the salted hash of ip that leads store, and the key the
// rate limiter counts by: the same hash for IPv4, the hash of the /64
// network for IPv6 (one client usually holds a whole /64).
func hashIP(salt []byte, ip string) (stored, limitKey string) {
	stored = hmacHex(salt, ip)
	addr, err := netip.ParseAddr(ip)
	if err != nil || !addr.Is6() || addr.Is4In6() {
		return stored, stored
	}
	prefix, err := addr.Prefix(64)
	if err != nil {
		return stored, stored
	}
	return stored, hmacHex(salt, prefix.String())
}

func hmacHex(salt []byte, s string) string {
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil)[:16])
}

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
