package device

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// The folders and the recycle bin of flash:/.
//
// A name of flash:/ is a slash-separated path relative to flash:/
// ("startup.cfg", "logs/a.log"; "" is flash:/ itself). Every component
// is checked: no empty, ".", ".." or hidden (leading dot) component, no
// backslash, colon or NUL; and on disk every folder on the way must be a
// real folder of the store, never a symbolic link. The mutations go
// through an os.Root of the store's folder as well, so that a link
// swapped in between the check and the call cannot lead outside either.
//
// The recycle bin is the hidden folder .recycle of the store, which
// mirrors flash:/: delete (without /unreserved) moves flash:/a/b.cfg to
// .recycle/a/b.cfg, undelete moves it back, reset recycle-bin removes it.
// As on the device (H3C fundamentals command reference: a deleted file
// "still takes up storage space"), recycled files count in Used, and
// deleting a file whose name is already in the bin replaces the older
// copy there. SFTP and SCP see live files only: a recycled file is not a
// file of flash:/ for them, and their remove deletes for good.

const recycleDir = ".recycle"

// ErrNotEmpty is returned by Rmdir for a folder that still holds files.
var ErrNotEmpty = errors.New("folder not empty")

// ErrExist is returned by Mkdir, Rename and Copy when the new name is
// taken by a folder (or, for Mkdir and a folder's Rename, by anything).
var ErrExist = fs.ErrExist

// checkName validates the components of a flash:/ name.
func checkName(name string) error {
	if name == "" || len(name) > 255 {
		return fmt.Errorf("device: %q: %w", name, ErrBadFileName)
	}
	for _, c := range strings.Split(name, "/") {
		if c == "" || c == "." || c == ".." || strings.HasPrefix(c, ".") || strings.ContainsAny(c, "\\:\x00") {
			return fmt.Errorf("device: %q: %w", name, ErrBadFileName)
		}
	}
	return nil
}

// folderPath checks that every folder above the last component of rel
// (a path under the store's folder, which may start with .recycle) is a
// real folder, and returns the host path of rel. A missing folder wraps
// os.ErrNotExist; a link or a file on the way wraps ErrBadFileName.
func (s *Store) folderPath(rel string) (string, error) {
	parts := strings.Split(rel, "/")
	p := s.dir
	for _, c := range parts[:len(parts)-1] {
		p = filepath.Join(p, c)
		fi, err := os.Lstat(p)
		if err != nil {
			return "", fmt.Errorf("device: %s: %w", rel, err)
		}
		if !fi.IsDir() {
			return "", fmt.Errorf("device: %s: %w", rel, ErrBadFileName)
		}
	}
	return filepath.Join(p, parts[len(parts)-1]), nil
}

// Lookup describes the file or folder name of flash:/ (a link is
// neither: ErrNotFile).
func (s *Store) Lookup(name string) (FileInfo, error) {
	if name == "" {
		return FileInfo{Name: "", Dir: true}, nil
	}
	p, err := s.path(name)
	if err != nil {
		return FileInfo{}, err
	}
	fi, err := os.Lstat(p)
	if err != nil {
		return FileInfo{}, fmt.Errorf("device: %s: %w", name, err)
	}
	if !fi.Mode().IsRegular() && !fi.IsDir() {
		return FileInfo{}, fmt.Errorf("device: %s: %w", name, ErrNotFile)
	}
	return FileInfo{Name: name, Size: fi.Size(), ModTime: fi.ModTime(), Dir: fi.IsDir()}, nil
}

// ReadDir lists the folder dir of flash:/ ("" for flash:/), by name:
// plain files and folders; links and hidden names are left out. Names are
// the entries' own names, not paths.
func (s *Store) ReadDir(dir string) ([]FileInfo, error) {
	return s.readDir(dir, false)
}

// Recycled lists the files deleted from folder dir that the recycle bin
// keeps, by name.
func (s *Store) Recycled(dir string) ([]FileInfo, error) {
	out, err := s.readDir(dir, true)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return out, err
}

