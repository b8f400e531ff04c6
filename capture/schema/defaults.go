package schema

// Defaults for what site.yaml leaves out.
const (
	DefaultEndpoint  = "/api/leads"
	DefaultHoneypot  = "_gotcha"
	DefaultRateLimit = 10 // posts per client per minute
	DefaultSubmit    = "Send"
)

// SetDefaults fills what site.yaml left out: form names, field types,
// submit labels, the endpoint, the honeypot name and the rate limit.
// Parse calls it; call it yourself on a Site built in code.
func (s *Site) SetDefaults() {
	for name, f := range s.Forms {
		if f == nil {
			continue
		}
		f.Name = name
		if f.Submit == "" {
			f.Submit = DefaultSubmit
		}
		for i := range f.Fields {
			if f.Fields[i].Type == "" {
				f.Fields[i].Type = TypeText
			}
		}
	}
	if s.Capture.Endpoint == "" {
		s.Capture.Endpoint = DefaultEndpoint
	}
	if s.Capture.Honeypot == "" {
		s.Capture.Honeypot = DefaultHoneypot
	}
	if s.Capture.RateLimit == 0 {
		s.Capture.RateLimit = DefaultRateLimit
	}
}

// Limit is the field's maximum length in characters: MaxLength, or the
// default for its type (text 200, email 254, tel 40, url 2000,
// textarea 5000, hidden 500, select 200, checkbox 20).
func (f *Field) Limit() int {
	if f.MaxLength > 0 {
		return f.MaxLength
	}
	switch f.Type {
	case TypeEmail:
		return 254
	case TypeTel:
		return 40
	case TypeURL:
		return 2000
	case TypeTextarea:
		return 5000
	case TypeHidden:
		return 500
	case TypeCheckbox:
		return 20
	default:
		return 200
	}
}
