package sshd

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"switchemu/device"
)

// SCP is the remote end of the rcp protocol that OpenSSH's scp -O and
// paramiko's scp module speak over an exec channel: "scp -t PATH" takes
// files (upload), "scp -f PATH" sends one (download). Files go to and
// come from flash:/, with the checks SFTP makes. Folders (-r) are
// refused.

// scpCommand is a parsed "scp ..." exec command.
type scpCommand struct {
	sink   bool // -t: the client sends
	source bool // -f: the client receives
	dir    bool // -d: the target must be a folder
	times  bool // -p
	rec    bool // -r
	path   string
}

// parseSCP parses an exec command; ok is false if it is not scp.
func parseSCP(cmd string) (c scpCommand, ok bool) {
	f := strings.Fields(cmd)
	if len(f) < 2 || f[0] != "scp" {
		return c, false
	}
	i := 1
	for ; i < len(f) && strings.HasPrefix(f[i], "-") && len(f[i]) > 1; i++ {
		if f[i] == "--" {
			i++
			break
		}
		for _, o := range f[i][1:] {
			switch o {
			case 't':
				c.sink = true
			case 'f':
				c.source = true
			case 'd':
				c.dir = true
			case 'p':
				c.times = true
			case 'r':
				c.rec = true
			case 'v', 'q':
			default:
				return c, false
			}
		}
	}
	if c.sink == c.source {
		return c, false
	}
	c.path = unquote(strings.Join(f[i:], " "))
	return c, true
}

// unquote removes the shell quoting scp -O puts around a remote path.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '\'' && s[len(s)-1] == '\'' || s[0] == '"' && s[len(s)-1] == '"') {
		return s[1 : len(s)-1]
	}
	return s
}

// isSCP reports whether an exec command is an scp transfer.
func isSCP(cmd string) bool {
	_, ok := parseSCP(cmd)
	return ok
}

// scpError is a message for the client's scp, which prints it.
func scpError(path string, err error) string {
	why := "Failure"
	switch {
	case errors.Is(err, device.ErrNoSpace):
		why = "No space left on device"
	case errors.Is(err, device.ErrBadFileName), errors.Is(err, errNoFile):
		why = "No such file or directory"
	case errors.Is(err, device.ErrNotFile):
		why = "Permission denied"
	case errors.Is(err, errFolder):
		why = "Is a directory"
	}
	return "scp: " + path + ": " + why
}

var (
	errNoFile = errors.New("no such file")
	errFolder = errors.New("folder")
)

// serveSCP runs one scp exec command on rw and returns its exit status.
func (fsess *fileSession) serveSCP(rw io.ReadWriter, cmd string) int {
	c, _ := parseSCP(cmd)
	r := bufio.NewReader(rw)
	if c.sink {
		return fsess.scpSink(r, rw, c)
	}
	return fsess.scpSource(r, rw, c)
}

// scpFail sends a fatal error line.
func scpFail(w io.Writer, msg string) int {
	fmt.Fprintf(w, "\x01%s\n", msg)
	return 1
}

