// Package images processes the raster images of a site: it reads JPEG,
// PNG, GIF and WebP files (SVG passes through untouched), turns them
// upright from their EXIF orientation, drops every piece of metadata (GPS
// included) by re-encoding the pixels only, resizes them to the widths a
// site asks for without ever enlarging, and encodes AVIF, WebP, JPEG, PNG
// or GIF.
//
// Everything is pure Go: golang.org/x/image for decoding WebP and for the
// share-card text, and the WebAssembly builds of libwebp and libavif run
// by wazero (github.com/gen2brain/webp, github.com/gen2brain/avif) for
// encoding. Resampling is this package's own (resample.go): separable
// kernels in fixed point over rows in parallel, after an integer box
// reduction for large ratios.
//
// A Processor caches every result on disk by the source's content hash
// and the processing spec (cache.go), so a second build reads bytes
// instead of decoding; the same input always gives the same bytes.
//
// Hugo's image processing is the model: the spec syntax ("800x webp q75
// Center"), the methods Resize, Fit, Fill, Crop and Process, the anchors
// and filters. See docs/images.md.
package images
