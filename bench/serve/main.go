// Command serve measures the write-save-look loop of `storyfront serve`
// against `hugo server`, side by side in one run: both serve the same
// corpus, the same story is saved N times in each (alternating which goes
// first), and the time from the save to the reload message reaching a
// live-reload client (Storyfront: Server-Sent Events; Hugo: its livereload
// WebSocket) is recorded. It reports medians and each server's memory.
//
//	go run ./bench/serve [-corpus DIR] [-edits 15] [-work /dev/shm/serve-bench]
//
// The corpus comes from gen-corpus.sh of the shared bench folder
// (../shared/bench beside the repository, as bench/build uses it; -shared or
// SHARED_BENCH to change it); the Storyfront site around it is
// bench/build/site, the Hugo one the shared reference hugo-site.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench/serve:", err)
		os.Exit(1)
	}
}

type options struct {
	corpus, work, sfSite, hugoSite, storyfront, hugo, story string
	edits                                                   int
	pause                                                   time.Duration
	fastRender, theme                                       bool
	only                                                    string
}

func run() error {
	var o options
	flag.StringVar(&o.corpus, "corpus", "/dev/shm/serve-bench/corpus", "corpus folder from gen-corpus.sh (made with 10000 pages if missing)")
	flag.StringVar(&o.work, "work", "/dev/shm/serve-bench/run", "scratch folder (tmpfs), emptied first")
	root, err := repoRoot()
	if err != nil {
		return err
	}
	shared := os.Getenv("SHARED_BENCH")
	if shared == "" {
		shared = filepath.Join(root, "..", "shared", "bench")
	}
	flag.StringVar(&shared, "shared", shared, "the shared bench folder (gen-corpus.sh, hugo-site); default $SHARED_BENCH, else ../shared/bench beside the repository")
	flag.StringVar(&o.sfSite, "site", filepath.Join(root, "bench", "build", "site"), "Storyfront site (config and theme) the corpus goes into")
	flag.StringVar(&o.hugoSite, "hugo-site", "", "Hugo reference site the corpus goes into (default: the shared hugo-site)")
	flag.StringVar(&o.storyfront, "storyfront", "", "storyfront binary (default: go build ./cmd/storyfront)")
	flag.StringVar(&o.hugo, "hugo", "hugo", "hugo binary")
	flag.StringVar(&o.story, "story", "brand-stories/story-00000.md", "story edited, relative to content/")
	flag.IntVar(&o.edits, "edits", 15, "counted edits per server (one more is a discarded warm-up)")
	flag.DurationVar(&o.pause, "pause", 700*time.Millisecond, "quiet time after each reload before the next edit")
	flag.BoolVar(&o.fastRender, "fast-render", true, "leave Hugo's default fast render mode on")
	flag.StringVar(&o.only, "only", "", `run one server alone: "storyfront" or "hugo" (to try the bench)`)
	flag.BoolVar(&o.theme, "theme", false, "Storyfront serves the corpus with the default theme (bench/build/theme-site, the corpus under content/stories/) instead of the reference layouts")
	flag.Parse()
	if o.theme {
		o.sfSite = filepath.Join(root, "bench", "build", "theme-site")
	}
	if _, err := os.Stat(filepath.Join(shared, "gen-corpus.sh")); err != nil {
		return fmt.Errorf("no shared bench folder at %s (gen-corpus.sh, hugo-site): pass -shared DIR or set SHARED_BENCH", shared)
	}
	if o.hugoSite == "" {
		o.hugoSite = filepath.Join(shared, "hugo-site")
	}

	if _, err := os.Stat(o.corpus); err != nil {
		fmt.Println("making the 10,000-page corpus in", o.corpus)
		if err := sh(filepath.Join(shared, "gen-corpus.sh"), "10000", o.corpus); err != nil {
			return err
		}
	}
	if err := os.RemoveAll(o.work); err != nil {
		return err
	}
	if err := os.MkdirAll(o.work, 0o755); err != nil {
		return err
	}
	if o.storyfront == "" {
		o.storyfront = filepath.Join(o.work, "storyfront")
		if err := shIn(root, "go", "build", "-o", o.storyfront, "./cmd/storyfront"); err != nil {
			return err
		}
	}

	sf, hs := filepath.Join(o.work, "storyfront-site"), filepath.Join(o.work, "hugo-site")
	sfAddr, hugoAddr := freeAddr(), freeAddr()
	_, hugoPort, _ := net.SplitHostPort(hugoAddr)
	hugoArgs := []string{"server", "-s", hs, "--bind", "127.0.0.1", "--port", hugoPort,
		"--baseURL", "http://" + hugoAddr + "/", "--appendPort=false"}
	if !o.fastRender {
		hugoArgs = append(hugoArgs, "--disableFastRender")
	}
	sfContent := "" // where the corpus goes in the Storyfront site, under content/
	if o.theme {
		sfContent = "stories" // every page a story of the default theme
	}
	peers := []*peer{
		{name: "storyfront serve", src: o.sfSite, site: sf, addr: sfAddr, under: sfContent,
			cmd:    exec.Command(o.storyfront, "serve", "-s", sf, "--addr", sfAddr, "--db", filepath.Join(o.work, "leads.db")),
			listen: listenSSE},
		{name: "hugo server", src: o.hugoSite, site: hs, addr: hugoAddr,
			cmd: exec.Command(o.hugo, hugoArgs...), listen: listenHugo},
	}
	switch o.only {
	case "storyfront":
		peers = peers[:1]
	case "hugo":
		peers = peers[1:]
	}
	for _, p := range peers {
		if err := prepare(p.src, o.corpus, p.site, p.under); err != nil {
			return err
		}
		if p.under != "" { // the theme site: the default theme of this repository
			if err := os.MkdirAll(filepath.Join(p.site, "themes"), 0o755); err != nil {
				return err
			}
			if err := sh("cp", "-a", filepath.Join(root, "themes", "default"), filepath.Join(p.site, "themes", "default")); err != nil {
				return err
			}
		}
		if err := p.start(o.story); err != nil {
			stopAll(peers)
			return err
		}
		fmt.Printf("%-17s ready in %s (RSS %s)\n", p.name, p.ready.Round(10*time.Millisecond), mib(p.rss("VmRSS")))
	}
	defer stopAll(peers)

	original, err := os.ReadFile(filepath.Join(o.corpus, o.story))
	if err != nil {
		return err
	}
	for round := 0; round <= o.edits; round++ {
		order := slices.Clone(peers)
		if round%2 == 1 {
			slices.Reverse(order)
		}
		for _, p := range order {
			d, seen, err := p.edit(original, round)
			if err != nil {
				return fmt.Errorf("%s: edit %d: %w", p.name, round, err)
			}
			if round > 0 { // round 0 warms up caches and the servers' own lazy work
				p.lat = append(p.lat, d)
				p.seen = append(p.seen, seen)
			}
			time.Sleep(o.pause)
		}
	}

	fmt.Printf("\nsave → reload message, %d edits each after 1 warm-up, interleaved:\n", o.edits)
	for _, p := range peers {
		s := sorted(p.lat)
		fmt.Printf("%-17s median %6.1f ms  p90 %6.1f  min %6.1f  max %6.1f   RSS %s (peak %s)\n",
			p.name, ms(median(s)), ms(s[len(s)*9/10]), ms(s[0]), ms(s[len(s)-1]),
			mib(p.rss("VmRSS")), mib(p.rss("VmHWM")))
	}
	fmt.Println("save → the edited page fetched with the edit in it (what the reloaded browser shows):")
	for _, p := range peers {
		s := sorted(p.seen)
		fmt.Printf("%-17s median %6.1f ms  p90 %6.1f  min %6.1f  max %6.1f\n",
			p.name, ms(median(s)), ms(s[len(s)*9/10]), ms(s[0]), ms(s[len(s)-1]))
	}
	if len(peers) < 2 {
		return nil
	}
	a, b := median(sorted(peers[0].lat)), median(sorted(peers[1].lat))
	fmt.Printf("hugo/storyfront latency ratio: %.1fx; memory ratio (RSS): %.2fx\n",
		float64(b)/float64(a), float64(peers[1].rss("VmRSS"))/float64(peers[0].rss("VmRSS")))
	return nil
}

