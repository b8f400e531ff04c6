package sitecompare

import "testing"

func TestUnfingerprinted(t *testing.T) {
	for in, want := range map[string]string{
		"css/main.min.64890a7e0b2c0ecfe141962bd5ce0af48f56a3467236204a2c7a61b50a223d35.css":    "css/main.min.#.css",
		"assets/js/search.fc4d3d259dc135ab09b5eda7510566d64eb9fe1769e5f728f1b0a7e2a992b39e.js": "assets/js/search.#.js",
		"posts/deadbeef/index.html": "posts/deadbeef/index.html", // a short hex folder is a name
		"css/main.css":              "css/main.css",
	} {
		if got := Unfingerprinted(in); got != want {
			t.Errorf("%s: %s, want %s", in, got, want)
		}
	}
}
