package main

import (
	"net"
	"net/url"
)

// devOrigins are the origins a browser can show the dev server's pages
// from, given the base URL of its listener (http://host:port/): that
// address, and for a loopback or unspecified address the other loopback
// names (localhost, 127.0.0.1, [::1]) on the same port; an unspecified
// address (0.0.0.0, [::]) adds every address of this machine's
// interfaces. The capture handler treats posts from these as same-origin;
// the request's Host header, which any client can set, is never trusted.
func devOrigins(base string) []string {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return nil
	}
	port := u.Port()
	origins := []string{"http://" + u.Host}
	ip := net.ParseIP(u.Hostname())
	if ip == nil || !ip.IsLoopback() && !ip.IsUnspecified() {
		return origins
	}
	seen := map[string]bool{origins[0]: true}
	add := func(host string) {
		if o := "http://" + net.JoinHostPort(host, port); !seen[o] {
			seen[o] = true
			origins = append(origins, o)
		}
	}
	for _, h := range []string{"localhost", "127.0.0.1", "::1"} {
		add(h)
	}
	if ip.IsUnspecified() {
		addrs, _ := net.InterfaceAddrs()
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLinkLocalUnicast() {
				add(n.IP.String())
			}
		}
	}
	return origins
}
