package site

import "testing"

func TestCleanURL(t *testing.T) {
	tests := []struct {
		raw, out, url, err string
	}{
		{raw: "/about-us/", out: "about-us/index.html", url: "/about-us/"},
		{raw: "about-us", out: "about-us/index.html", url: "/about-us/"},
		{raw: "/a//b/./c/", out: "a/b/c/index.html", url: "/a/b/c/"},
		{raw: "/feed.json", out: "feed.json", url: "/feed.json"},
		{raw: "/", out: "index.html", url: "/"},
		{raw: "../x", err: `"../x" would write outside the output folder`},
		{raw: "/a/../../x/", err: `"/a/../../x/" would write outside the output folder`},
		{raw: "/a/..", err: `"/a/.." would write outside the output folder`},
		{raw: `\..\x`, err: `"\\..\\x" must not contain \, ?, # or NUL`},
		{raw: "https://evil.example/", err: `"https://evil.example/" must be a path on this site, not an absolute URL`},
		{raw: "//evil.example/x", err: `"//evil.example/x" must be a path on this site, not an absolute URL`},
		{raw: "/%2e%2e/x", err: `"/%2e%2e/x" has a percent-encoded ".." segment`},
		{raw: "/.git/config", err: `"/.git/config": a folder starting with "." is not published (only /.well-known/)`},
		{raw: "/.well-known/security.txt", out: ".well-known/security.txt", url: "/.well-known/security.txt"},
		{raw: "/x?y", err: `"/x?y" must not contain \, ?, # or NUL`},
	}
	for _, tt := range tests {
		out, u, err := cleanURL(tt.raw)
		switch {
		case tt.err != "":
			if err == nil || err.Error() != tt.err {
				t.Errorf("cleanURL(%q) error = %v, want %s", tt.raw, err, tt.err)
			}
		case err != nil || out != tt.out || u != tt.url:
			t.Errorf("cleanURL(%q) = %q, %q, %v; want %q, %q", tt.raw, out, u, err, tt.out, tt.url)
		}
	}
}

func TestCheckSlug(t *testing.T) {
	for _, ok := range []string{"x", "my-story", "2024.recap"} {
		if err := checkSlug(ok); err != nil {
			t.Errorf("checkSlug(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"..", ".", "a/b", `a\b`, "a?b", "a#b", ".env", "%2e%2e", "%2E", "a%2Fb"} {
		if err := checkSlug(bad); err == nil {
			t.Errorf("checkSlug(%q) = nil, want an error", bad)
		}
	}
}

func TestUrlize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Brand voice", "brand-voice"},
		{"  Sales & Marketing ", "sales-marketing"},
		{"Café", "café"},
		{"C++", "c"},
		{"...", "-"},
		{"v1.2", "v1.2"},
	}
	for _, tt := range tests {
		if got := Urlize(tt.in); got != tt.want {
			t.Errorf("Urlize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
