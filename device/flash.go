package device

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// File transfer (SFTP, SCP) on flash:/. flash:/ is flat: every name is
// one plain file in the store's folder, hidden names (the host key, save
// temporaries) are not files of flash:/, and a symbolic link or folder in
// the folder is never followed.

// ErrNotFile is returned for a name that is not a plain file of flash:/.
var ErrNotFile = errors.New("not a file")

// Stat describes the plain file name of flash:/. Errors wrap
// os.ErrNotExist for a missing file, ErrNotFile for a folder or link,
// ErrBadFileName for a name outside flash:/.
func (s *Store) Stat(name string) (FileInfo, error) {
	p, err := s.path(name)
	if err != nil {
		return FileInfo{}, err
	}
	fi, err := os.Lstat(p)
	if err != nil {
		return FileInfo{}, fmt.Errorf("device: %s: %w", name, err)
	}
	if !fi.Mode().IsRegular() {
		return FileInfo{}, fmt.Errorf("device: %s: %w", name, ErrNotFile)
	}
	return FileInfo{Name: name, Size: fi.Size(), ModTime: fi.ModTime()}, nil
}

// Open opens the plain file name of flash:/ for reading. A symbolic link
// is refused, whatever it points to.
func (s *Store) Open(name string) (*os.File, FileInfo, error) {
	info, err := s.Stat(name)
	if err != nil {
		return nil, FileInfo{}, err
	}
	root, err := os.OpenRoot(s.dir)
	if err != nil {
		return nil, FileInfo{}, fmt.Errorf("device: %s: %w", name, err)
	}
	defer root.Close()
	f, err := root.Open(name)
	if err != nil {
		return nil, FileInfo{}, fmt.Errorf("device: %s: %w", name, err)
	}
	// The name may have been swapped for a link between Stat and Open.
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() {
		f.Close()
		return nil, FileInfo{}, fmt.Errorf("device: %s: %w", name, ErrNotFile)
	}
	return f, info, nil
}

// Free returns the bytes left on flash:/, -1 if there is no limit.
func (s *Store) Free() int64 {
	c := s.Capacity()
	if c == 0 {
		return -1
	}
	return max(0, c-s.Used())
}

// Rename renames the plain file from to to, replacing a file to; or the
// folder from to to, which must not exist (the files deleted from the
// folder move with it in the recycle bin).
func (s *Store) Rename(from, to string) error {
	info, err := s.Lookup(from)
	if err != nil {
		return err
	}
	if from == "" {
		return fmt.Errorf("device: rename flash:/: %w", ErrBadFileName)
	}
	pt, err := s.path(to)
	if err != nil {
		return err
	}
	if fi, err := os.Lstat(pt); err == nil && (fi.IsDir() || info.Dir || !fi.Mode().IsRegular()) {
		return fmt.Errorf("device: %s: %w", to, ErrExist)
	}
	if info.Dir && (to == from || strings.HasPrefix(to, from+"/")) {
		return fmt.Errorf("device: rename %s into itself: %w", from, ErrBadFileName)
	}
	return s.withRoot(func(r *os.Root) error {
		if err := r.Rename(filepath.FromSlash(from), filepath.FromSlash(to)); err != nil {
			return fmt.Errorf("device: rename %s: %w", from, err)
		}
		s.touch(parent(from), parent(to))
		if info.Dir {
			bin, binTo := filepath.FromSlash(recycleDir+"/"+from), filepath.FromSlash(recycleDir+"/"+to)
			if _, err := r.Lstat(bin); err == nil {
				r.MkdirAll(filepath.Dir(binTo), 0o700)
				r.Rename(bin, binTo) // the bin is best effort: the live files moved
			}
		}
		return nil
	})
}

// A FileWriter writes a new version of one file of flash:/ into a hidden
// temporary file; Commit puts it in place atomically, as a save does.
// Every write that would make the file larger than flash:/ has room for
// fails with ErrNoSpace. WriteAt may be called concurrently.
type FileWriter struct {
	s    *Store
	name string
	path string

	mu   sync.Mutex // guards the fields below
	f    *os.File
	size int64 // highest offset written
	done bool
}

// Create starts a new version of the file name of flash:/.
func (s *Store) Create(name string) (*FileWriter, error) {
	p, err := s.path(name)
	if err != nil {
		return nil, err
	}
	if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("device: %s: %w", name, ErrNotFile)
	}
	if err := s.room(name, 0); err != nil {
		return nil, fmt.Errorf("device: %s: %w", name, err)
	}
	tmp, err := os.CreateTemp(s.dir, "."+name+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("device: %s: %w", name, err)
	}
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("device: %s: %w", name, err)
	}
	return &FileWriter{s: s, name: name, path: p, f: tmp}, nil
}

// WriteAt writes p at off.
func (w *FileWriter) WriteAt(p []byte, off int64) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return 0, fs.ErrClosed
	}
	if off < 0 {
		return 0, fmt.Errorf("device: %s: negative offset", w.name)
	}
	if end := off + int64(len(p)); end > w.size {
		if err := w.s.room(w.name, end); err != nil {
			return 0, fmt.Errorf("device: %s: %w", w.name, err)
		}
		n, err := w.f.WriteAt(p, off)
		w.size = max(w.size, off+int64(n))
		return n, err
	}
	return w.f.WriteAt(p, off)
}

// Write appends p.
func (w *FileWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	off := w.size
	w.mu.Unlock()
	return w.WriteAt(p, off)
}

// Size returns the bytes written so far.
func (w *FileWriter) Size() int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.size
}

// Commit syncs the new version and renames it over the file.
func (w *FileWriter) Commit() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return fs.ErrClosed
	}
	w.done = true
	tmp := w.f.Name()
	err := w.f.Sync()
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil && w.s.now != nil {
		t := w.s.now()
		err = os.Chtimes(tmp, t, t)
	}
	if err == nil {
		err = os.Rename(tmp, w.path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("device: save %s: %w", w.name, err)
	}
	if d, err := os.Open(filepath.Dir(w.path)); err == nil {
		d.Sync()
		d.Close()
	}
	w.s.touch(parent(w.name))
	return nil
}

// Abort drops the new version; the file keeps its old contents. It does
// nothing after Commit.
func (w *FileWriter) Abort() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.done {
		return
	}
	w.done = true
	w.f.Close()
	os.Remove(w.f.Name())
}
