package generator_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/storyfront/storyfront/generator"
)

// A site is a folder with site.yaml, content/ and layouts (here the site's
// own; usually a theme's). Build renders it in memory; WriteDir would
// write it out; Rebuild updates it after an edit.
func Example() {
	dir, _ := os.MkdirTemp("", "example-site-")
	defer os.RemoveAll(dir)
	files := map[string]string{
		"site.yaml":                    "title: Acme\nbaseURL: https://acme.example/\n",
		"content/stories/hello.md":     "---\ntitle: Hello\ndate: 2024-03-01\n---\nOur *first* story.\n",
		"layouts/_default/single.html": "<h1>{{ .Title }}</h1>{{ .Content }}",
		"layouts/_default/list.html":   "{{ range .Pages }}{{ .Title }} {{ end }}",
	}
	for p, c := range files {
		_ = os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		_ = os.WriteFile(filepath.Join(dir, p), []byte(c), 0o644)
	}
	b := generator.NewBuilder(generator.Options{Source: dir})
	out, err := b.Build(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	f, _ := out.Lookup("/stories/hello/")
	fmt.Printf("%s\n", f.Data)

	_ = os.WriteFile(filepath.Join(dir, "content/stories/hello.md"),
		[]byte("---\ntitle: Hello\ndate: 2024-03-01\n---\nOur *first* story, edited.\n"), 0o644)
	out, _ = b.Rebuild(context.Background(), []string{"content/stories/hello.md"})
	fmt.Println(out.Changed())
	// Output:
	// <h1>Hello</h1><p>Our <em>first</em> story.</p>
	//
	// [index.xml stories/hello/index.html stories/index.xml]
}
