// Package version is switchemu's version: what --version, the start-up
// summary and the control API report.
//
// A release build sets it with the linker:
//
//	go build -ldflags "-X switchemu/internal/version.override=v1.2.0" ./cmd/switchemu
//
// Otherwise it comes from the build information Go records: the module
// version of "go install switchemu/cmd/switchemu@v1.2.0", or the VCS
// revision of a build in a git checkout (without -buildvcs=false), or
// "devel".
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// override is set with -ldflags "-X switchemu/internal/version.override=…"
// and never changed at run time.
var override string

// String returns the version, e.g. "v1.2.0", "devel-3f2c1a9e0b1d" or
// "devel".
func String() string {
	if override != "" {
		return override
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	return fromBuildInfo(bi)
}

func fromBuildInfo(bi *debug.BuildInfo) string {
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "devel-" + rev
}

// Full is the line --version prints: "switchemu v1.2.0 (go1.26.8 linux/amd64)".
func Full() string {
	return fmt.Sprintf("switchemu %s (%s %s/%s)", String(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
