// Package docker holds the image build (../../Dockerfile, build.sh) and
// its smoke test (smoke.sh, run by CI where buildah is installed); its Go
// test checks the Dockerfile without any container tool.
package docker

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// instructions reads a Dockerfile into instruction lines (continuations
// joined, comments dropped).
func instructions(t *testing.T, path string) [][2]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][2]string
	var cur strings.Builder
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if cur.Len() == 0 && (line == "" || strings.HasPrefix(line, "#")) {
			continue
		}
		if l, ok := strings.CutSuffix(line, "\\"); ok {
			cur.WriteString(l + " ")
			continue
		}
		cur.WriteString(line)
		op, rest, _ := strings.Cut(cur.String(), " ")
		out = append(out, [2]string{strings.ToUpper(op), strings.TrimSpace(rest)})
		cur.Reset()
	}
	return out
}

// TestDockerfile: every stage is FROM scratch or an earlier stage (no
// pull), the image runs as a numeric non-root user with its state on a
// volume, exposes the SSH, telnet and API ports, its health check and
// entry point are the binary the build copies in, and .dockerignore lets
// in exactly what the COPY lines read.
func TestDockerfile(t *testing.T) {
	ins := instructions(t, "../../Dockerfile")
	stages := []string{}
	var sources []string
	final := map[string]string{}
	for _, in := range ins {
		op, arg := in[0], in[1]
		switch op {
		case "FROM":
			f := strings.Fields(arg)
			if f[0] != "scratch" && !slices.Contains(stages, f[0]) {
				t.Errorf("FROM %s: would pull an image", arg)
			}
			if len(f) == 3 && strings.EqualFold(f[1], "AS") {
				stages = append(stages, f[2])
			}
			clear(final)
		case "COPY":
			f := strings.Fields(arg)
			if !slices.ContainsFunc(f, func(s string) bool { return strings.HasPrefix(s, "--from=") }) {
				for _, s := range f[:len(f)-1] {
					if !strings.HasPrefix(s, "--") {
						sources = append(sources, strings.TrimSuffix(s, "/"))
					}
				}
			}
			if strings.Contains(arg, "dist/switchemu ") {
				final["BINARY"] = f[len(f)-1]
			}
		}
		final[op] = arg
	}
	if !regexp.MustCompile(`^[1-9][0-9]*:[1-9][0-9]*$`).MatchString(final["USER"]) {
		t.Errorf("USER %q: want a numeric non-root uid:gid", final["USER"])
	}
	if !strings.Contains(final["VOLUME"], "/var/lib/switchemu") || !strings.Contains(final["CMD"], `"--state-dir", "/var/lib/switchemu"`) {
		t.Errorf("the state folder is not the volume: VOLUME %s, CMD %s", final["VOLUME"], final["CMD"])
	}
	for _, p := range []string{"2222/tcp", "2323/tcp", "8080/tcp"} {
		if !strings.Contains(final["EXPOSE"], p) {
			t.Errorf("EXPOSE %s lacks %s", final["EXPOSE"], p)
		}
	}
	bin := "/usr/local/bin/switchemu"
	if !strings.Contains(final["ENTRYPOINT"], `"`+bin+`"`) || !strings.Contains(final["HEALTHCHECK"], `"`+bin+`", "healthcheck"`) {
		t.Errorf("ENTRYPOINT %s / HEALTHCHECK %s: want %s and its healthcheck", final["ENTRYPOINT"], final["HEALTHCHECK"], bin)
	}
	ignore, err := os.ReadFile("../../.dockerignore")
	if err != nil {
		t.Fatal(err)
	}
	var allowed []string
	for _, l := range strings.Split(string(ignore), "\n") {
		if a, ok := strings.CutPrefix(strings.TrimSpace(l), "!"); ok {
			allowed = append(allowed, a)
		}
	}
	for _, s := range sources {
		if !slices.ContainsFunc(allowed, func(a string) bool { return s == a || strings.HasPrefix(s, a+"/") }) {
			t.Errorf("COPY %s: excluded by .dockerignore (allowed: %v)", s, allowed)
		}
		if s != "dist/switchemu" {
			if _, err := os.Stat(filepath.Join("../..", s)); err != nil {
				t.Errorf("COPY %s: %v", s, err)
			}
		}
	}
}
