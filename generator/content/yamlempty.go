package content

import (
	"bytes"
	"regexp"
)

// blockScalar matches a line that opens a literal or folded block scalar
// ("key: |", "- >-", "key: |2").
var blockScalar = regexp.MustCompile(`(?:^|:\s|-\s)\s*[|>][-+0-9]*\s*(?:#.*)?$`)

// emptySeqItems writes "null" into a YAML sequence entry that is a lone
// "-" followed by a line indented no further: YAML reads that entry as
// null (Hugo's decoder too: tags: [<nil>]), but goccy/go-yaml reads the
// next key as the entry's content, so Zzo's "tags:\n- \nseries:\n-" made
// series a map inside tags. Lines keep their places, so positions in
// errors do not move.
func emptySeqItems(src []byte) []byte {
	lines := bytes.Split(src, []byte("\n"))
	changed := false
	scalar := -1 // the indent of the line that opened a block scalar (| or >), -1 outside one
	for i, line := range lines {
		body := bytes.TrimRight(line, " \t\r")
		indent := len(body) - len(bytes.TrimLeft(body, " "))
		if len(body) == 0 {
			continue
		}
		if scalar >= 0 && indent > scalar {
			continue // text of a block scalar
		}
		scalar = -1
		if blockScalar.Match(body) {
			scalar = indent
			continue
		}
		if indent != len(body)-1 || body[indent] != '-' {
			continue
		}
		next := -1 // the indent of the next line with text
		for _, l := range lines[i+1:] {
			t := bytes.TrimRight(l, " \t\r")
			if len(t) > 0 {
				next = len(t) - len(bytes.TrimLeft(t, " "))
				break
			}
		}
		if next > indent {
			continue // the entry's content is on the lines below
		}
		lines[i] = append(append([]byte(nil), body...), []byte(" null")...)
		changed = true
	}
	if !changed {
		return src
	}
	return bytes.Join(lines, []byte("\n"))
}
