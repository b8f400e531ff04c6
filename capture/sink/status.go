package sink

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// HTTPError classifies a non-2xx answer of an HTTP sink: 4xx (except 408
// and 429) is permanent, anything else is retried. The reason carries the
// status and the start of the body, never the URL (which may hold a token).
func HTTPError(sinkName string, resp *http.Response) error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
	err := fmt.Errorf("sink %s: HTTP %s: %s", sinkName, resp.Status, OneLine(string(body), 120))
	if resp.StatusCode >= 400 && resp.StatusCode < 500 &&
		resp.StatusCode != http.StatusRequestTimeout && resp.StatusCode != http.StatusTooManyRequests {
		return Permanent(err)
	}
	return err
}

// PostError describes a failed HTTP request without its URL: http.Client
// errors quote the URL, and a Slack or webhook URL is a secret.
func PostError(sinkName string, err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("sink %s: %s: %w", sinkName, "request failed", errors.New(redact(err.Error())))
}

// redact removes anything that looks like a URL from s.
func redact(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if strings.Contains(w, "://") {
			words[i] = "[url]"
		}
	}
	return strings.Join(words, " ")
}

// Post sends req (a POST to an HTTP sink) with client and sorts out the
// answer: 2xx is success, its body drained so the connection is reused;
// anything else is an HTTPError, and a failed request a PostError, neither
// quoting the URL.
func Post(client *http.Client, sinkName string, req *http.Request) error {
	resp, err := client.Do(req)
	if err != nil {
		return PostError(sinkName, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return HTTPError(sinkName, resp)
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	return nil
}
