package capture

import (
	"fmt"
	"testing"
	"time"
)

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

func TestLimiterForgetsIdleThenAnyClients(t *testing.T) {
	l := newLimiter(2, 100)
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	got := []bool{l.allow("a", t0), l.allow("a", t0), l.allow("a", t0)}
	if !got[0] || !got[1] || got[2] {
		t.Fatalf("3 posts at once: allowed %v, want 2 allowed, the 3rd refused", got)
	}
	if !l.allow("a", t0.Add(31*time.Second)) {
		t.Fatal("a token should come back after 30 s")
	}
	for i := range 99 {
		l.allow(fmt.Sprint("idle", i), t0)
	}
	if l.size() != 100 {
		t.Fatalf("size %d, want 100", l.size())
	}
	// A new client when full, a minute later: the idle ones go.
	l.allow("new", t0.Add(2*time.Minute))
	if n := l.size(); n != 1 {
		t.Fatalf("after evicting idle clients size = %d, want 1", n)
	}
	// Full of active clients: still bounded.
	t1 := t0.Add(3 * time.Minute)
	for i := range 500 {
		l.allow(fmt.Sprint("busy", i), t1)
	}
	if n := l.size(); n > 100 {
		t.Fatalf("size %d exceeds the bound", n)
	}
}

func TestHashIP(t *testing.T) {
	salt := []byte("s")
	a, ka := hashIP(salt, "2001:db8:1:2::1")
	b, kb := hashIP(salt, "2001:db8:1:2::ffff")
	if a == b || ka != kb {
		t.Errorf("IPv6 in one /64: hashes %s %s must differ, limit keys %s %s must match", a, b, ka, kb)
	}
	c, kc := hashIP(salt, "192.0.2.1")
	if c != kc || len(c) != 32 {
		t.Errorf("IPv4: %s %s", c, kc)
	}
	if d, _ := hashIP([]byte("other"), "192.0.2.1"); d == c {
		t.Error("the salt does not change the hash")
	}
}
