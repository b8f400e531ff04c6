package devserver

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"
	"time"
)

// runBatcher starts b and returns its input and a function that collects
// every batch it has sent so far (time is fake: synctest).
func runBatcher(t *testing.T, b Batcher) (chan<- string, func() [][]string) {
	t.Helper()
	in := make(chan string)
	out := make(chan []string)
	var got [][]string
	done := make(chan struct{})
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(func() { cancel(); <-done })
	go b.Run(ctx, in, out)
	go func() {
		defer close(done)
		for batch := range out {
			got = append(got, batch)
		}
	}()
	return in, func() [][]string { synctest.Wait(); return slices.Clone(got) }
}

func TestBatcher(t *testing.T) {
	b := Batcher{Quiet: 10 * time.Millisecond, MaxWait: 100 * time.Millisecond}
	tests := []struct {
		name string
		// steps: a path to send, or "" to sleep 1ms
		feed func(in chan<- string)
		want [][]string
	}{
		{
			name: "a save's events make one batch",
			feed: func(in chan<- string) {
				in <- "content/a.md"
				in <- "content/a.md"
				in <- "content/b.md"
			},
			want: [][]string{{"content/a.md", "content/b.md"}},
		},
		{
			name: "a pause longer than Quiet splits batches",
			feed: func(in chan<- string) {
				in <- "content/a.md"
				time.Sleep(11 * time.Millisecond)
				in <- "content/b.md"
			},
			want: [][]string{{"content/a.md"}, {"content/b.md"}},
		},
		{
			name: "pauses shorter than Quiet keep one batch",
			feed: func(in chan<- string) {
				in <- "content/a.md"
				time.Sleep(9 * time.Millisecond)
				in <- "content/b.md"
				time.Sleep(9 * time.Millisecond)
				in <- "content/c.md"
			},
			want: [][]string{{"content/a.md", "content/b.md", "content/c.md"}},
		},
		{
			name: "a steady stream is cut at MaxWait",
			feed: func(in chan<- string) {
				for i := range 15 { // one path every 8ms for 120ms
					in <- string(rune('a'+i)) + ".md"
					time.Sleep(8 * time.Millisecond)
				}
			},
			want: [][]string{
				{"a.md", "b.md", "c.md", "d.md", "e.md", "f.md", "g.md", "h.md", "i.md", "j.md", "k.md", "l.md", "m.md"},
				{"n.md", "o.md"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				in, got := runBatcher(t, b)
				tt.feed(in)
				time.Sleep(time.Second)
				if g := got(); !slices.EqualFunc(g, tt.want, slices.Equal) {
					t.Errorf("batches = %q, want %q", g, tt.want)
				}
			})
		})
	}
}

func TestBatcherBurst(t *testing.T) {
	b := Batcher{Quiet: 10 * time.Millisecond, Burst: 3, BurstQuiet: 100 * time.Millisecond, MaxWait: time.Second}
	tests := []struct {
		name string
		feed func(in chan<- string)
		want [][]string
	}{
		{
			name: "a save's few paths keep the short window",
			feed: func(in chan<- string) {
				in <- "a.md"
				in <- ".a.md.tmp"
				in <- "a.md~"
				time.Sleep(20 * time.Millisecond)
				in <- "b.md"
			},
			want: [][]string{{".a.md.tmp", "a.md", "a.md~"}, {"b.md"}},
		},
		{
			name: "a burst waits out a writer's pause",
			feed: func(in chan<- string) {
				for _, p := range []string{"a.md", "b.md", "c.md", "d.md"} {
					in <- p
				}
				time.Sleep(60 * time.Millisecond) // the writer stalls
				in <- "e.md"
			},
			want: [][]string{{"a.md", "b.md", "c.md", "d.md", "e.md"}},
		},
		{
			name: "a burst ends after BurstQuiet",
			feed: func(in chan<- string) {
				for _, p := range []string{"a.md", "b.md", "c.md", "d.md"} {
					in <- p
				}
				time.Sleep(101 * time.Millisecond)
				in <- "e.md"
			},
			want: [][]string{{"a.md", "b.md", "c.md", "d.md"}, {"e.md"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				in, got := runBatcher(t, b)
				tt.feed(in)
				time.Sleep(2 * time.Second)
				if g := got(); !slices.EqualFunc(g, tt.want, slices.Equal) {
					t.Errorf("batches = %q, want %q", g, tt.want)
				}
			})
		})
	}
}

