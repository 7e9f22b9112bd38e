package console_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"switchemu/fleet/api"
	"switchemu/fleet/fleettest"
	"switchemu/internal/interop"
)

// chromiumPath is Debian's Chromium.
const chromiumPath = "/usr/bin/chromium"

// artifacts is where the browser test keeps its screenshots:
// $SWITCHEMU_ARTIFACTS/<test> when that is set, else the test's artifact
// folder (kept with go test -artifacts -outputdir DIR, removed without).
func artifacts(t *testing.T) string {
	t.Helper()
	if base := os.Getenv("SWITCHEMU_ARTIFACTS"); base != "" {
		dir := filepath.Join(base, t.Name())
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	return t.ArtifactDir()
}

// TestBrowser drives the console in a real browser, headless Chromium,
// against a running fleet and its API with a token: the page opens with
// /?token=, shows the session a test opens, follows a command live as it
// is typed, and its Reset button (confirmed) resets the device. A
// screenshot of each step is kept (see artifacts).
func TestBrowser(t *testing.T) {
	b := openBrowser(t)
	shot, run, poll, ctx := b.shot, b.run, b.poll, b.ctx
	defer b.close()
	f := fleettest.Start(t, fleettest.Options{Devices: 3})
	srv := httptest.NewServer(api.New(f.Fleet, api.Options{Token: "class-token"}))
	t.Cleanup(srv.Close)
	sw := f.Device("SW0002")
	sw.MergeConfig("vlan 42\n name Trainer\n")
	user, _ := sw.Credentials()

	// Opened with the token, the page moves on to / with the cookie.
	row := `document.querySelector('#overview tr[data-device="SW0002"]')`
	run("open the console", chromedp.Navigate(srv.URL+"/?token=class-token"))
	for try := 0; ; try++ {
		actx, acancel := context.WithTimeout(ctx, 20*time.Second)
		err := chromedp.Do(actx, poll(`location.search === "" && `+row+` !== null`))
		acancel()
		if err == nil {
			break
		}
		// The first page moves on by itself: a poll may see its context go
		// or the target navigate under it.
		if try == 5 || !strings.Contains(err.Error(), "context") && !strings.Contains(err.Error(), "navigated") {
			t.Fatalf("the console did not open: %v", err)
		}
	}
	shot("overview")

	// A student logs in: the overview shows who, since when.
	sh := openShell(t, sw, 80, 24)
	run("see the session", poll(row+`.textContent.includes(`+jsString(user)+`) && `+row+`.textContent.includes("vty0")`))
	shot("session-in-overview")

	// The trainer opens the device and the session's live view.
	run("open the live view", chromedp.Click(chromedp.CSS(`#overview tr[data-device="SW0002"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#sessions button.watch`)),
		chromedp.Click(chromedp.CSS(`#sessions button.watch`)),
		poll(`document.querySelector('#viewer-state').textContent === "live"`))
	shot("live-view-open")

	// The student types: the page shows each key as it comes, then the
	// command's output.
	io.WriteString(sh.in, "display vlan")
	run("see the command typed", poll(`(document.querySelector('#screen').dataset.text || "").includes("<SW0002>display vlan")`))
	shot("command-typed")
	io.WriteString(sh.in, " 42\r")
	sh.waitFor(t, "Trainer")
	run("see the output", poll(`(document.querySelector('#screen').dataset.text || "").includes("Trainer")`),
		poll(`document.querySelector('#overview tr[data-device="SW0002"] td.cmd').textContent === "display vlan 42"`))
	shot("command-output")

	// The configuration tab shows the VLAN as a difference from the
	// factory configuration.
	run("see the diff", poll(`Array.from(document.querySelectorAll('#config .add')).some(e => e.textContent === "+ vlan 42")`))

	// Reset, confirmed: the device loses its VLAN and the session ends.
	run("reset", chromedp.Click(chromedp.ID("btn-reset")),
		poll(`document.querySelector('#detail-msg').textContent === "Reset SW0002: done."`))
	if strings.Contains(sw.Config(), "vlan 42") {
		t.Errorf("after Reset the device still has VLAN 42:\n%s", sw.Config())
	}
	select {
	case <-sh.done:
	case <-time.After(20 * time.Second):
		t.Error("the student's session did not end with the reset")
	}
	run("see the reset device", poll(`!`+row+`.textContent.includes("vty0")`),
		poll(`!Array.from(document.querySelectorAll('#config .add')).some(e => e.textContent === "+ vlan 42")`))
	shot("after-reset")
	if d := b.dialogs(); len(d) != 1 || !strings.Contains(d[0], "Reset SW0002") {
		t.Errorf("dialogs: %q", d)
	}
}

// TestBrowserLabsAndReplay: with lab checks served (the lab routes'
// contract, stubbed here), the overview shows each device's score and the
// Lab checks tab its checks; a recording replays in the page.
func TestBrowserLabsAndReplay(t *testing.T) {
	b := openBrowser(t)
	defer b.close()
	f := fleettest.Start(t, fleettest.Options{Devices: 2})
	var sw2Passed atomic.Int32 // SW0002's score, changed by a lab event
	sw2Passed.Store(2)
	labEvent := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/labs", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"labs":[{"name":"vlans-101","title":"VLANs 101","devices":["SW0001","SW0002"],"checks":2}]}`)
	})
	mux.HandleFunc("GET /api/v1/labs/vlans-101/status", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"lab":"vlans-101","title":"VLANs 101","devices":[`+
			`{"device":"SW0001","passed":1,"total":2,"done":false,"checks":[`+
			`{"id":"vlan10","description":"VLAN 10 exists and is named Servers","pass":true,"detail":"vlan 10, name Servers"},`+
			`{"id":"trunk","description":"GE2/0/1 trunks VLAN 10","pass":false,"detail":"GigabitEthernet2/0/1 is an access port"}]},`+
			`{"device":"SW0002","passed":`+strconv.Itoa(int(sw2Passed.Load()))+`,"total":2,"done":true,"checks":[]}]}`)
	})
	// The event stream, stubbed too: it sends a lab event when told.
	mux.HandleFunc("GET /api/v1/events", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		io.WriteString(w, ": subscribed\n\n")
		w.(http.Flusher).Flush()
		select {
		case <-labEvent:
			sw2Passed.Store(1)
			io.WriteString(w, "event: lab\ndata: {\"seq\":9,\"type\":\"lab\",\"device\":\"SW0002\",\"lab\":\"vlans-101\",\"passed\":1,\"total\":2}\n\n")
			w.(http.Flusher).Flush()
		case <-r.Context().Done():
			return
		}
		<-r.Context().Done()
	})
	mux.Handle("/", api.New(f.Fleet, api.Options{}))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	sw := f.Device("SW0001")
	sw.Member().SetRecording(true)
	sh := openShell(t, sw, 80, 24)
	io.WriteString(sh.in, "display clock\r")
	sh.waitFor(t, "UTC")
	io.WriteString(sh.in, "quit\r")
	<-sh.done

	row := `document.querySelector('#overview tr[data-device="SW0001"]')`
	b.run("see the labs", chromedp.Navigate(srv.URL+"/"),
		b.poll(row+` !== null && `+row+`.textContent.includes("vlans-101 1/2")`),
		b.poll(`document.querySelector('#overview tr[data-device="SW0002"] .lab-score').textContent === "2/2"`),
		b.poll(`document.querySelector('#labs-note').textContent.includes("VLANs 101")`))
	b.shot("labs-overview")
	close(labEvent)
	b.run("see a lab event", b.poll(`document.querySelector('#overview tr[data-device="SW0002"] .lab-score').textContent === "1/2"`))
	b.run("see the checks", chromedp.Click(chromedp.CSS(`#overview tr[data-device="SW0001"]`)),
		chromedp.Click(chromedp.CSS(`.tabs button[data-tab="lab"]`)),
		b.poll(`document.querySelector('#lab-checks').textContent.includes("GE2/0/1 trunks VLAN 10")`),
		b.poll(`document.querySelector('#lab-checks').textContent.includes("GigabitEthernet2/0/1 is an access port")`))
	b.shot("lab-checks")
	b.run("replay the recording", chromedp.Click(chromedp.CSS(`.tabs button[data-tab="recordings"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#recordings button.replay`)),
		chromedp.SetValue(chromedp.ID("replay-speed"), "16"),
		chromedp.Click(chromedp.CSS(`#recordings button.replay`)),
		b.poll(`document.querySelector('#viewer-state').textContent === "replayed"`),
		b.poll(`(document.querySelector('#screen').dataset.text || "").includes("<SW0001>display clock")`),
		b.poll(`(document.querySelector('#screen').dataset.text || "").includes("<SW0001>quit")`))
	b.shot("replayed")

	// Pull a cable from the Ports tab.
	b.run("pull a cable", chromedp.Click(chromedp.CSS(`.tabs button[data-tab="ports"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#ports tbody tr button.danger`)),
		chromedp.Click(chromedp.CSS(`#ports tbody tr button.danger`)),
		b.poll(`document.querySelector('#ports tbody tr').textContent.includes("(pulled)")`),
		b.poll(`document.querySelector('#ports tbody tr button').textContent === "Plug in"`))
	ports, err := sw.Member().Ports()
	if err != nil || len(ports) == 0 || !ports[0].Pulled || ports[0].Up {
		t.Errorf("after Pull cable: %v %+v", err, ports[:min(1, len(ports))])
	}
	b.shot("cable-pulled")

	// End a student's session, confirmed.
	sh2 := openShell(t, f.Device("SW0002"), 80, 24)
	b.run("end a session", chromedp.Click(chromedp.CSS(`#overview tr[data-device="SW0002"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#sessions button.end`)),
		chromedp.Click(chromedp.CSS(`#sessions button.end`)),
		b.poll(`document.querySelector('#detail-msg').textContent === "End vty0: done."`))
	select {
	case <-sh2.done:
	case <-time.After(20 * time.Second):
		t.Error("the session did not end")
	}
	b.run("see it gone", b.poll(`document.querySelector('#sessions tbody').textContent.includes("Nobody is logged in.")`))
	b.shot("session-ended")
	if d := b.dialogs(); len(d) != 1 || !strings.Contains(d[0], "session on vty0") {
		t.Errorf("dialogs: %q", d)
	}
}

