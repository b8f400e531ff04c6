package render

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mitchellh/hashstructure"

	"github.com/storyfront/storyfront/generator/diag"
	"github.com/storyfront/storyfront/generator/outputs"
	"github.com/storyfront/storyfront/generator/sitefs"
)

// RemoteCacheDir is where getJSON, getCSV and resources.GetRemote keep
// what they fetched, inside the site folder (beside Hugo's image cache).
// As in Hugo, an entry never expires: delete the folder to fetch again.
const RemoteCacheDir = "resources/_gen/remote"

// remoteTimeout bounds one fetch: a site whose data source hangs fails
// its build with a located error instead of waiting for ever.
const remoteTimeout = 30 * time.Second

// remoteMaxBytes bounds what one fetch may read.
const remoteMaxBytes = 64 << 20

// remote is one build's fetches: each URL is asked for once however many
// pages ask for it.
type remote struct {
	mu      sync.Mutex
	fetches map[string]*fetchEntry
	client  *http.Client
}

type fetchEntry struct {
	once sync.Once
	res  *fetched
	err  error
}

// fetched is a response body with its type and file name.
type fetched struct {
	body        []byte
	contentType string
	filename    string // from Content-Disposition, else the URL path
}

// HTTPError is a remote answer that was not a success: its .Data holds
// StatusCode, Status, Body, ContentLength, ContentType and
// TransferEncoding, as Hugo's.
type HTTPError struct {
	URL        string
	StatusCode int
	Status     string
	Body       string
	Header     http.Header
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("failed to fetch remote resource: %s", http.StatusText(e.StatusCode))
}

func newRemote() *remote {
	return &remote{fetches: map[string]*fetchEntry{}, client: &http.Client{Timeout: remoteTimeout}}
}

// remoteRequest is what to fetch: GET or another method, with headers
// and a body (resources.GetRemote's options).
type remoteRequest struct {
	url     string
	method  string
	headers map[string][]string
	body    []byte
	accept  string // the Accept header getJSON and getCSV send
}

// fetch returns the body of req, from this build's fetches, else the disk
// cache (cacheKind/key under RemoteCacheDir), else the network (and then
// the cache). A failure is not cached.
func (r *Renderer) fetch(cacheKind, key string, req remoteRequest) (*fetched, error) {
	rm := r.state.remote
	rm.mu.Lock()
	e := rm.fetches[cacheKind+"/"+key]
	if e == nil {
		e = &fetchEntry{}
		rm.fetches[cacheKind+"/"+key] = e
	}
	rm.mu.Unlock()
	e.once.Do(func() {
		file := filepath.Join(r.siteDir, filepath.FromSlash(RemoteCacheDir), cacheKind, key)
		if f, ok := readCached(file); ok {
			e.res = f
			return
		}
		e.res, e.err = rm.get(req)
		if e.err == nil {
			writeCached(file, e.res) // a cache that cannot be written costs a fetch next time
		}
	})
	return e.res, e.err
}

func (rm *remote) get(req remoteRequest) (*fetched, error) {
	method := cmpOr(strings.ToUpper(req.method), http.MethodGet)
	ctx, cancel := context.WithTimeout(context.Background(), remoteTimeout)
	defer cancel()
	var body io.Reader
	if req.body != nil {
		body = bytes.NewReader(req.body)
	}
	hr, err := http.NewRequestWithContext(ctx, method, req.url, body)
	if err != nil {
		return nil, err
	}
	hr.Header.Set("User-Agent", "Storyfront")
	if req.accept != "" {
		hr.Header.Set("Accept", req.accept)
	}
	for k, vs := range req.headers {
		hr.Header.Del(k)
		for _, v := range vs {
			hr.Header.Add(k, v)
		}
	}
	res, err := rm.client.Do(hr)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, remoteMaxBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > remoteMaxBytes {
		return nil, fmt.Errorf("%s: more than %d MiB", req.url, remoteMaxBytes>>20)
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return nil, &HTTPError{URL: req.url, StatusCode: res.StatusCode, Status: res.Status, Body: string(b), Header: res.Header}
	}
	name := ""
	if u, err := url.Parse(req.url); err == nil {
		name = path.Base(u.Path)
	}
	if _, params, err := mime.ParseMediaType(res.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
		name = path.Base(params["filename"])
	}
	return &fetched{body: b, contentType: res.Header.Get("Content-Type"), filename: name}, nil
}

