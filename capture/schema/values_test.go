package schema

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func testForm(t testing.TB) *Form {
	site, err := Parse("site.yaml", []byte(`
forms:
  f:
    thankYou: /t/
    consent: ok?
    fields:
      - {name: name, required: true, maxLength: 10}
      - {name: email, type: email, required: true}
      - {name: topic, type: select, options: [A, B]}
      - {name: message, type: textarea, maxLength: 50}
      - {name: phone, type: tel}
      - {name: site, type: url}
      - {name: code, pattern: "[0-9]{4}"}
      - {name: agree, type: checkbox, required: true}
`))
	if err != nil {
		t.Fatal(err)
	}
	return site.Forms["f"]
}

func TestCheckValues(t *testing.T) {
	f := testForm(t)
	ok := map[string][]string{"name": {" Ann "}, "email": {"ann@example.com"}, "topic": {"B"}, "message": {"a\r\nb"},
		"phone": {"+1 (555) 010-9999"}, "site": {"https://x.example/p?q=1"}, "code": {"1234"}, "agree": {"on"}, "_consent": {"yes"}, "extra": {"x"}}
	clean, errs := f.CheckValues(ok)
	if len(errs) != 0 {
		t.Fatalf("errors for valid values: %v", errs)
	}
	want := map[string]string{"name": "Ann", "email": "ann@example.com", "topic": "B", "message": "a\nb", "phone": "+1 (555) 010-9999",
		"site": "https://x.example/p?q=1", "code": "1234", "agree": "yes"}
	if len(clean) != len(want) {
		t.Fatalf("clean = %v", clean)
	}
	for k, v := range want {
		if clean[k] != v {
			t.Errorf("%s = %q, want %q", k, clean[k], v)
		}
	}
	bad := map[string][]string{"name": {"Ann\x07"}, "email": {"ann@@x"}, "topic": {"C"}, "message": {strings.Repeat("x", 51)},
		"phone": {"12"}, "site": {"ftp://x"}, "code": {"12345"}}
	_, errs = f.CheckValues(bad)
	for _, name := range []string{"name", "email", "topic", "message", "phone", "site", "code", "agree", ConsentField} {
		if errs[name] == "" {
			t.Errorf("no error for %s (errors: %v)", name, errs)
		}
	}
	if !strings.HasPrefix(errs["email"], "email ") {
		t.Errorf("error does not name the field: %q", errs["email"])
	}
}

func TestValidEmail(t *testing.T) {
	for s, want := range map[string]bool{
		"a@b.c": true, "first.last+tag@sub.example.co.uk": true, "x@localhost": true,
		"": false, "a@": false, "@b.c": false, "a b@c.d": false, "a@b..c": false, "a@-b.c": false,
		"a@b.c\r\nBcc: x@y.z": false, "<a@b.c>": false, "a@b_c.d": false, "ä@b.c": false,
	} {
		if got := ValidEmail(s); got != want {
			t.Errorf("ValidEmail(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzValidate checks what CheckValues accepts: valid UTF-8 within the
// field's limit, no control characters (bar \n and \t in a textarea),
// syntax-checked emails, offered select options. Seeds:
// testdata/fuzz/FuzzValidate.
func FuzzValidate(f *testing.F) {
	form := testForm(f)
	f.Add("Ann", "ann@example.com", "A", "hi\r\nthere", "+1 555", "https://x.example", "1234")
	f.Fuzz(func(t *testing.T, name, email, topic, message, phone, site, code string) {
		values := map[string][]string{"name": {name}, "email": {email}, "topic": {topic}, "message": {message},
			"phone": {phone}, "site": {site}, "code": {code}, "agree": {"yes"}, "_consent": {"yes"}}
		clean, errs := form.CheckValues(values)
		for k, v := range clean {
			if _, both := errs[k]; both {
				t.Fatalf("%s both clean and in error", k)
			}
			fd := fieldNamed(form, k)
			if !utf8.ValidString(v) || utf8.RuneCountInString(v) > fd.Limit() || v != strings.TrimSpace(v) {
				t.Fatalf("%s = %q accepted", k, v)
			}
			for _, r := range v {
				if unicode.IsControl(r) && !(fd.Type == TypeTextarea && (r == '\n' || r == '\t')) {
					t.Fatalf("%s = %q: control character accepted", k, v)
				}
			}
		}
		if v, ok := clean["email"]; ok && !ValidEmail(v) {
			t.Fatalf("email %q accepted", v)
		}
		if v, ok := clean["topic"]; ok && v != "A" && v != "B" {
			t.Fatalf("topic %q accepted", v)
		}
		if _, ok := clean["name"]; !ok && errs["name"] == "" {
			t.Fatal("required name neither clean nor in error")
		}
	})
}

func fieldNamed(f *Form, name string) *Field {
	for i := range f.Fields {
		if f.Fields[i].Name == name {
			return &f.Fields[i]
		}
	}
	return nil
}

func TestChecked(t *testing.T) {
	for v, want := range map[string]bool{"yes": true, "on": true, "true": true, "1": true, "YES": true, " On ": true,
		"": false, "no": false, "false": false, "0": false, "off": false, "y": false, "checked": false, "yes please": false} {
		if got := Checked(v); got != want {
			t.Errorf("Checked(%q) = %v, want %v", v, got, want)
		}
	}
}