// browser is headless Chromium for one test.
type browser struct {
	ctx     context.Context
	shot    func(name string)                                            // a screenshot of the step into the artefacts
	run     func(what string, actions ...chromedp.Action[chromedp.Void]) // the actions, or the test fails with the page's text
	poll    func(expr string) chromedp.Action[chromedp.Void]             // waits until expr is true
	dialogs func() []string                                              // the confirm() messages accepted so far
	close   func()
}

// openBrowser starts Chromium for t (skipping, or failing under
// INTEROP=required, without it); its confirm() dialogs are accepted.
func openBrowser(t *testing.T) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		interop.Missing(t, "chromium ("+chromiumPath+")", "apt-get install -y chromium")
	}
	interop.Need(t, "chromium", "apt-get install -y chromium", chromiumPath, "--version")
	if testing.Short() {
		t.Skip("a browser: not in -short")
	}
	dir := artifacts(t)
	t.Logf("screenshots in %s", dir)

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1400, 1000),
		chromedp.UserDataDir(t.TempDir()))
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithLogf(t.Logf))
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		cancel()
		cancelAlloc()
		if interop.Required() {
			t.Fatalf("chromium does not start: %v", err)
		}
		t.Skipf("chromium does not start: %v", err)
	}

	// The page's confirm() dialogs are accepted, and recorded.
	var wg sync.WaitGroup
	var dialogsMu sync.Mutex
	var dialogs []string
	dctx, stopDialogs := context.WithCancel(ctx)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ev, err := range chromedp.Events(dctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			dialogsMu.Lock()
			dialogs = append(dialogs, ev.Message)
			dialogsMu.Unlock()
			chromedp.Call(dctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	b := &browser{ctx: ctx}
	b.close = func() {
		stopDialogs()
		wg.Wait()
		cancel()
		cancelAlloc()
	}
	b.dialogs = func() []string {
		dialogsMu.Lock()
		defer dialogsMu.Unlock()
		return slices.Clone(dialogs)
	}

	step := 0
	b.shot = func(name string) {
		t.Helper()
		step++
		png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		file := filepath.Join(dir, fmt.Sprintf("%02d-%s.png", step, name))
		if err := os.WriteFile(file, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b.run = func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		actx, acancel := context.WithTimeout(ctx, 30*time.Second)
		defer acancel()
		if err := chromedp.Do(actx, actions...); err != nil {
			b.shot("failed")
			html, _ := chromedp.Run(ctx, chromedp.Evaluate[string]("document.body.innerText"))
			t.Fatalf("%s: %v\npage:\n%s", what, err, html)
		}
	}
	b.poll = func(expr string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second))
	}
	return b
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
