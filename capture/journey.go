package capture

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Journey limits: what the handler keeps of the journey a browser sends.
const (
	// MaxJourneyBytes is the largest _journey value accepted; larger is a
	// field error (the theme's script never sends close to it).
	MaxJourneyBytes = 8 << 10
	// MaxStories is how many story reads are kept (the most recent).
	MaxStories = 20
	// maxReadSeconds caps one story's time on page.
	maxReadSeconds = 6 * 3600
)

// Journey is what the visitor's own browser remembered before the form was
// sent: how they first and last arrived, and the stories they read.
type Journey struct {
	First   *Touch      `json:"first,omitempty"`
	Last    *Touch      `json:"last,omitempty"`
	Stories []StoryRead `json:"stories,omitempty"`
}

// Touch is one arrival on the site: the landing page, where from, when.
type Touch struct {
	Page     string    `json:"page,omitempty"` // path of the landing page
	Referrer string    `json:"referrer,omitempty"`
	Source   string    `json:"source,omitempty"` // utm_source ...
	Medium   string    `json:"medium,omitempty"`
	Campaign string    `json:"campaign,omitempty"`
	Term     string    `json:"term,omitempty"`
	Content  string    `json:"content,omitempty"`
	At       time.Time `json:"at,omitzero"`
}

// StoryRead is one story the visitor read, with the time spent on it,
// rounded by the script to 10 seconds.
type StoryRead struct {
	Title   string `json:"title"`
	Page    string `json:"page,omitempty"`
	Seconds int    `json:"seconds,omitempty"`
}

// Empty reports whether j holds nothing.
func (j *Journey) Empty() bool {
	return j == nil || j.First == nil && j.Last == nil && len(j.Stories) == 0
}

// FirstStory is the title of the first story read, "" if none.
func (j *Journey) FirstStory() string {
	if j == nil || len(j.Stories) == 0 {
		return ""
	}
	return j.Stories[0].Title
}

// wireJourney is what the script sends: times as unix milliseconds.
type wireJourney struct {
	First   *wireTouch  `json:"first"`
	Last    *wireTouch  `json:"last"`
	Stories []wireStory `json:"stories"`
}

type wireTouch struct {
	Page     string  `json:"page"`
	Referrer string  `json:"referrer"`
	Source   string  `json:"source"`
	Medium   string  `json:"medium"`
	Campaign string  `json:"campaign"`
	Term     string  `json:"term"`
	Content  string  `json:"content"`
	At       float64 `json:"at"`
}

type wireStory struct {
	Title   string  `json:"title"`
	Page    string  `json:"page"`
	Seconds float64 `json:"seconds"`
}

// errJourney is the field error of a journey that is not what the script sends.
var errJourney = errors.New("the visit history is malformed")

// ParseJourney reads the _journey value the theme's script sends (JSON,
// times in unix milliseconds). Oversized or malformed input is an error;
// a well-formed one is cut to the limits: the last MaxStories stories,
// every text cleaned and shortened, times not after now and not before
// a year ago, time on page rounded to 10 s and capped. "" is no journey.
func ParseJourney(raw string, now time.Time) (*Journey, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, nil
	}
	if len(raw) > MaxJourneyBytes {
		return nil, fmt.Errorf("the visit history is longer than %d KiB", MaxJourneyBytes>>10)
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	var w wireJourney
	if err := dec.Decode(&w); err != nil || dec.More() {
		return nil, errJourney
	}
	j := &Journey{First: w.First.touch(now), Last: w.Last.touch(now)}
	stories := w.Stories
	if len(stories) > MaxStories {
		stories = stories[len(stories)-MaxStories:]
	}
	for _, s := range stories {
		title := clean(s.Title, 300)
		if title == "" {
			continue
		}
		sec := int(s.Seconds)
		if s.Seconds < 0 || s.Seconds != s.Seconds {
			sec = 0
		}
		sec = min((sec+5)/10*10, maxReadSeconds)
		j.Stories = append(j.Stories, StoryRead{Title: title, Page: cleanPath(s.Page), Seconds: sec})
	}
	if j.Empty() {
		return nil, nil
	}
	return j, nil
}

func (w *wireTouch) touch(now time.Time) *Touch {
	if w == nil {
		return nil
	}
	t := &Touch{Page: cleanPath(w.Page), Referrer: clean(w.Referrer, 2000),
		Source: clean(w.Source, 200), Medium: clean(w.Medium, 200), Campaign: clean(w.Campaign, 200),
		Term: clean(w.Term, 200), Content: clean(w.Content, 200)}
	if w.At > 0 && w.At < 1e15 {
		at := time.UnixMilli(int64(w.At)).UTC()
		if at.After(now) {
			at = now.UTC()
		}
		if at.After(now.AddDate(-1, 0, 0)) {
			t.At = at.Truncate(time.Second)
		}
	}
	if *t == (Touch{}) {
		return nil
	}
	return t
}

// cleanPath keeps a site path (or URL) cleaned and cut to 2000 characters.
func cleanPath(s string) string { return clean(s, 2000) }

// fieldJourney is the metadata field the theme's script puts the journey in.
const fieldJourney = "_journey"

// journeyField reads the posted journey; a malformed, oversized or
// repeated one is a field error in errs (the lead is then refused, never
// stored with it raw).
func journeyField(values map[string][]string, now time.Time, errs map[string]string) *Journey {
	if len(values[fieldJourney]) > 1 {
		errs[fieldJourney] = fieldJourney + " was sent more than once"
		return nil
	}
	j, err := ParseJourney(first(values, fieldJourney), now)
	if err != nil {
		errs[fieldJourney] = err.Error()
		return nil
	}
	return j
}
