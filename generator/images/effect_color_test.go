package images

import "testing"

// TestTextColorShort checks images.Text reads a colour of three hex
// digits as Hugo does (#FFF is #ffffff: gohugoioTheme's opengraph cards),
// and still refuses a name.
func TestTextColorShort(t *testing.T) {
	short, err := NewTextEffect("x", TextOptions{Color: "#FFF"})
	if err != nil {
		t.Fatal(err)
	}
	long, err := NewTextEffect("x", TextOptions{Color: "#FFFFFF"})
	if err != nil {
		t.Fatal(err)
	}
	if short.String() != long.String() {
		t.Errorf("#FFF is %s, want %s", short, long)
	}
	if _, err := NewTextEffect("x", TextOptions{Color: "white"}); err == nil {
		t.Error("color white: no error")
	}
}
