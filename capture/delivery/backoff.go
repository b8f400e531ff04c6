package delivery

import (
	"math/rand/v2"
	"time"

	"github.com/storyfront/storyfront/capture/schema"
)

// Retry defaults.
const (
	DefaultAttempts = 12
	DefaultMinDelay = 30 * time.Second
	DefaultMaxDelay = time.Hour
)

// Policy is how failed deliveries are retried.
type Policy struct {
	Attempts           int           // dead-letter after this many failed attempts
	MinDelay, MaxDelay time.Duration // backoff bounds
	// SendTimeout bounds one send (default 20 s).
	SendTimeout time.Duration
	// UnconfiguredDelay is how long a delivery to a sink that is not
	// configured waits before it is looked at again (default 1 min).
	UnconfiguredDelay time.Duration
}

// PolicyFrom returns the policy site.yaml's sales.retry asks for, with
// defaults for what it leaves out.
func PolicyFrom(r schema.Retry) Policy {
	p := Policy{Attempts: r.Attempts, MinDelay: r.MinDelay, MaxDelay: r.MaxDelay}
	return p.withDefaults()
}

func (p Policy) withDefaults() Policy {
	if p.Attempts <= 0 {
		p.Attempts = DefaultAttempts
	}
	if p.MinDelay <= 0 {
		p.MinDelay = DefaultMinDelay
	}
	if p.MaxDelay < p.MinDelay {
		p.MaxDelay = max(DefaultMaxDelay, p.MinDelay)
	}
	if p.SendTimeout <= 0 {
		p.SendTimeout = 20 * time.Second
	}
	if p.UnconfiguredDelay <= 0 {
		p.UnconfiguredDelay = time.Minute
	}
	return p
}

// Backoff returns how long to wait after the given number of failed
// attempts (1 for the first failure): MinDelay doubled per attempt, capped
// at MaxDelay, then jittered to between half and all of it so that many
// leads failing together do not retry together.
func (p Policy) Backoff(attempts int) time.Duration {
	d := p.MinDelay
	for i := 1; i < attempts && d < p.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, p.MaxDelay)
	half := d / 2
	return half + rand.N(d-half+1)
}
