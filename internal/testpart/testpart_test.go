package testpart

import (
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
)

// recorder is a testing.TB that notes Fatal and Skip instead of ending
// the test, to check what a missing part does.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper()           {}
func (r *recorder) Fatal(args ...any) { r.fatal = fmt.Sprint(args...) }
func (r *recorder) Skip(args ...any)  { r.skip = fmt.Sprint(args...) }

func TestMissingPartFailsUnderCI(t *testing.T) {
	for _, ci := range []string{"true", ""} {
		t.Setenv("CI", ci)
		t.Setenv("GOPATH", t.TempDir())
		r := &recorder{TB: t}
		Binary(r, "storyfront-no-such-part", "go install example.com/part")
		got, other := r.fatal, r.skip
		if ci == "" {
			got, other = r.skip, r.fatal
		}
		if !strings.Contains(got, "storyfront-no-such-part") || !strings.Contains(got, "go install example.com/part") || other != "" {
			t.Errorf("CI=%q: fatal %q, skip %q; want the %s to name the part and how to install it",
				ci, r.fatal, r.skip, map[string]string{"true": "failure", "": "skip"}[ci])
		}
	}
}

func TestBinaryOnPath(t *testing.T) {
	if p := Binary(t, "go", "https://go.dev/dl"); !strings.HasSuffix(p, "go") {
		t.Errorf("Binary(go) = %q", p)
	}
}

func TestWaitTCP(t *testing.T) {
	l, err := net.Listen("tcp", FreeAddr(t))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	WaitTCP(t, l.Addr().String())
}

func TestOutputConcurrentWrites(t *testing.T) {
	var o Output
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				fmt.Fprint(&o, "ab")
				_ = o.String()
			}
		}()
	}
	wg.Wait()
	if n := len(o.String()); n != 8*100*2 {
		t.Errorf("%d bytes collected, want 1600", n)
	}
}
