package sink

import (
	"encoding/json"
	"time"

	"github.com/storyfront/storyfront/capture"
)

// EventLeadCreated is the type of the JSON payload a webhook receives.
const EventLeadCreated = "lead.created"

// Payload is the JSON body a webhook receives, shaped as the Standard
// Webhooks specification suggests: a type, a timestamp and the data.
type Payload struct {
	Type      string      `json:"type"`
	Timestamp time.Time   `json:"timestamp"`
	Data      PayloadLead `json:"data"`
}

// PayloadLead is the lead inside a Payload. ID is the same on every retry
// and every sink, so a receiver drops duplicates by it.
type PayloadLead struct {
	ID          string              `json:"id"`
	Form        string              `json:"form"`
	Fields      map[string]string   `json:"fields"`
	Labels      map[string]string   `json:"labels,omitempty"`
	Attribution capture.Attribution `json:"attribution"`
	Consent     bool                `json:"consent"`
	CreatedAt   time.Time           `json:"createdAt"`
	// JourneyText is Message.Journey: the journey as one readable sentence
	// (the structured journey is attribution.journey).
	JourneyText string `json:"journeyText,omitempty"`
}

// JSON returns m as a Payload's JSON, timestamped now. encoding/json
// escapes <, > and & so the body is safe to embed in HTML as well.
func (m Message) JSON(now time.Time) ([]byte, error) {
	l := m.Lead
	p := Payload{
		Type:      EventLeadCreated,
		Timestamp: now.UTC().Truncate(time.Second),
		Data: PayloadLead{
			ID:          l.ID,
			Form:        l.Form,
			Fields:      l.Fields,
			Attribution: l.Attribution,
			Consent:     l.Consent,
			CreatedAt:   l.CreatedAt.UTC(),
			JourneyText: m.Journey(),
		},
	}
	if p.Data.Fields == nil {
		p.Data.Fields = map[string]string{}
	}
	if m.Form != nil {
		p.Data.Labels = make(map[string]string)
		for _, f := range m.Form.Fields {
			if f.Label != "" {
				p.Data.Labels[f.Name] = f.Label
			}
		}
	}
	return json.Marshal(p)
}