func (s *Store) readDir(dir string, recycled bool) ([]FileInfo, error) {
	rel := dir
	if recycled {
		rel = path.Join(recycleDir, dir)
	} else if dir != "" {
		if err := checkName(dir); err != nil {
			return nil, err
		}
	}
	host := s.dir
	if rel != "" {
		p, err := s.folderPath(rel)
		if err != nil {
			return nil, err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return nil, fmt.Errorf("device: %s: %w", dir, err)
		}
		if !fi.IsDir() {
			return nil, fmt.Errorf("device: %s: %w", dir, ErrNotFile)
		}
		host = p
	}
	entries, err := os.ReadDir(host)
	if err != nil {
		return nil, fmt.Errorf("device: list %s: %w", dir, err)
	}
	var out []FileInfo
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // removed since ReadDir
		}
		if recycled && !info.Mode().IsRegular() {
			continue // folders of the bin only hold what was deleted below them
		}
		if !info.Mode().IsRegular() && !info.IsDir() {
			continue
		}
		out = append(out, FileInfo{Name: e.Name(), Size: info.Size(), ModTime: info.ModTime(), Dir: info.IsDir()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// withRoot runs f on an os.Root of the store's folder.
func (s *Store) withRoot(f func(*os.Root) error) error {
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		return fmt.Errorf("device: %w", err)
	}
	defer root.Close()
	return f(root)
}

// Mkdir creates the folder name (mode 0700); its parent must exist.
func (s *Store) Mkdir(name string) error {
	if _, err := s.path(name); err != nil {
		return err
	}
	return s.withRoot(func(r *os.Root) error {
		if err := r.Mkdir(filepath.FromSlash(name), 0o700); err != nil {
			return fmt.Errorf("device: mkdir %s: %w", name, err)
		}
		s.touch(name, parent(name))
		return nil
	})
}

// Rmdir removes the folder name, which must hold no file or folder;
// the files deleted from it that the recycle bin keeps go for good.
func (s *Store) Rmdir(name string) error {
	info, err := s.Lookup(name)
	if err != nil {
		return err
	}
	if !info.Dir || name == "" {
		return fmt.Errorf("device: %s: %w", name, ErrNotFile)
	}
	if live, err := s.ReadDir(name); err != nil {
		return err
	} else if len(live) > 0 {
		return fmt.Errorf("device: rmdir %s: %w", name, ErrNotEmpty)
	}
	return s.withRoot(func(r *os.Root) error {
		if err := r.RemoveAll(filepath.FromSlash(path.Join(recycleDir, name))); err != nil {
			return fmt.Errorf("device: rmdir %s: %w", name, err)
		}
		if err := r.Remove(filepath.FromSlash(name)); err != nil {
			return fmt.Errorf("device: rmdir %s: %w", name, err)
		}
		s.touch(parent(name))
		return nil
	})
}

// Copy writes a copy of the file from as the file to (replacing it), in
// one atomic write that must fit in flash:/ (mode 0600).
func (s *Store) Copy(from, to string) error {
	data, err := s.ReadFile(from)
	if err != nil {
		return err
	}
	if fi, err := s.Lookup(to); err == nil && fi.Dir {
		return fmt.Errorf("device: copy to %s: %w", to, ErrExist)
	}
	return s.WriteFile(to, data)
}

// Recycle moves the file name to the recycle bin: it leaves flash:/ but
// keeps its space, and Restore brings it back. A file of the same name
// deleted earlier from the same folder is dropped.
func (s *Store) Recycle(name string) error {
	if _, err := s.Stat(name); err != nil {
		return err
	}
	bin := path.Join(recycleDir, name)
	return s.withRoot(func(r *os.Root) error {
		if err := r.MkdirAll(filepath.FromSlash(path.Dir(bin)), 0o700); err != nil {
			return fmt.Errorf("device: delete %s: %w", name, err)
		}
		if err := r.Rename(filepath.FromSlash(name), filepath.FromSlash(bin)); err != nil {
			return fmt.Errorf("device: delete %s: %w", name, err)
		}
		s.touch(parent(name))
		return nil
	})
}

// recycledPath checks that name is a file in the recycle bin and returns
// its path under the store.
func (s *Store) recycledPath(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	bin := path.Join(recycleDir, name)
	p, err := s.folderPath(bin)
	if err != nil {
		return "", err
	}
	fi, err := os.Lstat(p)
	if err != nil {
		return "", fmt.Errorf("device: %s: %w", name, err)
	}
	if !fi.Mode().IsRegular() {
		return "", fmt.Errorf("device: %s: %w", name, ErrNotFile)
	}
	return bin, nil
}

// Restore moves the file name back from the recycle bin, replacing a
// file of that name; its folder must still exist.
func (s *Store) Restore(name string) error {
	bin, err := s.recycledPath(name)
	if err != nil {
		return err
	}
	p, err := s.path(name)
	if err != nil {
		return err
	}
	if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("device: undelete %s: %w", name, ErrNotFile)
	}
	return s.withRoot(func(r *os.Root) error {
		if err := r.Rename(filepath.FromSlash(bin), filepath.FromSlash(name)); err != nil {
			return fmt.Errorf("device: undelete %s: %w", name, err)
		}
		s.touch(parent(name))
		return nil
	})
}

// Purge removes the file name from the recycle bin for good.
func (s *Store) Purge(name string) error {
	bin, err := s.recycledPath(name)
	if err != nil {
		return err
	}
	return s.withRoot(func(r *os.Root) error {
		if err := r.Remove(filepath.FromSlash(bin)); err != nil {
			return fmt.Errorf("device: reset recycle-bin %s: %w", name, err)
		}
		return nil
	})
}

// InRecycleBin reports whether the recycle bin holds a file name.
func (s *Store) InRecycleBin(name string) bool {
	_, err := s.recycledPath(name)
	return err == nil
}

// usedBytes is what the files of flash:/ and of the recycle bin take.
// Hidden files of the store (host key, startup record, temporaries) and
// anything that is not a plain file are left out.
func (s *Store) usedBytes() int64 {
	var n int64
	filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p == s.dir {
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") && !(d.IsDir() && name == recycleDir && filepath.Dir(p) == s.dir) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// touch sets the modification time of the folders named, and of the
// folders holding the names given with parent set, to the device clock,
// as the device's file system stamps a folder that changed; flash:/
// itself has no time. With no device clock the host's time stays.
func (s *Store) touch(names ...string) {
	if s.now == nil {
		return
	}
	t := s.now()
	for _, n := range names {
		if n == "" || n == "." {
			continue
		}
		if p, err := s.path(n); err == nil {
			if fi, err := os.Lstat(p); err == nil && fi.IsDir() {
				os.Chtimes(p, t, t)
			}
		}
	}
}

// parent is the folder holding name ("" for flash:/).
func parent(name string) string {
	if d := path.Dir(name); d != "." {
		return d
	}
	return ""
}
