package dynamodb_test

import (
	"testing"

	"github.com/storyfront/storyfront/capture"
	"github.com/storyfront/storyfront/capture/store/storetest"
)

func openEmpty(t *testing.T) capture.Store {
	st, _ := newStore(t)
	return st
}

func TestConformanceStatus(t *testing.T)  { storetest.RunStatus(t, openEmpty) }
func TestConformanceJourney(t *testing.T) { storetest.RunJourney(t, openEmpty) }
func TestConformanceClaim(t *testing.T)   { storetest.RunClaim(t, openEmpty) }

func TestConformanceReport(t *testing.T) { storetest.RunReport(t, openEmpty) }

func TestConformanceDigestMarker(t *testing.T) { storetest.RunDigestMarker(t, openEmpty) }
