package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/store/sqlite"
	"github.com/storyfront/storyfront/capture/store/storetest"
)

func openEmpty(t *testing.T) capture.Store {
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "leads.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformanceStatus(t *testing.T)  { storetest.RunStatus(t, openEmpty) }
func TestConformanceJourney(t *testing.T) { storetest.RunJourney(t, openEmpty) }
func TestConformanceClaim(t *testing.T)   { storetest.RunClaim(t, openEmpty) }

func TestConformanceReport(t *testing.T) { storetest.RunReport(t, openEmpty) }

func TestConformanceDigestMarker(t *testing.T) { storetest.RunDigestMarker(t, openEmpty) }
