package delivery

import "testing"

// Auto-replies go only to a mailbox on a public domain, and the per-address
// limit counts the normalised address (issue 14, item 12).
func TestReplyAddress(t *testing.T) {
	for _, tc := range []struct{ in, key string }{
		{"ann@customer.com", "ann@customer.com"},
		{"Ann.Lee@Customer.COM", "ann.lee@customer.com"},
		{"ann+news@customer.com", "ann@customer.com"},
		{"ann+a+b@customer.co.uk", "ann@customer.co.uk"},
		{"o'brien@mail.ie", "o'brien@mail.ie"},
		{"ann-lee_1@sub.customer.de", "ann-lee_1@sub.customer.de"},
		{"ann@xn--bcher-kva.com", "ann@xn--bcher-kva.com"},
		{"someone@github.io", ""}, // a public suffix itself is no mailbox domain
		// Gmail ignores dots in the local part; other providers do not.
		{"a.n.n@gmail.com", "ann@gmail.com"},
		{"A.nn+x@googlemail.com", "ann@gmail.com"},
		{"a.nn@customer.com", "a.nn@customer.com"},
	} {
		key, err := replyAddress(tc.in)
		if tc.key == "" {
			if err == nil {
				t.Errorf("replyAddress(%q) = %q, want refused", tc.in, key)
			}
			continue
		}
		if err != nil || key != tc.key {
			t.Errorf("replyAddress(%q) = %q, %v; want key %q", tc.in, key, err, tc.key)
		}
	}
	for _, bad := range []string{
		"root@localhost", "root@LOCALHOST", "ann@mail.localhost", "admin@intranet", "ann@host.local",
		"ann@corp.internal", "ann@router.lan", "ann@customer.example", "ann@x.test", "ann@x.invalid", "ann@printer.home.arpa",
		"ann@127.0.0.1", "ann@[127.0.0.1]", "ann@[IPv6:::1]", "ann@10.0.0.7", "ann@192.168.1.1.",
		"ann%victim.com@customer.com", "victim.com!ann@customer.com", `"ann lee"@customer.com`, `"ann"@customer.com`,
		"ann@customer.com.", ".ann@customer.com", "ann.@customer.com", "a..nn@customer.com", "+tag@customer.com",
		"=?utf-8?q?ann?=@customer.com", "ann@-customer.com", "ann@customer.c0m", "ann@customer.123",
		"ann", "@customer.com", "ann@", "ann@@customer.com", "ann@cust omer.com", "ann@customer.com\r\nBcc: x@y.com",
		"ann@exa_mple.com", "anné@customer.com",
	} {
		if key, err := replyAddress(bad); err == nil {
			t.Errorf("replyAddress(%q) = %q, want refused", bad, key)
		}
	}
}
