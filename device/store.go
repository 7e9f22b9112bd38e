package device

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Store is a device's folder on disk: flash:/ maps to it. Saved
// configuration files live there under their device names, and the host
// key in hostkey_rsa.pem. A Store is safe for concurrent use: every write
// is a whole-file atomic replace.
type Store struct {
	dir string
	now func() time.Time // device clock: file times as dir shows them; nil = real time

	mu       sync.Mutex // guards capacity
	capacity int64      // bytes flash:/ holds; 0 = no limit

	full atomic.Bool // a fault fills flash:/ (faults.go)
}

// ErrNoSpace is returned by a write that does not fit in flash:/.
var ErrNoSpace = errors.New("no space left on flash")

// SetCapacity makes flash:/ hold at most n bytes of files (the profile's
// flash size); a write that would not fit fails with ErrNoSpace and
// leaves the old file whole. 0 means no limit.
func (s *Store) SetCapacity(n int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.capacity = n
}

// Capacity returns the size of flash:/ in bytes, 0 if unlimited.
func (s *Store) Capacity() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.capacity
}

// Used returns the bytes the files of flash:/ take, in every folder and
// in the recycle bin.
func (s *Store) Used() int64 {
	if c := s.Capacity(); c > 0 && s.full.Load() {
		return c // a fault fills flash:/ (faults.go)
	}
	return s.usedBytes()
}

// room reports whether size bytes fit as the new contents of file name.
// It is the one check of every write to flash:/ (WriteFile, Copy,
// FileWriter, hence save, copy, SFTP and SCP): a fault that makes flash
// full plugs in here.
func (s *Store) room(name string, size int64) error {
	if s.full.Load() {
		return ErrNoSpace
	}
	limit := s.Capacity()
	if limit == 0 {
		return nil
	}
	used := s.Used()
	if p, err := s.path(name); err == nil {
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() {
			used -= fi.Size()
		}
	}
	if used+size > limit {
		return ErrNoSpace
	}
	return nil
}

// OpenStore returns the store in dir, creating the folder if needed. The
// folder and its files are private (0700 and 0600): saved configurations
// hold the device's reversible cipher passwords. A folder or file left
// more open by an older version is tightened.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("device: state folder: %w", err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return nil, fmt.Errorf("device: state folder: %w", err)
	}
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.Mode().Perm()&0o077 != 0 {
				os.Chmod(filepath.Join(dir, e.Name()), 0o600)
			}
		}
	}
	// Temporary files of saves that a crash interrupted.
	stale, _ := filepath.Glob(filepath.Join(dir, ".*.tmp*"))
	for _, f := range stale {
		os.Remove(f)
	}
	return &Store{dir: dir}, nil
}

// Dir returns the store's folder.
func (s *Store) Dir() string { return s.dir }

// ErrBadFileName is returned for a file name that would leave flash:/.
var ErrBadFileName = errors.New("invalid file name")

// path returns the host path of the flash:/ name (flashfs.go): every
// component valid, every folder on the way a real folder of the store.
func (s *Store) path(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	return s.folderPath(name)
}

// WriteFile replaces the file name with data atomically: a temporary file
// is written and synced, renamed over the old one, and the folder synced.
// Whatever happens during the call, the file holds either its old or its
// new contents.
func (s *Store) WriteFile(name string, data []byte) error {
	p, err := s.path(name)
	if err != nil {
		return err
	}
	if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("device: save %s: %w", name, ErrNotFile) // a folder or a link is not replaced
	}
	if err := s.room(name, int64(len(data))); err != nil {
		return fmt.Errorf("device: save %s: %w", name, err)
	}
	if err := noSpace(writeAtomic(p, data, 0o600, s.now)); err != nil {
		return err
	}
	s.touch(parent(name))
	return nil
}

// noSpace makes a write that the host's disk refused for lack of room
// (ENOSPC, or EDQUOT for a quota) an ErrNoSpace too, so that the device
// says so in its own words.
func noSpace(err error) error {
	if err != nil && !errors.Is(err, ErrNoSpace) && (errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)) {
		return fmt.Errorf("%w: %w", ErrNoSpace, err)
	}
	return err
}

