package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyfront/storyfront/capture/schema"
	"github.com/storyfront/storyfront/generator/markdown"
	"github.com/storyfront/storyfront/generator/site"
)

// funcMap is the template functions (docs/templates.md lists them).
func (r *Renderer) funcMap() template.FuncMap {
	m := template.FuncMap{
		"relURL":      func(u any) string { return r.site.RelURL(toString(u)) },
		"absURL":      func(u any) string { return r.site.AbsURL(toString(u)) },
		"dateFormat":  dateFormat,
		"isoDate":     isoDate,
		"markdownify": r.markdownify,
		"plainify":    plainify,
		"truncate":    truncate,
		"urlize":      site.Urlize,
		"lower":       strings.ToLower,
		"upper":       strings.ToUpper,
		"title":       titleCase,
		"safeHTML":    func(s any) template.HTML { return template.HTML(fmt.Sprint(s)) },
		"safeURL":     func(s any) template.URL { return template.URL(fmt.Sprint(s)) },
		"safeCSS":     func(s any) template.CSS { return template.CSS(fmt.Sprint(s)) },
		"jsonify":     jsonify,
		"default":     defaultValue,
		"dict":        dict,
		"slice":       func(v ...any) []any { return v },
		"first":       first,
		"after":       after,
		"add":         add,
		"sub":         sub,
		"seq":         seq,
		"isset":       isset,
		"where":       where,
		"partial":     r.partial,
		"asset":       r.asset,
		"picture":     r.picture,
		"form":        r.formFunc,
		"menuActive":  menuActive,
		"xmlEscape":   xmlEscape,
		"htmlEscape":  htmlEscape,
		"hugo":        func() hugoInfo { return hugoInfo{r.site} },
	}
	r.hugoFuncs(m)
	r.imageFuncs(m)
	m["partialCached"] = r.partialCached // partialcached.go
	for name, f := range hugoCompareFuncs() {
		m[name] = f
	}
	// Hugo's namespaces, one file each (funcs_<namespace>.go).
	collectionsFuncs(m, func() *site.Site { return r.site })
	stringsFuncs(m)
	cryptoFuncs(m)
	pathFuncs(m)
	reflectFuncs(m)
	mathFuncs(m)
	safeFuncs(m)
	timeFuncs(m, r.cfg.Location(), r.timeTranslator)
	r.fmtFuncs(m)
	r.transformFuncs(m)
	r.partialFuncs(m)
	r.langFuncs(m)
	r.siteFuncs(m)
	m["compare"] = func() compareNS { return compareNS{} }
	m["apply"] = apply(m)
	if r.cfg.HugoURLs() {
		m["urlize"] = site.HugoURLize
	}
	if r.cfg.FromHugo() {
		// Hugo's forms where they differ from Storyfront's own.
		m["jsonify"] = hugoJsonify
		m["plainify"] = hugoPlainify
	} else {
		m["truncate"] = truncate
		m["title"] = titleCase
	}
	return m
}