// peer is one dev server under test.
type peer struct {
	name, src, site, addr string
	under                 string // the corpus's folder under content/ ("" for content/ itself)
	story                 string
	cmd                   *exec.Cmd
	listen                func(addr string) (<-chan time.Time, error)
	reloads               <-chan time.Time
	ready                 time.Duration
	lat, seen             []time.Duration
	page                  string
}

func (p *peer) start(story string) error {
	story = filepath.Join(p.under, story)
	p.story = filepath.Join(p.site, "content", story)
	p.page = "/" + strings.TrimSuffix(filepath.ToSlash(story), ".md") + "/"
	log, err := os.Create(filepath.Join(filepath.Dir(p.site), strings.Fields(p.name)[0]+".log"))
	if err != nil {
		return err
	}
	p.cmd.Stdout, p.cmd.Stderr = log, log
	began := time.Now()
	if err := p.cmd.Start(); err != nil {
		return fmt.Errorf("%s: %w", p.name, err)
	}
	for {
		if time.Since(began) > 10*time.Minute {
			return fmt.Errorf("%s: not serving after 10 minutes (see %s)", p.name, log.Name())
		}
		if p.get(p.page) == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	p.ready = time.Since(began)
	p.reloads, err = p.listen(p.addr)
	return err
}

// get fetches a page as the browser does after a reload (Hugo's fast render
// mode re-renders the pages browsers visit).
func (p *peer) get(path string) error {
	_, err := p.fetch(path)
	return err
}

func (p *peer) fetch(path string) ([]byte, error) {
	res, err := http.Get("http://" + p.addr + path)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		return nil, err
	}
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", path, res.Status)
	}
	return body, nil
}

