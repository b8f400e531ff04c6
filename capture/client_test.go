package capture

import "testing"

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
