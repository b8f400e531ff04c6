package testpart

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// auditFolder holds the npm packages of the page audits: axe-core and
// vnu-jar (npm ci --prefix internal/testpart/testdata/audit).
const auditFolder = "internal/testpart/testdata/audit"

// AxeSource returns axe-core's browser script (axe.min.js), to evaluate in
// a page before axe.run. Missing, the test fails under CI=true and is
// skipped otherwise.
func AxeSource(t testing.TB) string {
	t.Helper()
	p := filepath.Join(moduleRoot(t), auditFolder, "node_modules", "axe-core", "axe.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		Missing(t, "axe-core missing (npm ci --prefix "+auditFolder+"): "+err.Error())
	}
	return string(b)
}

// VNU returns the java binary and the Nu HTML Checker's jar (npm vnu-jar):
// run them as java -jar JAR --errors-only FILES.... Either missing fails
// the test under CI=true and skips it otherwise.
func VNU(t testing.TB) (java, jar string) {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		Missing(t, "java not found on PATH (apt-get install default-jre-headless), needed by the Nu HTML Checker")
	}
	jar = filepath.Join(moduleRoot(t), auditFolder, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		Missing(t, "vnu.jar missing (npm ci --prefix "+auditFolder+"): "+err.Error())
	}
	return java, jar
}
