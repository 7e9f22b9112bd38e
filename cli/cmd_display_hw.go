package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// The hardware environment, from the device's profile: optical modules,
// power supplies, fans, board temperatures. Layouts: display transceiver
// interface as H3C V5 switches print it (the V5 fields of the H3C
// fundamentals command reference; the captures in our search corpus are
// of later releases, which add part and serial numbers); power, fan and
// environment are [U] (V5 layouts from memory of the H3C S5120/S7500E
// command references; no capture of a 7906E).
var displayHWCommands = []Command{
	{Syntax: "display transceiver interface", Priv: 1, Run: cmdDisplayTransceiver},
	{Syntax: "display transceiver interface {if:ETHNAME}", Priv: 1, Run: cmdDisplayTransceiver},
	{Syntax: "display power", Priv: 1, Run: cmdDisplayPower},
	{Syntax: "display fan", Priv: 1, Run: cmdDisplayFan},
	{Syntax: "display environment", Priv: 1, Run: cmdDisplayEnvironment},
}

var helpDisplayHW = map[string]string{
	"display transceiver":                        "Transceiver information",
	"display transceiver interface":              "Specify interface",
	"display transceiver interface {if:ETHNAME}": "Interface name",
	"display power":                              "Display power supply information",
	"display fan":                                "Display fan status information",
	"display environment":                        "Display temperature information",
}

const (
	msgTransceiverAbsent = "The transceiver is absent." // [C] H3C captures (parsers match it)
	msgTransceiverFmt    = "%s transceiver information:\n" +
		"  Transceiver Type              : %s\n" +
		"  Connector Type                : %s\n" +
		"  Wavelength(nm)                : %s\n" +
		"  Transfer Distance(m)          : %s\n" +
		"  Digital Diagnostic Monitoring : %s\n" +
		"  Vendor Name                   : %s\n" +
		"  Ordering Name                 : %s\n"
	msgEnvHead = " System temperature information (degree centigrade):\n" +
		" ----------------------------------------------------\n" +
		"  SlotNo   Temperature   Lower limit   Upper limit\n"
)

var portNameRE = regexp.MustCompile(`^(GigabitEthernet|Ten-GigabitEthernet)(\d+)/(\d+)/(\d+)$`)

// transceiverOf returns the block display transceiver prints for port,
// false if the port holds no module.
func (s *Session) transceiverOf(port string) (string, bool) {
	m := portNameRE.FindStringSubmatch(port)
	if m == nil {
		return "", false
	}
	slot, _ := strconv.Atoi(m[2])
	sub, _ := strconv.Atoi(m[3])
	n, _ := strconv.Atoi(m[4])
	t, ok := s.dev.Profile().TransceiverAt(m[1], slot, sub, n)
	if !ok {
		return "", false
	}
	ddm := "NO"
	if t.DDM {
		ddm = "YES"
	}
	return fmt.Sprintf(msgTransceiverFmt, port, t.Type, t.Connector, t.Wavelength, t.Distance, ddm, t.Vendor, t.Ordering), true
}

// cmdDisplayTransceiver describes the module of one port, or of every
// port that has one.
func cmdDisplayTransceiver(s *Session, a Args) error {
	if arg, ok := a.Get("if"); ok {
		out, ok := s.transceiverOf(arg.Value)
		if !ok {
			return userError(msgTransceiverAbsent)
		}
		return s.printf("%s", out)
	}
	var b strings.Builder
	for _, ifc := range configInterfaces(s.dev.Snapshot()) {
		if out, ok := s.transceiverOf(ifc.Name); ok {
			b.WriteString(out)
		}
	}
	if b.Len() == 0 {
		return userError(msgTransceiverAbsent)
	}
	return s.printf("%s", b.String())
}

// unitLines prints power supplies or fans: " Power 1 State: Normal"; a
// box switch heads them with its slot [U].
func (s *Session) unitLines(word string, units []unitState) error {
	var b strings.Builder
	p := s.dev.Profile()
	if p.Box() && len(p.Chassis.Boards) > 0 {
		fmt.Fprintf(&b, " Slot %d\n", p.Chassis.Boards[0].Slot)
	}
	for _, u := range units {
		fmt.Fprintf(&b, " %s %3d State: %s\n", word, u.id, u.state)
	}
	return s.printf("%s", b.String())
}

type unitState struct {
	id    int
	state string
}

func cmdDisplayPower(s *Session, a Args) error {
	var units []unitState
	for _, u := range s.dev.Profile().Chassis.Power {
		units = append(units, unitState{u.ID, u.State})
	}
	return s.unitLines("Power", units)
}

func cmdDisplayFan(s *Session, a Args) error {
	var units []unitState
	for _, u := range s.dev.Profile().Chassis.Fans {
		units = append(units, unitState{u.ID, u.State})
	}
	return s.unitLines("Fan", units)
}

