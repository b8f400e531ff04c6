package capture_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

// ExampleNewHandler mounts the capture handler where forms post, with a
// SQLite store, and sends it one lead.
func ExampleNewHandler() {
	dir, err := os.MkdirTemp("", "capture-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	site, err := schema.Parse("site.yaml", []byte(`
baseURL: https://www.example.com/
forms:
  contact:
    thankYou: /thank-you/
    fields:
      - {name: email, type: email, required: true}
`))
	if err != nil {
		log.Fatal(err)
	}
	store, err := sqlite.Open(context.Background(), filepath.Join(dir, "leads.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer store.Close()
	h, err := capture.NewHandler(capture.HandlerConfig{Site: site, Store: store})
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/leads/", http.StripPrefix("/api/leads", h))

	form := url.Values{"email": {"ada@example.com"}, "_story": {"Engines that think"}}
	r := httptest.NewRequest("POST", "https://www.example.com/api/leads/contact", strings.NewReader(form.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("Origin", "https://www.example.com")
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Location"))

	leads, err := store.List(context.Background(), capture.Query{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(leads), leads[0].Form, leads[0].Email(), leads[0].Attribution.Story)
	// Output:
	// 303 https://www.example.com/thank-you/
	// 1 contact ada@example.com Engines that think
}
