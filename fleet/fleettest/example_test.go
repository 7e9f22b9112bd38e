package fleettest_test

import (
	"fmt"
	"strings"

	gossh "golang.org/x/crypto/ssh"

	"switchemu/fleet/fleettest"
)

// A test puts a switch in a known state, lets the code under test log in
// over SSH, and reads the state back. In a test, fleettest.Start(t, ...)
// does what NewFleet and Close do here.
func Example() {
	f, err := fleettest.NewFleet(fleettest.Options{Devices: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	sw := f.Device("SW0001")
	sw.MergeConfig("vlan 10\n name users\n")

	// The code under test: an SSH client with the device's login.
	client, err := gossh.Dial("tcp", sw.Addr(), sw.SSHConfig())
	if err != nil {
		fmt.Println(err)
		return
	}
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := sess.Output("display current-configuration configuration vlan")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(strings.ReplaceAll(string(out), "\r\n", "\n"))

	// Its change, read back without SSH.
	sw.Run("system-view", "vlan 20")
	fmt.Println(strings.Contains(sw.Config(), "\nvlan 20\n"))
	// Output:
	// #
	// vlan 1
	// #
	// vlan 10
	//  name users
	// #
	// return
	// true
}
