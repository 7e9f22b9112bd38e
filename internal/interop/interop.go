// Package interop is what the tests that need something outside Go share:
// the rule that a missing client or data set skips the test with a
// one-line reason and an install hint (and fails it when
// INTEROP=required, as CI sets), the look-up of the ntc-templates data,
// and the tail of a long output for a failure message.
//
// Only tests import it.
package interop

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Required reports whether INTEROP=required: a missing client or data
// set is then a failure, not a skip.
func Required() bool { return os.Getenv("INTEROP") == "required" }

// Missing skips t, or fails it when INTEROP=required, because what is
// not there; install says how to get it.
func Missing(t testing.TB, what, install string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s is missing; install it with: %s", what, install)
	}
	t.Skipf("%s is missing; install it with: %s (INTEROP=required fails instead)", what, install)
}

// Need runs check (a command that exits 0 when the tool is there) and
// calls Missing when it fails.
func Need(t testing.TB, what, install string, check ...string) {
	t.Helper()
	if err := exec.Command(check[0], check[1:]...).Run(); err != nil {
		Missing(t, fmt.Sprintf("%s (%v)", what, err), install)
	}
}

// NTCInstall is the install hint for the ntc-templates data.
const NTCInstall = "set NTC_TEMPLATES_DIR to the templates folder of a networktocode/ntc-templates checkout " +
	"(the one with the index file), or pip install ntc-templates"

// NTCTemplates returns the ntc-templates folder that holds the index
// file and the .textfsm templates, or "" and where it looked. It tries,
// in order: $NTC_TEMPLATES_DIR (the templates folder itself or a
// checkout of the repository; when set, nothing else); a Python installation of the
// ntc_templates package (/usr/bin/python3, then python3); and
// shared/testdata/ntc-templates beside the repository or one of the
// folders above it (CI lays shared/ beside its clone).
func NTCTemplates() (dir string, tried []string) {
	candidates := func(base string) []string {
		return []string{base, filepath.Join(base, "ntc_templates", "templates"), filepath.Join(base, "templates")}
	}
	ok := func(d string) bool {
		st, err := os.Stat(filepath.Join(d, "index"))
		return err == nil && st.Mode().IsRegular()
	}
	if env := os.Getenv("NTC_TEMPLATES_DIR"); env != "" {
		for _, d := range candidates(env) {
			if ok(d) {
				return d, nil
			}
		}
		// Set but wrong: say so rather than take data from elsewhere.
		return "", []string{"NTC_TEMPLATES_DIR=" + env + " (no index file there or in ntc_templates/templates)"}
	} else {
		tried = append(tried, "NTC_TEMPLATES_DIR (unset)")
	}
	for _, py := range []string{"/usr/bin/python3", "python3"} {
		out, err := exec.Command(py, "-c",
			"import os, ntc_templates; print(os.path.join(os.path.dirname(ntc_templates.__file__), 'templates'))").Output()
		if err == nil {
			if d := strings.TrimSpace(string(out)); ok(d) {
				return d, nil
			}
		}
	}
	tried = append(tried, "python3 -c 'import ntc_templates' (not installed)")
	if root, err := ModuleRoot(); err == nil {
		for up, i := filepath.Dir(root), 0; i < 4; up, i = filepath.Dir(up), i+1 {
			if d := filepath.Join(up, "shared", "testdata", "ntc-templates", "ntc_templates", "templates"); ok(d) {
				return d, nil
			}
			if filepath.Dir(up) == up {
				break
			}
		}
		tried = append(tried, "shared/testdata/ntc-templates beside "+root)
	}
	return "", tried
}

// NeedNTCTemplates returns the ntc-templates folder, or skips t (fails
// it under INTEROP=required) saying where it looked.
func NeedNTCTemplates(t testing.TB) string {
	t.Helper()
	d, tried := NTCTemplates()
	if d == "" {
		Missing(t, "ntc-templates (tried "+strings.Join(tried, ", ")+")", NTCInstall)
	}
	return d
}

// ModuleRoot is the folder of the go.mod above the working directory
// (a test runs in its package's folder).
func ModuleRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		p := filepath.Dir(d)
		if p == d {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		d = p
	}
}

// Tail returns the last n lines of s, with a line saying how many were
// left out: what a failure message shows of a long output.
func Tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("[... %d lines left out ...]", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
