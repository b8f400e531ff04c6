package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyfront/storyfront/themes"
)

func (m *Main) runNew(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(m.Stderr, "Usage: storyfront new <command> [flags]\n\nCommands:\n  site      create a new site folder that builds at once")
		fmt.Fprintln(m.Stderr, "  story     write a new story (a draft) into content/<section>/")
		if len(args) == 0 {
			return errReported
		}
		return nil
	}
	switch args[0] {
	case "site":
		return m.runNewSite(ctx, args[1:])
	case "story":
		return m.runNewStory(ctx, args[1:])
	default:
		return fmt.Errorf("new: unknown command %q (want site or story)", args[0])
	}
}

func (m *Main) runNewStory(_ context.Context, args []string) error {
	flags := m.flagSet("new story", `"TITLE" [flags]`,
		"Write content/<section>/<slug>.md with front matter (title, date now, draft,\n"+
			"description, tags) and a short hint, and print its path. The slug comes from\n"+
			"the title: lower-case ASCII letters and digits joined by hyphens. An existing\n"+
			"file is never overwritten. Flags may come before or after the title.")
	dir := flags.String("s", ".", "the site `folder` (holding site.yaml)")
	section := flags.String("section", "stories", "the `section` under content/ (may be nested: news/2026)")
	draft := flags.Bool("draft", true, "mark the story as a draft (publish with --draft=false)")
	slug := flags.String("slug", "", "the file `name` without .md (default: from the title)")
	words, err := parseInterspersed(flags, args)
	if err != nil {
		return err
	}
	title := strings.TrimSpace(strings.Join(words, " "))
	if title == "" {
		flags.Usage()
		return errors.New("new story: a title is required")
	}
	if !utf8.ValidString(title) {
		return errors.New("new story: the title is not valid UTF-8")
	}
	sec, err := contentSection(*section)
	if err != nil {
		return fmt.Errorf("new story: %w", err)
	}
	name := *slug
	if name == "" {
		name = slugify(title)
		if name == "" {
			return fmt.Errorf("new story: title %q gives no ASCII letter or digit for a file name: pass --slug NAME", title)
		}
	} else if name != slugify(name) {
		return fmt.Errorf("new story: --slug %q: use lower-case ASCII letters, digits and hyphens (%q)", name, slugify(name))
	}
	if _, err := os.Stat(filepath.Join(*dir, "site.yaml")); err != nil {
		return fmt.Errorf("new story: %s is not a site folder (no site.yaml): create one with 'storyfront new site DIR', or pass -s DIR", *dir)
	}
	p := filepath.Join(*dir, "content", filepath.FromSlash(sec), name+".md")
	if err := writeNew(p, storyFile(title, time.Now(), *draft, storyHint)); err != nil {
		return fmt.Errorf("new story: %w", err)
	}
	fmt.Fprintln(m.Stdout, p)
	return nil
}

