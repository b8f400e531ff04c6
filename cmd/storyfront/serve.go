package main

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/store/sqlite"
	"github.com/storyfront/storyfront/generator"
	"github.com/storyfront/storyfront/generator/devserver"
)

// defaultEndpoint is where the dev server mounts the capture handler and
// where forms post when site.yaml sets no capture.endpoint.
const defaultEndpoint = "/api/leads"

func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := m.flagSet("serve", "[flags]", `Build the site in memory and serve it while you edit. Every save rebuilds what
changed and reloads the open pages (a stylesheet change restyles them in place);
a build error shows over the page and here, and the last good build keeps being
served until the file is fixed. Nothing is written to public/.

The site's forms work: posts go to a local lead store (--db); list what arrived
with 'storyfront leads list --db <that file>'. Leads are not delivered to sales.`)
	dir := fs.String("s", ".", "site folder (the one holding site.yaml)")
	addr := fs.String("addr", "127.0.0.1:1313", "address to listen on (host:port)")
	drafts := fs.Bool("drafts", false, "include draft pages")
	future := fs.Bool("future", false, "include pages dated in the future")
	db := fs.String("db", "", "SQLite file for form posts (default: leads.db in the site folder)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("serve: unexpected argument %q", fs.Arg(0))
	}
	site, err := filepath.Abs(*dir)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if info, err := os.Stat(site); err != nil || !info.IsDir() {
		return fmt.Errorf("serve: %s is not a site folder (pass the folder holding site.yaml with -s)", site)
	}
	if *db == "" {
		*db = filepath.Join(site, "leads.db")
	}

	ln, err := listen(*addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer ln.Close()
	// Cap the connections at what the file limit allows; no per-client
	// cap: every tab of the developer's browser comes from one address.
	fdLimit, _ := raiseFileLimit()
	ln = limitListen(ln, connLimits{Max: maxConnsFor(fdLimit)})
	base := "http://" + ln.Addr().String() + "/"

	leads, err := m.serveLeads(ctx, site, *db, base)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	var mounts map[string]http.Handler
	if leads != nil {
		defer leads.store.Close()
		mounts = map[string]http.Handler{leads.mount: leads}
	}

	b := generator.NewBuilder(generator.Options{
		Source: site, Drafts: *drafts, Future: *future, BaseURL: base, Environment: "development",
		UnhashedAssets: true, // a stylesheet edit changes only the stylesheet: pages swap it in place
		ImagesOnDisk:   true, // images and share cards are served from resources/_gen, not held in memory
	})
	srv := devserver.New(devserver.Config{
		Dir:     site,
		Builder: siteBuilder{b: b, warn: m.Stderr},
		Mounts:  mounts,
		Out:     m.Stdout,
		Err:     m.Stderr,
		Rebuilt: func(sources []string) {
			if leads != nil && slices.ContainsFunc(sources, func(p string) bool {
				return p == schema.FileName || p == devserver.Everything
			}) {
				leads.reload()
			}
		},
	})
	return srv.Run(ctx, ln)
}

// devLeads is the capture handler the dev server mounts where the site's
// forms post, with a local SQLite store. It follows site.yaml: after a
// rebuild that read it, the handler is remade with the new forms.
type devLeads struct {
	m       *Main
	dir     string
	base    string
	mount   string
	store   *sqlite.Store
	handler atomic.Pointer[capture.Handler]
}

func (l *devLeads) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.handler.Load().ServeHTTP(w, r)
}

// serveLeads opens the lead store and makes the capture handler for the
// site's forms; nil when the site has none. A site.yaml whose forms do not
// load leaves forms off (the build reports the error) rather than stopping
// the server.
func (m *Main) serveLeads(ctx context.Context, dir, dbPath, base string) (*devLeads, error) {
	site, err := schema.Load(dir)
	if err != nil {
		fmt.Fprintf(m.Stderr, "Forms are off (fix site.yaml and restart serve): %v\n", err)
		return nil, nil
	}
	if len(site.Forms) == 0 {
		return nil, nil
	}
	l := &devLeads{m: m, dir: dir, base: base, mount: defaultEndpoint}
	if ep := site.Capture.Endpoint; ep != "" {
		u, err := url.Parse(ep)
		switch {
		case err != nil || u.Host != "":
			fmt.Fprintf(m.Stderr, "Note: forms post to %s (capture.endpoint in site.yaml), not to this server.\n", ep)
		case strings.Trim(u.Path, "/") != "":
			l.mount = "/" + strings.Trim(u.Path, "/")
		}
	}
	if l.store, err = sqlite.Open(ctx, dbPath); err != nil {
		return nil, fmt.Errorf("lead store: %w", err)
	}
	h, err := l.newHandler(site)
	if err != nil {
		l.store.Close()
		return nil, err
	}
	l.handler.Store(h)
	fmt.Fprintf(m.Stdout, "Forms post to %s%s/<form>; leads are kept in %s\n", strings.TrimSuffix(base, "/"), l.mount, dbPath)
	return l, nil
}

func (l *devLeads) newHandler(site *schema.Site) (*capture.Handler, error) {
	dev := *site
	dev.BaseURL = l.base // posts come from this server's origin; thank-you pages are on it
	return capture.NewHandler(capture.HandlerConfig{
		Site:        &dev,
		Store:       l.store,
		Logger:      slog.New(slog.NewTextHandler(l.m.Stdout, nil)),
		SelfOrigins: devOrigins(l.base), // this server's own address, never the Host header
	})
}

// reload remakes the handler from site.yaml; on an error the previous
// forms stay (the build shows the error).
func (l *devLeads) reload() {
	site, err := schema.Load(l.dir)
	if err == nil {
		var h *capture.Handler
		if h, err = l.newHandler(site); err == nil {
			l.handler.Store(h)
			return
		}
	}
	fmt.Fprintf(l.m.Stderr, "Forms: keeping the previous ones: %v\n", err)
}
