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
