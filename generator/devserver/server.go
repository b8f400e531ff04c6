package devserver

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// Config is what a Server needs.
type Config struct {
	// Dir is the site folder whose sources are watched.
	Dir     string
	Builder Builder
	// Mounts maps a path prefix ("/api/leads") to a handler that receives
	// the requests below it with the prefix stripped ("/contact").
	Mounts map[string]http.Handler
	// Out receives progress lines, Err build errors (both: the terminal).
	Out, Err io.Writer
	// Batcher folds file events into rebuilds; zero means DefaultBatcher.
	Batcher Batcher
	// Rebuilt, if set, is called after each successful build with the
	// source paths that triggered it ([Everything] for a full build), so
	// what else reads the sources (the capture handler reads site.yaml)
	// can follow. It runs on the rebuild loop: keep it short.
	Rebuilt func(sources []string)
}

// Server serves a site while it is edited: the last good build over HTTP,
// rebuilt on every change, with pages told to reload over Server-Sent Events.
type Server struct {
	cfg   Config
	state atomic.Pointer[state]
	hub   hub
	retry []string // sources of failed rebuilds, sent again with the next batch
}

// state is what requests read: replaced as a whole after each build.
type state struct {
	site  Site   // last good build; nil before the first
	build int    // number of good builds that changed something
	err   string // the last build's error; "" when it succeeded
}

func (st *state) buildID() string { return strconv.Itoa(st.build) }

// New returns a Server; Run starts it.
func New(cfg Config) *Server {
	if cfg.Out == nil {
		cfg.Out = io.Discard
	}
	if cfg.Err == nil {
		cfg.Err = io.Discard
	}
	if cfg.Batcher == (Batcher{}) {
		cfg.Batcher = DefaultBatcher()
	}
	s := &Server{cfg: cfg}
	s.state.Store(&state{})
	return s
}

// watchFolders watches the source folders the builder names besides the
// usual ones (FolderNamer).
func (s *Server) watchFolders(w *Watcher) {
	if n, ok := s.cfg.Builder.(FolderNamer); ok {
		if err := w.WatchFolders(n.SourceFolders()...); err != nil {
			fmt.Fprintln(s.cfg.Err, "watch:", err)
		}
	}
}

// Build builds the whole site. On failure the last good build is still
// served, the error is printed and shown in open pages, and returned.
func (s *Server) Build(ctx context.Context) error {
	return s.apply(ctx, []string{Everything})
}

// Run builds the site, then serves it on ln, watching its sources and
// rebuilding on every change, until ctx is done. A failed first build does
// not stop it: pages show the error until a save fixes it.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	w, err := NewWatcher(s.cfg.Dir)
	if err != nil {
		ln.Close()
		return err
	}
	defer w.Close()
	w.OnError = func(err error) { fmt.Fprintln(s.cfg.Err, "watch:", err) }
	fmt.Fprintf(s.cfg.Out, "Building %s...\n", s.cfg.Dir)
	_ = s.Build(ctx)
	s.watchFolders(w)
	if ctx.Err() != nil {
		ln.Close()
		return nil
	}

	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		// Idle keep-alive connections are closed (none by default); an
		// open event stream is a request in progress, not idle.
		IdleTimeout: 30 * time.Second,
		// Request contexts end with ctx, which ends the event streams.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(s.cfg.Out, "Serving %s at http://%s/ (Ctrl-C to stop)\n", s.cfg.Dir, ln.Addr())

	watch, stop := context.WithCancel(ctx) // ends the watcher and batcher however Run returns
	defer stop()
	paths := make(chan string)
	batches := make(chan []string)
	go w.Run(watch, paths)
	go s.cfg.Batcher.RunSettled(watch, paths, batches, w.Settled)

	for {
		select {
		case err := <-served:
			return fmt.Errorf("serve http://%s/: %w", ln.Addr(), err)
		case batch, ok := <-batches:
			if !ok {
				return s.shutdown(srv)
			}
			_ = s.apply(ctx, batch)
			s.watchFolders(w)
		case <-ctx.Done():
			return s.shutdown(srv)
		}
	}
}

func (s *Server) shutdown(srv *http.Server) error {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("stop server: %w", err)
	}
	return nil
}

