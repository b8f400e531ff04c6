package capture

import (
	"sort"

	"github.com/storyfront/storyfront/capture/schema"
)

// Email returns the lead's email address: its "email" field, or else the
// first field (by name) whose value is an email address; "" if none.
// Stores index it for Erase.
func (l *Lead) Email() string {
	if e := l.Fields["email"]; e != "" {
		return e
	}
	names := l.FieldNames()
	for _, n := range names {
		if v := l.Fields[n]; schema.ValidEmail(v) {
			return v
		}
	}
	return ""
}

// FieldNames returns the names of the lead's fields, sorted.
func (l *Lead) FieldNames() []string {
	names := make([]string, 0, len(l.Fields))
	for n := range l.Fields {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