// readCached reads a cache entry: the body, and beside it the type and
// file name (one per line).
func readCached(file string) (*fetched, bool) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, false
	}
	meta, err := os.ReadFile(file + ".meta")
	if err != nil {
		return nil, false
	}
	ct, name, _ := strings.Cut(string(meta), "\n")
	return &fetched{body: b, contentType: ct, filename: strings.TrimSuffix(name, "\n")}, true
}

func writeCached(file string, f *fetched) {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return
	}
	if os.WriteFile(file, f.body, 0o644) == nil {
		_ = os.WriteFile(file+".meta", []byte(f.contentType+"\n"+f.filename+"\n"), 0o644)
	}
}

// isRemote reports whether a getJSON/getCSV argument is a URL to fetch
// rather than a file of the site.
func isRemote(u string) bool {
	return strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")
}

// urlAndHeaders joins getJSON's arguments into the URL, as Hugo does; a
// map as the last argument holds request headers.
func urlAndHeaders(args []any) (string, map[string][]string) {
	var headers map[string][]string
	if len(args) > 0 {
		if m, ok := args[len(args)-1].(map[string]any); ok {
			headers = headerMap(m)
			args = args[:len(args)-1]
		}
	}
	var b strings.Builder
	for _, a := range args {
		b.WriteString(toString(a))
	}
	return b.String(), headers
}

func headerMap(m map[string]any) map[string][]string {
	out := map[string][]string{}
	for k, v := range m {
		switch v := v.(type) {
		case []any:
			for _, x := range v {
				out[k] = append(out[k], toString(x))
			}
		case []string:
			out[k] = append(out[k], v...)
		default:
			out[k] = []string{toString(v)}
		}
	}
	return out
}

