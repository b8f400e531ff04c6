package site

import (
	"strings"
	"testing"
)

func TestCheckOutPath(t *testing.T) {
	tests := []struct{ path, err string }{
		{path: "stories/x/index.html"},
		{path: "/.well-known/security.txt"},
		{path: ".nojekyll"},
		{path: "caf%C3%A9/index.html"},
		{path: "100%/index.html"},
		{path: "a/./b/"},
		{path: "%2e%2e/x/index.html", err: `percent-encoded ".." segment`},
		{path: "/a/.%2E/x/", err: `percent-encoded ".." segment`},
		{path: "/a/%2E./x/", err: `percent-encoded ".." segment`},
		{path: "/%252e%252e/x", err: `percent-encoded ".." segment`},
		{path: "/%2e/x", err: `percent-encoded "." segment`},
		{path: "/a/../x", err: "would write outside the output folder"},
		{path: "/..%2fx/", err: `percent-encoded / or \`},
		{path: "/..%5Cx/", err: `percent-encoded / or \`},
		{path: ".git/config", err: `a folder starting with "." is not published`},
		{path: "/stories/.env/index.html", err: `a folder starting with "." is not published`},
		{path: "/%2egit/config", err: `a folder starting with "." is not published`},
		{path: "/a/.well-known/x", err: `a folder starting with "." is not published`},
		{path: "/.hidden/", err: `a folder starting with "." is not published`},
	}
	for _, tt := range tests {
		err := CheckOutPath(tt.path)
		switch {
		case tt.err == "" && err != nil:
			t.Errorf("CheckOutPath(%q) = %v, want nil", tt.path, err)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("CheckOutPath(%q) = %v, want an error with %s", tt.path, err, tt.err)
		}
	}
}
