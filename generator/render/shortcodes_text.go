package render

import "github.com/storyfront/storyfront/generator/shortcode"

// ShowsOtherText reports whether body calls a shortcode whose template
// shows the text (.Content, .Summary, .Plain...) of pages it finds, such
// as a list of FAQ pages with their content. Hugo renders a page's content
// when something first asks for it; the generator converts such a page
// after the others, so that their text is there (convert.go).
func (r *Renderer) ShowsOtherText(body []byte) bool {
	if !shortcode.Has(body) {
		return false
	}
	items, err := shortcode.Parse(body, r.needsInner)
	if err != nil {
		return false // its error is reported when it is converted
	}
	return r.callsShowText(items)
}

func (r *Renderer) callsShowText(items []shortcode.Item) bool {
	for _, it := range items {
		c := it.Call
		if c == nil {
			continue
		}
		if t, _ := r.shortcodeTemplate(c.Name); t != nil && t.Tree != nil {
			ids := idents{}
			ids.add(t.Tree)
			if ids.showsText(r.partialByName) || ids.showsSiteText(r.partialByName) {
				return true
			}
		}
		if r.callsShowText(c.Inner) {
			return true
		}
	}
	return false
}
