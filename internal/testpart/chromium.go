package testpart

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Chromium starts a fresh headless Chromium (Debian's /usr/bin/chromium,
// or $CHROMIUM) with its own profile folder and returns a chromedp context
// for its first tab. The browser is closed when the test ends or when
// limit has passed, whichever comes first. Without Chromium the test fails
// under CI=true and is skipped otherwise.
func Chromium(t testing.TB, limit time.Duration) context.Context {
	t.Helper()
	return ChromiumWith(t, limit)
}

// ChromiumWith is Chromium with more allocator options (flags, an
// environment), such as a screenshot test's fixed font set.
func ChromiumWith(t testing.TB, limit time.Duration, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumBinary(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-component-update", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	opts = append(opts, extra...)
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	t.Cleanup(cancel)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	t.Cleanup(acancel)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(bcancel)
	return bctx
}

// chromiumBinary returns $CHROMIUM, or the first Chromium found among the
// names Debian and other distributions use.
func chromiumBinary(t testing.TB) string {
	t.Helper()
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	Missing(t, "chromium not found (apt-get install chromium, or set CHROMIUM)")
	return ""
}
