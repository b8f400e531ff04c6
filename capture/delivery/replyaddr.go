package delivery

import (
	"errors"
	"strings"

	"golang.org/x/net/publicsuffix"

	"github.com/storyfront/storyfront/capture/sink"
)

// errNotPublic dead-letters an auto-reply to an address that is not a
// mailbox on a public domain. It never quotes the address.
var errNotPublic = errors.New("auto-reply not sent: the lead's email is not an address on a public domain")

// replyAddress decides whether addr may get an auto-reply and returns the
// key its one-per-day limit counts it under.
//
// The form must not make the capture server mail a machine or route mail
// onwards, so the address must be a plain mailbox on a public domain: a
// local part of letters, digits and . _ ' + - (no % or ! routing, no
// quoted local part, no leading, trailing or double dot), and a domain of
// at least two letter-digit-hyphen labels under a top-level domain that is
// in the ICANN section of the Public Suffix List, with a label of its own
// below the public suffix. That refuses localhost, IP literals, single
// labels, .arpa and the reserved or private names (.local, .internal,
// .test, .example, .invalid ...).
//
// The key is the address lower-cased, with a +tag removed from the local
// part; dots are removed only for gmail.com (and googlemail.com, which is
// the same mailbox), whose mailboxes ignore them. Other providers treat
// a.nn and ann as different people, so their dots are kept.
func replyAddress(addr string) (string, error) {
	if _, err := sink.Address(addr); err != nil {
		return "", errNotPublic
	}
	at := strings.LastIndexByte(addr, '@')
	local, domain := strings.ToLower(addr[:at]), strings.ToLower(addr[at+1:])
	if !plainLocal(local) || !publicDomain(domain) {
		return "", errNotPublic
	}
	if i := strings.IndexByte(local, '+'); i >= 0 {
		local = local[:i]
	}
	if domain == "googlemail.com" {
		domain = "gmail.com"
	}
	if domain == "gmail.com" {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + domain, nil
}

// plainLocal reports whether a lower-cased local part is a plain mailbox
// name (see replyAddress).
func plainLocal(s string) bool {
	if s == "" || s[0] == '.' || s[0] == '+' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("._'+-", c) >= 0 {
			continue
		}
		return false
	}
	return true
}

// publicDomain reports whether a lower-cased domain is a registrable name
// (or one below it) under an ICANN top-level domain.
func publicDomain(d string) bool {
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	if tld == "arpa" { // infrastructure (in-addr.arpa, home.arpa), no mailboxes
		return false
	}
	if suffix, icann := publicsuffix.PublicSuffix(tld); !icann || suffix != tld {
		return false
	}
	// The domain must have a label of its own below its public suffix
	// (customer.co.uk, not co.uk or github.io).
	_, err := publicsuffix.EffectiveTLDPlusOne(d)
	return err == nil
}
