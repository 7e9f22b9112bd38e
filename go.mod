module switchemu

go 1.26.8

require (
	github.com/pkg/sftp v1.13.12
	github.com/scrapli/scrapligo v1.4.3
	github.com/sirikothe/gotextfsm v1.2.0
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/crypto v0.58.0
)

require (
	github.com/creack/pty v1.1.23 // indirect
	github.com/kr/fs v0.1.0 // indirect
	go.yaml.in/yaml/v2 v2.4.4 // indirect
	golang.org/x/sys v0.49.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
	k8s.io/api v0.37.2 // indirect
	k8s.io/apimachinery v0.37.2 // indirect
	sigs.k8s.io/yaml v1.6.0 // indirect
)
