package lambda

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
)

// serveHTTP translates an HTTP event (the Function URL and API Gateway v2
// payloads share this shape), runs the handler and translates its answer.
// Every answer comes from the handler, so that errors follow the capture
// contract (JSON when asked, CORS headers for allowed origins): a path
// outside Options.PathPrefix reaches it as "/", which names no form (404),
// and a body that is not valid base64 as a body that cannot be read (400).
func (f *Function) serveHTTP(ctx context.Context, payload []byte) (*events.APIGatewayV2HTTPResponse, error) {
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal(payload, &ev); err != nil {
		return nil, fmt.Errorf("lambda: HTTP event: %w", err)
	}
	path, ok := f.path(&ev)
	if !ok {
		path = "/"
	}
	inv := &invocation{}
	r, err := f.request(context.WithValue(ctx, invocationKey{}, inv), &ev, path)
	if err != nil {
		return nil, err
	}
	w := newRecorder()
	f.handler.ServeHTTP(w, r)
	f.deliverStored(ctx, inv)
	return w.response(), nil
}

// request builds the *http.Request the capture handler sees.
func (f *Function) request(ctx context.Context, ev *events.APIGatewayV2HTTPRequest, path string) (*http.Request, error) {
	var body io.Reader = strings.NewReader(ev.Body)
	length := int64(len(ev.Body))
	if ev.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(ev.Body)
		if err != nil {
			// The client's fault: the handler answers it as a body that
			// cannot be read.
			body, length = unreadable{fmt.Errorf("lambda: base64 body: %w", err)}, -1
		} else {
			body, length = bytes.NewReader(b), int64(len(b))
		}
	}
	u := &url.URL{Path: path, RawQuery: ev.RawQueryString}
	r, err := http.NewRequestWithContext(ctx, ev.RequestContext.HTTP.Method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("lambda: request: %w", err)
	}
	for k, v := range ev.Headers {
		r.Header.Set(k, v)
	}
	if len(ev.Cookies) > 0 {
		r.Header.Set("Cookie", strings.Join(ev.Cookies, "; "))
	}
	r.Host = ev.RequestContext.DomainName
	if h := ev.Headers["host"]; h != "" {
		r.Host = h
	}
	r.RequestURI = u.RequestURI()
	r.ContentLength = length
	r.RemoteAddr = ev.RequestContext.HTTP.SourceIP + ":0"
	if strings.Contains(ev.RequestContext.HTTP.SourceIP, ":") {
		r.RemoteAddr = "[" + ev.RequestContext.HTTP.SourceIP + "]:0"
	}
	return r, nil
}

// unreadable is a body whose every read fails with err.
type unreadable struct{ err error }

func (u unreadable) Read([]byte) (int, error) { return 0, u.err }

// path maps the event's path to the handler's "/<form>"; false when the
// path is outside Options.PathPrefix.
func (f *Function) path(ev *events.APIGatewayV2HTTPRequest) (string, bool) {
	p := ev.RawPath
	if st := ev.RequestContext.Stage; st != "" && st != "$default" {
		p = strings.TrimPrefix(p, "/"+st)
	}
	if f.o.PathPrefix != "" {
		rest, ok := strings.CutPrefix(p, strings.TrimRight(f.o.PathPrefix, "/"))
		if !ok || rest != "" && rest[0] != '/' {
			return "", false
		}
		if rest == "" {
			rest = "/"
		}
		return rest, true
	}
	p = strings.TrimRight(p, "/")
	return "/" + p[strings.LastIndexByte(p, '/')+1:], true
}

// recorder is the http.ResponseWriter an invocation's answer is built in.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newRecorder() *recorder { return &recorder{header: http.Header{}} }

// Header returns the response headers.
func (w *recorder) Header() http.Header { return w.header }

// WriteHeader records the first status written.
func (w *recorder) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

// Write appends to the body (status 200 if none was written).
func (w *recorder) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}

func (w *recorder) response() *events.APIGatewayV2HTTPResponse {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	resp := &events.APIGatewayV2HTTPResponse{StatusCode: w.status, Headers: map[string]string{}}
	for k, vs := range w.header {
		if k == "Set-Cookie" {
			resp.Cookies = append(resp.Cookies, vs...)
			continue
		}
		resp.Headers[k] = strings.Join(vs, ", ")
	}
	if utf8.Valid(w.body.Bytes()) {
		resp.Body = w.body.String()
	} else {
		resp.Body, resp.IsBase64Encoded = base64.StdEncoding.EncodeToString(w.body.Bytes()), true
	}
	return resp
}
