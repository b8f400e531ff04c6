// Command photos writes license-clean, photograph-like JPEG files: each is
// a landscape drawn procedurally from a seed (sky with clouds, layered
// ridges in haze, a textured foreground, sensor grain), so benchmarks and
// tests have realistic, incompressible-looking images without anyone's
// copyright. The same flags always give the same files.
//
//	go run ./bench/images/photos -n 100 -w 4000 -h 3000 -o /dev/shm/photos
//	go run ./bench/images/photos -n 1 -w 640 -h 480 -orientation 6 -gps -o testdata
package main

import (
	"bytes"
	"encoding/binary"
	"flag"
	"fmt"
	"image"
	"image/jpeg"
	"log"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

func main() {
	n := flag.Int("n", 10, "how many photos")
	w := flag.Int("w", 4000, "width in pixels")
	h := flag.Int("h", 3000, "height in pixels")
	q := flag.Int("q", 90, "JPEG quality")
	out := flag.String("o", "photos", "output folder")
	prefix := flag.String("prefix", "photo", "file name prefix")
	seed := flag.Int("seed", 1, "seed of the first photo")
	orientation := flag.Int("orientation", 0, "EXIF orientation tag to write (1-8; 0 for no EXIF)")
	gps := flag.Bool("gps", false, "write an EXIF GPS position (needs -orientation)")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				img := landscape(*w, *h, uint32(*seed+i))
				var buf bytes.Buffer
				if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: *q}); err != nil {
					log.Fatal(err)
				}
				data := buf.Bytes()
				if *orientation > 0 {
					data = withExif(data, *orientation, *gps)
				}
				name := filepath.Join(*out, fmt.Sprintf("%s-%03d.jpg", *prefix, *seed+i))
				if err := os.WriteFile(name, data, 0o644); err != nil {
					log.Fatal(err)
				}
			}
		}()
	}
	for i := range *n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// landscape draws one scene: the slow procedural colour on a grid four
// times coarser, spread bilinearly, then fine texture and grain per pixel.
func landscape(w, h int, seed uint32) *image.RGBA {
	const step = 4
	gw, gh := w/step+2, h/step+2
	grid := make([][3]float64, gw*gh)
	for gy := range gh {
		for gx := range gw {
			grid[gy*gw+gx] = scene(float64(gx*step)/float64(w), float64(gy*step)/float64(h), seed)
		}
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		gy, ty := y/step, float64(y%step)/step
		for x := range w {
			gx, tx := x/step, float64(x%step)/step
			a, b := grid[gy*gw+gx], grid[gy*gw+gx+1]
			c, d := grid[(gy+1)*gw+gx], grid[(gy+1)*gw+gx+1]
			var px [3]float64
			for k := range 3 {
				px[k] = a[k] + (b[k]-a[k])*tx + (c[k]-a[k])*ty + (a[k]-b[k]-c[k]+d[k])*tx*ty
			}
			// Fine texture, stronger near the bottom (the foreground).
			t := value(float64(x)/3.1, float64(y)/2.3, seed) - 0.5
			t *= 0.04 + 0.25*math.Max(0, float64(y)/float64(h)-0.55)
			n := (hash(uint32(x), uint32(y), seed)-0.5)*0.05 + t
			i := img.PixOffset(x, y)
			img.Pix[i+0] = clamp8(px[0] + n)
			img.Pix[i+1] = clamp8(px[1] + n)
			img.Pix[i+2] = clamp8(px[2] + n)
			img.Pix[i+3] = 255
		}
	}
	return img
}

// scene is the colour at (fx, fy) in [0,1]: sky with sun and clouds,
// ridges in haze, a foreground.
func scene(fx, fy float64, seed uint32) [3]float64 {
	r := rng(seed)
	horizon := 0.35 + 0.2*r.float()
	sunX, sunY := r.float(), 0.1+0.25*r.float()
	hue := r.float()
	sky0 := mix3([3]float64{0.25, 0.45, 0.8}, [3]float64{0.85, 0.55, 0.35}, hue*0.6)
	sky1 := mix3([3]float64{0.75, 0.85, 0.95}, [3]float64{0.98, 0.8, 0.6}, hue*0.6)
	ground := mix3([3]float64{0.25, 0.4, 0.15}, [3]float64{0.45, 0.35, 0.2}, r.float())
	ridges := 3 + int(r.float()*3)
	x, y := fx*4000, fy*3000
	c := mix3(sky0, sky1, fy/horizon)
	d := math.Hypot(fx-sunX, (fy-sunY)*0.75)
	glow := math.Exp(-d * 9)
	c = add3(c, [3]float64{glow * 0.9, glow * 0.75, glow * 0.5})
	cl := fbm(x/700, y/260, seed, 5)
	cl = smooth((cl - 0.5) * 3)
	c = mix3(c, [3]float64{0.97, 0.96, 0.95}, cl*0.8*(1-fy/horizon*0.6))
	for k := range ridges {
		depth := float64(k+1) / float64(ridges)
		base := horizon + 0.04 + 0.12*depth*depth
		top := base - 0.16*(1.1-depth)*fbm(x/(900*(1.2-depth)), float64(k)*7.3, seed+uint32(k)*31, 6)
		if fy > top {
			tex := fbm(x/60, y/60, seed+uint32(k)*97, 4)
			rc := mix3([3]float64{0.35, 0.4, 0.45}, ground, depth)
			rc = scale3(rc, 0.6+0.6*tex)
			c = mix3(rc, sky1, (1-depth)*0.55)
		}
	}
	if fy > 0.75 {
		g := fbm(x/25, y/12, seed^0x5bd1e995, 5)
		fc := scale3(ground, 0.45+1.0*g)
		c = mix3(c, fc, smooth((fy-0.75)*8))
	}
	return c
}

