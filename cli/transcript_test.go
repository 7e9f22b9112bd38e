package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"switchemu/device"
	"switchemu/profiles"
)

var update = flag.Bool("update", false, "rewrite testdata/transcripts/*.txt from actual output")

// A transcript is a golden CLI session: header lines (key: value), lines
// starting "$ " that are typed, and after "---" the screen as a terminal
// shows it. A typed line gets Enter appended unless it ends with "?" or
// with a key token such as <TAB>; tokens: <TAB> <SP> <CR> <BS> <ESC>
// <UP> <DOWN> <LEFT> <RIGHT> <CTRL-X> (any letter), and <NOCR>, which sends
// nothing and only keeps Enter off (a pager key typed as a line: "q<NOCR>").
type transcript struct {
	header []string // comment and key: value lines, kept as written
	inputs []string
	screen string
	size   Window
	level  int
}

func readTranscript(t *testing.T, file string) *transcript {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	head, screen, ok := strings.Cut(string(data), "\n---\n")
	if !ok {
		t.Fatalf("%s: no --- line", file)
	}
	tr := &transcript{screen: screen, size: Window{80, 24}, level: 3}
	for _, l := range strings.Split(head, "\n") {
		switch {
		case strings.HasPrefix(l, "$ ") || l == "$":
			tr.inputs = append(tr.inputs, strings.TrimPrefix(strings.TrimPrefix(l, "$"), " "))
			continue
		case strings.HasPrefix(l, "size: "):
			if _, err := fmt.Sscanf(l, "size: %dx%d", &tr.size.Width, &tr.size.Height); err != nil {
				t.Fatalf("%s: %q: %v", file, l, err)
			}
		case strings.HasPrefix(l, "level: "):
			tr.level, _ = strconv.Atoi(strings.TrimPrefix(l, "level: "))
		}
		tr.header = append(tr.header, l)
	}
	return tr
}

func writeTranscript(t *testing.T, file string, tr *transcript) {
	t.Helper()
	var b strings.Builder
	for _, h := range tr.header {
		b.WriteString(h + "\n")
	}
	for _, in := range tr.inputs {
		b.WriteString("$ " + in + "\n")
	}
	b.WriteString("---\n" + tr.screen)
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

var keyToken = regexp.MustCompile(`<(TAB|SP|CR|BS|ESC|UP|DOWN|LEFT|RIGHT|NOCR|CTRL-[A-Z\]])>`)

// keys turns one typed line into the bytes a terminal sends.
func keys(line string) string {
	loc := keyToken.FindAllStringIndex(line, -1)
	endsWithKey := len(loc) > 0 && loc[len(loc)-1][1] == len(line)
	enter := !strings.HasSuffix(line, "?") && !endsWithKey
	out := keyToken.ReplaceAllStringFunc(line, func(tok string) string {
		switch name := tok[1 : len(tok)-1]; name {
		case "TAB":
			return "\t"
		case "SP":
			return " "
		case "CR":
			return "\r"
		case "BS":
			return "\x7f"
		case "ESC":
			return "\x1b"
		case "NOCR":
			return ""
		case "UP":
			return "\x1b[A"
		case "DOWN":
			return "\x1b[B"
		case "RIGHT":
			return "\x1b[C"
		case "LEFT":
			return "\x1b[D"
		default: // CTRL-X
			return string(rune(name[5] - '@'))
		}
	})
	if enter {
		out += "\r"
	}
	return out
}

// testDevice builds a device of the default profile with its factory
// configuration, a pinned clock and a store in a temporary folder.
func testDevice(t testing.TB) *device.Device {
	t.Helper()
	p, err := profiles.Open(profiles.Default)
	if err != nil {
		t.Fatal(err)
	}
	st, err := device.OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2011, 1, 8, 19, 35, 31, 0, time.UTC)
	clock := func() time.Time { return start.Add(3*24*time.Hour + 2*time.Hour + 41*time.Minute) }
	d := device.New(p, device.Options{Store: st, Now: clock})
	if errs := New(d, nil).Replay(p.Factory.Config); len(errs) > 0 {
		t.Fatalf("factory configuration: %v", errs)
	}
	return d
}

// chunkReader returns at most n bytes per Read.
type chunkReader struct {
	r io.Reader
	n int
}

func (c chunkReader) Read(p []byte) (int, error) {
	if c.n > 0 && len(p) > c.n {
		p = p[:c.n]
	}
	return c.r.Read(p)
}

type rw struct {
	io.Reader
	io.Writer
}

// play runs the transcript's keystrokes through a shell and renders what
// the terminal would show.
func play(t *testing.T, tr *transcript, chunk int) string {
	t.Helper()
	d := testDevice(t)
	var in strings.Builder
	for _, l := range tr.inputs {
		in.WriteString(keys(l))
	}
	var out bytes.Buffer
	sh := New(d, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := sh.Run(ctx, rw{chunkReader{strings.NewReader(in.String()), chunk}, &out},
		func() Window { return tr.size }, SessionInfo{User: "admin", Level: tr.level, Remote: "192.0.2.1", Line: 0})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return renderScreen(out.String(), tr.size.Width)
}

func TestTranscripts(t *testing.T) {
	files, err := filepath.Glob("testdata/transcripts/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no transcripts found: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			t.Parallel()
			tr := readTranscript(t, file)
			for _, chunk := range []int{0, 1} { // whole input, then byte by byte
				got := play(t, tr, chunk)
				switch {
				case got == tr.screen:
				case *update && chunk == 0:
					tr.screen = got
					writeTranscript(t, file, tr)
				default:
					t.Errorf("%s (chunk %d): screen differs; run go test ./cli -run Transcripts -update and review git diff\n%s",
						file, chunk, lineDiff(tr.screen, got))
				}
			}
		})
	}
}

// lineDiff shows the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 8; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d:\n  want %q\n  got  %q\n", i+1, wl, gl)
			shown++
		}
	}
	return b.String()
}
