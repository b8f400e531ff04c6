package images

import (
	"fmt"
	"strconv"
	"strings"
)

// Op is what a spec does to the geometry.
type Op string

// The operations, as Hugo's image methods.
const (
	OpResize Op = "resize" // to W×H; one of them 0 keeps the aspect ratio
	OpFit    Op = "fit"    // down to fit inside W×H, keeping the aspect ratio
	OpFill   Op = "fill"   // to cover W×H, then cut to it at the anchor
	OpCrop   Op = "crop"   // cut W×H at the anchor, without scaling
	OpNone   Op = ""       // the whole image (a format or quality change only)
)

// Spec is one processing of an image: an operation with its size, and
// the output format, quality, anchor, filter and turn.
type Spec struct {
	Op            Op
	Width, Height int
	Format        Format // "" keeps the source's format
	Quality       int    // 0 is the format's default
	Anchor        string // center (default), top, topleft, ... bottomright, smart
	FocusX        float64
	FocusY        float64 // a focal point in [0,1] (from front matter); used when Anchor is ""
	HasFocus      bool
	Filter        string // resampling filter; "" is the processor's default
	Rotate        int    // degrees anticlockwise, a multiple of 90
	// As the spec wrote them, for Hugo's file names: the turn ("r-90"),
	// the background colour ("#ff0000" is "ff0000") and the WebP hint
	// (picture 1, photo 2, drawing 3, icon 4, text 5; 0 when not given).
	RotateGiven int
	Background  string
	Hint        int
}

// ParseSpec reads a spec as Hugo writes it for op: "800x", "x600",
// "1200x630 webp q80 TopLeft lanczos r90". Words may come in any order.
// For OpNone (Hugo's Process) the first word may name the operation:
// "fill 300x200 Center".
func ParseSpec(op Op, s string) (Spec, error) {
	sp := Spec{Op: op}
	words := strings.Fields(s)
	if op == OpNone && len(words) > 0 {
		switch w := Op(strings.ToLower(words[0])); w {
		case OpResize, OpFit, OpFill, OpCrop:
			sp.Op = w
			words = words[1:]
		}
	}
	sized := false
	for _, w := range words {
		lw := strings.ToLower(w)
		switch {
		case strings.Contains(lw, "x") && isSize(lw):
			ws, hs, _ := strings.Cut(lw, "x")
			sp.Width, _ = strconv.Atoi(ws)
			sp.Height, _ = strconv.Atoi(hs)
			sized = true
		case len(lw) > 1 && lw[0] == 'q' && isDigits(lw[1:]):
			q, _ := strconv.Atoi(lw[1:])
			if q < 1 || q > 100 {
				return sp, fmt.Errorf("image spec %q: quality %d is not in 1–100", s, q)
			}
			sp.Quality = q
		case len(lw) > 1 && lw[0] == 'r' && isDigits(strings.TrimPrefix(lw[1:], "-")):
			r, _ := strconv.Atoi(lw[1:])
			if r%90 != 0 {
				return sp, fmt.Errorf("image spec %q: rotation %d is not a multiple of 90", s, r)
			}
			sp.Rotate = ((r % 360) + 360) % 360
			sp.RotateGiven = r
		case isAnchor(lw):
			sp.Anchor = lw
		default:
			if f, ok := ParseFormat(lw); ok {
				sp.Format = f
				continue
			}
			if _, ok := filterNamed(lw); ok {
				sp.Filter = lw
				continue
			}
			if strings.HasPrefix(lw, "#") {
				sp.Background = lw[1:] // Hugo's background colour: named, not drawn
				continue
			}
			if h, ok := hugoHints[lw]; ok {
				sp.Hint = h // Hugo's WebP hints: named, not used
				continue
			}
			if lw == "default" {
				continue
			}
			return sp, fmt.Errorf("image spec %q: unknown word %q", s, w)
		}
	}
	switch sp.Op {
	case OpResize:
		if !sized || (sp.Width == 0 && sp.Height == 0) {
			return sp, fmt.Errorf("image spec %q: resize needs a width or a height (800x, x600)", s)
		}
	case OpFit, OpFill, OpCrop:
		if !sized || sp.Width == 0 || sp.Height == 0 {
			return sp, fmt.Errorf("image spec %q: %s needs a width and a height (1200x630)", s, sp.Op)
		}
	}
	return sp, nil
}

func isSize(s string) bool {
	a, b, ok := strings.Cut(s, "x")
	return ok && (a != "" || b != "") && (a == "" || isDigits(a)) && (b == "" || isDigits(b))
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func isAnchor(s string) bool {
	switch s {
	case "center", "top", "topleft", "topright", "left", "right", "bottom", "bottomleft", "bottomright", "smart":
		return true
	}
	return false
}

// key is the spec in one canonical string, for cache keys and names.
func (sp Spec) key(defaultFilter string) string {
	f := sp.Filter
	if f == "" {
		f = defaultFilter
	}
	focus := ""
	if sp.HasFocus && sp.Anchor == "" {
		focus = fmt.Sprintf("@%.4f,%.4f", sp.FocusX, sp.FocusY)
	}
	return fmt.Sprintf("%s_%dx%d_%s_q%d_%s%s_%s_r%d", sp.Op, sp.Width, sp.Height, sp.Format, sp.Quality, sp.Anchor, focus, f, sp.Rotate)
}
