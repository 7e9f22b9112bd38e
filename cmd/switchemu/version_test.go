package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestVersion: --version prints the version line and exits; the start-up
// summary begins with it; the linker flag sets it.
func TestVersion(t *testing.T) {
	out, err := exec.Command(binPath, "--version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "switchemu ") || !strings.Contains(string(out), " (go1.") {
		t.Fatalf("--version: %v\n%s", err, out)
	}
	p := startFleetProcess(t, t.TempDir(), "--devices", "2", "--listen", "127.0.0.1:0")
	if first, _, _ := strings.Cut(p.summary, "\n"); first != strings.TrimSpace(string(out)) {
		t.Errorf("summary starts %q, want %q", first, strings.TrimSpace(string(out)))
	}
	if testing.Short() {
		return
	}
	bin := filepath.Join(t.TempDir(), "switchemu")
	build := exec.Command("go", "build", "-o", bin, "-ldflags", "-X switchemu/internal/version.override=v9.8.7", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, tail(string(out), 20))
	}
	out, err = exec.Command(bin, "--version").CombinedOutput()
	if err != nil || !strings.HasPrefix(string(out), "switchemu v9.8.7 (") {
		t.Errorf("--version with -X: %v\n%s", err, out)
	}
}

// TestHealthcheck: the subcommand finds a fleet's first device from its
// devices.csv, takes addresses as arguments, and fails on a closed port.
func TestHealthcheck(t *testing.T) {
	dir := t.TempDir()
	p := startFleetProcess(t, dir, "--devices", "3", "--listen", "127.0.0.1:0")
	out, err := exec.Command(binPath, "healthcheck", "--state-dir", dir).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "ok: 127.0.0.1:") || !strings.Contains(string(out), " SSH-") {
		t.Errorf("healthcheck of a running fleet: %v\n%s", err, out)
	}
	last := p.devices[len(p.devices)-1]
	out, err = exec.Command(binPath, "healthcheck", "-q", last[1]+":"+last[2]).CombinedOutput()
	if err != nil || len(out) != 0 {
		t.Errorf("healthcheck -q %s:%s: %v\n%s", last[1], last[2], err, out)
	}
	p.stop(t)
	out, err = exec.Command(binPath, "healthcheck", "--state-dir", dir, "--timeout", "2s").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "healthcheck: 127.0.0.1:") {
		t.Errorf("healthcheck of a stopped fleet: %v\n%s", err, out)
	}
}
