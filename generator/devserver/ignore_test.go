package devserver

import "testing"

func TestTempFile(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{".story.md.swp", true},
		{".story.md.swx", true},
		{".story.md.swo", true},
		{"story.md~", true},
		{".#story.md", true},
		{"#story.md#", true},
		{"4913", true},
		{".DS_Store", true},
		{"story.md___jb_tmp___", true},
		{"story.md", false},
		{"main.css", false},
		{"#", false},
		{".htaccess", false},
		{"49130.md", false},
		{"swp.md", false},
	}
	for _, tt := range tests {
		if got := tempFile(tt.name); got != tt.want {
			t.Errorf("tempFile(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
