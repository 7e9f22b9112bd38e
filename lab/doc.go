// Package lab is what a trainer checks: a lab file names the devices of
// a class and the checks that say each student's task is done (a VLAN
// exists, ports are access ports in it, an address is on a VLAN
// interface, the configuration is saved, ...), and a Board evaluates them
// on a running fleet, serves their status and reports every change as a
// fleet event.
//
// Checks read the device model (device.Config), never a screen: a check
// passes however the student got there (any abbreviation, any order, the
// control API) and gives, when it fails, the reason in the device's
// terms ("GigabitEthernet2/0/3 is a trunk port"). Two kinds read text the
// device renders from its model, not what a session printed: the saved
// configuration compared with the running one (what display
// saved-configuration and display current-configuration print), and the
// escape hatch config_line, a line of the rendered running
// configuration.
//
// Where things are:
//
//   - file.go: the lab file (YAML; unknown keys are errors with their
//     line), Parse and Load; devices.go: which devices a lab checks (names,
//     ranges with a counter {n} that check parameters may use, globs).
//   - checks.go: the Check interface and the table of kinds;
//     checks_l2.go (vlan, access, trunk, hybrid), checks_l3.go (address,
//     route), checks_mgmt.go (sysname, local_user, ssh_server),
//     checks_config.go (interface_shutdown, interface_description, saved,
//     config_line); values.go: port lists, VLAN lists, addresses.
//   - eval.go: a Target (one device's configuration and texts) and the
//     results of a lab on it.
//   - board.go: the labs bound to a fleet: status of a lab, recomputed
//     on each device's configuration changes, saves and boots, and an
//     EventLab event when a device's result changes.
//
// A device nobody has used yet (fleet members are made on first use) is
// evaluated against its factory state, which the fleet keeps shared per
// model: checking a class of a hundred idle switches boots none of them.
// Its status says "not-started".
package lab
