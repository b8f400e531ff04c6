package generator

import (
	"context"
	"runtime"
	"sync"
	"sync/atomic"
)

// parallel calls fn(worker, i) for i in [0, n) on GOMAXPROCS workers; each
// worker has a stable index below the returned worker count, for per-worker
// buffers. It stops handing out work when ctx is done.
func parallel(ctx context.Context, n int, fn func(worker, i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(w, i)
			}
		}()
	}
	wg.Wait()
}
