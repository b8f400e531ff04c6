package testpart

import (
	"fmt"
	"net"
	"testing"
	"time"
)

// FreePort returns a loopback port nothing listens on (yet), for a part to
// listen on or for a test of a server that is down.
func FreePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// FreeAddr returns a loopback host:port nothing listens on (yet).
func FreeAddr(t testing.TB) string {
	t.Helper()
	return fmt.Sprintf("127.0.0.1:%d", FreePort(t))
}

// WaitTCP waits up to 15s for something to accept connections on addr
// (host:port), and fails the test if nothing does.
func WaitTCP(t testing.TB, addr string) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("nothing listens on %s after 15s", addr)
		}
	}
}
