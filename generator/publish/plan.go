package publish

import (
	"path"
	"sort"
	"strings"
)

// Object is what a bucket listing says of one object.
type Object struct {
	// Path is relative to the target's prefix, as File.Path.
	Path string
	Size int64
	// ETag without quotes: the hex MD5 of the bytes for a single-part
	// upload; other forms (multipart, SSE-KMS) never equal an MD5, so such
	// an object is uploaded again.
	ETag string
}

// Reason says why a file is uploaded.
type Reason string

// The reasons for an upload.
const (
	ReasonNew     Reason = "new"
	ReasonChanged Reason = "changed"
	ReasonForced  Reason = "forced"
)

// Upload is a file to upload and why.
type Upload struct {
	*File
	Reason Reason
}

// Plan is what a deploy does: upload Uploads (in order), then delete
// Deletes; Unchanged files stay.
type Plan struct {
	Uploads   []Upload
	Deletes   []string
	Unchanged int
	// UploadBytes is the sum of the uploads' sizes.
	UploadBytes int64
}

// MakePlan compares the local files with the bucket's objects. force
// uploads every file. Uploads are ordered so that pages go up after the
// assets they link to (pages, feeds and the sitemap last).
func MakePlan(local []*File, remote []Object, force bool) *Plan {
	have := make(map[string]Object, len(remote))
	for _, o := range remote {
		have[o.Path] = o
	}
	p := &Plan{}
	for _, f := range local {
		o, ok := have[f.Path]
		delete(have, f.Path)
		var why Reason
		switch {
		case !ok:
			why = ReasonNew
		case o.Size != f.Size || !strings.EqualFold(o.ETag, f.MD5):
			why = ReasonChanged
		case force:
			why = ReasonForced
		default:
			p.Unchanged++
			continue
		}
		p.Uploads = append(p.Uploads, Upload{File: f, Reason: why})
		p.UploadBytes += f.Size
	}
	for k := range have {
		p.Deletes = append(p.Deletes, k)
	}
	sort.Strings(p.Deletes)
	sort.SliceStable(p.Uploads, func(i, j int) bool {
		return uploadRank(p.Uploads[i].Path) < uploadRank(p.Uploads[j].Path)
	})
	return p
}

// uploadRank orders uploads: assets (0), then pages (1), then the files
// that list pages (2), so a visitor never gets a page whose assets are not
// there yet, nor a sitemap entry for a page that is not.
func uploadRank(p string) int {
	switch base := path.Base(p); {
	case base == "sitemap.xml" || base == "index.xml" || base == "robots.txt":
		return 2
	case strings.HasSuffix(base, ".html"):
		return 1
	default:
		return 0
	}
}

// MaxInvalidationPaths is how many paths one invalidation names at most;
// past it, a deploy invalidates "/*" (CloudFront counts that as one path).
const MaxInvalidationPaths = 100

// InvalidationPaths returns the URL paths a CDN must forget after this
// plan: every changed or deleted file, and for an index.html its folder
// URL too ("/stories/x/"), which is the URL visitors ask for. New files
// need none. Too many paths become "/*".
func (p *Plan) InvalidationPaths() []string {
	var out []string
	add := func(key string) {
		u := "/" + escapePath(key)
		out = append(out, u)
		if path.Base(key) == "index.html" {
			out = append(out, strings.TrimSuffix(u, "index.html"))
		}
	}
	for _, u := range p.Uploads {
		if u.Reason != ReasonNew {
			add(u.Path)
		}
	}
	for _, d := range p.Deletes {
		add(d)
	}
	if len(out) > MaxInvalidationPaths {
		return []string{"/*"}
	}
	sort.Strings(out)
	return out
}