// writeAtomic writes path through a temporary file in the same folder:
// write, fsync, rename over path, fsync the folder. now, if set, gives
// the file's modification time.
func writeAtomic(path string, data []byte, mode os.FileMode, now func() time.Time) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("device: save %s: %w", filepath.Base(path), err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("device: save %s: %w", filepath.Base(path), err)
	}
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("device: save %s: %w", filepath.Base(path), err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("device: save %s: %w", filepath.Base(path), err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("device: save %s: %w", filepath.Base(path), err)
	}
	if now != nil {
		t := now()
		if err = os.Chtimes(tmp.Name(), t, t); err != nil {
			return fmt.Errorf("device: save %s: %w", filepath.Base(path), err)
		}
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("device: save %s: %w", filepath.Base(path), err)
	}
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("device: save %s: sync folder: %w", filepath.Base(path), err)
	}
	defer d.Close()
	if err = d.Sync(); err != nil {
		return fmt.Errorf("device: save %s: sync folder: %w", filepath.Base(path), err)
	}
	return nil
}

// ReadFile returns the contents of the plain file name; errors wrap
// os.ErrNotExist when the file is missing, ErrNotFile for a folder or a
// symbolic link (never followed).
func (s *Store) ReadFile(name string) ([]byte, error) {
	f, _, err := s.Open(name)
	if err != nil {
		return nil, fmt.Errorf("device: read %s: %w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("device: read %s: %w", name, err)
	}
	return data, nil
}

// Remove deletes the plain file name for good (delete /unreserved).
func (s *Store) Remove(name string) error {
	p, err := s.path(name)
	if err != nil {
		return err
	}
	if fi, err := os.Lstat(p); err == nil && !fi.Mode().IsRegular() {
		return fmt.Errorf("device: delete %s: %w", name, ErrNotFile)
	}
	if err := os.Remove(p); err != nil {
		return fmt.Errorf("device: delete %s: %w", name, err)
	}
	s.touch(parent(name))
	return nil
}

// FileInfo describes one file of flash:/.
type FileInfo struct {
	Name    string
	Size    int64
	ModTime time.Time
	Dir     bool
}

// List returns the files and folders at the top of flash:/, by name.
// Temporary and hidden files, and links, are left out.
func (s *Store) List() ([]FileInfo, error) { return s.ReadDir("") }

const hostKeyFile = ".hostkey_rsa.pem"

// HostKey returns the RSA host key saved in the store, creating one of
// bits if there is none (mode 0600).
func (s *Store) HostKey(bits int) (*rsa.PrivateKey, error) {
	p := filepath.Join(s.dir, hostKeyFile)
	data, err := os.ReadFile(p)
	if err == nil {
		block, _ := pem.Decode(data)
		if block == nil {
			return nil, fmt.Errorf("device: host key %s: not PEM", p)
		}
		key, err := x509.ParsePKCS1PrivateKey(block.Bytes)
		if err != nil {
			return nil, fmt.Errorf("device: host key %s: %w", p, err)
		}
		return key, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("device: host key: %w", err)
	}
	key, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		return nil, fmt.Errorf("device: generate host key: %w", err)
	}
	if err := s.SaveHostKey(key); err != nil {
		return nil, err
	}
	return key, nil
}

// SaveHostKey stores key as the host key.
func (s *Store) SaveHostKey(key *rsa.PrivateKey) error {
	data := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	if err := writeAtomic(filepath.Join(s.dir, hostKeyFile), data, 0o600, nil); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(s.dir, hostKeyDestroyedFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("device: host key: %w", err)
	}
	return nil
}

// hostKeyDestroyedFile marks a store whose host key was destroyed, so that
// the next start does not make a new one.
const hostKeyDestroyedFile = ".hostkey_destroyed"

// DestroyHostKey deletes the saved host key and remembers that it was
// destroyed.
func (s *Store) DestroyHostKey() error {
	if err := writeAtomic(filepath.Join(s.dir, hostKeyDestroyedFile), nil, 0o600, nil); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(s.dir, hostKeyFile)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("device: host key: %w", err)
	}
	return nil
}

// HostKeyDestroyed reports whether public-key local destroy rsa removed
// the host key.
func (s *Store) HostKeyDestroyed() bool {
	_, err := os.Stat(filepath.Join(s.dir, hostKeyDestroyedFile))
	return err == nil
}