// parseInterspersed parses flags placed before, between or after the
// positional arguments (`new story "Title" -s site`), which flag.Parse
// alone stops at, and returns the positional arguments. Everything after
// "--" is positional.
func parseInterspersed(flags *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := flags.Parse(args); err != nil {
			return nil, err
		}
		rest := flags.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// contentSection checks a --section value: a relative slash path that
// stays inside content/ and names no hidden folder.
func contentSection(s string) (string, error) {
	s = strings.TrimRight(s, "/")
	clean := path.Clean(s)
	if s == "" || clean == "." || strings.HasPrefix(s, "/") || strings.Contains(s, `\`) || !filepath.IsLocal(filepath.FromSlash(s)) || clean != s {
		return "", fmt.Errorf("section %q is not a folder inside content/ (want a name such as stories or news/2026)", s)
	}
	for _, seg := range strings.Split(clean, "/") {
		if strings.HasPrefix(seg, ".") {
			return "", fmt.Errorf("section %q: hidden folder %q would be ignored by the build", s, seg)
		}
	}
	return clean, nil
}

// storyHint is the body of a new story.
const storyHint = `Write your story here, in Markdown. Until the description above is filled
in, this first paragraph is the summary of the story in lists and feeds.

Add a description and tags, then set ` + "`draft: false`" + ` to publish it. Drafts show
with ` + "`storyfront serve --drafts` and `storyfront build --drafts`" + `.
`

// storyFile returns a Markdown file with the front matter of a new story.
func storyFile(title string, date time.Time, draft bool, body string) string {
	return "---\ntitle: " + yamlString(title) +
		"\ndate: " + date.Format(time.RFC3339) +
		"\ndraft: " + strconv.FormatBool(draft) +
		"\ndescription: \"\"\ntags: []\n---\n\n" + body
}

// yamlString quotes valid UTF-8 as a YAML double-quoted scalar: Go's
// escapes (\", \\, \n, \t, \uXXXX...) are all YAML escapes too.
func yamlString(s string) string {
	return strconv.Quote(s)
}

// writeNew creates the file p (and its folders) with content, refusing to
// replace a file that exists.
func writeNew(p, content string) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: not overwriting it", p)
	}
	if err != nil {
		return err
	}
	if _, err := f.WriteString(content); err != nil {
		f.Close()
		os.Remove(p)
		return fmt.Errorf("%s: %w", p, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(p)
		return fmt.Errorf("%s: %w", p, err)
	}
	return nil
}

// slugify turns a title into a file name: ASCII letters (lower case) and
// digits, runs of anything else as one hyphen, Latin letters with marks
// transliterated (é → e, ß → ss), other scripts and apostrophes dropped.
// It stops at a word boundary near 80 bytes.
func slugify(title string) string {
	var b strings.Builder
	gap := false
	for _, r := range title {
		r = unicode.ToLower(r)
		var s string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			s = string(r)
		case r == '\'' || r == '’':
			continue
		default:
			s = latin(r)
		}
		if s == "" {
			if !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r) {
				gap = true
			}
			continue
		}
		if gap && b.Len() > 0 {
			if b.Len() >= 80 {
				break
			}
			b.WriteByte('-')
		}
		gap = false
		b.WriteString(s)
	}
	return b.String()
}

// latin transliterates a lower-case Latin letter with a mark, or a Latin
// ligature, to ASCII; it returns "" for any other rune.
func latin(r rune) string {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å', 'ā', 'ă', 'ą':
		return "a"
	case 'æ':
		return "ae"
	case 'ç', 'ć', 'ĉ', 'ċ', 'č':
		return "c"
	case 'ď', 'đ', 'ð':
		return "d"
	case 'è', 'é', 'ê', 'ë', 'ē', 'ĕ', 'ė', 'ę', 'ě':
		return "e"
	case 'ĝ', 'ğ', 'ġ', 'ģ':
		return "g"
	case 'ĥ', 'ħ':
		return "h"
	case 'ì', 'í', 'î', 'ï', 'ĩ', 'ī', 'ĭ', 'į', 'ı':
		return "i"
	case 'ĳ':
		return "ij"
	case 'ĵ':
		return "j"
	case 'ķ':
		return "k"
	case 'ĺ', 'ļ', 'ľ', 'ŀ', 'ł':
		return "l"
	case 'ñ', 'ń', 'ņ', 'ň':
		return "n"
	case 'ò', 'ó', 'ô', 'õ', 'ö', 'ø', 'ō', 'ŏ', 'ő':
		return "o"
	case 'œ':
		return "oe"
	case 'ŕ', 'ŗ', 'ř':
		return "r"
	case 'ś', 'ŝ', 'ş', 'š', 'ș':
		return "s"
	case 'ß':
		return "ss"
	case 'ţ', 'ť', 'ŧ', 'ț':
		return "t"
	case 'þ':
		return "th"
	case 'ù', 'ú', 'û', 'ü', 'ũ', 'ū', 'ŭ', 'ů', 'ű', 'ų':
		return "u"
	case 'ŵ':
		return "w"
	case 'ý', 'ÿ', 'ŷ':
		return "y"
	case 'ź', 'ż', 'ž':
		return "z"
	}
	return ""
}

func (m *Main) runNewSite(_ context.Context, args []string) error {
	flags := m.flagSet("new site", "DIR",
		"Create the folder DIR holding a site that builds at once: site.yaml (with a\n"+
			"contact form and menus), a home page, a stories section with a first story,\n"+
			"a contact page, a thank-you page, and a copy of the default theme in\n"+
			"themes/default/ to edit as you like. DIR must not exist or be empty.")
	words, err := parseInterspersed(flags, args)
	if err != nil {
		return err
	}
	if len(words) != 1 {
		flags.Usage()
		return fmt.Errorf("new site: want one folder, got %d arguments", len(words))
	}
	dir := words[0]
	if err := makeEmptyDir(dir); err != nil {
		return fmt.Errorf("new site: %w", err)
	}
	if err := writeSite(dir, siteTitle(dir), time.Now()); err != nil {
		// dir was new or empty: what is in it now is ours.
		if entries, rerr := os.ReadDir(dir); rerr == nil {
			for _, e := range entries {
				os.RemoveAll(filepath.Join(dir, e.Name()))
			}
		}
		return fmt.Errorf("new site: %w", err)
	}
	d := shellArg(dir)
	fmt.Fprintf(m.Stdout, "created the site %s\n", dir)
	fmt.Fprintf(m.Stdout, "preview it as you edit:  storyfront serve -s %s\n", d)
	fmt.Fprintf(m.Stdout, "write a story:           storyfront new story \"A title\" -s %s\n", d)
	fmt.Fprintf(m.Stdout, "build it into public/:   storyfront build -s %s\n", d)
	return nil
}

// shellArg quotes s for a POSIX shell when it holds more than letters,
// digits and ./_-, so a printed command can be pasted as it is.
func shellArg(s string) string {
	for _, r := range s {
		if !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("./_-", r))) {
			return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
		}
	}
	return s
}

// makeEmptyDir creates dir (and its parents), or accepts it if it is an
// empty folder already.
func makeEmptyDir(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("%s exists and is not empty: choose a new folder", dir)
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(filepath.Dir(filepath.Clean(dir)), 0o755); err != nil {
			return err
		}
		return os.Mkdir(dir, 0o755)
	default:
		if fi, serr := os.Stat(dir); serr == nil && !fi.IsDir() {
			return fmt.Errorf("%s exists and is not a folder", dir)
		}
		return err
	}
}

// siteTitle makes a site title from the folder's name: "acme-coffee" →
// "Acme coffee".
func siteTitle(dir string) string {
	name := filepath.Base(filepath.Clean(dir))
	if abs, err := filepath.Abs(dir); err == nil {
		name = filepath.Base(abs)
	}
	name = strings.Join(strings.FieldsFunc(name, func(r rune) bool {
		return r == '-' || r == '_' || r == '.' || unicode.IsSpace(r)
	}), " ")
	if name == "" {
		return "My site"
	}
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}

// writeSite writes the files of a new site into the empty folder dir.
func writeSite(dir, title string, now time.Time) error {
	t := yamlString(title)
	files := []struct{ name, content string }{
		{"site.yaml", strings.ReplaceAll(siteYAML, "TITLE", t)},
		{"content/_index.md", "---\ntitle: " + t + homePage},
		{"content/stories/_index.md", "---\ntitle: Stories\ndescription: \"\"\n---\n"},
		{"content/stories/our-first-story.md", firstStoryFile(now)},
		{"content/contact.md", contactPage},
		{"content/thank-you.md", thankYouPage},
	}
	for _, f := range files {
		if err := writeNew(filepath.Join(dir, filepath.FromSlash(f.name)), f.content); err != nil {
			return err
		}
	}
	return copyTheme(filepath.Join(dir, "themes", "default"))
}

// copyTheme writes the default theme embedded in the binary to dir.
func copyTheme(dir string) error {
	theme, err := fs.Sub(themes.Default, "default")
	if err != nil {
		return err
	}
	return fs.WalkDir(theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := fs.ReadFile(theme, p)
		if err != nil {
			return err
		}
		return writeNew(dst, string(data))
	})
}

// siteYAML is a new site's configuration; TITLE is replaced by the quoted
// title.
const siteYAML = `# The site's configuration: every key is described in Storyfront's
# docs/config.md, forms and capture in docs/capture.md, lead delivery to
# sales (email, webhook, Slack) in docs/sales.md.
title: TITLE
description: ""
baseURL: https://example.com/
language: en
theme: default

brand:
  name: TITLE
  tagline: ""

menus:
  main:
    - {name: Stories, page: stories/_index.md, weight: 10}
    - {name: Contact, page: contact.md, weight: 20}
  footer:
    - {name: Stories, page: stories/_index.md, weight: 10}
    - {name: Contact, page: contact.md, weight: 20}
    - {name: RSS feed, url: /index.xml, weight: 30}

# The site feed carries stories only.
feed:
  sections: [stories]

params:
  cta:
    heading: Tell us what you are working on.
    text: A person from our team replies within one working day.
    label: Get in touch
    url: /contact/

# One form, declared once: the site renders it, capture validates posts
# against it. Place it on a page with {{< form "contact" >}}.
forms:
  contact:
    title: Get in touch
    submit: Send message
    thankYou: /thank-you/
    consent: I agree that you may store these details to reply to me.
    fields:
      - {name: name, label: Your name, type: text, required: true, maxLength: 120, autocomplete: name}
      - {name: email, label: Email, type: email, required: true, maxLength: 254, autocomplete: email}
      - {name: message, label: Your message, type: textarea, maxLength: 4000}

# Where the forms post. sameOrigin: capture runs on this site's own domain
# at /api/leads (the deploy stack, deploy/template.yaml, does that). On
# any other host, remove it and set endpoint: https://... (where capture
# runs); a production build with forms and neither fails.
# storyfront serve mounts capture itself.
capture:
  sameOrigin: true
  honeypot: _gotcha
  minSeconds: 2
`

// homePage follows the title line of content/_index.md.
const homePage = `
description: ""
params:
  hero:
    heading: Stories worth starting a conversation over.
    lead: Replace this with one sentence on what you do and for whom.
    cta: {label: Get in touch, url: /contact/}
---

This is the home page: edit content/_index.md. The latest stories show below.
`

// firstStoryFile returns a new site's first story, published.
func firstStoryFile(now time.Time) string {
	f := storyFile("Our first story", now, false, firstStory)
	return strings.Replace(f, `description: ""`, "description: How a story looks on this site. Replace it with your own.", 1)
}

// firstStory is the body of a new site's first story.
const firstStory = `This is your first story: edit content/stories/our-first-story.md, or
write another with ` + "`storyfront new story \"A title\"`" + `.

## What goes in a story

Markdown: headings, lists, links to other pages ([contact us](/contact.md)),
images beside the file, and blocks such as a lead form on a line of its own.
`

const contactPage = `---
title: Contact
description: Tell us what you are working on. A person replies within one working day.
---

Tell us a little about what you need.

{{< form "contact" >}}
`

const thankYouPage = `---
title: Thank you
description: Your message has arrived.
params:
  noindex: true
sitemap: {disable: true}
---

Your message has arrived, and a person will reply within one working day.

Go back to [the home page](/).
`
