package sshd

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/pkg/sftp"
	gossh "golang.org/x/crypto/ssh"

	"switchemu/device"
)

// File transfer: the SFTP subsystem (github.com/pkg/sftp's request
// server) and SCP (scp.go), both rooted at the device's flash:/ (its
// Store) and both allowed only while sftp server enable is configured,
// to users whose ssh user entry has service-type sftp or all.
//
// Log messages of transfers [U: the reference has no V5 capture of them;
// worded as the SSH/4/LOGIN lines of §4.7 are].
const (
	logTransferModule = "SSH"
	logTransferLevel  = 5
)

// sessionHandover is how long a new session channel waits for the
// connection's previous one to finish closing: paramiko's scp module and
// Netmiko's file transfer open the next channel as soon as they have sent
// the close of the last one.
const sessionHandover = time.Second

// transferAllowed says whether the connection's user may transfer files,
// and why not.
func (srv *Server) transferAllowed(st *connState) (bool, string) {
	if !srv.Device.SFTPEnabled() {
		return false, "sftp server disabled"
	}
	st.mu.Lock()
	svc := st.login.Entry.Service
	st.mu.Unlock()
	if svc != device.SSHServiceSFTP && svc != device.SSHServiceAll {
		return false, "service-type stelnet"
	}
	if srv.Device.Store() == nil {
		return false, "no flash"
	}
	return true, ""
}

// startTransfer runs a file transfer (SFTP or SCP) on the session channel
// in its own goroutine, the way the shell runs: its status goes out as
// exit-status, and a client that does not answer the close loses the
// connection after closeGrace. proto is "SFTP" or "SCP".
func (srv *Server) startTransfer(conn *gossh.ServerConn, stream *channelStream, st *connState, log *slog.Logger,
	done chan<- struct{}, loopDone <-chan struct{}, proto string, run func(*fileSession) int) {
	host := hostOf(conn.RemoteAddr().String())
	fsess := &fileSession{dev: srv.Device, store: srv.Device.Store(), user: conn.User(), host: host, proto: proto}
	srv.Device.UpdateVTY(st.line, func(l *device.Login) { l.Service = "SFTP" })
	go func() {
		defer close(done)
		srv.Device.Log("SSH", 4, "LOGIN", fmt.Sprintf("%s user %s (IP:%s) login succeeded!", proto, fsess.user, host))
		log.Info("file transfer started", "stage", "interaction", "protocol", proto)
		code := run(fsess)
		stream.CloseWithStatus(code)
		srv.Device.Log("SSH", 4, "LOGOUT", fmt.Sprintf("%s user %s (IP:%s) logout because :SSH Client close the connection", proto, fsess.user, host))
		log.Info("file transfer ended", "stage", "interaction", "protocol", proto, "status", code)
		select {
		case <-loopDone:
		case <-time.After(closeGrace):
			conn.Close()
		}
	}()
}

// fileSession is one SFTP or SCP session's view of flash:/.
type fileSession struct {
	dev   *device.Device
	store *device.Store
	user  string
	host  string
	proto string // "SFTP" or "SCP"
}

// logTransfer writes a transfer's line in the device's log buffer.
func (fsess *fileSession) logTransfer(digest, text string) {
	fsess.dev.Log(logTransferModule, logTransferLevel, digest,
		fmt.Sprintf("%s user %s (IP:%s) %s", fsess.proto, fsess.user, fsess.host, text))
}

// flashPath is the file of flash:/ a client's path names: "/startup.cfg",
// "startup.cfg" and "flash:/startup.cfg" are the same file; "" means
// flash:/ itself. Anything with a folder in it, or a name flash:/ does
// not allow, is ErrBadFileName.
func flashPath(p string) (string, error) {
	// An SFTP client makes a relative "flash:/x" absolute: "/flash:/x".
	p = strings.TrimPrefix(strings.TrimPrefix(p, "/"), "flash:")
	p = path.Clean("/" + p)
	name := strings.TrimPrefix(p, "/")
	if name == "" {
		return "", nil
	}
	if strings.ContainsAny(name, "/\\\x00") || strings.HasPrefix(name, ".") {
		return "", device.ErrBadFileName
	}
	return name, nil
}

