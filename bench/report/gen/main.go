// Command gen writes realistic leads into a SQLite lead database for the
// report benchmark: a year of leads with weekly rhythm, three forms, 40
// stories read with Zipf popularity, journeys of one to five stories, 12
// campaigns with their source and medium, 2 % spam, and outcomes (about
// 40 % contacted within hours, 15 % qualified, 5 % won with a deal value,
// 4 % lost). It goes through the store's Save, so the report's tallies
// are kept by the same triggers as in production.
//
//	go run ./bench/report/gen -n 1000000 -db /dev/shm/leads.db
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"os"
	"sync"
	"time"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/store/sqlite"
)

func main() {
	n := flag.Int("n", 1000000, "how many leads")
	db := flag.String("db", "leads.db", "the SQLite `file` to write (must not exist)")
	seed := flag.Uint64("seed", 1, "random seed (the same seed writes the same leads)")
	flag.Parse()
	if _, err := os.Stat(*db); err == nil {
		log.Fatalf("%s exists: give a new file", *db)
	}
	ctx := context.Background()
	start := time.Now()
	g := newGen(*seed, *n)
	// Leads arrive in time order, as in production; the store is closed
	// (its WAL checkpointed away) every chunk so the WAL stays small.
	const chunk = 100000
	for from := 0; from < *n; from += chunk {
		s, err := sqlite.Open(ctx, *db)
		if err != nil {
			log.Fatal(err)
		}
		leads := make(chan *capture.Lead, 1024)
		var wg sync.WaitGroup
		for range 64 { // concurrent saves are committed in batches
			wg.Add(1)
			go func() {
				defer wg.Done()
				for l := range leads {
					if _, _, err := s.Save(ctx, l, nil); err != nil {
						log.Fatal(err)
					}
				}
			}()
		}
		for i := from; i < min(from+chunk, *n); i++ {
			leads <- g.lead(i)
		}
		close(leads)
		wg.Wait()
		if err := s.Close(); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Fprintf(os.Stderr, "%d leads written to %s in %v\n", *n, *db, time.Since(start).Round(time.Millisecond))
}

type campaign struct{ name, source, medium string }

type gen struct {
	r         *rand.Rand
	stories   *rand.Zipf
	campaigns []campaign
	year      time.Time
	n         int
}

func newGen(seed uint64, n int) *gen {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	return &gen{r: r, n: n, stories: rand.NewZipf(r, 1.2, 1, 39), year: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC),
		campaigns: []campaign{{"", "", ""}, {"", "google", "organic"}, {"april", "newsletter", "email"},
			{"may", "newsletter", "email"}, {"spring-launch", "linkedin", "social"}, {"spring-launch", "google", "cpc"},
			{"webinar-q2", "partner", "referral"}, {"retargeting", "google", "display"}, {"brand", "bing", "cpc"},
			{"summer", "newsletter", "email"}, {"autumn", "linkedin", "social"}, {"events", "meetup", "referral"}}}
}

func (g *gen) story() string { return fmt.Sprintf("Story %02d: what sales learnt", g.stories.Uint64()) }

func (g *gen) lead(i int) *capture.Lead {
	r := g.r
	// Weekdays get three times the leads of weekend days.
	at := g.year.Add(time.Duration(float64(i) / float64(g.n) * float64(365*24*time.Hour)))
	if wd := at.Weekday(); (wd == time.Saturday || wd == time.Sunday) && r.IntN(3) > 0 {
		at = at.AddDate(0, 0, 2)
	}
	form := []string{"contact", "contact", "contact", "demo", "demo", "newsletter"}[r.IntN(6)]
	c := g.campaigns[r.IntN(len(g.campaigns))]
	l := &capture.Lead{ID: fmt.Sprintf("01KBENCH%018d", i), Form: form, CreatedAt: at, Consent: true,
		Spam: r.IntN(50) == 0, UserAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
		Fields: map[string]string{"name": fmt.Sprintf("Person %d", i), "email": fmt.Sprintf("person%d@customer%d.example", i, i%5000),
			"company": fmt.Sprintf("Customer %d Ltd", i%5000), "message": "We would like to talk about our leads."},
		Attribution: capture.Attribution{Page: "/contact/", UTMCampaign: c.name, UTMSource: c.source, UTMMedium: c.medium}}
	j := &capture.Journey{First: &capture.Touch{Page: "/", Campaign: c.name, Source: c.source, Medium: c.medium,
		At: at.Add(-time.Duration(r.Int64N(int64(30 * 24 * time.Hour)))).Truncate(time.Second)}}
	for range 1 + r.IntN(5) {
		j.Stories = append(j.Stories, capture.StoryRead{Title: g.story(), Seconds: 10 * r.IntN(60)})
	}
	l.Attribution.Journey, l.Attribution.Story = j, j.Stories[len(j.Stories)-1].Title
	if l.Spam {
		return l
	}
	// Outcomes: a status history replayed onto the lead's outcome.
	p := r.Float64()
	var steps []string
	switch {
	case p < 0.05:
		steps = []string{capture.StatusContacted, capture.StatusQualified, capture.StatusWon}
	case p < 0.09:
		steps = []string{capture.StatusContacted, capture.StatusLost}
	case p < 0.20:
		steps = []string{capture.StatusContacted, capture.StatusQualified}
	case p < 0.45:
		steps = []string{capture.StatusContacted}
	}
	t := at
	for k, st := range steps {
		if k == 0 {
			t = t.Add(time.Duration(r.ExpFloat64() * float64(4*time.Hour))) // median ~3 h
		} else {
			t = t.Add(time.Duration(r.Int64N(int64(20 * 24 * time.Hour))))
		}
		c := capture.StatusChange{Status: st, At: t}
		if st == capture.StatusQualified || st == capture.StatusWon {
			c.Value, c.Currency = int64(math.Round(math.Exp(9+r.NormFloat64())))*100, "EUR"
		}
		l.Outcome = l.Outcome.Apply(c)
	}
	return l
}