// edit saves the story with a new closing paragraph and returns how long
// the reload message took to arrive, and how long until the page, fetched
// again as the reloading browser does, had the new paragraph.
func (p *peer) edit(original []byte, round int) (reload, seen time.Duration, err error) {
	for len(p.reloads) > 0 {
		<-p.reloads
	}
	mark := fmt.Sprintf("Edited for the benchmark, round %d.", round)
	body := fmt.Appendf(slices.Clone(original), "\n%s\n", mark)
	saved := time.Now()
	if err := os.WriteFile(p.story, body, 0o644); err != nil {
		return 0, 0, err
	}
	select {
	case at, ok := <-p.reloads:
		if !ok {
			return 0, 0, errors.New("live-reload connection closed")
		}
		reload = at.Sub(saved)
	case <-time.After(2 * time.Minute):
		return 0, 0, errors.New("no reload message within 2 minutes")
	}
	for {
		page, err := p.fetch(p.page)
		if err != nil {
			return 0, 0, err
		}
		if bytes.Contains(page, []byte(mark)) {
			return reload, time.Since(saved), nil
		}
		if time.Since(saved) > 2*time.Minute {
			return 0, 0, errors.New("the page never showed the edit")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (p *peer) rss(field string) int64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/status")
	if err != nil {
		return 0
	}
	for line := range strings.Lines(string(data)) {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024
		}
	}
	return 0
}

func stopAll(peers []*peer) {
	for _, p := range peers {
		if p.cmd.Process != nil {
			_ = p.cmd.Process.Signal(os.Interrupt)
			done := make(chan struct{})
			go func() { _ = p.cmd.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(5 * time.Second):
				_ = p.cmd.Process.Kill()
			}
		}
	}
}

// listenSSE follows Storyfront's event stream; each reload or css event
// is stamped when its last line arrives.
func listenSSE(addr string) (<-chan time.Time, error) {
	res, err := http.Get("http://" + addr + "/__storyfront/events")
	if err != nil {
		return nil, err
	}
	out := make(chan time.Time, 64)
	go func() {
		defer res.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(res.Body)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			if n, ok := strings.CutPrefix(line, "event: "); ok {
				name = n
			}
			if line == "" {
				if name == "reload" || name == "css" {
					out <- time.Now()
				}
				name = ""
			}
		}
	}()
	return out, nil
}

// listenHugo follows Hugo's livereload WebSocket; each reload command is
// stamped when it arrives.
func listenHugo(addr string) (<-chan time.Time, error) {
	ws, err := dialWebSocket(addr, "/livereload")
	if err != nil {
		return nil, err
	}
	hello := `{"command":"hello","protocols":["http://livereload.com/protocols/official-7"]}`
	if err := ws.write(1, []byte(hello)); err != nil {
		return nil, err
	}
	out := make(chan time.Time, 64)
	go func() {
		defer ws.Close()
		defer close(out)
		for {
			msg, err := ws.read()
			if err != nil {
				return
			}
			if strings.Contains(string(msg), `"command":"reload"`) {
				out <- time.Now()
			}
		}
	}()
	return out, nil
}

// prepare copies a site (without its content) and the corpus as its
// content, or as the folder under of its content.
func prepare(site, corpus, dst, under string) error {
	if err := os.MkdirAll(filepath.Join(dst, "content", under, ".."), 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(site)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Name() == "content" || e.Name() == "public" || e.Name() == "resources" {
			continue
		}
		if err := sh("cp", "-a", filepath.Join(site, e.Name()), dst); err != nil {
			return err
		}
	}
	return sh("cp", "-a", corpus, filepath.Join(dst, "content", under))
}

func sh(name string, args ...string) error { return shIn("", name, args...) }

// shIn runs a command in folder dir ("" for the current one).
func shIn(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	return nil
}

func freeAddr() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func sorted(d []time.Duration) []time.Duration { s := slices.Clone(d); slices.Sort(s); return s }

func median(s []time.Duration) time.Duration {
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func mib(b int64) string { return fmt.Sprintf("%d MiB", b>>20) }

// repoRoot finds the repository: the nearest folder holding go.mod, from
// the current folder up (go run ./bench/serve runs from inside it).
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run it from inside the Storyfront repository (no go.mod above the current folder)")
		}
		dir = parent
	}
}