func dateFormat(layout string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(layout)
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// markdownify renders a string of Markdown; a single paragraph loses its
// <p> so it fits inline.
func (r *Renderer) markdownify(s any) (template.HTML, error) {
	var home *site.Page
	if r.site != nil {
		home = r.site.Home // Hugo renders markdownify as the home page's
	}
	return r.markdownifyFor(home, s)
}

// markdownifyFor is markdownify as page p's .RenderString.
func (r *Renderer) markdownifyFor(p *site.Page, s any) (template.HTML, error) {
	if s == nil {
		return "", nil // a missing shortcode parameter, say
	}
	c := r.Markdown()
	defer r.PutMarkdown(c)
	res, err := c.Convert([]byte(fmt.Sprint(s)), r.snippetEnv("markdownify", p))
	if err != nil {
		return "", err
	}
	return template.HTML(trimShortHTML(res.HTML)), nil
}

// trimShortHTML takes the <p> off HTML of one paragraph, as Hugo's
// markdownify does: when "<p" occurs at most once and the last closing tag
// is a </p>, the HTML is trimmed, loses a leading <p> and a final </p>,
// and is trimmed again; other HTML is kept as it is (its final newline
// too).
func trimShortHTML(h []byte) []byte {
	first, last := bytes.Index(h, []byte("<p")), bytes.LastIndex(h, []byte("<p"))
	if first != last || bytes.LastIndex(h, []byte("</p>")) != bytes.LastIndex(h, []byte("</")) {
		return h
	}
	h = bytes.TrimSpace(h)
	h = bytes.TrimPrefix(h, []byte("<p>"))
	h = bytes.TrimSuffix(h, []byte("</p>"))
	return bytes.TrimSpace(h)
}

// snippetEnv is the Markdown setting of a string rendered for page p
// (markdownify, .RenderString): on a Hugo site, the render hooks of p's
// section, which see p as .Page, as Hugo's do.
func (r *Renderer) snippetEnv(file string, p *site.Page) *markdown.Env {
	env := &markdown.Env{File: file, Line: 1}
	if p != nil && r.cfg.FromHugo() {
		env.Hooks, env.Page = r.hooksFor(p), p
	}
	return env
}

// plainify turns HTML into plain text: it strips the tags and decodes the
// entities (the typographer's &rsquo; and the like), so that the template
// escapes the text once, not twice.
func plainify(s any) string {
	in := fmt.Sprint(s)
	var b strings.Builder
	tag := false
	for i := 0; i < len(in); i++ {
		switch c := in[i]; {
		case c == '<':
			tag = true
		case c == '>' && tag:
			tag = false
		case !tag:
			b.WriteByte(c)
		}
	}
	return html.UnescapeString(b.String())
}

// hugoPlainify is Hugo's plainify: the tags stripped as .Plain strips
// them (a paragraph's end a line break, white space collapsed), entities
// kept as they are.
func hugoPlainify(s any) string { return site.StripHTML(toString(s)) }

// truncate cuts s to at most n characters at a word boundary, adding "…".
func truncate(n int, s any) string {
	str := fmt.Sprint(s)
	if h, ok := s.(template.HTML); ok {
		str = plainify(string(h))
	}
	if utf8.RuneCountInString(str) <= n {
		return str
	}
	runes := []rune(str)[:n]
	cut := len(runes)
	for i := len(runes) - 1; i > n/2; i-- {
		if unicode.IsSpace(runes[i]) {
			cut = i
			break
		}
	}
	return strings.TrimRightFunc(string(runes[:cut]), func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) + "…"
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToUpper(r)) + w[n:]
	}
	return strings.Join(words, " ")
}

func jsonify(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	return template.JS(b), err
}

// defaultValue returns v, or def when v is not set, as Hugo's default
// decides: nil, "", 0, an empty list or map and a zero time are not set;
// a boolean always is (default "x" false is false). Without v it is def,
// as Hugo's (default nil; a pipe that passes nothing).
func defaultValue(def any, given ...any) (any, error) {
	if len(given) == 0 {
		return def, nil
	}
	if len(given) > 1 {
		return nil, fmt.Errorf("default: want DEFAULT [VALUE], got %d arguments", len(given)+1)
	}
	v := given[0]
	if _, isBool := v.(bool); isBool {
		return v, nil
	}
	if isEmpty(v) {
		return def, nil
	}
	return v, nil
}

func isEmpty(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Map, reflect.String, reflect.Array:
		return rv.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return rv.IsNil()
	}
	return rv.IsZero()
}

func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, errors.New("dict: want key value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		switch k := kv[i].(type) {
		case string:
			m[k] = kv[i+1]
		case []string:
			// A path of keys (dict (split "a.b" ".") 1 is {a: {b: 1}}), as
			// hugo 0.111.3: the maps on the way are made or reused.
			if len(k) == 0 {
				return nil, fmt.Errorf("dict: key %v is an empty path", kv[i])
			}
			at := m
			for _, name := range k[:len(k)-1] {
				next, ok := at[name].(map[string]any)
				if !ok {
					next = map[string]any{}
					at[name] = next
				}
				at = next
			}
			at[k[len(k)-1]] = kv[i+1]
		default:
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
	}
	return m, nil
}

func listOf(v any) (reflect.Value, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Slice && rv.Kind() != reflect.Array {
		return rv, fmt.Errorf("%T is not a list", v)
	}
	return rv, nil
}

func first(limit any, list any) (any, error) {
	n, err := intArg(limit)
	if err != nil {
		return nil, fmt.Errorf("first: %w", err)
	}
	if list == nil {
		return nil, nil
	}
	rv, err := listOf(list)
	if err != nil {
		return nil, fmt.Errorf("first: %w", err)
	}
	return rv.Slice(0, min(max(n, 0), rv.Len())).Interface(), nil
}

