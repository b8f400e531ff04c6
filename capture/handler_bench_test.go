package capture_test

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/storyfront/storyfront/capture/schema"
)

// BenchmarkServeLead measures the handler and the SQLite store together
// (no network), with parallel posts of valid leads.
func BenchmarkServeLead(b *testing.B) {
	f := newFixture(b, func(s *schema.Site) { s.Capture.RateLimit = 1 << 30 })
	body := with(valid(), "_started", "\x00delete").Encode()
	var n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.SetParallelism(16)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			r := httptest.NewRequest("POST", "https://"+capHost+"/contact", strings.NewReader(body+"&_idempotency="+fmt.Sprint(n.Add(1))))
			r.Header.Set("Content-Type", formType)
			r.Header.Set("Origin", "https://www.example.com")
			r.Header.Set("Accept", "application/json")
			w := httptest.NewRecorder()
			f.h.ServeHTTP(w, r)
			if w.Code != 201 {
				b.Fatalf("status %d: %s", w.Code, w.Body)
			}
		}
	})
}
