package images

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/disintegration/gift"
	"github.com/mitchellh/hashstructure"
)

// HugoDefaults are a Hugo site's [imaging] settings as hugo 0.111.3 writes
// them into the names of processed images.
type HugoDefaults struct {
	Quality int    // imaging.quality, default 75
	Filter  string // imaging.resampleFilter, lower case, default "box"
	Anchor  string // imaging.anchor, lower case, default "smart"
	BgColor string // imaging.bgColor, lower case without "#", default "ffffff"
}

func (d HugoDefaults) withDefaults() HugoDefaults {
	if d.Quality <= 0 {
		d.Quality = DefaultQuality
	}
	if d.Filter == "" {
		d.Filter = "box"
	}
	if d.Anchor == "" {
		d.Anchor = "smart"
	}
	if d.BgColor == "" {
		d.BgColor = "ffffff"
	}
	return d
}

// hugoMD5Fast is the identity hugo 0.111.3 gives a source file in the
// names of its processed images: an MD5 of at most eight 64-byte reads,
// the first at the start and each later one at offset 2048 (Hugo seeks to
// the same offset every time), stopping at the first short read, whose
// buffer still holds the bytes of the read before it.
func hugoMD5Fast(data []byte) string {
	const peek, at, reads = 64, 2048, 8
	h := md5.New()
	buf := make([]byte, peek)
	for i := 0; i < reads; i++ {
		off := 0
		if i > 0 {
			off = at
		}
		n := 0
		if off < len(data) {
			n = copy(buf, data[off:])
		}
		h.Write(buf)
		if n < peek {
			break
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// hugoFormatVersions are the numbers hugo 0.111.3 appends to the key of an
// image processed from a file of that format.
var hugoFormatVersions = map[Format]int{PNG: 3, WebP: 2, GIF: 1}

// hugoKey is the part of a processed image's name that says what was
// done, as hugo 0.111.3's image config key: "300x0_resize_q75_box",
// "200x200_fill_q75_h2_box_smart1", "filter_<hash>". from is the format
// of the image the step applies to, to its result's.
func hugoKey(s Step, from, to Format, defs HugoDefaults) (string, error) {
	if len(s.Effects) > 0 {
		h, err := hugoFilterHash(s.Effects)
		if err != nil {
			return "", err
		}
		return "filter_" + h, nil
	}
	sp := s.Spec
	var b strings.Builder
	fmt.Fprintf(&b, "%dx%d", sp.Width, sp.Height)
	if sp.Op != OpNone {
		b.WriteString("_" + string(sp.Op))
	}
	lossy := to == JPEG || to == WebP
	if sp.Quality > 0 || lossy {
		q := sp.Quality
		if q <= 0 {
			q = defs.Quality
		}
		b.WriteString("_q" + strconv.Itoa(q))
	}
	if sp.RotateGiven != 0 {
		b.WriteString("_r" + strconv.Itoa(sp.RotateGiven))
	}
	bg := sp.Background
	if bg == "" && to != from && from != JPEG && to == JPEG {
		bg = defs.BgColor // transparency filled when the target has none
	}
	if bg != "" {
		b.WriteString("_bg" + bg)
	}
	if to == WebP {
		hint := sp.Hint
		if hint == 0 {
			hint = hugoHintPhoto
		}
		b.WriteString("_h" + strconv.Itoa(hint))
	}
	filter := sp.Filter
	if filter == "" {
		filter = defs.Filter
	}
	b.WriteString("_" + filter)
	if sp.Op == OpFill || sp.Op == OpCrop {
		anchor := sp.Anchor
		if anchor == "" {
			anchor = defs.Anchor
		}
		if anchor == "smart" {
			anchor += "1" // Hugo's smart crop version
		}
		b.WriteString("_" + anchor)
	}
	if v, ok := hugoFormatVersions[from]; ok {
		b.WriteString("_" + strconv.Itoa(v))
	}
	return b.String(), nil
}

// The WebP encoding hints of a spec, numbered as Hugo numbers them in
// names.
const hugoHintPhoto = 2

var hugoHints = map[string]int{"picture": 1, "photo": 2, "drawing": 3, "icon": 4, "text": 5}

// hugoExt is the extension hugo 0.111.3 gives a result in format f.
func hugoExt(f Format) string { return f.Ext() }

// hugoName is the file name hugo 0.111.3 gives what one more step makes of
// the file named prev: "<base>_hu<md5>_<size>_<key><ext>", where id is
// "_hu<md5>_<size>" of the first source; a name that would be longer than
// 100 characters has the MD5 of its parts in place of the key, and the
// base is cut before its "_hu".
func hugoName(prev, id, key string, from, to Format) string {
	ext := path.Ext(prev)
	base := strings.TrimSuffix(prev, ext)
	if to != from {
		ext = hugoExt(to)
	}
	const md5Threshold = 100
	if len(base)+len(id)+len(ext) > md5Threshold {
		sum := md5.Sum([]byte(base + key + ext))
		key = hex.EncodeToString(sum[:])
		if i := strings.Index(base, "_hu"); i >= 0 {
			base = base[:i]
		} else {
			base = ""
		}
	} else if strings.Contains(base, id) {
		id = "" // a step on a processed image: its name holds the id already
	}
	return base + id + "_" + key + ext
}

// hugoNameOf names what d's steps make of its source as hugo 0.111.3
// would: one step after the other, from the source's own file name.
func (p *Processor) hugoNameOf(d Derived, src Format, md5fast string, size int64) (string, error) {
	id := fmt.Sprintf("_hu%s_%d", md5fast, size)
	name := path.Base(d.Source.Name)
	from := src
	for _, s := range d.Steps {
		to := from
		if len(s.Effects) == 0 {
			if s.Spec.Format != "" {
				to = s.Spec.Format
			}
		}
		key, err := hugoKey(s, from, to, p.hugo)
		if err != nil {
			return "", err
		}
		name = hugoName(name, id, key, from, to)
		from = to
	}
	return name, nil
}

// The values hugo 0.111.3 hashes for the key of a Filter: a list of its
// filter type, each with its options and the gift filter it draws with.
// hashstructure hashes a struct's type name and exported fields, so these
// types carry Hugo's names.
type (
	filterOpts struct {
		Version int
		Vals    any
	}
	filter struct {
		Options filterOpts
		Filter  any
	}
	overlayFilter struct{}
	textFilter    struct{}
)

// hugoFilterHash is hugo 0.111.3's key of a Filter with effects.
func hugoFilterHash(effects []Effect) (string, error) {
	list := make([]any, len(effects))
	for i, e := range effects {
		f := filter{}
		if e.Vals != nil {
			f.Options.Vals = e.Vals
		}
		switch e.Name {
		case "overlay":
			f.Filter = overlayFilter{}
		case "text":
			f.Filter = textFilter{}
		default:
			var g gift.Filter = e.filter()
			f.Filter = g
		}
		list[i] = f
	}
	h, err := hashstructure.Hash(list, nil)
	if err != nil {
		return "", fmt.Errorf("image filter key: %w", err)
	}
	return strconv.FormatUint(h, 10), nil
}

// HugoNameAfter is the name hugo 0.111.3 gives what step makes of the image
// that steps make of src, when that image's file is named base (a
// fingerprinted copy's "x.<md5>.jpg") rather than as the chain names it.
func (p *Processor) HugoNameAfter(src Source, steps []Step, base string, step Step) (string, error) {
	e, err := p.stat(src)
	if err != nil {
		return "", err
	}
	from := p.outFormat("", e.Info.Format)
	for _, s := range steps {
		if len(s.Effects) == 0 && s.Spec.Format != "" {
			from = s.Spec.Format
		}
	}
	to := from
	if len(step.Effects) == 0 && step.Spec.Format != "" {
		to = step.Spec.Format
	}
	key, err := hugoKey(step, from, to, p.hugo)
	if err != nil {
		return "", fmt.Errorf("%s: %w", src.Name, err)
	}
	return hugoName(base, fmt.Sprintf("_hu%s_%d", e.MD5Fast, e.Size), key, from, to), nil
}