// sftpError turns a device error into an SFTP status.
func sftpError(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrNotExist), errors.Is(err, device.ErrBadFileName):
		return sftp.ErrSSHFxNoSuchFile
	case errors.Is(err, device.ErrNotFile), errors.Is(err, os.ErrPermission):
		return sftp.ErrSSHFxPermissionDenied
	case errors.Is(err, device.ErrNoSpace):
		// SFTP version 3 has no "no space" status.
		return fmt.Errorf("No space left on flash: %w", sftp.ErrSSHFxFailure)
	}
	return sftp.ErrSSHFxFailure
}

// serveSFTP runs the SFTP subsystem on rw until the client closes it or
// is idle for sftp server idle-timeout.
func (fsess *fileSession) serveSFTP(rw io.ReadWriteCloser) int {
	h := &sftpHandler{fs: fsess}
	idle := time.Duration(fsess.dev.Snapshot().SFTP.SFTPIdle()) * time.Minute
	irw := &idleStream{ReadWriteCloser: rw, idle: idle, timer: time.AfterFunc(idle, func() { rw.Close() })}
	defer irw.timer.Stop()
	rs := sftp.NewRequestServer(irw, sftp.Handlers{FileGet: h, FilePut: h, FileCmd: h, FileList: h})
	err := rs.Serve()
	rs.Close()
	if err != nil && !errors.Is(err, io.EOF) {
		return 1
	}
	return 0
}

// idleStream closes its stream when neither side has sent anything for
// idle.
type idleStream struct {
	io.ReadWriteCloser
	idle  time.Duration
	timer *time.Timer
}

func (s *idleStream) Read(p []byte) (int, error) {
	n, err := s.ReadWriteCloser.Read(p)
	s.timer.Reset(s.idle)
	return n, err
}

func (s *idleStream) Write(p []byte) (int, error) {
	n, err := s.ReadWriteCloser.Write(p)
	s.timer.Reset(s.idle)
	return n, err
}

// sftpHandler serves the SFTP requests on flash:/.
type sftpHandler struct{ fs *fileSession }

// Fileread opens a file for download.
func (h *sftpHandler) Fileread(r *sftp.Request) (io.ReaderAt, error) {
	name, err := flashPath(r.Filepath)
	if err != nil || name == "" {
		return nil, sftp.ErrSSHFxNoSuchFile
	}
	f, info, err := h.fs.store.Open(name)
	if err != nil {
		return nil, sftpError(err)
	}
	return &sftpReader{File: f, fs: h.fs, name: name, size: info.Size}, nil
}

type sftpReader struct {
	*os.File
	fs   *fileSession
	name string
	size int64
	once sync.Once
}

func (r *sftpReader) Close() error {
	r.once.Do(func() {
		r.fs.logTransfer("SFTP_DOWNLOAD", fmt.Sprintf("downloaded file flash:/%s (%d bytes).", r.name, r.size))
	})
	return r.File.Close()
}

// Filewrite opens a file for upload: a new version that replaces the old
// one when the client closes it.
func (h *sftpHandler) Filewrite(r *sftp.Request) (io.WriterAt, error) {
	name, err := flashPath(r.Filepath)
	if err != nil || name == "" {
		return nil, sftp.ErrSSHFxPermissionDenied
	}
	w, err := h.fs.store.Create(name)
	if err != nil {
		return nil, sftpError(err)
	}
	return &sftpWriter{w: w, fs: h.fs, name: name}, nil
}

type sftpWriter struct {
	w    *device.FileWriter
	fs   *fileSession
	name string
	mu   sync.Mutex
	err  error // a failed write: the upload is not committed
}

func (w *sftpWriter) WriteAt(p []byte, off int64) (int, error) {
	n, err := w.w.WriteAt(p, off)
	if err != nil {
		w.mu.Lock()
		w.err = err
		w.mu.Unlock()
		return n, sftpError(err)
	}
	return n, nil
}

func (w *sftpWriter) Close() error {
	w.mu.Lock()
	failed := w.err
	w.mu.Unlock()
	if failed != nil {
		w.w.Abort()
		w.fs.logTransfer("SFTP_UPLOAD_FAIL", fmt.Sprintf("failed to upload file flash:/%s.", w.name))
		return sftpError(failed)
	}
	if err := w.w.Commit(); err != nil {
		w.fs.logTransfer("SFTP_UPLOAD_FAIL", fmt.Sprintf("failed to upload file flash:/%s.", w.name))
		return sftpError(err)
	}
	w.fs.logTransfer("SFTP_UPLOAD", fmt.Sprintf("uploaded file flash:/%s (%d bytes).", w.name, w.w.Size()))
	return nil
}

