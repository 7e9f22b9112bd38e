package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"switchemu/profiles"
)

// Chassis and system displays: display version, device, device
// manuinfo, clock, cpu-usage, memory (reference §5.1-5.3, 5.9, 5.14,
// 5.15).
var displayVersionCommands = []Command{
	{Syntax: "display version", Priv: 1, Run: cmdDisplayVersion},
	{Syntax: "display device", Priv: 1, Run: cmdDisplayDevice},
	{Syntax: "display device manuinfo", Priv: 1, Run: cmdDisplayManuinfo},
	{Syntax: "display clock", Priv: 1, Run: cmdDisplayClock},
	{Syntax: "display cpu-usage", Priv: 1, Run: cmdDisplayCPU},
	{Syntax: "display cpu-usage slot {slot:<0-7>}", Priv: 1, Run: cmdDisplayCPU},
	{Syntax: "display memory", Priv: 1, Run: cmdDisplayMemory},
	{Syntax: "display memory slot {slot:<0-7>}", Priv: 1, Run: cmdDisplayMemory},
}

var helpDisplayVersion = map[string]string{
	"display version":                     "Display version of system software",
	"display device":                      "Display device information",
	"display device manuinfo":             "Display manufacture information",
	"display clock":                       "Display current system time",
	"display cpu-usage":                   "Display CPU usage information",
	"display cpu-usage slot":              "Specify the slot number",
	"display cpu-usage slot {slot:<0-7>}": "Slot number",
	"display memory":                      "Display memory information",
	"display memory slot":                 "Specify the slot number",
	"display memory slot {slot:<0-7>}":    "Slot number",
}

// cmdDisplayVersion prints the software and the hardware: a box switch
// one hardware block, a chassis one block per board (reference §5.1).
func cmdDisplayVersion(s *Session, a Args) error {
	p := s.dev.Profile()
	up := formatUptime(s.dev.Uptime())
	// One buffer, written once: this is what every script runs first.
	b := make([]byte, 0, 2048)
	b = fmt.Appendf(b, "%s\n%s\n%s\n%s uptime is %s\n", p.Brand.VersionHeader, p.Version.Line, p.Brand.Copyright, p.Model, up)
	if p.Box() {
		b = append(b, '\n')
		b = appendHardware(b, p.Chassis.Boards[0].Hardware)
		return s.write(b)
	}
	for _, bd := range p.Chassis.Boards {
		b = fmt.Appendf(b, "\n%s %d : uptime is %s\n", bd.Type, bd.Slot, up)
		if bd.Hardware != nil {
			b = appendHardware(b, bd.Hardware)
			continue
		}
		b = fmt.Appendf(b, "%s %s with 1 BCM1125H 600MHz Processor\n", p.Model, bd.Type)
		if bd.Role == "mpu" {
			b = append(b, "1024M   bytes SDRAM\n16384K  bytes Flash Memory\nConfig Register points to FLASH\n\n"...)
			b = append(b, "Hardware Version is Ver.B\nCPLD Version is 001\nBootrom Version is 1.25\n"...)
			continue
		}
		b = append(b, "512M    bytes SDRAM\n0K      bytes Flash Memory\n\n"...)
		b = append(b, "Hardware Version is Ver.A\nCPLD Version is 002\nBootrom Version is 1.25\n"...)
		kind := "GE"
		if bd.PortType == "Ten-GigabitEthernet" {
			kind = "XFP"
		}
		b = fmt.Appendf(b, "[SubSlot 0] %d%s Hardware Version is Ver.A\n", bd.Ports, kind)
	}
	return s.write(b)
}

// appendHardware appends a board's hardware block as the profile gives
// it: processor, memory, a blank line, versions, subslots.
func appendHardware(b []byte, h *profiles.Hardware) []byte {
	b = append(append(b, h.Processor...), '\n')
	for _, l := range h.Memory {
		b = append(append(b, l...), '\n')
	}
	b = append(b, '\n')
	for _, l := range slices.Concat(h.Versions, h.Subslots) {
		b = append(append(b, l...), '\n')
	}
	return b
}

