package capture_test

import (
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyfront/storyfront/capture/schema"
)

// BenchmarkServeLead measures the handler and the SQLite store together
// (no network), with 32 concurrent posts of valid leads, and reports the
// 99th percentile latency. Set TMPDIR to choose the disk the database is on.
func BenchmarkServeLead(b *testing.B) {
	f := newFixture(b, func(s *schema.Site) { s.Capture.RateLimit = 1 << 30 })
	body := with(valid(), "_started", schema.StartedNoScript).Encode() // a plain post: untimed, not spam
	var n atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	b.SetParallelism(16)
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			r := httptest.NewRequest("POST", "https://"+capHost+"/contact", strings.NewReader(body+"&_idempotency="+fmt.Sprint(n.Add(1))))
			r.Header.Set("Content-Type", formType)
			r.Header.Set("Origin", "https://www.example.com")
			r.Header.Set("Accept", "application/json")
			w := httptest.NewRecorder()
			start := time.Now()
			f.h.ServeHTTP(w, r)
			mine = append(mine, time.Since(start))
			if w.Code != 201 {
				b.Fatalf("status %d: %s", w.Code, w.Body)
			}
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	slices.Sort(lat)
	if len(lat) > 0 {
		b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
	}
}
