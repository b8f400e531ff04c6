package statushook

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/capture/sink/webhook"
)

// FromSite returns the status webhook site.yaml configures, or nil when
// it configures none. A configured webhook whose secret variable is unset
// is logged (by name, never its value) and left off: its calls get 404.
func FromSite(site *schema.Site, store capture.Store, getenv func(string) string, log *slog.Logger) (http.Handler, error) {
	sw := site.Sales.StatusWebhook
	if sw == nil {
		return nil, nil
	}
	ss, ok := store.(capture.StatusStore)
	if !ok {
		return nil, errors.New("sales.statusWebhook: the lead store keeps no status")
	}
	secret := getenv(sw.SecretEnv)
	if secret == "" {
		if log != nil {
			log.Warn("status webhook off: its secret variable is not set", "variable", sw.SecretEnv)
		}
		return nil, nil
	}
	key, err := webhook.DecodeSecret(secret)
	if err != nil {
		return nil, fmt.Errorf("sales.statusWebhook: $%s: %w", sw.SecretEnv, err)
	}
	return New(Config{Store: ss, Key: key, Tolerance: sw.Tolerance, Logger: log})
}
