package images

import (
	"bytes"
	"image/png"
	"os"
	"testing"
)

func TestDrawCard(t *testing.T) {
	o := CardOptions{Title: "Leads that arrive with a story: why the handoff decides the quarter, and what to do about it this week",
		Eyebrow: "Stories", Brand: "Bridgework", Background: "#1d4ed8", Foreground: "#ffffff", Accent: "#c2410c"}
	data, err := DrawCard(o)
	if err != nil {
		t.Fatal(err)
	}
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := m.Bounds(); b.Dx() != CardWidth || b.Dy() != CardHeight {
		t.Fatalf("card is %v", b)
	}
	// Background in a corner, accent rule at the bottom, and white text
	// somewhere in the title band.
	if r, g, b, _ := m.At(5, 5).RGBA(); r>>8 != 0x1d || g>>8 != 0x4e || b>>8 != 0xd8 {
		t.Errorf("corner is %x %x %x, want the background", r>>8, g>>8, b>>8)
	}
	if r, _, _, _ := m.At(600, CardHeight-4).RGBA(); r>>8 != 0xc2 {
		t.Errorf("bottom rule red %x, want the accent", r>>8)
	}
	white := 0
	for y := 180; y < 420; y++ {
		for x := 80; x < 1120; x++ {
			if r, g, b, _ := m.At(x, y).RGBA(); r>>8 > 240 && g>>8 > 240 && b>>8 > 240 {
				white++
			}
		}
	}
	if white < 5000 {
		t.Errorf("only %d white pixels in the title band: no title drawn", white)
	}
	again, _ := DrawCard(o)
	if !bytes.Equal(data, again) {
		t.Error("the same card drew different bytes")
	}
	if CardKey(o) == CardKey(CardOptions{Title: "Other"}) {
		t.Error("different cards share a key")
	}
	if os.Getenv("CARD_OUT") != "" {
		os.WriteFile(os.Getenv("CARD_OUT"), data, 0o644)
	}
}
