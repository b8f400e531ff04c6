package site

import (
	"fmt"
	"reflect"
	"sort"
	"sync"
)

// Scratch is Hugo's .Scratch (and .Store, newScratch): a map templates
// write to while they run. It is safe for concurrent use, as pages render
// in parallel and may read each other's.
type Scratch struct {
	mu     sync.Mutex
	values map[string]any
}

// NewScratch returns an empty Scratch.
func NewScratch() *Scratch { return &Scratch{values: map[string]any{}} }

// Set stores value at key and returns "" (so {{ .Scratch.Set }} prints nothing).
func (s *Scratch) Set(key string, value any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.values[key] = value
	return ""
}

// Get returns the value at key, nil when there is none.
func (s *Scratch) Get(key string) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.values[key]
}

// Delete removes key.
func (s *Scratch) Delete(key string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.values, key)
	return ""
}

// Values returns a copy of every key and value.
func (s *Scratch) Values() map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]any, len(s.values))
	for k, v := range s.values {
		out[k] = v
	}
	return out
}

// Add adds value to the one at key, as Hugo does: numbers are summed,
// strings joined, a list is appended to; with nothing at key, it is set.
func (s *Scratch) Add(key string, value any) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.values[key]
	if !ok {
		s.values[key] = value
		return "", nil
	}
	sum, err := addValues(old, value)
	if err != nil {
		return "", fmt.Errorf("Scratch.Add %q: %w", key, err)
	}
	s.values[key] = sum
	return "", nil
}

// SetInMap sets mapKey in the map stored at key (making it).
func (s *Scratch) SetInMap(key, mapKey string, value any) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, _ := s.values[key].(map[string]any)
	if m == nil {
		m = map[string]any{}
		s.values[key] = m
	}
	m[mapKey] = value
	return ""
}

// DeleteInMap removes mapKey from the map stored at key.
func (s *Scratch) DeleteInMap(key, mapKey string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, _ := s.values[key].(map[string]any); m != nil {
		delete(m, mapKey)
	}
	return ""
}

// GetSortedMapValues returns the values of the map at key, ordered by their keys.
func (s *Scratch) GetSortedMapValues(key string) any {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, _ := s.values[key].(map[string]any)
	if m == nil {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]any, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

// addValues is Scratch.Add's sum.
func addValues(a, b any) (any, error) {
	switch x := a.(type) {
	case int:
		if y, ok := b.(int); ok {
			return x + y, nil
		}
	case string:
		return x + fmt.Sprint(b), nil
	}
	av, bv := reflect.ValueOf(a), reflect.ValueOf(b)
	if av.Kind() == reflect.Slice {
		out := reflect.MakeSlice(reflect.TypeOf([]any{}), 0, av.Len()+1)
		for i := 0; i < av.Len(); i++ {
			out = reflect.Append(out, av.Index(i))
		}
		if bv.Kind() == reflect.Slice {
			for i := 0; i < bv.Len(); i++ {
				out = reflect.Append(out, bv.Index(i))
			}
		} else {
			out = reflect.Append(out, reflect.ValueOf(&b).Elem())
		}
		return out.Interface(), nil
	}
	fa, okA := ToFloat(a)
	fb, okB := ToFloat(b)
	if okA && okB {
		return fa + fb, nil
	}
	return nil, fmt.Errorf("cannot add %T to %T", b, a)
}

// ToFloat reads v as a float: any int, uint or float.
func ToFloat(v any) (float64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	}
	return 0, false
}

// siteState is what templates store per page while a site renders.
type siteState struct {
	mu       sync.Mutex
	scratchs map[*Page]*Scratch
	stores   map[*Page]*Scratch
	pages    pageIndex
	related  relatedIndexes // .Related's indexes (related_index.go)
	// pagers are the list pages' paginations, made by their first
	// .Paginator or .Paginate call (paginate.go).
	pagers map[*Page]*pagination
	order  textOrder // the language's collators (collate.go)
}

func newSiteState() *siteState {
	return &siteState{scratchs: map[*Page]*Scratch{}, stores: map[*Page]*Scratch{}}
}

func (st *siteState) of(m map[*Page]*Scratch, p *Page) *Scratch {
	st.mu.Lock()
	defer st.mu.Unlock()
	s := m[p]
	if s == nil {
		s = NewScratch()
		m[p] = s
	}
	return s
}

// Scratch is the page's Scratch (Hugo's .Scratch).
func (p *Page) Scratch() *Scratch {
	if p.Site == nil || p.Site.state == nil {
		return NewScratch() // a page made outside Build: nothing to keep it in
	}
	return p.Site.state.of(p.Site.state.scratchs, p)
}

// Store is the page's other Scratch (Hugo's .Store, which Hugo keeps
// across rebuilds of the dev server; here both live for one build).
func (p *Page) Store() *Scratch {
	if p.Site == nil || p.Site.state == nil {
		return NewScratch()
	}
	return p.Site.state.of(p.Site.state.stores, p)
}
