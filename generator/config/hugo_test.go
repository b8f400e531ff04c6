package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadHugoSettings(t *testing.T) {
	dir := writeFiles(t, map[string]string{"hugo.toml": `
title = "T"
buildDrafts = true
buildFuture = true
summaryLength = 30
uglyURLs = true
timeZone = "Europe/Oslo"
disableKinds = ["taxonomy"]
[taxonomies]
  series = "series"
[permalinks]
  posts = "/:year/:month/:slug/"
[frontmatter]
  date = [":filename", ":default"]
  publishDate = "publishdate"
[markup.goldmark.renderer]
  unsafe = true
[markup.goldmark.extensions]
  typographer = false
[markup.goldmark.parser]
  autoHeadingIDType = "github-ascii"
  wrapperOfTheUnknown = true
[markup.highlight]
  noClasses = false
  style = "dracula"
  lineNos = true
[markup.tableOfContents]
  startLevel = 1
`})
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !c.FromHugo() || c.File() != "hugo.toml" {
		t.Errorf("origin: %q", c.File())
	}
	if !c.Build.Drafts || !c.Build.Future || c.Build.Expired || c.SummaryLength != 30 || !c.UglyURLs ||
		c.Location().String() != "Europe/Oslo" || !c.KindDisabled("Taxonomy") {
		t.Errorf("settings: %+v", c)
	}
	if c.Taxonomies["series"] != "series" || len(c.Taxonomies) != 1 || c.Permalinks["posts"] != "/:year/:month/:slug/" {
		t.Errorf("taxonomies %v permalinks %v", c.Taxonomies, c.Permalinks)
	}
	if strings.Join(c.FrontMatter.Date, " ") != ":filename :default" || strings.Join(c.FrontMatter.PublishDate, " ") != "publishdate" {
		t.Errorf("frontmatter: %+v", c.FrontMatter)
	}
	m := c.Markup
	if !c.Markdown.Unsafe || c.Markdown.UseTypographer() || m.Goldmark.Parser.AutoHeadingIDType != "github-ascii" ||
		On(m.Highlight.NoClasses, true) || m.Highlight.Style != "dracula" || !On(m.Highlight.LineNos, false) ||
		m.TableOfContents.StartLevel != 1 {
		t.Errorf("markup: %+v / %+v", m, c.Markdown)
	}
	if len(c.Warnings) != 1 || c.Warnings[0].Error() != "hugo.toml:22:1: ignored Hugo setting markup.goldmark.parser.wrapperOfTheUnknown (not supported)" {
		t.Errorf("warnings: %v", c.Warnings)
	}
	if c.RobotsTXT() {
		t.Errorf("Hugo sites have no robots.txt unless enableRobotsTXT is set")
	}
}

func TestLoadHugoErrors(t *testing.T) {
	tests := []struct{ name, file, src, want string }{
		{"bad permalink token", "hugo.toml", "[permalinks]\nposts = \"/:yeer/\"\n", `hugo.toml:2:1: permalinks.posts: unknown token ":yeer"`},
		{"bad date rule", "hugo.yaml", "frontmatter:\n  date: [':gitt']\n", `hugo.yaml:2:1: frontmatter.date: unknown ":gitt"`},
		{"bad time zone", "config.toml", "timeZone = \"Mars/Olympus\"\n", `config.toml:1:1: timeZone: "Mars/Olympus" is not a time zone name`},
		{"bad json", "hugo.json", "{\"title\": \n  \"x\",,}", "hugo.json:2:7: "},
		{"bad style", "hugo.toml", "[markup.highlight]\nstyle = \"nope\"\n", `hugo.toml:2:1: markup.highlight.style: unknown chroma style "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(writeFiles(t, map[string]string{tt.file: tt.src}))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error =\n%v\nwant it to start with\n%s", err, tt.want)
			}
		})
	}
}
