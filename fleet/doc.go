// Package fleet is the devices one process serves and the cables
// between them: an inventory of switches, each its own device.Device with
// its own identity, state folder, SSH port, VTY lines, configuration and
// reboots, and the topology that links their ports.
//
// Where things are:
//
//   - inventory.go: the inventory file (defaults, devices and ranges,
//     links), its expansion and checks; expr.go: the {n} counter
//     expressions of ranges; Generated makes the inventory of --devices.
//   - identity.go: what makes each device distinct (bridge MAC, board
//     serials, factory login and overrides) from the model's profile.
//   - template.go: factory states shared copy-on-write by every untouched
//     device of a model, replayed once.
//   - member.go: one device, made on first use (a client connects, or at
//     start when it has a saved configuration or cables); its accept loop.
//   - links.go: cables: each end tells the other its administrative state
//     and LLDP data after every change (device.SetPeer).
//   - reboot.go: a device's reboot (sessions end, port closed, boot again)
//     and its port (gate); session.go: the command line on an SSH session.
//   - shard.go: --shard I/N; export.go: inventories for Ansible, Nornir
//     and CSV.
//   - ops.go: what the control API does to a device (config get, put and
//     merge, save, factory reset, reboot, commands, log buffer, ending a
//     VTY session, pulling a cable); events.go: the events of every
//     device (logins, commands, configuration diffs, saves, reboots,
//     links, faults) for subscribers that may be slow and observers that
//     count.
//   - faults.go: failure drills, the fault kinds and the checks of their
//     specs; faults_run.go: a device's faults (set, listed, cleared, its
//     schedule and the device's flags); faults_session.go: what the
//     sessions meet (the shell's fault hook); faults_flap.go: links
//     that flap.
//     The HTTP face is fleet/api; fleet/fleettest offers the same in Go
//     tests.
//   - lab.go: what package lab (trainers' lab checks) reads of a device
//     without making it (its factory state), and its result events.
//   - factory.go: the factory configuration a reset would give, rendered
//     on a scratch device; ports.go: physical ports with their cables, for
//     the trainer's console (fleet/console).
//   - live.go and record.go: the live sessions and their recordings;
//     trim.go: memory a burst of logins left, given back once the fleet
//     is quiet (ReturnMemory, run by the program that owns the process).
//
// Nothing per device exists before the device is used but its inventory
// entry, its listening socket and one goroutine waiting on it: a fleet of
// ten thousand idle devices fits in about a hundred megabytes
// (docs/performance.md). Devices never share mutable state: a change, a
// save, a reboot or a failing command on one reaches no other, except
// through a cable, as on a real network.
package fleet
