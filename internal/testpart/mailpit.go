package testpart

import (
	"fmt"
	"net/url"
	"path/filepath"
	"testing"
	"time"
)

// Mailbox is a running Mailpit: an SMTP server that keeps every message it
// accepts and shows them through its HTTP API.
type Mailbox struct {
	// SMTPAddr is the SMTP server's host:port on 127.0.0.1.
	SMTPAddr string
	// SMTPPort is the port of SMTPAddr.
	SMTPPort int
	// API is the HTTP API's base URL, such as http://127.0.0.1:41234.
	API string
}

// Mailpit starts a real Mailpit (go install github.com/axllent/mailpit)
// with its own database in a temporary folder, waits until its API
// answers and stops it when the test ends. flags are added to its command
// line, such as "--smtp-allowed-recipients", "^sales@example\\.com$".
func Mailpit(t testing.TB, flags ...string) *Mailbox {
	t.Helper()
	bin := Binary(t, "mailpit", "go install github.com/axllent/mailpit")
	m := &Mailbox{SMTPPort: FreePort(t)}
	m.SMTPAddr = fmt.Sprintf("127.0.0.1:%d", m.SMTPPort)
	httpAddr := FreeAddr(t)
	m.API = "http://" + httpAddr
	args := append([]string{"--smtp", m.SMTPAddr, "--listen", httpAddr,
		"--database", filepath.Join(t.TempDir(), "mailpit.db"), "--quiet"}, flags...)
	start(t, bin, args...)
	waitOK(t, "mailpit", m.API+"/api/v1/messages", 10*time.Second)
	return m
}

// Get decodes the JSON answer of the API at path (such as
// "/api/v1/messages") into v.
func (m *Mailbox) Get(t testing.TB, path string, v any) {
	t.Helper()
	getJSON(t, m.API+path, v)
}

// Count returns how many messages match the Mailpit search query (a lead
// id, for instance).
func (m *Mailbox) Count(t testing.TB, query string) int {
	t.Helper()
	var r struct {
		MessagesCount int `json:"messages_count"`
	}
	m.Get(t, "/api/v1/search?query="+url.QueryEscape(query), &r)
	return r.MessagesCount
}
