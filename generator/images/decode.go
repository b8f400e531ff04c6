package images

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"

	"golang.org/x/image/webp"
)

// DefaultMaxPixels is the largest image (width × height) read unless a
// site sets images.maxPixels: 100 MP, well above a phone photo (12–50 MP)
// and far below what a decompression bomb claims.
const DefaultMaxPixels = 100_000_000

// Errors a file can give; the processor wraps them with the file's name.
var (
	ErrUnsupported = errors.New("not an image format Storyfront reads (JPEG, PNG, GIF, WebP, SVG)")
	ErrTooLarge    = errors.New("image larger than the pixel limit (images.maxPixels)")
)

// Info is what an image file's header says, with width and height as the
// image shows (after its EXIF orientation).
type Info struct {
	Format      Format
	Width       int
	Height      int
	Orientation int  // EXIF orientation, 1 when none
	Animated    bool // an animated GIF or WebP: published as it is
}

// Inspect reads the header of an image file: its format, size and
// orientation. It refuses an image over maxPixels (0 means
// DefaultMaxPixels) without decoding it.
func Inspect(data []byte, maxPixels int64) (Info, error) {
	if maxPixels <= 0 {
		maxPixels = DefaultMaxPixels
	}
	f := sniff(data)
	var (
		cfg image.Config
		err error
	)
	info := Info{Format: f, Orientation: 1}
	switch f {
	case JPEG:
		cfg, err = jpeg.DecodeConfig(bytes.NewReader(data))
		info.Orientation = jpegOrientation(data)
	case PNG:
		cfg, err = png.DecodeConfig(bytes.NewReader(data))
	case GIF:
		cfg, err = gif.DecodeConfig(bytes.NewReader(data))
		info.Animated = gifFrames(data) > 1
	case WebP:
		cfg, err = webp.DecodeConfig(bytes.NewReader(data))
		if err != nil && webpAnimated(data) {
			cfg, err = webpCanvas(data)
		}
		info.Animated = webpAnimated(data)
	case SVG:
		return info, nil
	default:
		if looksSVG(data) {
			info.Format = SVG
			return info, nil
		}
		return info, ErrUnsupported
	}
	if err != nil {
		return info, fmt.Errorf("corrupt %s: %w", f, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return info, fmt.Errorf("corrupt %s: size %dx%d", f, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > maxPixels {
		return info, fmt.Errorf("%w: %dx%d is %d pixels, the limit %d", ErrTooLarge, cfg.Width, cfg.Height,
			int64(cfg.Width)*int64(cfg.Height), maxPixels)
	}
	info.Width, info.Height = cfg.Width, cfg.Height
	if swapsAxes(info.Orientation) {
		info.Width, info.Height = cfg.Height, cfg.Width
	}
	return info, nil
}

// decode reads the pixels of a still image, upright, as RGBA. The caller
// has inspected it (so it is within the pixel limit and not animated).
func decode(data []byte, info Info, workers int) (*image.RGBA, error) {
	var (
		m   image.Image
		err error
	)
	r := bytes.NewReader(data)
	switch info.Format {
	case JPEG:
		m, err = jpeg.Decode(r)
	case PNG:
		m, err = png.Decode(r)
	case GIF:
		m, err = gif.Decode(r)
	case WebP:
		m, err = webp.Decode(r)
	default:
		return nil, ErrUnsupported
	}
	if err != nil {
		return nil, fmt.Errorf("corrupt %s: %w", info.Format, err)
	}
	return orient(toRGBA(m, workers), info.Orientation), nil
}

// gifFrames counts a GIF's frames by walking its blocks, without decoding
// the pixels.
func gifFrames(data []byte) int {
	if len(data) < 13 {
		return 0
	}
	i := 13
	if data[10]&0x80 != 0 { // global colour table
		i += 3 << (data[10]&7 + 1)
	}
	frames := 0
	for i < len(data) {
		switch data[i] {
		case 0x21: // extension: label, then sub-blocks
			i += 2
			i = skipSubBlocks(data, i)
		case 0x2C: // image descriptor
			frames++
			if i+10 > len(data) {
				return frames
			}
			flags := data[i+9]
			i += 10
			if flags&0x80 != 0 {
				i += 3 << (flags&7 + 1)
			}
			i++ // LZW minimum code size
			i = skipSubBlocks(data, i)
		default: // trailer or garbage
			return frames
		}
	}
	return frames
}

func skipSubBlocks(data []byte, i int) int {
	for i < len(data) {
		n := int(data[i])
		i++
		if n == 0 {
			return i
		}
		i += n
	}
	return i
}

// webpAnimated reports whether a WebP file is an extended file with the
// animation flag.
func webpAnimated(data []byte) bool {
	return len(data) >= 21 && string(data[12:16]) == "VP8X" && data[20]&0x02 != 0
}

// webpCanvas reads the canvas size of an extended (VP8X) WebP file.
func webpCanvas(data []byte) (image.Config, error) {
	if len(data) < 30 || string(data[12:16]) != "VP8X" {
		return image.Config{}, errors.New("no VP8X header")
	}
	w := 1 + (int(data[24]) | int(data[25])<<8 | int(data[26])<<16)
	h := 1 + (int(data[27]) | int(data[28])<<8 | int(data[29])<<16)
	return image.Config{Width: w, Height: h}, nil
}

// looksSVG reports whether data starts like an SVG document.
func looksSVG(data []byte) bool {
	head := data[:min(len(data), 512)]
	return bytes.Contains(head, []byte("<svg"))
}
