package cli

import (
	"path"
	"strings"
)

// Paths of flash:/ as the user types them. A path is absolute with the
// drive ("flash:/a/b.cfg", "flash:a.cfg"), from the top of flash:/ with a
// leading slash ("/a/b.cfg"), or relative to the session's current
// folder (cd) otherwise; "." and ".." work as on the device (reference
// §6.11; H3C fundamentals command reference, file system management:
// "cd .." at the root is refused). A path that climbs above flash:/,
// names another drive or the host's ("cf:", "C:"), uses backslashes, or
// names a hidden entry (the store's own files, the recycle bin) is not a
// path of flash:/: the command fails with "% Such file or path doesn't
// exist." and touches nothing. Symbolic links planted in the store's
// folder are refused by device.Store, whatever they point to.

// resolvePath returns the name of flash:/ that arg denotes ("" for
// flash:/ itself); ok is false if arg leaves flash:/.
func (s *Session) resolvePath(arg string) (string, bool) {
	drive := s.dev.Profile().Files.Storage
	base := s.cwd
	switch {
	case len(arg) >= len(drive) && strings.EqualFold(arg[:len(drive)], drive):
		arg, base = arg[len(drive):], ""
	case strings.Contains(arg, ":"):
		return "", false
	case strings.HasPrefix(arg, "/"):
		base = ""
	}
	if strings.ContainsAny(arg, ":\\\x00") {
		return "", false
	}
	var parts []string
	if base != "" {
		parts = strings.Split(base, "/")
	}
	for _, c := range strings.Split(arg, "/") {
		switch {
		case c == "" || c == ".":
		case c == "..":
			if len(parts) == 0 {
				return "", false
			}
			parts = parts[:len(parts)-1]
		case strings.HasPrefix(c, "."):
			return "", false
		default:
			parts = append(parts, c)
		}
	}
	return strings.Join(parts, "/"), true
}

// display is how the device names a name of flash:/: "flash:/a/b.cfg".
func (s *Session) display(name string) string { return s.storage() + name }

// folderLabel is a folder as dir's header names it: "flash:/a/".
func (s *Session) folderLabel(dir string) string {
	if dir == "" {
		return s.storage()
	}
	return s.storage() + dir + "/"
}

// binLabel is how reset recycle-bin names a file in the recycle bin:
// "flash:/~/a.cfg", "flash:/a/~/b.cfg" [U: the "~" folder of the V5
// recycle bin, from memory of H3C V5 manuals; not in a capture we have].
func (s *Session) binLabel(name string) string {
	dir, file := path.Split(name)
	return s.storage() + dir + "~/" + file
}

// hasWildcard reports whether a dir pattern has * or ?.
func hasWildcard(name string) bool { return strings.ContainsAny(name, "*?") }
