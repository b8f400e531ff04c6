package site

import "strings"

// FoldParams returns params as a Hugo site's templates see them: Hugo
// lower-cases front matter and config params keys and reads them without
// regard to case, so every map (nested ones and those inside lists too)
// holds each key as written and in lower case (a key written in lower case
// wins over another spelling of it). Templates' .Params.Key chains are
// lower-cased where they are parsed (package render), so .Params.showToc,
// .Params.showtoc and index .Params "showToc" all find showToc: true.
func FoldParams(params map[string]any) map[string]any {
	if params == nil {
		return nil
	}
	out := make(map[string]any, len(params)*2)
	for k, v := range params {
		v = foldValue(v)
		out[k] = v
		if lk := strings.ToLower(k); lk != k {
			if _, exact := params[lk]; !exact {
				out[lk] = v
			}
		}
	}
	return out
}

func foldValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return FoldParams(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = foldValue(e)
		}
		return out
	case []map[string]any:
		out := make([]map[string]any, len(v))
		for i, e := range v {
			out[i] = FoldParams(e)
		}
		return out
	}
	return v
}