type rng uint32

func (r *rng) float() float64 {
	*r = *r*1664525 + 1013904223
	return float64(*r>>8) / (1 << 24)
}

func hash(x, y, seed uint32) float64 {
	h := x*0x27d4eb2d ^ y*0x165667b1 ^ seed*0x9e3779b9
	h ^= h >> 15
	h *= 0x85ebca6b
	h ^= h >> 13
	h *= 0xc2b2ae35
	h ^= h >> 16
	return float64(h) / (1 << 32)
}

// fbm is fractal value noise in [0,1].
func fbm(x, y float64, seed uint32, octaves int) float64 {
	sum, amp, norm := 0.0, 1.0, 0.0
	for o := range octaves {
		sum += amp * value(x, y, seed+uint32(o)*1013)
		norm += amp
		amp *= 0.5
		x, y = x*2.03, y*2.01
	}
	return sum / norm
}

func value(x, y float64, seed uint32) float64 {
	x0, y0 := math.Floor(x), math.Floor(y)
	tx, ty := smooth(x-x0), smooth(y-y0)
	ix, iy := uint32(int32(x0)), uint32(int32(y0))
	a := hash(ix, iy, seed)
	b := hash(ix+1, iy, seed)
	c := hash(ix, iy+1, seed)
	d := hash(ix+1, iy+1, seed)
	return a + (b-a)*tx + (c-a)*ty + (a-b-c+d)*tx*ty
}

func smooth(t float64) float64 {
	t = min(1, max(0, t))
	return t * t * (3 - 2*t)
}

func mix3(a, b [3]float64, t float64) [3]float64 {
	t = min(1, max(0, t))
	return [3]float64{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t, a[2] + (b[2]-a[2])*t}
}

func add3(a, b [3]float64) [3]float64 { return [3]float64{a[0] + b[0], a[1] + b[1], a[2] + b[2]} }

func scale3(a [3]float64, s float64) [3]float64 { return [3]float64{a[0] * s, a[1] * s, a[2] * s} }

func clamp8(v float64) uint8 { return uint8(min(255, max(0, v*255+0.5))) }

// withExif inserts an APP1 Exif segment after SOI: the orientation tag
// and, with gps, a GPS IFD (latitude and longitude), as a phone writes.
func withExif(jpg []byte, orientation int, gps bool) []byte {
	le := binary.BigEndian
	var t bytes.Buffer
	t.WriteString("MM\x00\x2a")
	binary.Write(&t, le, uint32(8))
	entries := uint16(1)
	if gps {
		entries = 2
	}
	binary.Write(&t, le, entries)
	// 0x0112 Orientation, SHORT, 1 value.
	binary.Write(&t, le, []uint16{0x0112, 3})
	binary.Write(&t, le, uint32(1))
	binary.Write(&t, le, []uint16{uint16(orientation), 0})
	gpsIFD := uint32(8 + 2 + int(entries)*12 + 4)
	if gps {
		// 0x8825 GPSInfo, LONG offset.
		binary.Write(&t, le, []uint16{0x8825, 4})
		binary.Write(&t, le, uint32(1))
		binary.Write(&t, le, gpsIFD)
	}
	binary.Write(&t, le, uint32(0)) // no next IFD
	if gps {
		// Four entries: LatitudeRef, Latitude, LongitudeRef, Longitude.
		data := gpsIFD + 2 + 4*12 + 4
		binary.Write(&t, le, uint16(4))
		binary.Write(&t, le, []uint16{1, 2})
		binary.Write(&t, le, uint32(2))
		t.WriteString("N\x00\x00\x00")
		binary.Write(&t, le, []uint16{2, 5})
		binary.Write(&t, le, uint32(3))
		binary.Write(&t, le, data)
		binary.Write(&t, le, []uint16{3, 2})
		binary.Write(&t, le, uint32(2))
		t.WriteString("E\x00\x00\x00")
		binary.Write(&t, le, []uint16{4, 5})
		binary.Write(&t, le, uint32(3))
		binary.Write(&t, le, data+24)
		binary.Write(&t, le, uint32(0))
		binary.Write(&t, le, []uint32{48, 1, 51, 1, 2400, 100}) // 48°51'24"
		binary.Write(&t, le, []uint32{2, 1, 21, 1, 300, 100})   // 2°21'03"
	}
	seg := append([]byte("Exif\x00\x00"), t.Bytes()...)
	var out bytes.Buffer
	out.Write(jpg[:2])
	out.Write([]byte{0xFF, 0xE1})
	binary.Write(&out, le, uint16(len(seg)+2))
	out.Write(seg)
	out.Write(jpg[2:])
	return out.Bytes()
}