// cmdDisplayEnvironment prints one line per board that has a sensor.
func cmdDisplayEnvironment(s *Session, a Args) error {
	p := s.dev.Profile()
	var b strings.Builder
	b.WriteString(msgEnvHead)
	seen := map[int]bool{}
	for _, bd := range p.Chassis.Boards {
		if seen[bd.Slot] {
			continue // a box's second board is the same slot's
		}
		seen[bd.Slot] = true
		fmt.Fprintf(&b, "  %-9d%-14d%-14d%d\n", bd.Slot, bd.Temperature, p.Chassis.Temperature.Lower, p.Chassis.Temperature.Upper)
	}
	return s.printf("%s", b.String())
}

// bootLoaderCommands choose the next boot image (reference §6.10 [C
// 3Com 4800G]); the chassis form names the board, "slot N".
var bootLoaderCommands = []Command{
	{Syntax: "boot-loader file {file:STRING<1-255>} main", Priv: 3, Run: cmdBootLoader},
	{Syntax: "boot-loader file {file:STRING<1-255>} backup", Priv: 3, Run: cmdBootLoader},
	{Syntax: "boot-loader file {file:STRING<1-255>} slot {slot:<0-15>} main", Priv: 3, Run: cmdBootLoader},
	{Syntax: "boot-loader file {file:STRING<1-255>} slot {slot:<0-15>} backup", Priv: 3, Run: cmdBootLoader},
}

var helpBootLoader = map[string]string{
	"boot-loader":                                                     "Set boot loader",
	"boot-loader file":                                                "Specify boot file",
	"boot-loader file {file:STRING<1-255>}":                           "[drive][path][file name]",
	"boot-loader file {file:STRING<1-255>} main":                      "Main boot file",
	"boot-loader file {file:STRING<1-255>} backup":                    "Backup boot file",
	"boot-loader file {file:STRING<1-255>} slot":                      "Specify the slot number",
	"boot-loader file {file:STRING<1-255>} slot {slot:<0-15>}":        "Slot number",
	"boot-loader file {file:STRING<1-255>} slot {slot:<0-15>} main":   "Main boot file",
	"boot-loader file {file:STRING<1-255>} slot {slot:<0-15>} backup": "Backup boot file",
}

const (
	msgBootSure    = " This command will set the boot file. Continue? [Y/N]:"
	msgBootDoneFmt = " The specified file will be used as the %s boot file at the next reboot!"
	msgBootSlotFmt = "  The specified file will be used as the %s boot file at the next reboot on slot %d!"
	msgBootAppFmt  = "The current boot app is: %s\nThe main boot app is: %s\nThe backup boot app is: %s\n"
	msgBadSlot     = " Error: The slot does not exist." // [U]
)

// cmdBootLoader records the next main or backup image, a file of flash:/.
func cmdBootLoader(s *Session, a Args) error {
	name, ok := s.liveFile(a.Str("file"))
	if !ok {
		return userError(msgNoSuchFile)
	}
	slot, hasSlot := a.Get("slot")
	if hasSlot && !s.isMPUSlot(slot.Value) {
		return userError(msgBadSlot)
	}
	ok, err := s.confirm(msgBootSure)
	if err != nil || !ok {
		return err
	}
	kind := "main"
	if a.Has("backup") {
		kind = "backup"
	}
	if err := s.dev.SetBootApp(name, kind == "backup"); err != nil {
		s.log.Error("boot-loader", "file", name, "err", err)
		return userError(msgCommandFailed)
	}
	if hasSlot {
		n, _ := strconv.Atoi(slot.Value)
		return s.println(fmt.Sprintf(msgBootSlotFmt, kind, n))
	}
	return s.println(fmt.Sprintf(msgBootDoneFmt, kind))
}

// isMPUSlot reports whether slot holds a main board.
func (s *Session) isMPUSlot(v string) bool {
	n, err := strconv.Atoi(v)
	if err != nil {
		return false
	}
	for _, b := range s.dev.Profile().Chassis.Boards {
		if b.Slot == n && b.Role == "mpu" {
			return true
		}
	}
	return false
}

// cmdDisplayBootLoader shows the image running and the next ones.
func cmdDisplayBootLoader(s *Session, a Args) error {
	cur, main, backup := s.dev.BootApps()
	name := func(f string) string {
		if f == "" {
			return "NULL" // [U] as display startup
		}
		return s.display(f)
	}
	return s.printf(msgBootAppFmt, name(cur), name(main), name(backup))
}

var (
	displayHWGroup = group{append(displayHWCommands, Command{Syntax: "display boot-loader", Priv: 1, Run: cmdDisplayBootLoader}),
		mergeHelp(helpDisplayHW, map[string]string{"display boot-loader": "Display boot loader information"})}
	bootLoaderGroup = group{bootLoaderCommands, helpBootLoader}
)
