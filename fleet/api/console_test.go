package api_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"

	"switchemu/fleet/api"
	"switchemu/fleet/fleettest"
)

// TestConsoleToken: with a token, the console is reached by opening
// /?token=TOKEN once, which sets an HttpOnly, SameSite=Strict cookie the
// API then takes; without it (or with a wrong one) the page and the API
// are refused.
func TestConsoleToken(t *testing.T) {
	_, srv := apiFleet(t, api.Options{Token: "s3cret"}, fleettest.Options{Devices: 1})
	get := func(c *http.Client, path string) (int, string, *http.Response) {
		t.Helper()
		resp, err := c.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp.StatusCode, string(body), resp
	}
	plain := &http.Client{}
	for _, path := range []string{"/", "/?token=wrong", "/console/overview", "/console/assets/app.js", "/api/v1/devices"} {
		if code, _, _ := get(plain, path); code != 401 {
			t.Errorf("GET %s without the token: %d", path, code)
		}
	}
	if _, body, _ := get(plain, "/"); !strings.Contains(body, "/?token=TOKEN") {
		t.Errorf("the refusal does not say how to open the console: %s", body)
	}
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar}
	code, body, resp := get(browser, "/?token=s3cret")
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == api.TokenCookie {
			cookie = c
		}
	}
	if code != 200 || cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode || cookie.Path != "/" ||
		!strings.Contains(body, `url=/"`) {
		t.Fatalf("GET /?token=: %d, cookie %+v, body %s", code, cookie, body)
	}
	for _, path := range []string{"/", "/console/overview", "/console/assets/app.js", "/api/v1/devices"} {
		if code, _, _ := get(browser, path); code != 200 {
			t.Errorf("GET %s with the cookie: %d", path, code)
		}
	}
	// A forged cookie is no token.
	req, _ := http.NewRequest("GET", srv.URL+"/api/v1/devices", nil)
	req.AddCookie(&http.Cookie{Name: api.TokenCookie, Value: "guess"})
	resp, err := plain.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 401 {
		t.Errorf("wrong cookie: %d", resp.StatusCode)
	}
}

// TestConsoleMounted: without a token the console is at / and the API's
// own routes and errors are unchanged.
func TestConsoleMounted(t *testing.T) {
	_, srv := apiFleet(t, api.Options{}, fleettest.Options{Devices: 1})
	a := call(t, srv, "GET", "/", "")
	if a.status != 200 || !strings.Contains(string(a.body), "trainer's console") {
		t.Errorf("GET /: %d %.100s", a.status, a.body)
	}
	wantError(t, call(t, srv, "POST", "/", ""), 405, "use GET")
	wantError(t, call(t, srv, "GET", "/nothing", ""), 404, "no such route")
	a = call(t, srv, "GET", "/api/v1/devices/SW0001/factory-config", "")
	if a.status != 200 || !strings.Contains(string(a.body), "\n sysname SW0001\n") {
		t.Errorf("GET factory-config: %d %s", a.status, a.body)
	}
}
