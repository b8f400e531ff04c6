package site

import (
	"regexp"
	"strings"
	"time"

	"github.com/storyfront/storyfront/generator/content"
)

// pageDates are a page's four dates once the frontmatter: rules ran.
type pageDates struct {
	date, lastmod, publish, expiry time.Time
	slug                           string // from :filename, when the page sets none
}

// Hugo's default rules for each date (frontmatter: in the config).
func defaultDateRule(which string) []string {
	switch which {
	case "date":
		return []string{"date", "publishdate", "lastmod"}
	case "lastmod":
		return []string{":git", "lastmod", "date", "publishdate"}
	case "publishdate":
		return []string{"publishdate", "date"}
	}
	return []string{"expirydate"}
}

// filenameDate is the date a :filename rule reads: "2024-01-02-title.md".
var filenameDate = regexp.MustCompile(`^(\d{4}-\d{2}-\d{2})(?:[-_ ](.*))?$`)

// dates applies the config's frontmatter: rules to src.
func (b *builder) dates(src *content.Source) pageDates {
	fm := &src.Front
	loc := b.cfg.Location()
	var d pageDates
	fromKey := func(key string) time.Time {
		switch strings.ToLower(key) {
		case "date":
			return fm.Date.In(loc)
		case "publishdate", "pubdate", "published":
			return fm.PublishDate.In(loc)
		case "lastmod", "modified":
			return fm.Lastmod.In(loc)
		case "expirydate", "unpublishdate":
			return fm.ExpiryDate.In(loc)
		case ":filename":
			if m := filenameDate.FindStringSubmatch(src.Name); m != nil {
				t, err := content.ParseDate(m[1])
				if err == nil {
					if fm.Slug == "" && d.slug == "" {
						d.slug = m[2]
					}
					return t.In(loc)
				}
			}
		case ":filemodtime":
			return src.ModTime
		case ":git":
			// Without git info (enableGitInfo), Hugo skips :git too.
			if gi := b.opts.Git[src.Path]; gi != nil {
				return gi.AuthorDate
			}
		default:
			// Any other front matter key, read as a date.
			for k, v := range fm.Params {
				if strings.EqualFold(k, key) {
					if s, ok := v.(string); ok {
						if t, err := content.ParseDate(s); err == nil {
							return t.In(loc)
						}
					}
					if t, ok := v.(time.Time); ok {
						return t
					}
				}
			}
		}
		return time.Time{}
	}
	rules := b.cfg.FrontMatter
	pick := func(which string, rule []string) time.Time {
		if len(rule) == 0 {
			rule = []string{":default"}
		}
		for _, k := range rule {
			keys := []string{k}
			if strings.EqualFold(k, ":default") {
				keys = defaultDateRule(which)
			}
			for _, k := range keys {
				if t := fromKey(k); !t.IsZero() {
					return t
				}
			}
		}
		return time.Time{}
	}
	d.date = pick("date", rules.Date)
	d.lastmod = pick("lastmod", rules.Lastmod)
	d.publish = pick("publishdate", rules.PublishDate)
	d.expiry = pick("expirydate", rules.ExpiryDate)
	return d
}
