package cli

import (
	"strings"
	"testing"
)

// TestTrailingSpaces: lines whose V5 capture ends in spaces keep them.
// Golden transcripts show the screen, where trailing spaces cannot be
// seen, so these are checked on the raw output.
func TestTrailingSpaces(t *testing.T) {
	d := testDevice(t)
	c := newConsole(t, d)
	c.must("system-view", "interface Vlan-interface1", "ip address 192.168.0.233 24", "return")
	for _, tc := range []struct{ cmd, line, ref string }{
		{"display ip interface brief", "Interface                     Physical Protocol IP Address      Description \n", "§5.6"},
		{"display lldp neighbor-information list", "Local Interface Chassis ID      Port ID                         System Name     \n", "§5.13"},
		{"display lldp neighbor-information", "  System capabilities supported : Bridge,Router \n", "§5.13"},
		{"display vlan all", "    GigabitEthernet2/0/1     GigabitEthernet2/0/2     GigabitEthernet2/0/3     \n", "§5.7"},
		{"display version", "3Com Corporation\n", "§5.1"},
	} {
		if out := c.run(tc.cmd); !strings.Contains(out, tc.line) {
			t.Errorf("%s (reference %s): no line %q in\n%s", tc.cmd, tc.ref, tc.line, out)
		}
	}

	// ? in user view: the descriptions the HP 1920G capture (reference
	// §3.2) ends with a space keep it; reboot has the capture's text.
	out := sshRunSession(t, d, 0, "screen-length disable", "?", "super 3")
	for _, line := range []string{
		"  delete         Delete a file \n",
		"  dir            List files on a file system \n",
		"  more           Display the contents of a file \n",
		"  reboot         Reboot system/board/card\n",
		"  startup        Specify system startup parameters \n",
		"  super          Set the current user priority level \n",
		"  terminal       Set the terminal line characteristics \n",
		"  quit           Exit from current command view\n",
		// super's reply has a space after "used" (reference §3.10).
		"User privilege level is 3, and only those commands can be used \nwhose level is equal or less than this.\n",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("no line %q in\n%s", line, out)
		}
	}
}
