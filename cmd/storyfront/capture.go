package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/delivery"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/statushook"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

// ipSaltEnv names the environment variable holding the client-IP hash salt.
const ipSaltEnv = "STORYFRONT_IP_SALT"

func (m *Main) runCapture(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(m.Stderr, "Usage: storyfront capture <command> [flags]\n\nCommands:\n  serve     receive form posts and store the leads in a SQLite file")
		fmt.Fprintln(m.Stderr, "  package   write the AWS Lambda deployment zip (bootstrap + site.yaml)")
		if len(args) == 0 {
			return errReported
		}
		return nil
	}
	switch args[0] {
	case "serve":
		return m.runCaptureServe(ctx, args[1:])
	case "package":
		return m.runCapturePackage(ctx, args[1:])
	default:
		return fmt.Errorf("capture: unknown command %q (want serve or package)", args[0])
	}
}

func (m *Main) runCaptureServe(ctx context.Context, args []string) error {
	fs := m.flagSet("capture serve", "[-s DIR] [--addr HOST:PORT] [--db FILE] [--max-conns N] [--max-conns-per-ip N]",
		"Serve the lead-capture endpoint: POST /<form> with the forms of DIR/site.yaml.\n"+
			"Each lead is stored in the SQLite file before it is answered. The client IP\n"+
			"is stored only as a hash salted with $"+ipSaltEnv+" (random per run if unset).")
	dir := fs.String("s", ".", "the site `folder` holding site.yaml")
	addr := fs.String("addr", "127.0.0.1:8787", "the `address` to listen on")
	dbPath := fs.String("db", "", "the SQLite `file` leads are stored in (default: leads.db in the -s folder)")
	maxConns := fs.Int("max-conns", 0, "the most client connections open at once (0: 4096, or less if the open-file limit is lower)")
	perIP := fs.Int("max-conns-per-ip", defaultConnsPerIP, "the most connections open from one client address (0: no cap, e.g. behind a proxy)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("capture serve: unexpected argument %q", fs.Arg(0))
	}
	if *dbPath == "" {
		*dbPath = filepath.Join(*dir, "leads.db")
	}
	log := slog.New(slog.NewJSONHandler(m.Stderr, nil))
	if os.Getenv("GOGC") == "" {
		// The live heap is a few MB and every post allocates ~16 KB: with
		// the default GOGC the collector runs many times a second. 400
		// keeps the heap small and, measured with BenchmarkServeLead,
		// cuts the time per lead by ~25% and halves the p99.
		debug.SetGCPercent(400)
	}

	site, err := schema.Load(*dir)
	if err != nil {
		fmt.Fprintln(m.Stderr, err)
		return errReported
	}
	// The port first: a busy one is reported before anything starts that
	// would have to be stopped.
	ln, err := listen(*addr)
	if err != nil {
		return fmt.Errorf("capture serve: %w", err)
	}
	defer ln.Close()
	fdLimit, err := raiseFileLimit()
	if err != nil {
		log.Warn("reading the open-file limit failed", "err", err)
	}
	limits := connLimits{Max: *maxConns, PerIP: *perIP}
	if limits.Max <= 0 {
		limits.Max = maxConnsFor(fdLimit)
	}
	salt := []byte(os.Getenv(ipSaltEnv))
	if len(salt) == 0 {
		salt = make([]byte, 32)
		if _, err := rand.Read(salt); err != nil {
			return fmt.Errorf("capture serve: IP salt: %w", err)
		}
		log.Warn(ipSaltEnv + " is not set: IP hashes use a random salt and will differ after a restart")
	}
	store, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return fmt.Errorf("capture serve: %w", err)
	}
	defer store.Close()

	// The worker runs until this function returns, whatever the reason,
	// and has stopped before the store closes.
	ctx, cancel := context.WithCancel(ctx)
	cfg := capture.HandlerConfig{Site: site, Store: store, Logger: log, IPSalt: salt}
	worker, stopped, err := startDelivery(ctx, log, site, store)
	if err != nil {
		cancel()
		return fmt.Errorf("capture serve: %w", err)
	}
	digestStopped := func() {}
	defer func() {
		cancel()
		stopped()
		digestStopped()
	}()
	// The weekly digest (sales.digest) runs beside the worker, as long.
	if digestStopped, err = startDigest(ctx, log, site, store); err != nil {
		return fmt.Errorf("capture serve: %w", err)
	}
	cfg.Route, cfg.OnStored = delivery.NewRouter(site.Sales).Route, worker.Wake
	if cfg.Status, err = statushook.FromSite(site, store, os.Getenv, log); err != nil {
		return fmt.Errorf("capture serve: %w", err)
	}
	h, err := capture.NewHandler(cfg)
	if err != nil {
		return fmt.Errorf("capture serve: %w", err)
	}
	return serveHTTP(ctx, m, log, ln, withHealth(h, store, log), serverOptions{limits: limits, idle: defaultIdleTimeout})
}

// defaultConnsPerIP caps one client's connections: a browser opens at most
// six to a host, an office behind one NAT address a few times that.
const defaultConnsPerIP = 32

// defaultIdleTimeout closes a keep-alive connection idle this long. A form
// post is one request: a long wait only keeps descriptors busy.
const defaultIdleTimeout = 10 * time.Second

// serverOptions tune serveHTTP.
type serverOptions struct {
	limits connLimits
	idle   time.Duration // keep-alive idle timeout
}

// serveHTTP serves h on ln until ctx ends, then shuts down gracefully:
// requests in flight (and so the saves they wait for) finish first.
func serveHTTP(ctx context.Context, m *Main, log *slog.Logger, ln net.Listener, h http.Handler, o serverOptions) error {
	lln := limitListen(ln, o.limits)
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      15 * time.Second,
		IdleTimeout:       o.idle,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(m.Stdout, "capture: listening on http://%s\n", ln.Addr())
	log.Info("listening", "addr", ln.Addr().String(), "maxConns", o.limits.Max, "maxConnsPerIP", o.limits.PerIP)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(lln) }()
	// Refused connections are counted, and logged once a minute at most:
	// a flood must not flood the log as well.
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
wait:
	for {
		select {
		case err := <-errc:
			return fmt.Errorf("capture serve: %w", err)
		case <-tick.C:
			if n := lln.refusedSince(); n > 0 {
				log.Warn("connections refused: too many from one client address", "count", n, "maxConnsPerIP", o.limits.PerIP)
			}
		case <-ctx.Done():
			break wait
		}
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("capture serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("capture serve: %w", err)
	}
	log.Info("stopped")
	return nil
}