func after(index any, list any) (any, error) {
	n, err := intArg(index)
	if err != nil {
		return nil, fmt.Errorf("after: %w", err)
	}
	if list == nil {
		return nil, nil
	}
	rv, err := listOf(list)
	if err != nil {
		return nil, fmt.Errorf("after: %w", err)
	}
	return rv.Slice(min(max(n, 0), rv.Len()), rv.Len()).Interface(), nil
}

func toNumber(v any) (int64, float64, bool, error) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), 0, false, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return int64(rv.Uint()), 0, false, nil
	case reflect.Float32, reflect.Float64:
		return 0, rv.Float(), true, nil
	}
	return 0, 0, false, fmt.Errorf("%v is not a number", v)
}

func arith(a, b any, op func(x, y float64) float64, iop func(x, y int64) int64) (any, error) {
	ai, af, aIsF, err := toNumber(a)
	if err != nil {
		return nil, err
	}
	bi, bf, bIsF, err := toNumber(b)
	if err != nil {
		return nil, err
	}
	if !aIsF && !bIsF {
		return int(iop(ai, bi)), nil
	}
	if !aIsF {
		af = float64(ai)
	}
	if !bIsF {
		bf = float64(bi)
	}
	return op(af, bf), nil
}

func add(a, b any) (any, error) {
	return arith(a, b, func(x, y float64) float64 { return x + y }, func(x, y int64) int64 { return x + y })
}

func sub(a, b any) (any, error) {
	return arith(a, b, func(x, y float64) float64 { return x - y }, func(x, y int64) int64 { return x - y })
}

// intArg reads a template's integer argument of any number type.
func intArg(v any) (int, error) {
	i, err := toInt(v)
	return int(i), err
}

// seq N gives 1..N; seq A B gives A..B.
func seq(nums ...any) ([]int, error) {
	args := make([]int, len(nums))
	for i, n := range nums {
		v, err := intArg(n)
		if err != nil {
			return nil, fmt.Errorf("seq: %w", err)
		}
		args[i] = v
	}
	// Hugo's (GNU seq's) forms: LAST (1..LAST, or -1..LAST below 0),
	// FIRST LAST (counting down when FIRST > LAST), FIRST INCREMENT LAST.
	var first, inc, last int
	switch len(args) {
	case 1:
		first, inc, last = 1, 1, args[0]
		if last < 0 {
			first, inc = -1, -1
		} else if last == 0 {
			return []int{}, nil
		}
	case 2:
		first, inc, last = args[0], 1, args[1]
		if first > last {
			inc = -1
		}
	case 3:
		first, inc, last = args[0], args[1], args[2]
		switch {
		case inc == 0:
			return nil, errors.New("seq: 'increment' must not be 0")
		case first < last && inc < 0:
			return nil, errors.New("seq: 'increment' must be > 0")
		case first > last && inc > 0:
			return nil, errors.New("seq: 'increment' must be < 0")
		}
	default:
		return nil, errors.New("seq: want 1, 2 or 3 numbers (LAST, FIRST LAST or FIRST INCREMENT LAST)")
	}
	if n := (last-first)/inc + 1; n > 10000 {
		return nil, errors.New("seq: more than 10000 numbers")
	}
	var out []int
	for i := first; inc > 0 && i <= last || inc < 0 && i >= last; i += inc {
		out = append(out, i)
	}
	return out, nil
}

// isset reports whether a map has key (or a list has index key).
func isset(c any, key any) bool {
	rv := reflect.ValueOf(c)
	switch rv.Kind() {
	case reflect.Map:
		kv := reflect.ValueOf(key)
		if !kv.Type().AssignableTo(rv.Type().Key()) {
			return false
		}
		return rv.MapIndex(kv).IsValid()
	case reflect.Slice, reflect.Array:
		i, ok := key.(int)
		return ok && i >= 0 && i < rv.Len()
	}
	return false
}