// scpSink receives files: "C<mode> <size> <name>\n", the bytes, a NUL.
func (fsess *fileSession) scpSink(r *bufio.Reader, w io.Writer, c scpCommand) int {
	target, err := flashPath(c.path)
	if err != nil {
		return scpFail(w, scpError(c.path, err))
	}
	if c.dir && target != "" {
		return scpFail(w, scpError(c.path, errNoFile))
	}
	if _, err := w.Write([]byte{0}); err != nil {
		return 1
	}
	status := 0
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return status // the client is done
		}
		line = strings.TrimSuffix(line, "\n")
		if line == "" {
			return scpFail(w, "scp: protocol error: empty line")
		}
		switch line[0] {
		case 'T', 'E':
			w.Write([]byte{0})
			continue
		case 'D':
			return scpFail(w, scpError(c.path, errFolder))
		case '\x01', '\x02':
			return 1
		case 'C':
		default:
			return scpFail(w, "scp: protocol error: "+strconv.Quote(line))
		}
		parts := strings.SplitN(line[1:], " ", 3)
		if len(parts) != 3 {
			return scpFail(w, "scp: protocol error: bad file line")
		}
		size, err := strconv.ParseInt(parts[1], 10, 64)
		if err != nil || size < 0 {
			return scpFail(w, "scp: protocol error: bad file size")
		}
		name := target
		if name == "" {
			if name, err = flashPath(parts[2]); err != nil || name == "" || strings.Contains(parts[2], "/") {
				return scpFail(w, scpError(parts[2], device.ErrBadFileName))
			}
		}
		shown := "flash:/" + name
		var fw *device.FileWriter
		if free := fsess.store.Free(); free >= 0 {
			var old int64
			if st, serr := fsess.store.Stat(name); serr == nil {
				old = st.Size
			}
			if size > free+old {
				err = device.ErrNoSpace
			}
		}
		if err == nil {
			fw, err = fsess.store.Create(name)
		}
		if err != nil {
			fsess.logTransfer("SCP_UPLOAD_FAIL", fmt.Sprintf("failed to upload file %s.", shown))
			// A refused file: the client sends no data and goes on.
			fmt.Fprintf(w, "\x01%s\n", scpError(shown, err))
			status = 1
			continue
		}
		w.Write([]byte{0})
		// Take the whole file even if flash:/ fills up on the way: the
		// client waits for the answer after its last byte.
		var werr error
		buf := make([]byte, 32*1024)
		for got := int64(0); got < size; {
			k, rerr := r.Read(buf[:min(int64(len(buf)), size-got)])
			got += int64(k)
			if werr == nil && k > 0 {
				_, werr = fw.Write(buf[:k])
			}
			if rerr != nil && got < size {
				fw.Abort()
				return 1
			}
		}
		if werr != nil {
			fw.Abort()
			fsess.logTransfer("SCP_UPLOAD_FAIL", fmt.Sprintf("failed to upload file %s.", shown))
			if b, err := r.ReadByte(); err != nil || b != 0 {
				return 1
			}
			fmt.Fprintf(w, "\x01%s\n", scpError(shown, werr))
			status = 1
			continue
		}
		if b, err := r.ReadByte(); err != nil || b != 0 {
			fw.Abort()
			return 1
		}
		if err := fw.Commit(); err != nil {
			fsess.logTransfer("SCP_UPLOAD_FAIL", fmt.Sprintf("failed to upload file %s.", shown))
			fmt.Fprintf(w, "\x01%s\n", scpError(shown, err))
			status = 1
			continue
		}
		fsess.logTransfer("SCP_UPLOAD", fmt.Sprintf("uploaded file %s (%d bytes).", shown, size))
		w.Write([]byte{0})
	}
}

// scpAck reads the client's answer: NUL, or a message it has printed.
func scpAck(r *bufio.Reader) bool {
	b, err := r.ReadByte()
	if err != nil {
		return false
	}
	if b != 0 {
		r.ReadString('\n')
		return false
	}
	return true
}

// scpSource sends one file of flash:/.
func (fsess *fileSession) scpSource(r *bufio.Reader, w io.Writer, c scpCommand) int {
	if !scpAck(r) {
		return 1
	}
	name, err := flashPath(c.path)
	if err == nil && name == "" {
		err = errFolder
	}
	if err != nil {
		return scpFail(w, scpError(c.path, err))
	}
	shown := "flash:/" + name
	f, info, err := fsess.store.Open(name)
	if err != nil {
		if errors.Is(err, device.ErrNotFile) {
			return scpFail(w, scpError(shown, err))
		}
		return scpFail(w, scpError(shown, errNoFile))
	}
	defer f.Close()
	if c.times {
		t := info.ModTime.Unix()
		fmt.Fprintf(w, "T%d 0 %d 0\n", t, t)
		if !scpAck(r) {
			return 1
		}
	}
	fmt.Fprintf(w, "C0644 %d %s\n", info.Size, name)
	if !scpAck(r) {
		return 1
	}
	if _, err := io.CopyN(w, f, info.Size); err != nil {
		return 1
	}
	w.Write([]byte{0})
	if !scpAck(r) {
		return 1
	}
	fsess.logTransfer("SCP_DOWNLOAD", fmt.Sprintf("downloaded file %s (%d bytes).", shown, info.Size))
	return 0
}
