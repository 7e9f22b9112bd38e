module switchemu

go 1.26.8

require go.yaml.in/yaml/v3 v3.0.6

require (
	github.com/anmitsu/go-shlex v0.0.0-20200514113438-38f4b401e2be // indirect
	github.com/creack/pty v1.1.23 // indirect
	github.com/gliderlabs/ssh v0.3.8 // indirect
	github.com/scrapli/scrapligo v1.4.3 // indirect
	github.com/sirikothe/gotextfsm v1.2.0 // indirect
	golang.org/x/crypto v0.58.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
