package shortcode

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// inner: the shortcodes whose templates use .Inner.
func needsInner(name string) bool { return name == "box" || name == "note" }

// show renders a call as [name params inner=... ord=N parent=P].
func show(c *Context) (string, error) {
	if c.Name() == "fail" {
		return "", fmt.Errorf("it fails")
	}
	var params []string
	if c.IsNamedParams() {
		m := c.Params().(map[string]any)
		for k, v := range m {
			params = append(params, fmt.Sprintf("%s=%v(%T)", k, v, v))
		}
		sort.Strings(params)
	} else if p, ok := c.Params().([]any); ok {
		for _, v := range p {
			params = append(params, fmt.Sprintf("%v(%T)", v, v))
		}
	}
	parent := ""
	if c.Parent() != nil {
		parent = c.Parent().Name()
	}
	return fmt.Sprintf("[%s %s inner=%q ord=%d parent=%s at=%d:%d]", c.Name(), strings.Join(params, " "),
		string(c.Inner()), c.Ordinal(), parent, c.Position().LineNumber, c.Position().ColumnNumber), nil
}

func TestExpand(t *testing.T) {
	tests := []struct{ name, src, md string }{
		{"no calls", "Just *text*.\n", "Just *text*.\n"},
		{"inline positional typed", `A {{< x 1 true "two words" 2.5 bare >}} b`,
			`A SFSHORTCODE0END b|[x 1(int) true(bool) two words(string) 2.5(float64) bare(string) inner="" ord=0 parent= at=1:3]`},
		{"named", `{{< x a=1 b="x y" c=` + "`raw \"q\"`" + ` >}}`,
			`SFSHORTCODE0END|[x a=1(int) b=x y(string) c=raw "q"(string) inner="" ord=0 parent= at=1:1]`},
		{"self-closing", "{{< box />}} {{< x/>}}",
			`SFSHORTCODE0END SFSHORTCODE1END|[box  inner="" ord=0 parent= at=1:1]|[x  inner="" ord=1 parent= at=1:14]`},
		{"paired and nested", "{{< box >}}a {{< x 1 >}} {{< note >}}n{{< /note >}}{{< /box >}}",
			`SFSHORTCODE0END|[box  inner="a [x 1(int) inner=\"\" ord=0 parent=box at=1:14] [note  inner=\"n\" ord=1 parent=box at=1:26]" ord=0 parent= at=1:1]`},
		{"markdown call goes into the markdown", "{{% box %}}**b**{{% /box %}}\n",
			`[box  inner="**b**" ord=0 parent= at=1:1]` + "\n"},
		{"multi-line call", "Text\n{{< x\n  a=1\n  b=\"2\"\n>}}\n",
			"Text\nSFSHORTCODE0END\n|[x a=1(int) b=2(string) inner=\"\" ord=0 parent= at=2:1]"},
		{"comment form is literal", "`{{</* x a=1 */>}}` {{%/* box */%}}", "`{{< x a=1 >}}` {{% box %}}"},
		{"no space in delimiters", "{{ < x > }}{{<x>}}", "{{ < x > }}SFSHORTCODE0END|[x  inner=\"\" ord=0 parent= at=1:12]"},
		{"nested folder name", "{{< buttons/social >}}", "SFSHORTCODE0END|[buttons/social  inner=\"\" ord=0 parent= at=1:1]"},
		{"stray brace before a tag", "{{{< x >}}", "{SFSHORTCODE0END|[x  inner=\"\" ord=0 parent= at=1:2]"},
		{"closed with the other delimiters", "{{% box %}}a{{< /box >}}", "[box  inner=\"a\" ord=0 parent= at=1:1]"},
		{"spaces around =", "{{< x a = \"1\" b =two\n  c= 3 >}}",
			`SFSHORTCODE0END|[x a=1(string) b=two(string) c=3(int) inner="" ord=0 parent= at=1:1]`},
		{"closing tag without a name", "{{< box >}}a {{< note >}}n{{< / >}}{{</>}}",
			`SFSHORTCODE0END|[box  inner="a [note  inner=\"n\" ord=0 parent=box at=1:14]" ord=0 parent= at=1:1]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x, err := Expand([]byte(tt.src), needsInner, &Env{File: "content/a.md", Line: 1, Exec: show})
			if err != nil {
				t.Fatal(err)
			}
			got := string(x.Markdown)
			for _, o := range x.outputs {
				got += "|" + string(o)
			}
			if got != tt.md {
				t.Errorf("got\n%s\nwant\n%s", got, tt.md)
			}
		})
	}
}

func TestExpandErrors(t *testing.T) {
	tests := []struct{ name, src, err string }{
		{"unclosed delimiter", "a\n{{< x a=1\n\ntext", `content/a.md:4:1: shortcode "x" is not closed with >}}`},
		{"inner shortcode not closed", "{{< box >}}text", `content/a.md:3:1: shortcode "box" uses .Inner, so it must be closed: add {{< /box >}} or write {{< box />}}`},
		{"closing a shortcode without inner", "{{< x >}}t{{< /x >}}", `content/a.md:3:11: shortcode "x" does not use .Inner or .InnerDeindent, yet a closing tag {{< /x >}} was given`},
		{"mismatched closing", "{{< box >}}t{{< /note >}}", `content/a.md:3:13: closing tag {{< /note >}} without an opening one`},
		{"closing tag without a name, nothing open", "t {{</>}}", `content/a.md:3:3: closing tag {{< / >}} without an open shortcode to close`},
		{"mixed params", `{{< x a=1 2 >}}`, `content/a.md:3:11: shortcode "x" mixes positional and named parameters`},
		{"no name", `{{< "q" >}}`, `content/a.md:3:1: shortcode call without a name: {{< "q" >}}`},
		{"unterminated string", `{{< x "abc >}}`, `content/a.md:3:7: unterminated quoted string in shortcode parameter`},
		{"wrong closing delimiter", `{{% x >}}`, `content/a.md:3:1: shortcode "x" opened with {{% but closed with >}}`},
		{"template fails", "ok {{< fail >}}", `content/a.md:3:4: shortcode fail: it fails`},
		{"nested template fails", "{{< box >}}{{< fail >}}{{< /box >}}", `content/a.md:3:12: shortcode fail: it fails`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The body starts on line 3 of the file.
			_, err := Expand([]byte(tt.src), needsInner, &Env{File: "content/a.md", Line: 3, Exec: show})
			if err == nil || err.Error() != tt.err {
				t.Errorf("err = %v\nwant %s", err, tt.err)
			}
		})
	}
}

