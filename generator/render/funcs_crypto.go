package render

import (
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"hash/fnv"
	"html/template"
)

// cryptoNS is Hugo's crypto namespace (md5, sha1, sha256, hmac, FNV32a).
type cryptoNS struct{}

// encodingNS is Hugo's encoding namespace (base64Encode, base64Decode, jsonify).
type encodingNS struct{}

func cryptoFuncs(m template.FuncMap) {
	var c cryptoNS
	var e encodingNS
	m["crypto"] = func() cryptoNS { return c }
	m["md5"] = c.MD5
	m["sha1"] = c.SHA1
	m["sha256"] = c.SHA256
	m["hmac"] = c.HMAC
	m["encoding"] = func() encodingNS { return e }
	m["base64Encode"] = e.Base64Encode
	m["base64Decode"] = e.Base64Decode
}

func hexSum(h hash.Hash, v any) string {
	h.Write([]byte(toString(v)))
	return hex.EncodeToString(h.Sum(nil))
}

// MD5 is the MD5 hash of v, in hex.
func (cryptoNS) MD5(v any) string { return hexSum(md5.New(), v) }

// SHA1 is the SHA-1 hash of v, in hex.
func (cryptoNS) SHA1(v any) string { return hexSum(sha1.New(), v) }

// SHA256 is the SHA-256 hash of v, in hex.
func (cryptoNS) SHA256(v any) string { return hexSum(sha256.New(), v) }

// FNV32a is the 32-bit FNV-1a hash of v.
func (cryptoNS) FNV32a(v any) int {
	h := fnv.New32a()
	h.Write([]byte(toString(v)))
	return int(h.Sum32())
}

// HMAC is hmac HASH KEY MESSAGE [ENCODING]: HASH is md5, sha1, sha256 or
// sha512; the result is hex unless ENCODING is "binary".
func (cryptoNS) HMAC(alg, key, msg any, encoding ...string) (string, error) {
	var h func() hash.Hash
	switch toString(alg) {
	case "md5":
		h = md5.New
	case "sha1":
		h = sha1.New
	case "sha256":
		h = sha256.New
	case "sha512":
		h = sha512.New
	default:
		return "", fmt.Errorf("hmac: hash %q is not md5, sha1, sha256 or sha512", toString(alg))
	}
	mac := hmac.New(h, []byte(toString(key)))
	mac.Write([]byte(toString(msg)))
	sum := mac.Sum(nil)
	if len(encoding) > 0 && encoding[0] == "binary" {
		return string(sum), nil
	}
	return hex.EncodeToString(sum), nil
}

// Base64Encode encodes v in standard base64.
func (encodingNS) Base64Encode(v any) string {
	return base64.StdEncoding.EncodeToString([]byte(toString(v)))
}

// Base64Decode decodes standard base64.
func (encodingNS) Base64Decode(v any) (string, error) {
	b, err := base64.StdEncoding.DecodeString(toString(v))
	if err != nil {
		return "", fmt.Errorf("base64Decode: %w", err)
	}
	return string(b), nil
}

// Jsonify is encoding.Jsonify.
func (encodingNS) Jsonify(args ...any) (template.HTML, error) { return hugoJsonify(args...) }
