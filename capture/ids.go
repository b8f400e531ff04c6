package capture

import (
	"crypto/rand"
	"fmt"
	"sync"
	"time"

	"github.com/oklog/ulid/v2"
)

// idSource makes ULIDs that sort by time and, within one millisecond, by
// the order they were made. The monotonic entropy is not safe for
// concurrent use, hence the mutex.
type idSource struct {
	mu      sync.Mutex
	entropy *ulid.MonotonicEntropy
}

func newIDSource() *idSource {
	return &idSource{entropy: ulid.Monotonic(rand.Reader, 0)}
}

// next returns a new lead id for time t.
func (s *idSource) next(t time.Time) (string, error) {
	s.mu.Lock()
	id, err := ulid.New(ulid.Timestamp(t), s.entropy)
	s.mu.Unlock()
	if err != nil {
		return "", fmt.Errorf("lead id: %w", err)
	}
	return id.String(), nil
}