// where keeps the items of list whose field (a dotted path of fields and
// map keys, e.g. "Section" or "Params.featured") equals value, or, as in
// Hugo, compares with it by an operator: where LIST FIELD "!=" VALUE.
func where(list any, field string, args ...any) (any, error) {
	op, value := "=", any(nil)
	switch len(args) {
	case 1:
		value = args[0]
	case 2:
		o, ok := args[0].(string)
		if !ok {
			return nil, fmt.Errorf("where: the operator must be a string, not %T", args[0])
		}
		op, value = o, args[1]
	default:
		return nil, fmt.Errorf("where: want LIST FIELD [OPERATOR] VALUE")
	}
	rv, err := listOf(list)
	if err != nil {
		return nil, fmt.Errorf("where: %w", err)
	}
	// A named list (site.Pages) stays one, so its methods (.GroupByDate,
	// .ByWeight...) still work on the result, as in Hugo.
	typ := reflect.SliceOf(rv.Type().Elem())
	if rv.Kind() == reflect.Slice {
		typ = rv.Type()
	}
	out := reflect.MakeSlice(typ, rv.Len(), rv.Len())
	n := 0
	path := strings.Split(strings.TrimPrefix(field, "."), ".")
	fields := make(fieldIndexes, len(path))
	// With "=", items compare by their printed form; value's is the same
	// for every item, and a plain string prints as itself.
	want, wantStr := "", false
	if op == "=" {
		want = fmt.Sprint(value)
		_, wantStr = value.(string)
	}
	for i := 0; i < rv.Len(); i++ {
		item := rv.Index(i)
		fv, ok := fields.lookup(item, path)
		if op == "=" {
			if !ok {
				continue
			}
			var got string
			if fv.Type() == stringType && wantStr {
				got = fv.String()
			} else {
				got = fmt.Sprint(fv.Interface())
			}
			if got == want {
				out.Index(n).Set(item)
				n++
			}
			continue
		}
		var v any
		if ok {
			v = fv.Interface()
		}
		keep, err := whereOp(op, v, value)
		if err != nil {
			return nil, err
		}
		if keep {
			out.Index(n).Set(item)
			n++
		}
	}
	out = out.Slice3(0, n, n)
	return out.Interface(), nil
}

func lookupPath(v reflect.Value, path []string) (any, bool) {
	fv, ok := make(fieldIndexes, len(path)).lookup(v, path)
	if !ok {
		return nil, false
	}
	return fv.Interface(), true
}

var stringType = reflect.TypeFor[string]()

// fieldIndexes remembers, per element of a field path, the struct type
// last seen there and where its field is: the items of a list mostly share
// one type, and reflect's search by name is linear in the fields.
type fieldIndexes []fieldIndex

type fieldIndex struct {
	typ    reflect.Type
	method int   // the type's method of that name, or -1
	index  []int // nil: the type has no such field
}