// formatUptime writes "N weeks, N days, N hours, N minutes", singular for
// 0 and 1 as the device does.
func formatUptime(d time.Duration) string {
	m := int(d / time.Minute)
	b := make([]byte, 0, 48)
	for i, u := range [...]struct {
		n    int
		word string
	}{{m / (7 * 24 * 60), "week"}, {m / (24 * 60) % 7, "day"}, {m / 60 % 24, "hour"}, {m % 60, "minute"}} {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = append(strconv.AppendInt(b, int64(u.n), 10), ' ')
		b = append(b, u.word...)
		if u.n > 1 {
			b = append(b, 's')
		}
	}
	return string(b)
}

// cmdDisplayDevice lists every slot of a chassis, empty ones Absent; a
// box lists its one board (reference §5.2).
func cmdDisplayDevice(s *Session, a Args) error {
	p := s.dev.Profile()
	if err := s.println("Slot No.   Brd Type     Brd Status     Subslot Num    Sft Ver          Patch Ver"); err != nil {
		return err
	}
	row := func(slot int, typ, status, ver string) error {
		if len(typ) >= 13 {
			typ += " " // a long type still leaves a column gap
		}
		return s.printf(" %-10d%-13s%-15s%-15d%-17s%s\n", slot, typ, status, 0, ver, "None")
	}
	if p.Box() {
		bd := p.Chassis.Boards[0]
		return row(bd.Slot, bd.Type, "Master", p.Version.BoardVersion)
	}
	masterSeen := false
	for slot := 0; slot < p.Chassis.Slots; slot++ {
		typ, status, ver := "NONE", "Absent", "NONE"
		for _, bd := range p.Chassis.Boards {
			if bd.Slot != slot {
				continue
			}
			typ, status, ver = bd.Type, "Normal", p.Version.BoardVersion
			if bd.Role == "mpu" {
				status = "Standby"
				if !masterSeen {
					status, masterSeen = "Master", true
				}
			}
		}
		if err := row(slot, typ, status, ver); err != nil {
			return err
		}
	}
	return nil
}

// cmdDisplayManuinfo prints the manufacturing data. A chassis prints the
// chassis (which an old chassis cannot report), each board present, the
// power supplies and the fan; a box prints its one board, field lines
// without the leading space (reference §5.3; the box form is the V5
// S5500-52C-EI capture hp_comware_display_device_manuinfo2.raw in
// ntc-templates).
func cmdDisplayManuinfo(s *Session, a Args) error {
	p := s.dev.Profile()
	var b strings.Builder
	if p.Box() {
		bd := p.Chassis.Boards[0]
		fmt.Fprintf(&b, "\nSlot %d:\nDEVICE_NAME          : %s\nDEVICE_SERIAL_NUMBER : %s\nMAC_ADDRESS          : %s\n"+
			"MANUFACTURING_DATE   : %s\nVENDOR_NAME          : %s\n", bd.Slot, bd.Name, bd.Serial, strings.ToUpper(p.Brand.BridgeMAC), bd.Made, p.Brand.Vendor)
		_, err := s.Out.Write([]byte(b.String()))
		return err
	}
	b.WriteString("Chassis self:\n\nOnly new chassis support this command.\n  The operation is not supported on the specified chassis.\n\n")
	for slot := 0; slot < p.Chassis.Slots; slot++ {
		for _, bd := range p.Chassis.Boards {
			if bd.Slot != slot {
				continue
			}
			mac := "NONE"
			if bd.Role == "mpu" {
				mac = strings.ToUpper(p.Brand.BridgeMAC)
			}
			fmt.Fprintf(&b, "Slot %d:\n DEVICE_NAME          : %s\n DEVICE_SERIAL_NUMBER : %s\n MAC_ADDRESS          : %s\n"+
				" MANUFACTURING_DATE   : %s\n VENDOR_NAME          : %s\n\n", slot, bd.Name, bd.Serial, mac, bd.Made, p.Brand.Vendor)
		}
	}
	// The power supplies and fans of the profile (chassis.power, fans);
	// two and one when it lists none.
	powers, fans := []int{1, 2}, []int{1}
	if units := p.Chassis.Power; len(units) > 0 {
		powers = powers[:0]
		for _, u := range units {
			powers = append(powers, u.ID)
		}
	}
	if units := p.Chassis.Fans; len(units) > 0 {
		fans = fans[:0]
		for _, u := range units {
			fans = append(fans, u.ID)
		}
	}
	for _, i := range powers {
		fmt.Fprintf(&b, "Power %d:\n\nOnly new chassis support this command.\n  The operation is not supported on the specified power.\n\n", i)
	}
	for n, i := range fans {
		if n > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "Fan %d:\n\nOnly new chassis support this command.\n  The operation is not supported on the specified fan.\n", i)
	}
	_, err := s.Out.Write([]byte(b.String()))
	return err
}