func TestRestore(t *testing.T) {
	x, err := Expand([]byte("{{< x >}}\n\nPara {{< x >}} end.\n"), nil, &Env{File: "a.md", Line: 1,
		Exec: func(c *Context) (string, error) { return fmt.Sprintf("<div>%d</div>\n", c.Ordinal()), nil }})
	if err != nil {
		t.Fatal(err)
	}
	html := "<p>" + "SFSHORTCODE0END" + "</p>\n<p>Para SFSHORTCODE1END end.</p>\n<p>SFSHORTCODE9END</p>"
	want := "<div>0</div>\n\n<p>Para <div>1</div>\n end.</p>\n<p>SFSHORTCODE9END</p>"
	if got := string(x.Restore([]byte(html))); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	// Offsets after a call map back to the source.
	md := string(x.Markdown)
	if i := strings.Index(md, "end."); x.SourceOffset(i) != strings.Index("{{< x >}}\n\nPara {{< x >}} end.\n", "end.") {
		t.Errorf("SourceOffset(%d) = %d", i, x.SourceOffset(i))
	}
}

func TestDeindent(t *testing.T) {
	if got := Deindent("\n    a\n      b\n\n    c\n"); got != "\na\n  b\n\nc\n" {
		t.Errorf("deindent = %q", got)
	}
}
