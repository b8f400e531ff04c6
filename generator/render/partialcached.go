package render

import (
	"fmt"
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/storyfront/storyfront/generator/site"
)

// partialCache holds what partialCached rendered during one build, by
// partial name and variant keys (Hugo's partialCached: the data given is
// not part of the key, so a partial cached without variants renders once
// for the whole site). It is emptied before each build (ResetCaches), so
// a rebuild never shows what an earlier build rendered.
type partialCache struct {
	mu      sync.Mutex
	entries map[string]*cachedPartial
}

// cachedPartial is one cached output; done closes when it is ready, so
// workers that ask for it at once render it only once.
type cachedPartial struct {
	done chan struct{}
	out  any // the partial's output (template.HTML), or what it returns
	err  error
}

// get returns the output for key, running render for the first caller
// and making the others wait for its result.
func (c *partialCache) get(key string, render func() (any, error)) (any, error) {
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]*cachedPartial{}
	}
	e, ok := c.entries[key]
	if !ok {
		e = &cachedPartial{done: make(chan struct{})}
		c.entries[key] = e
	}
	c.mu.Unlock()
	if ok {
		<-e.done
		return e.out, e.err
	}
	e.out, e.err = render()
	close(e.done)
	return e.out, e.err
}

// reset forgets every cached output.
func (c *partialCache) reset() {
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}

// ResetCaches forgets what partialCached rendered: a build calls it before
// rendering, so what it shows comes from this build's site.
func (r *Renderer) ResetCaches() { r.cached.reset() }

// partialCached is Hugo's partialCached NAME DATA [VARIANT...]: the partial
// runs once per build for each NAME and VARIANTs, and every later call with
// them returns that first output, whatever its DATA. Pass as variants
// whatever the output depends on ({{ partialCached "card.html" . .RelPermalink }}).
func (r *Renderer) partialCached(name string, data any, variants ...any) (any, error) {
	if !strings.HasSuffix(name, ".html") && r.partials.Lookup("partials/"+name) == nil {
		name += ".html"
	}
	return r.cached.get(variantKey(name, variants), func() (any, error) { return r.partial(name, data) })
}

// variantKey joins the partial's name and its variants into one key. A
// page stands for itself (its output path); other values by their type and
// value, so 1 and "1" differ.
func variantKey(name string, variants []any) string {
	var b strings.Builder
	b.WriteString(name)
	for _, v := range variants {
		b.WriteByte(0)
		switch v := v.(type) {
		case nil:
			b.WriteString("nil")
		case string:
			b.WriteString("s:")
			b.WriteString(v)
		case template.HTML:
			b.WriteString("s:")
			b.WriteString(string(v))
		case int:
			b.WriteString("i:")
			b.WriteString(strconv.Itoa(v))
		case bool:
			b.WriteString("b:")
			b.WriteString(strconv.FormatBool(v))
		case time.Time:
			b.WriteString("t:")
			b.WriteString(v.Format(time.RFC3339Nano))
		case *site.Page:
			if v == nil {
				b.WriteString("nil")
				continue
			}
			b.WriteString("p:")
			b.WriteString(v.OutPath)
		default:
			switch rv := reflect.ValueOf(v); rv.Kind() {
			case reflect.Pointer, reflect.Func, reflect.Chan, reflect.UnsafePointer:
				// Within one build a pointer names one value.
				fmt.Fprintf(&b, "%T@%x", v, rv.Pointer())
			default:
				fmt.Fprintf(&b, "%T:%v", v, v)
			}
		}
	}
	return b.String()
}
