package images

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// CacheDir is the cache folder inside a site folder, as Hugo's.
const CacheDir = "resources/_gen/images"

// codecVersion is part of every cache key: bump it when the resampler or
// an encoder changes its output, so old entries are not reused.
const codecVersion = "sf1-webp0.5.5-avif0.4.4"

// cacheKey names one processed image: the source's content hash and the
// spec, hashed.
func cacheKey(srcHash, spec string) string {
	h := sha256.Sum256([]byte(codecVersion + "\x00" + srcHash + "\x00" + spec))
	return hex.EncodeToString(h[:16])
}

// cachePath is where an entry lives: sharded by its first two characters.
func (p *Processor) cachePath(key string, f Format) string {
	return filepath.Join(p.dir, key[:2], key+f.Ext())
}

// readCache returns a cached entry, or nil.
func (p *Processor) readCache(key string, f Format) []byte {
	if p.dir == "" {
		return nil
	}
	data, err := os.ReadFile(p.cachePath(key, f))
	if err != nil || len(data) == 0 {
		return nil
	}
	return data
}

// CachedFile returns the cache folder's file for key in format f, or ""
// when there is none (or no cache folder).
func (p *Processor) CachedFile(key string, f Format) string {
	if p.dir == "" {
		return ""
	}
	full := p.cachePath(key, f)
	st, err := os.Stat(full)
	if err != nil || st.Size() == 0 {
		return ""
	}
	if st.Mode().Perm()&0o044 != 0o044 {
		// Published through a link: readable by the web server (entries
		// of older builds were written 0600).
		if os.Chmod(full, 0o644) != nil {
			return ""
		}
	}
	return full
}

// CountReused counts n images taken from the cache without reading them.
func (p *Processor) CountReused(n int) { p.reused.Add(int64(n)) }

// writeCache stores an entry.
func (p *Processor) writeCache(key string, f Format, data []byte) error {
	if p.dir == "" {
		return nil
	}
	return atomicWrite(p.cachePath(key, f), data)
}

// atomicWrite writes a temporary file and renames it into place, so a
// build stopped half-way never leaves half a file to be reused.
func atomicWrite(full string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(full), ".tmp-*")
	if err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644) // cached files are published as hard links
	}
	if err == nil {
		err = os.Rename(tmp.Name(), full)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("image cache: %w", err)
	}
	return nil
}

// sourceEntry is what the processor knows of a source file, valid while
// its size and modification time stay the same.
type sourceEntry struct {
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime"`
	Hash    string `json:"hash"`
	Info    Info   `json:"info"`
	// MD5Fast is the source's identity in Hugo's names (hugoMD5Fast).
	MD5Fast string `json:"md5fast"`
}

const indexFile = "sources.json"

// loadIndex reads the sources index of the cache folder, if any.
func (p *Processor) loadIndex() {
	if p.dir == "" {
		return
	}
	data, err := os.ReadFile(filepath.Join(p.dir, indexFile))
	if err != nil {
		return
	}
	var idx map[string]sourceEntry
	if json.Unmarshal(data, &idx) == nil {
		p.sources = idx
	}
}

// SaveIndex writes what the processor knows of the sources into the cache
// folder, so the next build need not read and hash unchanged files.
func (p *Processor) SaveIndex() error {
	if p.dir == "" {
		return nil
	}
	p.mu.Lock()
	data, err := json.Marshal(p.sources)
	p.mu.Unlock()
	if err != nil {
		return err
	}
	return atomicWrite(filepath.Join(p.dir, indexFile), data)
}

// Cached returns the cached bytes of key, or makes them with mk and
// caches them. It is for images made from something other than a source
// file (share cards).
func (p *Processor) Cached(key string, f Format, mk func() ([]byte, error)) ([]byte, error) {
	if data := p.readCache(key, f); data != nil {
		p.reused.Add(1)
		return data, nil
	}
	data, err := mk()
	if err != nil {
		return nil, err
	}
	p.processed.Add(1)
	return data, p.writeCache(key, f, data)
}
