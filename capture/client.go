package capture

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"net/http"
	"net/netip"
)

// remoteIP is the default ClientIP: the host part of r.RemoteAddr.
func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// hashIP returns the salted hash of ip that leads store, and the key the
// rate limiter counts by: the same hash for IPv4, the hash of the /64
// network for IPv6 (one client usually holds a whole /64).
func hashIP(salt []byte, ip string) (stored, limitKey string) {
	stored = hmacHex(salt, ip)
	addr, err := netip.ParseAddr(ip)
	if err != nil || !addr.Is6() || addr.Is4In6() {
		return stored, stored
	}
	prefix, err := addr.Prefix(64)
	if err != nil {
		return stored, stored
	}
	return stored, hmacHex(salt, prefix.String())
}

func hmacHex(salt []byte, s string) string {
	m := hmac.New(sha256.New, salt)
	m.Write([]byte(s))
	return hex.EncodeToString(m.Sum(nil)[:16])
}