// apply rebuilds after the sources in batch changed (Everything: all of
// them), then stores the result and tells the open pages.
func (s *Server) apply(ctx context.Context, batch []string) error {
	paths := append(slices.Clone(s.retry), batch...)
	slices.Sort(paths)
	paths = slices.Compact(paths)
	prev := s.state.Load()
	start := time.Now()
	var site Site
	var err error
	if prev.site == nil || slices.Contains(paths, Everything) {
		site, err = s.cfg.Builder.Build(ctx)
	} else {
		site, err = s.cfg.Builder.Rebuild(ctx, paths)
	}
	took := time.Since(start).Round(time.Millisecond)
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if err != nil {
		s.retry = paths
		s.state.Store(&state{site: prev.site, build: prev.build, err: err.Error()})
		fmt.Fprintf(s.cfg.Err, "Build failed after %s%s:\n%s\n", describe(batch), took, err)
		s.hub.publish(event{eventBroken, eventData{Error: err.Error(), LastGood: prev.site != nil}})
		return err
	}
	s.retry = nil
	if s.cfg.Rebuilt != nil {
		s.cfg.Rebuilt(paths)
	}
	changed := site.Changed()
	next := &state{site: site, build: prev.build}
	if len(changed) > 0 || prev.site == nil {
		next.build++
	}
	s.state.Store(next)
	fmt.Fprintf(s.cfg.Out, "Built %sin %s: %d files changed\n", describe(batch), took, len(changed))
	if prev.err != "" {
		s.hub.publish(event{eventFixed, eventData{}})
	}
	if next.build == prev.build {
		return nil
	}
	name := eventReload
	if prev.site != nil && cssOnly(paths, changed) {
		name = eventCSS
	}
	s.hub.publish(event{name, eventData{Build: next.buildID()}})
	return nil
}

// describe names what triggered a build, for the terminal.
func describe(batch []string) string {
	switch {
	case slices.Contains(batch, Everything):
		return ""
	case len(batch) == 1:
		return batch[0] + " changed, "
	default:
		return strconv.Itoa(len(batch)) + " files changed, "
	}
}

// cssOnly reports whether a build changed only stylesheets, so pages can
// swap them without reloading: either only .css outputs changed, or only
// .css sources did and the HTML changed with them (content-hashed names).
func cssOnly(sources, outputs []string) bool {
	if len(outputs) == 0 {
		return false
	}
	css := func(p string) bool { return strings.HasSuffix(p, ".css") }
	if !slices.ContainsFunc(outputs, func(p string) bool { return !css(p) }) {
		return true
	}
	if slices.ContainsFunc(sources, func(p string) bool { return !css(p) }) {
		return false
	}
	return !slices.ContainsFunc(outputs, func(p string) bool {
		return !css(p) && !strings.HasSuffix(p, ".html")
	})
}

// Handler serves the site, the live-reload script and events, and the mounts.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+EventsPath, s.serveEvents)
	mux.HandleFunc("GET "+ScriptPath, serveScript)
	for prefix, h := range s.cfg.Mounts {
		prefix = strings.TrimSuffix(prefix, "/")
		mux.Handle(prefix+"/", http.StripPrefix(prefix, h))
	}
	mux.HandleFunc("/", s.serveSite)
	return mux
}

// serveSite serves a file of the last good build: /x/ is /x/index.html,
// /x redirects to /x/ when that exists, anything else gets 404.html.
func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	st := s.state.Load()
	if st.site == nil {
		s.serveBroken(w, r, st)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	dir := strings.HasSuffix(p, "/")
	p = path.Clean(p)
	if dir && p != "/" {
		p += "/"
	}
	name := p
	if strings.HasSuffix(p, "/") {
		name = p + "index.html"
	}
	if body, ok := st.site.Open(name); ok {
		s.serveFile(w, r, st, name, body, http.StatusOK)
		return
	}
	if !dir {
		if _, ok := st.site.Open(p + "/index.html"); ok {
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusFound)
			return
		}
	}
	if body, ok := st.site.Open("/404.html"); ok {
		s.serveFile(w, r, st, "/404.html", body, http.StatusNotFound)
		return
	}
	http.NotFound(w, r)
}

// serveFile writes one output file, with the live-reload script in HTML.
func (s *Server) serveFile(w http.ResponseWriter, r *http.Request, st *state, name string, body []byte, status int) {
	ct := contentType(name)
	if strings.HasPrefix(ct, "text/html") {
		body = inject(body, scriptTag(st.buildID()))
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// serveBroken answers every page while no build has succeeded yet: the
// error, and the script that reloads once a save fixes it.
func (s *Server) serveBroken(w http.ResponseWriter, r *http.Request, st *state) {
	msg := st.err
	if msg == "" {
		msg = "The site is being built."
	}
	page := "<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Build failed</title>" +
		"<body><h1>The site failed to build</h1><pre>" + html.EscapeString(msg) + "</pre>" +
		"<p>No build has succeeded yet, so there is no page to show. Fix the file and save: this page updates by itself.</p></body></html>"
	s.serveFile(w, r, st, "/index.html", []byte(page), http.StatusInternalServerError)
}