func TestBatcherFlushesWhenInputCloses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := make(chan string)
		out := make(chan []string, 1)
		go Batcher{Quiet: time.Second, MaxWait: time.Minute}.Run(t.Context(), in, out)
		in <- "site.yaml"
		close(in)
		if got := <-out; !slices.Equal(got, []string{"site.yaml"}) {
			t.Errorf("batch = %q, want [site.yaml]", got)
		}
		if _, ok := <-out; ok {
			t.Error("out not closed after in closed")
		}
	})
}

func TestBatcherHoldsPathsWhileConsumerIsBusy(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in := make(chan string)
		out := make(chan []string)
		go Batcher{Quiet: 10 * time.Millisecond, MaxWait: time.Second}.Run(t.Context(), in, out)
		in <- "a.md"
		time.Sleep(20 * time.Millisecond) // batch [a.md] is ready, nobody reads: a rebuild is running
		first := <-out
		in <- "b.md"
		in <- "c.md"
		second := <-out
		if !slices.Equal(first, []string{"a.md"}) || !slices.Equal(second, []string{"b.md", "c.md"}) {
			t.Errorf("batches = %q, %q; want [a.md], [b.md c.md]", first, second)
		}
	})
}

// TestBatcherQuick: with a settled check, one path leaves after Quick when
// its file is settled; otherwise, with others, or soon after another batch
// (the start of a burst) it waits Quiet, as without the check.
func TestBatcherQuick(t *testing.T) {
	b := Batcher{Quiet: 10 * time.Millisecond, Quick: 2 * time.Millisecond, Burst: 3, BurstQuiet: 100 * time.Millisecond, MaxWait: time.Second}
	type sent struct {
		batch []string
		after time.Duration // since the first path of the test
	}
	run := func(t *testing.T, settled func(string) bool, feed func(in chan<- string)) []sent {
		in := make(chan string)
		out := make(chan []string)
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		go b.RunSettled(ctx, in, out, settled)
		start := time.Now()
		var got []sent
		done := make(chan struct{})
		go func() {
			defer close(done)
			for batch := range out {
				got = append(got, sent{batch, time.Since(start)})
			}
		}()
		feed(in)
		time.Sleep(time.Second)
		cancel()
		<-done
		return got
	}
	yes := func(string) bool { return true }
	tests := []struct {
		name    string
		settled func(string) bool
		feed    func(in chan<- string)
		want    []sent
	}{
		{"a settled save leaves after Quick", yes, func(in chan<- string) {
			in <- "a.md"
			in <- "a.md"
		}, []sent{{[]string{"a.md"}, 2 * time.Millisecond}}},
		{"an unsettled save waits Quiet", func(string) bool { return false }, func(in chan<- string) {
			in <- "a.md"
		}, []sent{{[]string{"a.md"}, 10 * time.Millisecond}}},
		{"no check: Quiet", nil, func(in chan<- string) {
			in <- "a.md"
		}, []sent{{[]string{"a.md"}, 10 * time.Millisecond}}},
		{"two files wait Quiet", yes, func(in chan<- string) {
			in <- "a.md"
			time.Sleep(time.Millisecond)
			in <- "b.md"
		}, []sent{{[]string{"a.md", "b.md"}, 11 * time.Millisecond}}},
		{"a file soon after a batch waits Quiet", yes, func(in chan<- string) {
			in <- "a.md"
			time.Sleep(50 * time.Millisecond)
			in <- "b.md"
			time.Sleep(200 * time.Millisecond)
			in <- "c.md"
		}, []sent{
			{[]string{"a.md"}, 2 * time.Millisecond},
			{[]string{"b.md"}, 60 * time.Millisecond},
			{[]string{"c.md"}, 252 * time.Millisecond},
		}},
		{"a rebuild everything waits Quiet", yes, func(in chan<- string) {
			in <- Everything
		}, []sent{{[]string{Everything}, 10 * time.Millisecond}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				got := run(t, tt.settled, tt.feed)
				if !slices.EqualFunc(got, tt.want, func(a, b sent) bool { return a.after == b.after && slices.Equal(a.batch, b.batch) }) {
					t.Errorf("batches = %v, want %v", got, tt.want)
				}
			})
		})
	}
}
