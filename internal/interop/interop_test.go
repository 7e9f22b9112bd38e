package interop

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTail(t *testing.T) {
	if got := Tail("a\nb\nc\n", 5); got != "a\nb\nc" {
		t.Errorf("short: %q", got)
	}
	if got := Tail("1\n2\n3\n4\n5\n", 2); got != "[... 3 lines left out ...]\n4\n5" {
		t.Errorf("long: %q", got)
	}
}

// TestNTCTemplatesEnv: NTC_TEMPLATES_DIR may name the templates folder or
// a checkout of the repository; a folder without an index is not taken.
func TestNTCTemplatesEnv(t *testing.T) {
	root := t.TempDir()
	tmpl := filepath.Join(root, "ntc_templates", "templates")
	if err := os.MkdirAll(tmpl, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmpl, "index"), []byte("Template, Hostname, Platform, Command\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, env := range []string{tmpl, root} {
		t.Setenv("NTC_TEMPLATES_DIR", env)
		if d, tried := NTCTemplates(); d != tmpl {
			t.Errorf("NTC_TEMPLATES_DIR=%s: %q (tried %v)", env, d, tried)
		}
	}
	t.Setenv("NTC_TEMPLATES_DIR", t.TempDir())
	if d, tried := NTCTemplates(); d == tmpl || !strings.Contains(strings.Join(tried, " "), "no index file") {
		t.Errorf("an empty NTC_TEMPLATES_DIR: %q, tried %v", d, tried)
	}
}
