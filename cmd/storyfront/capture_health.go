package main

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// healthPath is what load balancers and systemd watchdogs poll.
const healthPath = "/healthz"

// storeHealth is what /healthz asks of the lead store: that the file it
// writes is still the one at its path, and that it answers a query.
type storeHealth interface {
	CheckFile() error
	CountPending(ctx context.Context, sink string) (int, error)
}

// withHealth answers GET or HEAD /healthz with 200 when the store can take
// leads and 503 otherwise (the cause is logged, never sent); every other
// request goes to next.
func withHealth(next http.Handler, store storeHealth, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != healthPath || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		err := store.CheckFile()
		if err == nil {
			_, err = store.CountPending(ctx, "")
		}
		if err != nil {
			log.Error("health check: the lead store is not usable", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"status":"unavailable","store":"unreachable"}` + "\n"))
			return
		}
		_, _ = w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
}