// lookup follows path from v through methods, struct fields and map keys,
// as Hugo's where does (".CurrentSection.Title": a method without
// arguments, returning a value and maybe an error, is called; it comes
// before a field of the same name). ok is false when a step is missing,
// the value cannot be read (unexported) or a method fails.
func (fs fieldIndexes) lookup(v reflect.Value, path []string) (reflect.Value, bool) {
	for i, name := range path {
		for v.Kind() == reflect.Interface {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		if !v.IsValid() {
			return reflect.Value{}, false
		}
		f := &fs[i]
		if f.typ != v.Type() {
			f.typ, f.method, f.index = v.Type(), -1, nil
			if m, ok := f.typ.MethodByName(name); ok && m.IsExported() && niladic(m.Type) {
				f.method = m.Index
			} else if st := derefType(f.typ); st.Kind() == reflect.Struct {
				if sf, ok := st.FieldByName(name); ok {
					f.index = sf.Index
				}
			}
		}
		if f.method >= 0 {
			if v.Kind() == reflect.Pointer && v.IsNil() {
				return reflect.Value{}, false
			}
			out := v.Method(f.method).Call(nil)
			if len(out) == 2 && !out[1].IsNil() {
				return reflect.Value{}, false
			}
			v = out[0]
			continue
		}
		for v.Kind() == reflect.Pointer {
			if v.IsNil() {
				return reflect.Value{}, false
			}
			v = v.Elem()
		}
		switch v.Kind() {
		case reflect.Struct:
			if f.index == nil {
				return reflect.Value{}, false
			}
			v = v.FieldByIndex(f.index)
		case reflect.Map:
			v = v.MapIndex(reflect.ValueOf(name))
			if !v.IsValid() {
				return reflect.Value{}, false
			}
		default:
			return reflect.Value{}, false
		}
	}
	if !v.IsValid() || !v.CanInterface() {
		return reflect.Value{}, false
	}
	return v, true
}

// niladic: a method type (receiver first) that takes nothing and returns
// a value, or a value and an error.
func niladic(t reflect.Type) bool {
	switch {
	case t.NumIn() != 1:
		return false
	case t.NumOut() == 1:
		return true
	case t.NumOut() == 2:
		return t.Out(1) == reflect.TypeFor[error]()
	}
	return false
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// FormData is what partials/form.html sees.
type FormData struct {
	Form     *schema.Form
	Action   string // the capture endpoint URL + "/" + the form's name
	Page     *site.Page
	Honeypot string
	// Started is the value the time trap's _started field is rendered
	// with (schema.StartedNoScript): the form script replaces it with the
	// time the page opened; a post without JavaScript keeps it.
	Started string
	Site    *site.Site
}

// formFunc is the template function: form NAME [PAGE].
func (r *Renderer) formFunc(name string, page ...*site.Page) (template.HTML, error) {
	var p *site.Page
	if len(page) > 0 {
		p = page[0]
	}
	return r.form(name, p)
}

func (r *Renderer) form(name string, p *site.Page) (template.HTML, error) {
	f := r.site.Forms[name]
	if f == nil {
		names := make([]string, 0, len(r.site.Forms))
		for n := range r.site.Forms {
			names = append(names, n)
		}
		sort.Strings(names)
		return "", fmt.Errorf("unknown form %q (site.yaml forms: %s)", name, strings.Join(names, ", "))
	}
	if r.partials.Lookup("partials/form.html") == nil {
		return "", errors.New("form: the theme has no layouts/partials/form.html")
	}
	action := r.site.Endpoint
	if strings.HasPrefix(action, "/") {
		action = r.site.RelURL(action)
	}
	v, err := r.partial("form.html", r.formData(f, name, action, p))
	out := template.HTML(toString(v))
	if err == nil && r.site.TimeTrap && !startedFieldRE.MatchString(string(out)) {
		return "", noStartedField(name)
	}
	return out, err
}

func (r *Renderer) formData(f *schema.Form, name, action string, p *site.Page) *FormData {
	return &FormData{Form: f, Action: action + "/" + name, Page: p, Honeypot: r.site.Honeypot, Started: schema.StartedNoScript, Site: r.site}
}

// noStartedField is form's error for a form.html without the time trap's
// field: capture would count every post from this form made without
// JavaScript as spam (docs/capture.md, the time trap).
func noStartedField(name string) error {
	return fmt.Errorf(`form %q: partials/form.html renders no %s field, so with capture.minSeconds set its posts without JavaScript would count as spam: add <input type="hidden" name="%s" value="{{ .Started }}">`,
		name, schema.StartedField, schema.StartedField)
}

// formInto is form for an action that prints the form in HTML text: the
// form is written straight into buf (partialInto); on error buf is as it
// was.
func (r *Renderer) formInto(buf *bytes.Buffer, name string, p *site.Page) (wrote bool, err error) {
	f := r.site.Forms[name]
	if f == nil || r.partials.Lookup("partials/form.html") == nil {
		_, err := r.form(name, p) // its error
		return false, err
	}
	action := r.site.Endpoint
	if strings.HasPrefix(action, "/") {
		action = r.site.RelURL(action)
	}
	mark := buf.Len()
	if _, wrote, err := r.partialInto(buf, "form.html", r.formData(f, name, action, p)); err != nil || !wrote {
		// An error, or form.html returned a value (buf is as it was): form
		// runs it again, its way.
		out, err := r.form(name, p)
		if err != nil {
			return false, err
		}
		buf.WriteString(string(out))
		return true, nil
	}
	if r.site.TimeTrap && !startedFieldRE.Match(buf.Bytes()[mark:]) {
		buf.Truncate(mark)
		return false, noStartedField(name)
	}
	return true, nil
}

// startedFieldRE finds the time trap's field in a rendered form.
var startedFieldRE = regexp.MustCompile(`name=["']?` + schema.StartedField + `["'\s>]`)

// menuActive reports whether item points at page p or one of its parents.
func menuActive(p *site.Page, item site.MenuItem) bool {
	if p == nil || item.External || item.URL == "" {
		return false
	}
	if item.URL == p.RelPermalink {
		return true
	}
	return item.URL != p.Site.RelURL("/") && strings.HasSuffix(item.URL, "/") && strings.HasPrefix(p.RelPermalink, item.URL)
}
