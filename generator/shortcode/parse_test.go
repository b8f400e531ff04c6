package shortcode

import (
	"bytes"
	"testing"
)

// TestHas: Has finds "{{<" or "{{%" wherever it is, as two searches would.
func TestHas(t *testing.T) {
	for _, in := range []string{"", "{", "{{", "{{<", "{{%", "{{{<", "{{{{%", "a {{ b }} c", "{{ x }}{{<", "{{ x }} {{%x%}}",
		"text {{< figure >}}", "{{>", "{{ <", "x{{", "x{{{", "{{%}}", "{%{{<"} {
		want := bytes.Contains([]byte(in), []byte("{{<")) || bytes.Contains([]byte(in), []byte("{{%"))
		if got := Has([]byte(in)); got != want {
			t.Errorf("Has(%q) = %v, want %v", in, got, want)
		}
	}
}

func FuzzHas(f *testing.F) {
	f.Add("a {{ b }} {{< c >}}")
	f.Fuzz(func(t *testing.T, in string) {
		want := bytes.Contains([]byte(in), []byte("{{<")) || bytes.Contains([]byte(in), []byte("{{%"))
		if got := Has([]byte(in)); got != want {
			t.Errorf("Has(%q) = %v, want %v", in, got, want)
		}
	})
}
