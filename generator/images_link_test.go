package generator

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// A streamed build whose images are all in the cache links the cached
// files into the output (no byte read or written): each published version
// is the cache's file, readable by all, with the bytes of a build that
// made them.
func TestWarmBuildLinksCachedImages(t *testing.T) {
	dir := imageSite(t)
	mem, b, staged, out, _ := memAndStagedBuilds(t, dir)
	if err := staged.WriteDir(out); err != nil {
		t.Fatal(err)
	}
	linked := 0
	for _, e := range b.img.byRel {
		for _, v := range e.set.Variants {
			cached := b.img.proc.CachedFile(v.Key, v.Format)
			pub := filepath.Join(out, filepath.FromSlash(e.dir+v.Name))
			ci, err1 := os.Stat(cached)
			pi, err2 := os.Stat(pub)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: %v %v", v.Name, err1, err2)
			}
			if os.SameFile(ci, pi) {
				linked++
			}
			if pi.Mode().Perm() != 0o644 {
				t.Errorf("%s is published with mode %o", v.Name, pi.Mode().Perm())
			}
			got, _ := os.ReadFile(pub)
			if !bytes.Equal(got, mem.files[e.dir+v.Name].Data) {
				t.Errorf("%s differs from the build that made it", v.Name)
			}
		}
	}
	if linked < 4 {
		t.Errorf("%d published versions are links to the cache, want all", linked)
	}
}
