//go:build ignore

// Gen writes the test images of this folder (run from the repository
// root: go run generator/images/testdata/gen.go). photo-exif.jpg comes
// from bench/images/photos:
//
//	go run ./bench/images/photos -n 1 -w 96 -h 64 -orientation 6 -gps -prefix exif -o generator/images/testdata
//
// landscape.jpg (480x320, for the comparison with Hugo's image methods) too:
//
//	go run ./bench/images/photos -n 1 -w 480 -h 320 -q 85 -seed 7 -prefix photo -o /tmp/x && mv /tmp/x/photo-007.jpg generator/images/testdata/landscape.jpg
package main

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/png"
	"log"
	"os"

	"github.com/gen2brain/webp"
)

const dir = "generator/images/testdata/"

func main() {
	// A PNG with alpha: a red disc fading out on a transparent square.
	m := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for y := range 30 {
		for x := range 40 {
			d := (x-20)*(x-20) + (y-15)*(y-15)
			a := max(0, 255-d*2)
			m.SetNRGBA(x, y, color.NRGBA{200, 40, 30, uint8(a)})
		}
	}
	write("alpha.png", encodePNG(m))

	// An animated GIF of three frames.
	g := &gif.GIF{}
	for i := range 3 {
		f := image.NewPaletted(image.Rect(0, 0, 24, 16), palette.Plan9)
		for y := range 16 {
			for x := range 24 {
				f.SetColorIndex(x, y, uint8((x+y+i*40)%256))
			}
		}
		g.Image = append(g.Image, f)
		g.Delay = append(g.Delay, 20)
	}
	var buf bytes.Buffer
	if err := gif.EncodeAll(&buf, g); err != nil {
		log.Fatal(err)
	}
	write("animated.gif", buf.Bytes())

	// A lossy WebP.
	w := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for y := range 48 {
		for x := range 64 {
			w.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 120, 255})
		}
	}
	buf.Reset()
	if err := webp.Encode(&buf, w, webp.Options{Quality: 80}); err != nil {
		log.Fatal(err)
	}
	write("photo.webp", buf.Bytes())

	// A truncated JPEG: the first half of the EXIF photo.
	jpg, err := os.ReadFile(dir + "exif-001.jpg")
	if err != nil {
		log.Fatal(err)
	}
	write("truncated.jpg", jpg[:len(jpg)/2])

	// A decompression bomb: a PNG that claims 50,000 × 50,000 pixels and
	// holds a few bytes of compressed zeros.
	write("bomb.png", bombPNG(50000, 50000))
}

func encodePNG(m image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, m); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

func bombPNG(w, h uint32) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // 8-bit greyscale
	chunk(&out, "IHDR", ihdr)
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 1<<16))
	zw.Close()
	chunk(&out, "IDAT", z.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

func chunk(out *bytes.Buffer, typ string, data []byte) {
	binary.Write(out, binary.BigEndian, uint32(len(data)))
	c := crc32.NewIEEE()
	c.Write([]byte(typ))
	c.Write(data)
	out.WriteString(typ)
	out.Write(data)
	binary.Write(out, binary.BigEndian, c.Sum32())
}

func write(name string, data []byte) {
	if err := os.WriteFile(dir+name, data, 0o644); err != nil {
		log.Fatal(err)
	}
}
