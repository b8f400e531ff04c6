package capture

import "testing"

func TestPrintable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"Zoë ✓", "Zoë ✓"},
		{"\x1b[31mred\x1b[0m", `\x1b[31mred\x1b[0m`},
		{"a\nb\tc\r", `a\x0ab\x09c\x0d`},
		{"bidi \u202eexe.txt", `bidi \u202eexe.txt`},
		{"csi \u009b2J", `csi \x9b2J`},
		{"bad \xff utf8", `bad \xff utf8`},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"x\")": "'=HYPERLINK(\"x\")", "+1": "'+1", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "ok": "ok", "": "", "a=b": "a=b",
	} {
		if got := CSVCell(in); got != want {
			t.Errorf("CSVCell(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLeadEmail(t *testing.T) {
	for _, tt := range []struct {
		fields map[string]string
		want   string
	}{
		{map[string]string{"email": "a@b.c", "other": "x@y.z"}, "a@b.c"},
		{map[string]string{"work": "x@y.z", "name": "Ann"}, "x@y.z"},
		{map[string]string{"name": "Ann"}, ""},
	} {
		if got := (&Lead{Fields: tt.fields}).Email(); got != tt.want {
			t.Errorf("Email(%v) = %q, want %q", tt.fields, got, tt.want)
		}
	}
}

func TestClean(t *testing.T) {
	if got := clean(" a\x00b\u202ec\xffd ", 100); got != "abc\uFFFDd" {
		t.Errorf("clean = %q", got)
	}
	if got := clean("ééééé", 3); got != "ééé" {
		t.Errorf("clean truncated = %q", got)
	}
}
