package site

import (
	"cmp"
	"encoding/json"
	"html/template"
	"sort"
	"strings"
	"time"
)

type ldThing struct {
	Context          string   `json:"@context,omitempty"`
	Type             string   `json:"@type"`
	Name             string   `json:"name,omitempty"`
	Headline         string   `json:"headline,omitempty"`
	Description      string   `json:"description,omitempty"`
	URL              string   `json:"url,omitempty"`
	Logo             string   `json:"logo,omitempty"`
	Image            string   `json:"image,omitempty"`
	SameAs           []string `json:"sameAs,omitempty"`
	DatePublished    string   `json:"datePublished,omitempty"`
	DateModified     string   `json:"dateModified,omitempty"`
	Author           *ldThing `json:"author,omitempty"`
	Publisher        *ldThing `json:"publisher,omitempty"`
	MainEntityOfPage string   `json:"mainEntityOfPage,omitempty"`
	Keywords         string   `json:"keywords,omitempty"`
	InLanguage       string   `json:"inLanguage,omitempty"`
	IsPartOf         *ldThing `json:"isPartOf,omitempty"`
}

// jsonLD describes p for search engines: the Organization on the home
// page, an Article for regular pages, a WebPage otherwise.
func jsonLD(s *Site, p *Page) template.JS {
	org := &ldThing{Type: "Organization", Name: s.Brand.Name, URL: s.BaseURL, Logo: s.absolute(s.Brand.Logo)}
	var t *ldThing
	switch {
	case p.IsHome:
		t = org
		t.Description = firstNonEmpty(p.Description, s.Description)
		for _, k := range sortedKeys(s.Social) {
			if v := s.Social[k]; strings.HasPrefix(v, "https://") || strings.HasPrefix(v, "http://") {
				t.SameAs = append(t.SameAs, v)
			}
		}
	case p.IsPage:
		t = &ldThing{Type: "Article", Headline: p.Title, Description: p.Description, URL: p.Permalink,
			MainEntityOfPage: p.Permalink, Image: articleImage(s, p), Publisher: org,
			Keywords: strings.Join(p.Tags, ", "), InLanguage: cmp.Or(s.LanguageCode, s.Language.String())}
		if !p.Date.IsZero() {
			t.DatePublished = p.Date.Format(time.RFC3339)
		}
		if !p.Lastmod.IsZero() {
			t.DateModified = p.Lastmod.Format(time.RFC3339)
		}
		if p.Author != "" {
			t.Author = &ldThing{Type: "Person", Name: p.Author}
		} else {
			t.Author = &ldThing{Type: "Organization", Name: s.Brand.Name, URL: s.BaseURL}
		}
	default:
		t = &ldThing{Type: "WebPage", Name: p.Title, Description: p.Description, URL: p.Permalink,
			InLanguage: cmp.Or(s.LanguageCode, s.Language.String()), IsPartOf: &ldThing{Type: "WebSite", Name: s.Title, URL: s.BaseURL}}
	}
	t.Context = "https://schema.org"
	b, err := json.Marshal(t)
	if err != nil {
		return ""
	}
	return template.JS(b)
}

// absolute makes a site path absolute; URLs and "" pass through.
func (s *Site) absolute(u string) string {
	if u == "" || strings.Contains(u, "://") {
		return u
	}
	return strings.TrimSuffix(s.BaseURL, "/") + "/" + strings.TrimPrefix(strings.TrimPrefix(u, s.BasePath), "/")
}

// AbsURL makes a site path absolute (relative paths are taken from the
// site root); URLs pass through. In a Hugo site, as hugo 0.111.3's
// absURL: a path that starts with "/" is taken from the host, without the
// baseURL's path, and without a baseURL a relative path stays as it is.
func (s *Site) AbsURL(u string) string {
	if strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
		return u
	}
	if s.hugo {
		switch {
		case strings.HasPrefix(u, "/"):
			return s.host() + u
		case s.BaseURL == "":
			return u
		}
	}
	return s.absolute("/" + strings.TrimPrefix(u, "/"))
}

// host is the baseURL without its path: "https://ex.org" for
// https://ex.org/docs/, "" for a baseURL that is a path (or none).
func (s *Site) host() string {
	return strings.TrimSuffix(strings.TrimSuffix(s.BaseURL, "/"), s.BasePath)
}

// RelURL makes a site path root-relative, with the base path in front.
func (s *Site) RelURL(u string) string {
	if strings.Contains(u, "://") || strings.HasPrefix(u, "//") {
		return u
	}
	if s.BasePath != "" && strings.HasPrefix(u, s.BasePath+"/") {
		return u
	}
	return s.BasePath + "/" + strings.TrimPrefix(u, "/")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// articleImage is the Article's image: the share image, which is never an
// SVG; without one, the front matter image unless it is an SVG.
func articleImage(s *Site, p *Page) string {
	if si := p.ShareImage(); si != nil {
		return si.URL
	}
	if strings.HasSuffix(strings.ToLower(p.Image), ".svg") {
		return ""
	}
	return s.absolute(p.Image)
}
