package console_test

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
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
	if _, err := os.Stat(chromiumPath); err != nil {
		interop.Missing(t, "chromium ("+chromiumPath+")", "apt-get install -y chromium")
	}
	interop.Need(t, "chromium", "apt-get install -y chromium", chromiumPath, "--version")
	if testing.Short() {
		t.Skip("a browser: not in -short")
	}
	dir := artifacts(t)
	t.Logf("screenshots in %s", dir)

	f := fleettest.Start(t, fleettest.Options{Devices: 3})
	srv := httptest.NewServer(api.New(f.Fleet, api.Options{Token: "class-token"}))
	t.Cleanup(srv.Close)
	sw := f.Device("SW0002")
	sw.MergeConfig("vlan 42\n name Trainer\n")
	user, _ := sw.Credentials()

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1400, 1000),
		chromedp.UserDataDir(t.TempDir()))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithLogf(t.Logf))
	defer cancel()
	if err := chromedp.Do(ctx); err != nil { // starts the browser
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
	defer wg.Wait()
	defer stopDialogs()

	step := 0
	shot := func(name string) {
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
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		actx, acancel := context.WithTimeout(ctx, 30*time.Second)
		defer acancel()
		if err := chromedp.Do(actx, actions...); err != nil {
			shot("failed")
			html, _ := chromedp.Run(ctx, chromedp.Evaluate[string]("document.body.innerText"))
			t.Fatalf("%s: %v\npage:\n%s", what, err, html)
		}
	}
	poll := func(expr string) chromedp.Action[chromedp.Void] {
		return chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(20*time.Second))
	}

	// Opened with the token, the page moves on to / with the cookie.
	row := `document.querySelector('#overview tr[data-device="SW0002"]')`
	run("open the console", chromedp.Navigate(srv.URL+"/?token=class-token"))
	for try := 0; ; try++ {
		// The first page moves on by itself: a poll may see its context go.
		actx, acancel := context.WithTimeout(ctx, 20*time.Second)
		err := chromedp.Do(actx, poll(`location.search === "" && `+row+` !== null`))
		acancel()
		if err == nil {
			break
		}
		if try == 5 || !strings.Contains(err.Error(), "context") {
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
	dialogsMu.Lock()
	defer dialogsMu.Unlock()
	if len(dialogs) != 1 || !strings.Contains(dialogs[0], "Reset SW0002") {
		t.Errorf("dialogs: %q", dialogs)
	}
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}
