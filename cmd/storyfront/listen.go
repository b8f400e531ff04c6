package main

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"syscall"
)

// listen opens addr, explaining the usual failure: the port is taken.
// Every command that listens opens its port first, before anything that
// would have to be stopped, so a busy port is reported at once.
func listen(addr string) (net.Listener, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--addr %q: want host:port, e.g. 127.0.0.1:1313", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		next := "1314"
		if n, convErr := strconv.Atoi(port); convErr == nil && n < 65535 {
			next = strconv.Itoa(n + 1)
		}
		return nil, fmt.Errorf("port %s is already in use (%s): stop the other server, or pick another port with --addr %s",
			port, addr, net.JoinHostPort(host, next))
	}
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// fdReserve is how many file descriptors are kept for what is not a
// client connection: the database and its WAL, logs, outgoing deliveries.
const fdReserve = 128

// defaultMaxConns is the connection cap when the file limit allows more.
const defaultMaxConns = 4096

// maxConnsFor returns the connection cap for a process whose file limit
// is fdLimit: defaultMaxConns, or less when the limit leaves less room.
func maxConnsFor(fdLimit uint64) int {
	if fdLimit < 2*fdReserve {
		return max(int(fdLimit)/2, 1)
	}
	return int(min(fdLimit-fdReserve, defaultMaxConns))
}

// connLimits caps the connections a server holds open.
type connLimits struct {
	// Max is the most connections open at once; when that many are open,
	// Accept waits for one to close (new ones queue in the kernel's
	// backlog, using no file descriptor). 0: no cap.
	Max int
	// PerIP is the most connections open from one client address; a
	// connection beyond it is closed at once. 0: no cap.
	PerIP int
}

// limitListener is a net.Listener that enforces connLimits.
type limitListener struct {
	net.Listener
	limits connLimits
	slots  chan struct{} // one token per open connection (nil: no Max)
	done   chan struct{} // closed by Close: a waiting Accept returns

	closeOnce sync.Once
	mu        sync.Mutex
	byIP      map[string]int
	refused   int // connections closed for PerIP, since the last refusedSince call
}

func limitListen(ln net.Listener, limits connLimits) *limitListener {
	l := &limitListener{Listener: ln, limits: limits, done: make(chan struct{}), byIP: map[string]int{}}
	if limits.Max > 0 {
		l.slots = make(chan struct{}, limits.Max)
	}
	return l
}

// Accept waits for a free slot, then returns the next connection from a
// client that has fewer than PerIP open.
func (l *limitListener) Accept() (net.Conn, error) {
	for {
		if l.slots != nil {
			select {
			case l.slots <- struct{}{}:
			case <-l.done:
				return nil, net.ErrClosed
			}
		}
		c, err := l.Listener.Accept()
		if err != nil {
			l.release()
			return nil, err
		}
		ip := clientHost(c.RemoteAddr())
		l.mu.Lock()
		if l.limits.PerIP > 0 && l.byIP[ip] >= l.limits.PerIP {
			l.refused++
			l.mu.Unlock()
			c.Close()
			l.release()
			continue
		}
		l.byIP[ip]++
		l.mu.Unlock()
		return &limitConn{Conn: c, l: l, ip: ip}, nil
	}
}

// Close stops listening and wakes an Accept waiting for a slot.
func (l *limitListener) Close() error {
	l.closeOnce.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// refusedSince returns how many connections were refused for the per-IP
// cap since the previous call.
func (l *limitListener) refusedSince() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := l.refused
	l.refused = 0
	return n
}

func (l *limitListener) release() {
	if l.slots != nil {
		<-l.slots
	}
}

func (l *limitListener) closed(ip string) {
	l.mu.Lock()
	if l.byIP[ip]--; l.byIP[ip] <= 0 {
		delete(l.byIP, ip)
	}
	l.mu.Unlock()
	l.release()
}

// limitConn gives its slot back when closed (once, however often Close is
// called).
type limitConn struct {
	net.Conn
	l    *limitListener
	ip   string
	once sync.Once
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(func() { c.l.closed(c.ip) })
	return err
}

// clientHost names a connection's client for the per-client cap: its IPv4
// address, or its IPv6 /64 network (one subscriber gets a whole /64, as
// the rate limiter also assumes).
func clientHost(a net.Addr) string {
	if ta, ok := a.(*net.TCPAddr); ok {
		if ta.IP.To4() == nil && len(ta.IP) == net.IPv6len {
			return ta.IP.Mask(net.CIDRMask(64, 128)).String() + "/64"
		}
		return ta.IP.String()
	}
	host, _, err := net.SplitHostPort(a.String())
	if err != nil {
		return a.String()
	}
	return host
}
