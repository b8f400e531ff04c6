package generator

import (
	"fmt"
	"sort"
	"strings"

	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/generator/config"
	"github.com/storyfront/storyfront/generator/diag"
)

// checkEndpoint refuses a production site whose forms would post to the
// static host: forms declared, and site.yaml says neither where capture
// runs (capture.endpoint, other than the default /api/leads that config
// fills in) nor that it runs on the site's own domain (capture.sameOrigin).
func checkEndpoint(cfg *config.Config) error {
	ep := strings.TrimSuffix(cfg.Capture.Endpoint, "/")
	if len(cfg.Forms) == 0 || (ep != "" && ep != schema.DefaultEndpoint) || cfg.Capture.SameOrigin {
		return nil
	}
	names := make([]string, 0, len(cfg.Forms))
	for n := range cfg.Forms {
		names = append(names, n)
	}
	sort.Strings(names)
	at := "$.capture"
	if line, _ := cfg.Locate(at); line <= 1 {
		at = "$.forms"
	}
	line, col := cfg.Locate(at)
	return diag.Errorf(cfg.File(), line, col, "%s", fmt.Sprintf(
		"forms (%s) post to /api/leads/<form> on the site's own domain, and a static host fails them: set "+
			"capture.endpoint to where capture runs (the Lambda stack's CaptureEndpoint output, or "+
			"storyfront capture serve's URL), or capture.sameOrigin: true if the site's own domain serves "+
			"capture at /api/leads (the deploy stack does); storyfront serve needs neither",
		strings.Join(names, ", ")))
}
