package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyfront/storyfront/internal/testpart"
)

// TestBusyPortExitsAtOnce runs every command that listens, as the real
// binary, on a port that is taken: each must exit non-zero within a
// second or two, saying the port is in use. capture serve used to hang
// in its deferred worker stop until Ctrl-C.
func TestBusyPortExitsAtOnce(t *testing.T) {
	dir := t.TempDir()
	bin := buildStoryfront(t, dir)
	site := copyExampleSite(t)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	addr := taken.Addr().String()
	for _, args := range [][]string{
		{"capture", "serve", "-s", "testdata/capture", "--addr", addr, "--db", filepath.Join(dir, "c.db")},
		{"serve", "-s", site, "--addr", addr, "--db", filepath.Join(dir, "s.db")},
	} {
		t.Run(args[0]+"/"+args[1], func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, bin, args...)
			start := time.Now()
			out, err := cmd.CombinedOutput()
			took := time.Since(start)
			if ctx.Err() != nil {
				t.Fatalf("still running after 10s on a busy port; output:\n%s", out)
			}
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() == 0 {
				t.Fatalf("exit: %v, want a non-zero status; output:\n%s", err, out)
			}
			if !strings.Contains(string(out), "already in use") || !strings.Contains(string(out), addr) {
				t.Errorf("the message must say the port %s is in use:\n%s", addr, out)
			}
			// The process itself needs a few milliseconds; the margin is
			// for a loaded machine.
			if took > 2*time.Second {
				t.Errorf("took %v to exit, want about a second at most", took)
			}
			t.Logf("exited in %v", took.Round(time.Millisecond))
		})
	}
}

// dialFrom opens a TCP connection to addr from the loopback address from
// (127.0.0.x: every one of them is this machine, so each is a different
// client address to the server).
func dialFrom(t *testing.T, from, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 2 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// keepAlive sends one request on c and reads the answer, leaving c open
// and idle as a keep-alive client does.
func keepAlive(t *testing.T, c net.Conn, br *bufio.Reader) {
	t.Helper()
	c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := io.WriteString(c, "GET /contact HTTP/1.1\r\nHost: x\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	c.SetDeadline(time.Time{})
}

// closedByServer reports whether the server closes c within limit.
func closedByServer(c net.Conn, br *bufio.Reader, limit time.Duration) bool {
	c.SetReadDeadline(time.Now().Add(limit))
	_, err := br.ReadByte()
	return err == io.EOF || err != nil && !isTimeout(err)
}

func isTimeout(err error) bool {
	ne, ok := err.(net.Error)
	return ok && ne.Timeout()
}

// TestConnectionCaps holds idle keep-alive connections open against
// serveHTTP, as the descriptor-exhaustion attack did: one client gets no
// more than its share, the total is capped, and idle connections are
// closed soon, so a real client's post still gets through.
func TestConnectionCaps(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	})
	ln, err := listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var out testpart.Output
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	const idle = 700 * time.Millisecond
	go func() {
		done <- serveHTTP(ctx, NewMain(&out, &out), log, ln, h, serverOptions{limits: connLimits{Max: 6, PerIP: 4}, idle: idle})
	}()
	defer func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(15 * time.Second):
			t.Error("serveHTTP did not stop")
		}
	}()
	testpart.WaitTCP(t, addr)

	// The attacker, at 127.0.0.1, holds 4 idle keep-alive connections.
	type conn struct {
		c  net.Conn
		br *bufio.Reader
	}
	var attacker []conn
	for range 4 {
		c := dialFrom(t, "127.0.0.1", addr)
		br := bufio.NewReader(c)
		keepAlive(t, c, br)
		attacker = append(attacker, conn{c, br})
	}
	// A fifth from the same address is closed at once.
	fifth := dialFrom(t, "127.0.0.1", addr)
	if !closedByServer(fifth, bufio.NewReader(fifth), time.Second) {
		t.Fatal("a fifth connection from one address was kept open; want the per-client cap of 4")
	}
	// Another client is served meanwhile.
	post := func(from string) (int, error) {
		tr := &http.Transport{DialContext: (&net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}}).DialContext, DisableKeepAlives: true}
		defer tr.CloseIdleConnections()
		client := &http.Client{Transport: tr, Timeout: 5 * time.Second}
		res, err := client.Post("http://"+addr+"/contact", "application/x-www-form-urlencoded", strings.NewReader("email=a%40example.com"))
		if err != nil {
			return 0, err
		}
		res.Body.Close()
		return res.StatusCode, nil
	}
	if code, err := post("127.0.0.2"); err != nil || code != http.StatusCreated {
		t.Fatalf("a post from another client while one holds its cap: %d, %v", code, err)
	}
	// Two more idle from a second address fill the total of 6; a post
	// from a third waits for a slot, which the idle timeout frees.
	for range 2 {
		c := dialFrom(t, "127.0.0.3", addr)
		keepAlive(t, c, bufio.NewReader(c))
	}
	start := time.Now()
	if code, err := post("127.0.0.4"); err != nil || code != http.StatusCreated {
		t.Fatalf("a post while the total cap is held by idle connections: %d, %v", code, err)
	}
	t.Logf("post at the total cap answered after %v (idle timeout %v)", time.Since(start).Round(time.Millisecond), idle)
	// The idle timeout closed the attacker's connections.
	for i, a := range attacker {
		if !closedByServer(a.c, a.br, 3*idle) {
			t.Errorf("idle connection %d still open after %v", i, 3*idle)
		}
	}
}

func TestMaxConnsFor(t *testing.T) {
	for _, tc := range []struct {
		limit uint64
		want  int
	}{{1 << 20, defaultMaxConns}, {1024, 1024 - fdReserve}, {100, 50}, {1, 1}} {
		if got := maxConnsFor(tc.limit); got != tc.want {
			t.Errorf("maxConnsFor(%d) = %d, want %d", tc.limit, got, tc.want)
		}
	}
}

// TestFileLimitRaised checks that raiseFileLimit leaves the soft limit on
// open files at the hard limit and reports it (read from /proc on Linux).
func TestFileLimitRaised(t *testing.T) {
	if _, err := os.Stat("/proc/self/limits"); err != nil {
		t.Skip("no /proc/self/limits on this system")
	}
	got, err := raiseFileLimit()
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("/proc/self/limits")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "Max open files") {
			f := strings.Fields(line)
			if soft, hard := f[3], f[4]; soft != hard || soft != fmt.Sprint(got) {
				t.Errorf("open files: soft %s, hard %s, raiseFileLimit %d; want all equal", soft, hard, got)
			}
			return
		}
	}
	t.Fatal("no Max open files line in /proc/self/limits")
}

func TestClientHost(t *testing.T) {
	for _, tc := range []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.ParseIP("203.0.113.7"), Port: 5}, "203.0.113.7"},
		{&net.TCPAddr{IP: net.ParseIP("2001:db8:1:2:aaaa::1"), Port: 5}, "2001:db8:1:2::/64"},
		{&net.TCPAddr{IP: net.ParseIP("2001:db8:1:2:bbbb::9"), Port: 5}, "2001:db8:1:2::/64"},
		{&net.TCPAddr{IP: net.ParseIP("::ffff:198.51.100.1"), Port: 5}, "198.51.100.1"},
	} {
		if got := clientHost(tc.addr); got != tc.want {
			t.Errorf("clientHost(%v) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}
