package capture

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/storyfront/storyfront/capture/schema"
)

// maxValues bounds how many name=value pairs one submission may carry.
const maxValues = 500

// bodyError is a request the handler refuses before validation: its
// status (400 or 415) and a message safe to show the client.
type bodyError struct {
	status int
	msg    string
}

func (e *bodyError) Error() string { return e.msg }

func malformed(msg string) error   { return &bodyError{http.StatusBadRequest, msg} }
func unsupported(msg string) error { return &bodyError{http.StatusUnsupportedMediaType, msg} }

// checkContentType accepts the three form encodings, in UTF-8 only: a
// charset parameter naming anything else is refused with 415.
func checkContentType(contentType string) (mediaType string, params map[string]string, err error) {
	if contentType == "" {
		return "", nil, unsupported("Content-Type is missing: send application/x-www-form-urlencoded, multipart/form-data or application/json")
	}
	mediaType, params, err = mime.ParseMediaType(contentType)
	if err != nil {
		return "", nil, unsupported("Content-Type cannot be parsed")
	}
	switch mediaType {
	case "application/x-www-form-urlencoded", "multipart/form-data", "application/json":
	default:
		return "", nil, unsupported("Content-Type " + mediaType + " is not accepted: send application/x-www-form-urlencoded, multipart/form-data or application/json")
	}
	if cs, ok := params["charset"]; ok {
		switch strings.ToLower(cs) {
		case "utf-8", "utf8", "us-ascii":
		default:
			return "", nil, unsupported("only the UTF-8 charset is accepted")
		}
	}
	return mediaType, params, nil
}

// parseBody decodes a form submission into every value sent under each
// name. Errors are *bodyError.
func parseBody(contentType string, body []byte) (map[string][]string, error) {
	mediaType, params, err := checkContentType(contentType)
	if err != nil {
		return nil, err
	}
	var values map[string][]string
	switch mediaType {
	case "application/x-www-form-urlencoded":
		values, err = parseURLEncoded(body)
	case "multipart/form-data":
		values, err = parseMultipart(body, params["boundary"])
	default:
		values, err = parseJSON(body)
	}
	if err != nil {
		return nil, err
	}
	n := 0
	for _, vs := range values {
		n += len(vs)
	}
	if n > maxValues {
		return nil, malformed("too many fields")
	}
	return values, nil
}

func parseURLEncoded(body []byte) (map[string][]string, error) {
	values, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, malformed("the form body is not valid URL encoding")
	}
	return values, nil
}

func parseMultipart(body []byte, boundary string) (map[string][]string, error) {
	if boundary == "" {
		return nil, malformed("multipart body without a boundary")
	}
	values := map[string][]string{}
	mr := multipart.NewReader(bytes.NewReader(body), boundary)
	for {
		part, err := mr.NextRawPart()
		if errors.Is(err, io.EOF) {
			return values, nil
		}
		if err != nil {
			return nil, malformed("the multipart body is malformed")
		}
		if part.FileName() != "" {
			return nil, malformed("file uploads are not accepted")
		}
		if ct := part.Header.Get("Content-Type"); ct != "" {
			mt, ps, err := mime.ParseMediaType(ct)
			if err != nil || mt != "text/plain" {
				return nil, malformed("file uploads are not accepted")
			}
			if cs, ok := ps["charset"]; ok && !strings.EqualFold(cs, "utf-8") && !strings.EqualFold(cs, "us-ascii") {
				return nil, unsupported("only the UTF-8 charset is accepted")
			}
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, malformed("the multipart body is malformed")
		}
		name := part.FormName()
		if name == "" {
			continue
		}
		values[name] = append(values[name], string(data))
		if len(values) > maxValues {
			return nil, malformed("too many fields")
		}
	}
}

// parseJSON reads a flat JSON object. A key sent twice keeps both values,
// as a repeated form field does, so validation refuses it by name (the last
// one must not silently win). false and null are empty values.
func parseJSON(body []byte) (map[string][]string, error) {
	if !utf8.Valid(body) {
		return nil, malformed("the JSON body is not valid UTF-8")
	}
	notObject := malformed("the body is not a JSON object")
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, notObject
	}
	values := map[string][]string{}
	n := 0
	for dec.More() {
		tok, err := dec.Token()
		name, ok := tok.(string)
		if err != nil || !ok {
			return nil, notObject
		}
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, notObject
		}
		var s string
		switch v := v.(type) {
		case string:
			s = v
		case json.Number:
			s = v.String()
		case bool:
			if v {
				s = "yes"
			}
		case nil:
		default:
			return nil, malformed("JSON field " + strconv.QuoteToASCII(name) + " must be a string, number, boolean or null")
		}
		values[name] = append(values[name], s)
		if n++; n > maxValues {
			return nil, malformed("too many fields")
		}
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, notObject
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, malformed("the body has data after the JSON object")
	}
	return values, nil
}

// repeatedMetadata adds an error to errs for each metadata field the
// handler reads that was sent more than once (in any encoding): like a
// repeated form field, it is refused by name rather than one copy winning.
func repeatedMetadata(values map[string][]string, errs schema.FieldErrors) {
	for name, vs := range values {
		if len(vs) < 2 {
			continue
		}
		switch name {
		case fieldPage, fieldStory, fieldReferrer, fieldLanding, fieldStarted, fieldIdempotency,
			"_utm_source", "_utm_medium", "_utm_campaign", "_utm_term", "_utm_content":
			errs[name] = name + " was sent more than once"
		}
	}
}
