package cli

import (
	"fmt"
	"net/netip"
	"strings"

	"switchemu/device"
)

// Configuration lines of the device model's settings, called from
// renderConfig and renderInterface in the device's order.

// renderTimeZone is " clock timezone NAME add|minus HH:MM:SS".
func renderTimeZone(cfg device.Config) string {
	tz := ""
	if cfg.TimeZone.Name != "" {
		tz = " clock timezone " + cfg.TimeZone.ConfigString() + "\n"
	}
	return tz + renderSummerTime(cfg.SummerTime) // cmd_summer.go
}

// renderPortSettings are a port's speed, duplex, storm control, flow
// control and jumbo frame lines.
func renderPortSettings(ifc device.Interface) string {
	if !ifc.Kind.Bridged() || ifc.Kind == device.KindBAGG {
		return ""
	}
	var b strings.Builder
	if ifc.Speed != 0 {
		fmt.Fprintf(&b, " speed %d\n", ifc.Speed)
	}
	if ifc.Duplex != "" {
		fmt.Fprintf(&b, " duplex %s\n", ifc.Duplex)
	}
	if ifc.BroadcastPct != 0 {
		fmt.Fprintf(&b, " broadcast-suppression %d\n", ifc.BroadcastPct)
	}
	if ifc.FlowControl {
		b.WriteString(" flow-control\n")
	}
	if ifc.Jumbo {
		if ifc.JumboSize != 0 {
			fmt.Fprintf(&b, " jumboframe enable %d\n", ifc.JumboSize)
		} else {
			b.WriteString(" jumboframe enable\n")
		}
	}
	return b.String()
}

// renderStaticTables are the static MAC and ARP entries.
func renderStaticTables(cfg device.Config) string {
	var b strings.Builder
	for _, m := range cfg.StaticMACs {
		fmt.Fprintf(&b, " mac-address static %s interface %s vlan %d\n", device.FormatMAC(m.MAC), m.Port, m.VLAN)
	}
	for _, a := range cfg.StaticARPs {
		fmt.Fprintf(&b, " arp static %s %s", netip.AddrFrom4(a.IP), device.FormatMAC(a.MAC))
		if a.VLAN != 0 {
			fmt.Fprintf(&b, " %d %s", a.VLAN, a.Port)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// renderInfoCenter is the information center's non-default settings.
func renderInfoCenter(cfg device.Config) string {
	ic := cfg.InfoCenter
	var b strings.Builder
	if ic.Disabled {
		b.WriteString(" undo info-center enable\n")
	}
	for _, h := range ic.Loghosts {
		fmt.Fprintf(&b, " info-center loghost %s\n", netip.AddrFrom4(h))
	}
	// The size line turns the buffer on, so it comes before the undo.
	if ic.LogbufferSize != 0 {
		fmt.Fprintf(&b, " info-center logbuffer size %d\n", ic.LogbufferSize)
	}
	if ic.LogbufferOff {
		b.WriteString(" undo info-center logbuffer\n")
	}
	return b.String()
}
