package capture

import (
	"errors"
	"net/http"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary content types and bodies to the body parser:
// it must never panic, and must either return values or a 400/415.
// Seeds: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add("application/x-www-form-urlencoded", []byte("email=a%40b.c&name=A&_consent=yes"))
	f.Add("application/json", []byte(`{"email":"a@b.c","n":1,"ok":true,"x":null}`))
	f.Add("multipart/form-data; boundary=X", []byte("--X\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@b.c\r\n--X--\r\n"))
	f.Fuzz(func(t *testing.T, contentType string, body []byte) {
		values, err := parseBody(contentType, body)
		if err != nil {
			var be *bodyError
			if !errors.As(err, &be) || (be.status != http.StatusBadRequest && be.status != http.StatusUnsupportedMediaType) {
				t.Fatalf("error %v is not a 400/415 bodyError", err)
			}
			if !utf8.ValidString(be.msg) || be.msg == "" {
				t.Fatalf("message %q", be.msg)
			}
			return
		}
		if values == nil {
			t.Fatal("nil values without an error")
		}
		n := 0
		for _, vs := range values {
			n += len(vs)
		}
		if n > maxValues {
			t.Fatalf("%d values accepted, max %d", n, maxValues)
		}
	})
}