// cmdDisplayClock prints the device clock: "19:35:31 UTC Sat 01/08/2011",
// and the time zone when one is set (reference §5.9).
func cmdDisplayClock(s *Session, a Args) error {
	t := s.dev.Clock()
	cfg := s.dev.View()
	zone := cfg.TimeZone
	name, _ := t.Zone() // the time zone's, or summer time's while on
	if err := s.printf("%s %s %s\n", t.Format("15:04:05"), name, t.Format("Mon 01/02/2006")); err != nil {
		return err
	}
	if zone.Name != "" {
		if err := s.printf("Time Zone : %s\n", zone.ConfigString()); err != nil {
			return err
		}
	}
	if cfg.SummerTime.Name != "" {
		return s.printf("%s", summerTimeLine(cfg.SummerTime))
	}
	return nil
}

// boardSlots returns the slots that hold a board, or just slot if a
// slot argument was given and holds one.
func boardSlots(s *Session, a Args) ([]int, error) {
	p := s.dev.Profile()
	var out []int
	for _, bd := range p.Chassis.Boards {
		out = append(out, bd.Slot)
	}
	if _, ok := a.Get("slot"); !ok {
		return out, nil
	}
	want := a.Int("slot")
	for _, slot := range out {
		if slot == want {
			return []int{slot}, nil
		}
	}
	return nil, userError(msgSlotAbsent)
}

func cmdDisplayCPU(s *Session, a Args) error {
	slots, err := boardSlots(s, a)
	if err != nil {
		return err
	}
	if s.dev.Profile().Box() {
		// A box prints one Unit block (reference §5.14 [C eli]).
		u := s.dev.CPUUsage(slots[0])
		return s.printf("Unit CPU usage:\n%8d%% in last 5 seconds\n%8d%% in last 1 minute\n%8d%% in last 5 minutes\n", u[0], u[1], u[2])
	}
	for i, slot := range slots {
		u := s.dev.CPUUsage(slot)
		sep := ""
		if i > 0 {
			sep = "\n"
		}
		if err := s.printf("%sSlot %d CPU 0 CPU usage:\n%8d%% in last 5 seconds\n%8d%% in last 1 minute\n%8d%% in last 5 minutes\n",
			sep, slot, u[0], u[1], u[2]); err != nil {
			return err
		}
	}
	return nil
}

// cmdDisplayMemory shows the active MPU, or the board in the given slot.
func cmdDisplayMemory(s *Session, a Args) error {
	slots, err := boardSlots(s, a)
	if err != nil {
		return err
	}
	total, used := s.dev.Memory(slots[0])
	return s.printf("System Total Memory(bytes): %d\nTotal Used Memory(bytes): %d\nUsed Rate: %d%%\n", total, used, used*100/total)
}

const msgSlotAbsent = " Error: The specified slot does not exist or is absent."

var displayVersionGroup = group{displayVersionCommands, helpDisplayVersion}