// Filecmd: setstat is accepted and ignored, rename and remove work on the
// files of flash:/, folders and links are refused.
func (h *sftpHandler) Filecmd(r *sftp.Request) error {
	switch r.Method {
	case "Setstat":
		// Modes and times are not kept (flash:/ files are all -rw-); a
		// file being uploaded is not in place yet, so there is nothing
		// to check either.
		if _, err := flashPath(r.Filepath); err != nil {
			return sftp.ErrSSHFxNoSuchFile
		}
		return nil
	case "Rename", "PosixRename":
		from, err1 := flashPath(r.Filepath)
		to, err2 := flashPath(r.Target)
		if err1 != nil || err2 != nil || from == "" || to == "" {
			return sftp.ErrSSHFxPermissionDenied
		}
		if err := h.fs.store.Rename(from, to); err != nil {
			return sftpError(err)
		}
		h.fs.logTransfer("SFTP_RENAME", fmt.Sprintf("renamed file flash:/%s to flash:/%s.", from, to))
		return nil
	case "Remove":
		name, err := flashPath(r.Filepath)
		if err != nil || name == "" {
			return sftp.ErrSSHFxNoSuchFile
		}
		if _, err := h.fs.store.Stat(name); err != nil {
			return sftpError(err)
		}
		if err := h.fs.store.Remove(name); err != nil {
			return sftpError(err)
		}
		h.fs.logTransfer("SFTP_DELETE", fmt.Sprintf("deleted file flash:/%s.", name))
		return nil
	}
	// Mkdir, Rmdir, Symlink, Link: flash:/ holds plain files only.
	return sftp.ErrSSHFxPermissionDenied
}

// Filelist lists flash:/ and stats its files.
func (h *sftpHandler) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	name, err := flashPath(r.Filepath)
	if err != nil {
		return nil, sftp.ErrSSHFxNoSuchFile
	}
	switch r.Method {
	case "List":
		if name != "" {
			if _, err := h.fs.store.Stat(name); err != nil {
				return nil, sftpError(err)
			}
			return lister{fileInfo{device.FileInfo{Name: name}}}, nil
		}
		files, err := h.fs.store.List()
		if err != nil {
			return nil, sftp.ErrSSHFxFailure
		}
		var out lister
		for _, f := range files {
			if st, err := h.fs.store.Stat(f.Name); err == nil {
				out = append(out, fileInfo{st})
			}
		}
		return out, nil
	case "Stat", "Lstat":
		if name == "" {
			return lister{rootInfo{}}, nil
		}
		st, err := h.fs.store.Stat(name)
		if err != nil {
			return nil, sftpError(err)
		}
		return lister{fileInfo{st}}, nil
	}
	// Readlink: flash:/ has no links.
	return nil, sftp.ErrSSHFxNoSuchFile
}

type lister []os.FileInfo

func (l lister) ListAt(out []os.FileInfo, off int64) (int, error) {
	if off >= int64(len(l)) {
		return 0, io.EOF
	}
	n := copy(out, l[off:])
	if n+int(off) >= len(l) {
		return n, io.EOF
	}
	return n, nil
}

// fileInfo is a file of flash:/ as an os.FileInfo.
type fileInfo struct{ f device.FileInfo }

func (f fileInfo) Name() string       { return f.f.Name }
func (f fileInfo) Size() int64        { return f.f.Size }
func (f fileInfo) Mode() fs.FileMode  { return 0o644 }
func (f fileInfo) ModTime() time.Time { return f.f.ModTime }
func (f fileInfo) IsDir() bool        { return false }
func (f fileInfo) Sys() any           { return nil }

// rootInfo is flash:/ itself.
type rootInfo struct{}

func (rootInfo) Name() string       { return "/" }
func (rootInfo) Size() int64        { return 0 }
func (rootInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o755 }
func (rootInfo) ModTime() time.Time { return time.Time{} }
func (rootInfo) IsDir() bool        { return true }
func (rootInfo) Sys() any           { return nil }