// getData reads what getJSON or getCSV asks for: a site file, or a URL
// fetched once and cached. A failed fetch is an error, or, when the
// site's ignoreErrors names ignoreID as Hugo's does, a warning and nil.
func (r *Renderer) getData(fn, ignoreID, accept string, args []any) ([]byte, bool, error) {
	u, headers := urlAndHeaders(args)
	if u == "" {
		return nil, false, nil
	}
	if !isRemote(u) {
		if strings.Contains(u, "://") {
			return nil, false, fmt.Errorf("%s %q: only http and https URLs are fetched", fn, u)
		}
		rel, err := osNS{r: r}.sitePath(fn, u)
		if err != nil {
			return nil, false, err
		}
		b, err := sitefs.ReadFile(r.siteDir, rel)
		if err != nil {
			return nil, false, fmt.Errorf("%s %q: %w", fn, rel, err)
		}
		return b, true, nil
	}
	sum := md5.Sum([]byte(u))
	f, err := r.fetch(strings.ToLower(fn), hex.EncodeToString(sum[:]), remoteRequest{url: u, headers: headers, accept: accept})
	if err != nil {
		err = fmt.Errorf("%s %q: %w", fn, u, err)
		if r.ignored(ignoreID) {
			r.warn(&diag.Error{File: LayoutsDir, Msg: err.Error() + " (ignored: ignoreErrors has " + ignoreID + ")"})
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("%w (to build without it, add %q to the config's ignoreErrors)", err, ignoreID)
	}
	return f.body, true, nil
}

// ignored reports whether the config's ignoreErrors names id.
func (r *Renderer) ignored(id string) bool {
	if r.cfg == nil {
		return false
	}
	for _, s := range r.cfg.IgnoreErrors {
		if strings.EqualFold(s, id) {
			return true
		}
	}
	return false
}

// GetJSON is Hugo's getJSON URL...: the JSON of a site file or a URL (the
// arguments joined; a map as the last one gives request headers).
func (r *Renderer) GetJSON(args ...any) (any, error) {
	b, ok, err := r.getData("getJSON", "error-remote-getjson", "application/json", args)
	if err != nil || !ok {
		return nil, err
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		u, _ := urlAndHeaders(args)
		return nil, fmt.Errorf("getJSON %q: %w", u, err)
	}
	return v, nil
}

// GetCSV is Hugo's getCSV SEPARATOR URL...: the rows of a CSV site file
// or URL, each a list of strings.
func (r *Renderer) GetCSV(sep string, args ...any) ([][]string, error) {
	if len([]rune(sep)) != 1 {
		return nil, fmt.Errorf("getCSV: the separator %q must be one character", sep)
	}
	b, ok, err := r.getData("getCSV", "error-remote-getcsv", "text/csv,text/plain", args)
	if err != nil || !ok {
		return nil, err
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = []rune(sep)[0]
	cr.FieldsPerRecord = 0
	rows, err := cr.ReadAll()
	if err != nil {
		u, _ := urlAndHeaders(args)
		return nil, fmt.Errorf("getCSV %q: %w", u, err)
	}
	return rows, nil
}

// RemoteError is a remote resource's .Err: the error, and .Data with the
// answer's StatusCode, Status and Body when the server answered.
type RemoteError struct {
	err  error
	data map[string]any
}

func (e *RemoteError) Error() string { return e.err.Error() }

// Unwrap is the cause.
func (e *RemoteError) Unwrap() error { return e.err }

// Data holds StatusCode, Status, Body, ContentLength, ContentType and
// TransferEncoding of an answer that was not a success.
func (e *RemoteError) Data() map[string]any { return e.data }

// GetRemote is resources.GetRemote URL [OPTIONS]: the resource at a URL
// (OPTIONS: headers, method, body, key), fetched once and cached. Not
// found (404) is nil, as a missing local resource; another failure is a
// resource whose .Err says what went wrong, and which fails the build if
// a template uses it otherwise (Hugo 0.111's behaviour).
func (n resourcesNS) GetRemote(args ...any) (*AssetResource, error) {
	if len(args) == 0 || len(args) > 2 {
		return nil, errors.New("resources.GetRemote: want URL [OPTIONS]")
	}
	u := toString(args[0])
	var opts map[string]any
	if len(args) == 2 {
		m, ok := args[1].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("resources.GetRemote: the options are a map (headers, method, body, key), not %T", args[1])
		}
		opts = m
	}
	if !isRemote(u) {
		return nil, fmt.Errorf("resources.GetRemote %q: only http and https URLs are fetched", u)
	}
	req := remoteRequest{url: u}
	for k, v := range opts {
		switch strings.ToLower(k) {
		case "headers":
			if m, ok := v.(map[string]any); ok {
				req.headers = headerMap(m)
			}
		case "method":
			req.method = toString(v)
		case "body":
			switch b := v.(type) {
			case []byte:
				req.body = b
			default:
				req.body = []byte(toString(b))
			}
		case "key":
		default:
			return nil, fmt.Errorf("resources.GetRemote %q: unknown option %q (headers, method, body, key)", u, k)
		}
	}
	id := remoteID(u, opts)
	f, err := n.r.fetch("getresource", id, req)
	var he *HTTPError
	switch {
	case errors.As(err, &he) && he.StatusCode == http.StatusNotFound:
		return nil, nil
	case errors.As(err, &he):
		return &AssetResource{r: n.r, name: u, err: &RemoteError{err: err, data: map[string]any{
			"StatusCode": he.StatusCode, "Status": he.Status, "Body": he.Body,
			"ContentLength": int64(len(he.Body)), "ContentType": he.Header.Get("Content-Type"),
			"TransferEncoding": he.Header.Values("Transfer-Encoding"),
		}}}, nil
	case err != nil:
		return &AssetResource{r: n.r, name: u, err: &RemoteError{err: fmt.Errorf("error calling resources.GetRemote: %w", err), data: map[string]any{}}}, nil
	}
	mt, ok := remoteMediaType(f)
	if !ok {
		return nil, fmt.Errorf("resources.GetRemote %q: no media type for what it answered (Content-Type %q)", u, f.contentType)
	}
	base := strings.TrimSuffix(f.filename, path.Ext(f.filename))
	name := base + "_" + id + mt.FullSuffix()
	return n.r.pipe("remote:"+id, func() (*AssetResource, error) {
		return &AssetResource{r: n.r, name: name, data: f.body, file: u}, nil
	})
}

// remoteID is Hugo's id of a remote resource: the hash (hashstructure,
// as Hugo computes it) of the URL and options, or of the key option, in
// decimal. It names the published file.
func remoteID(u string, opts map[string]any) string {
	var v any = []any{u, opts}
	for k, key := range opts {
		if strings.EqualFold(k, "key") {
			v = key
		}
	}
	h, err := hashstructure.Hash(v, nil)
	if err != nil {
		sum := md5.Sum([]byte(fmt.Sprint(v)))
		return hex.EncodeToString(sum[:8])
	}
	return strconv.FormatUint(h, 10)
}

// remoteMediaType decides a fetched resource's media type as Hugo does:
// by the Content-Type's file extensions, else (or for text/plain) the
// URL's suffix, else by sniffing the bytes.
func remoteMediaType(f *fetched) (outputs.MediaType, bool) {
	// The hints: the Content-Type's extensions (".txt" for text/plain),
	// else, or instead of ".txt", the URL's.
	var hints []string
	ct, _, _ := mime.ParseMediaType(f.contentType)
	switch {
	case strings.HasPrefix(f.contentType, "text/plain"):
		hints = []string{".txt"}
	case ct == "application/octet-stream":
		// Any bytes: no hint (hugo 0.111.3 takes the URL's extension).
	default:
		if exts, _ := mime.ExtensionsByType(f.contentType); len(exts) > 0 {
			hints = exts
		}
	}
	if (len(hints) == 0 || hints[0] == ".txt") && path.Ext(f.filename) != "" {
		hints = []string{path.Ext(f.filename)}
	}
	// As hugo 0.111.3: the type is sniffed from the content first; a hint
	// decides when it is the same type, or both are text.
	sniffed, _, _ := strings.Cut(http.DetectContentType(f.body), ";")
	if sniffed == "application/octet-stream" {
		return outputs.MediaType{}, false
	}
	m, ok := outputs.MediaTypeByType(sniffed)
	if !ok && sniffed == "text/xml" {
		m, ok = outputs.MediaTypeByType("application/xml")
	}
	if !ok {
		return outputs.MediaType{}, false
	}
	for _, h := range hints {
		mm := outputs.MediaTypeOf(h)
		if mm.Type == "application/octet-stream" {
			continue
		}
		switch {
		case mm.Type == m.Type:
			return m, true
		case m.IsText() && mm.IsText():
			return mm, true
		}
		return outputs.MediaType{}, false
	}
	return m, true
}

// dataNS is Hugo's data namespace (data.GetJSON, data.GetCSV).
type dataNS struct{ r *Renderer }

// GetJSON is getJSON.
func (d dataNS) GetJSON(args ...any) (any, error) { return d.r.GetJSON(args...) }

// GetCSV is getCSV.
func (d dataNS) GetCSV(sep string, args ...any) ([][]string, error) { return d.r.GetCSV(sep, args...) }
