package main

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/storyfront/storyfront/internal/testpart"
)

// TestMain lets testscript scripts run the real storyfront command (the
// test binary re-executes itself as "storyfront").
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"storyfront": main})
}

// TestBuildScripts runs the build scripts in testdata/script: small sites
// written inline as txtar, built with the real command, checked by output
// file and by the exact path:line:col of every error.
func TestBuildScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"writefile": cmdWriteFile,
			"sametree":  cmdSameTree,
			"sri":       cmdSRI,
			"samepaths": cmdSamePaths,
		},
	})
}

// cmdWriteFile writes a Go-quoted string (which may hold any bytes, such
// as invalid UTF-8) to a file: writefile PATH "QUOTED".
func cmdWriteFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writefile PATH \"GO-QUOTED CONTENT\"")
	}
	data, err := strconv.Unquote(args[1])
	ts.Check(err)
	p := ts.MkAbs(args[0])
	ts.Check(os.MkdirAll(filepath.Dir(p), 0o755))
	ts.Check(os.WriteFile(p, []byte(data), 0o644))
}

// cmdSameTree checks that two folders hold the same files with the same
// bytes: sametree DIR1 DIR2.
func cmdSameTree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: sametree DIR1 DIR2")
	}
	a, err := testpart.ReadTree(ts.MkAbs(args[0]))
	ts.Check(err)
	b, err := testpart.ReadTree(ts.MkAbs(args[1]))
	ts.Check(err)
	diff := ""
	for p, da := range a {
		db, ok := b[p]
		switch {
		case !ok:
			diff += fmt.Sprintf("only in %s: %s\n", args[0], p)
		case !bytes.Equal(da, db):
			diff += fmt.Sprintf("differs: %s\n", p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diff += fmt.Sprintf("only in %s: %s\n", args[1], p)
		}
	}
	if len(a) == 0 {
		diff += "no files\n"
	}
	if neg && diff == "" {
		ts.Fatalf("%s and %s are the same", args[0], args[1])
	}
	if !neg && diff != "" {
		ts.Fatalf("%s and %s differ:\n%s", args[0], args[1], diff)
	}
}

// cmdSRI checks every integrity attribute of an HTML page against the
// file it names, published under the output folder: sri DIR PAGE. It fails
// when the page has none.
func cmdSRI(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sri OUTDIR PAGE")
	}
	page, err := os.ReadFile(ts.MkAbs(filepath.Join(args[0], args[1])))
	ts.Check(err)
	refs := sriRef.FindAllSubmatch(page, -1)
	if len(refs) == 0 {
		ts.Fatalf("%s: no integrity attribute", args[1])
	}
	for _, m := range refs {
		data, err := os.ReadFile(ts.MkAbs(filepath.Join(args[0], filepath.FromSlash(string(m[1])))))
		ts.Check(err)
		sum := sha512.Sum384(data)
		if want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); html.UnescapeString(string(m[2])) != want {
			ts.Fatalf("%s: integrity of %s is %s, the file's is %s", args[1], m[1], m[2], want)
		}
	}
}

// sriRef matches href="/x" or src="/x" followed by integrity="...".
var sriRef = regexp.MustCompile(`(?:href|src)="/([^"]+)"[^>]*?integrity="([^"]+)"`)
