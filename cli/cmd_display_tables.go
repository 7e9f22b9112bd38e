package cli

import (
	"fmt"
	"net/netip"
	"strings"
	"time"

	"switchemu/device"
)

// Table displays: MAC address table, ARP, LLDP neighbours, routing table
// (reference §5.11-5.13, 5.20).
var displayTablesCommands = []Command{
	{Syntax: "display mac-address", Priv: 1, Run: cmdDisplayMAC},
	{Syntax: "display mac-address vlan {id:<1-4094>}", Priv: 1, Run: cmdDisplayMAC},
	{Syntax: "display mac-address interface {if:IFNAME}", Priv: 1, Run: cmdDisplayMAC},
	{Syntax: "display arp", Priv: 1, Run: cmdDisplayARP},
	{Syntax: "display arp all", Priv: 1, Run: cmdDisplayARP},
	{Syntax: "display arp static", Priv: 1, Run: cmdDisplayARP},
	{Syntax: "display arp dynamic", Priv: 1, Run: cmdDisplayARP},
	// display arp ip-address, display arp vlan vlan-id, display arp
	// interface interface-type interface-number (H3C S5500-EI Layer 3 -
	// IP Services Command Reference, Comware 5.20, "display arp"): the
	// same table, one entry or those of a VLAN or port.
	{Syntax: "display arp {ip:A.B.C.D}", Priv: 1, Run: cmdDisplayARP},
	{Syntax: "display arp vlan {id:<1-4094>}", Priv: 1, Run: cmdDisplayARP},
	{Syntax: "display arp interface {if:IFNAME}", Priv: 1, Run: cmdDisplayARP},
	{Syntax: "display lldp neighbor-information", Priv: 1, Run: cmdDisplayLLDP},
	{Syntax: "display lldp neighbor-information list", Priv: 1, Run: cmdDisplayLLDPList},
	{Syntax: "display lldp neighbor-information verbose", Priv: 1, Run: cmdDisplayLLDP},
	{Syntax: "display ip routing-table", Priv: 1, Run: cmdDisplayRoutingTable},
}

var helpDisplayTables = map[string]string{
	"display mac-address":                       "Display MAC address table information",
	"display mac-address vlan":                  "Specify a VLAN",
	"display mac-address vlan {id:<1-4094>}":    "VLAN ID",
	"display mac-address interface":             "Specify an interface",
	"display mac-address interface {if:IFNAME}": "Interface number",
	"display arp":                               "Display ARP entries",
	"display arp all":                           "All ARP entries",
	"display arp static":                        "Static ARP entries",
	"display arp dynamic":                       "Dynamic ARP entries",
	"display arp {ip:A.B.C.D}":                  "Specify the IP address",
	"display arp vlan":                          "Specify a VLAN",
	"display arp vlan {id:<1-4094>}":            "VLAN ID",
	"display arp interface":                     "Specify an interface",
	"display arp interface {if:IFNAME}":         "Interface number",
	"display lldp":                              "Link Layer Discovery Protocol(802.1ab)",
	"display lldp neighbor-information":         "Display neighbor information",
	"display lldp neighbor-information list":    "Display neighbor information in list",
	"display lldp neighbor-information verbose": "Display detail neighbor information",
	"display ip routing-table":                  "Display IP routing table",
}

func cmdDisplayMAC(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	only, err := interfaceArg(&cfg, a)
	if err != nil {
		return err
	}
	var rows []device.MACEntry
	for _, e := range s.dev.MACTable(&cfg) {
		if (only != "" && e.Port != only) || (a.Has("vlan") && e.VLAN != a.Int("id")) {
			continue
		}
		if static := e.State != "Learned"; (a.Has("dynamic") && static) || (a.Has("static") && !static) {
			continue
		}
		rows = append(rows, e)
	}
	if a.Has("count") {
		return s.printf("\n  ---  %d mac address(es) found  ---\n", len(rows))
	}
	if err := s.println("MAC ADDR       VLAN ID  STATE          PORT INDEX               AGING TIME(s)"); err != nil {
		return err
	}
	for _, e := range rows {
		if err := s.printf("%-15s%-9d%-15s%-25s%s\n", device.FormatMAC(e.MAC), e.VLAN, e.State, e.Port, e.Aging); err != nil {
			return err
		}
	}
	return s.printf("\n  ---  %d mac address(es) found  ---\n", len(rows))
}

func cmdDisplayARP(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	only, err := interfaceArg(&cfg, a)
	if err != nil {
		return err
	}
	var ip [4]byte
	if a.Str("ip") != "" {
		ip = ipArg(a, "ip")
	}
	if err := s.printf("                Type: S-Static    D-Dynamic\n" +
		"IP Address       MAC Address     VLAN ID  Interface              Aging Type\n"); err != nil {
		return err
	}
	for _, e := range s.dev.ARPTable(&cfg) {
		if (a.Has("static") && !e.Static) || (a.Has("dynamic") && e.Static) ||
			(only != "" && e.Port != only && !(e.VLAN != 0 && only == fmt.Sprintf("Vlan-interface%d", e.VLAN))) || (a.Has("vlan") && e.VLAN != device.VLANID(a.Int("id"))) ||
			(a.Str("ip") != "" && e.IP != ip) {
			continue
		}
		vlan, port, aging, typ := "N/A", "N/A", "N/A", "S"
		if e.VLAN != 0 {
			vlan = itoa(e.VLAN)
		}
		if ifc, ok := cfg.Interfaces[e.Port]; ok {
			port = ifc.BriefName()
		}
		if !e.Static {
			aging, typ = itoa(e.Aging), "D"
		}
		if err := s.printf("%-17s%-16s%-9s%-23s%-6s%s\n", netip.AddrFrom4(e.IP), device.FormatMAC(e.MAC), vlan, port, aging, typ); err != nil {
			return err
		}
	}
	return nil
}

// lldpUpdate words how long ago a neighbour was updated.
func lldpUpdate(d time.Duration, sep string) string {
	secs := int(d / time.Second)
	return fmt.Sprintf("%d days,%s%d hours,%s%d minutes,%s%d seconds", secs/86400, sep, secs/3600%24, sep, secs/60%60, sep, secs%60)
}

// cmdDisplayLLDP prints every neighbour: the V5 layout for the plain
// command, the layout later releases print for verbose.
func cmdDisplayLLDP(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	for i, n := range s.dev.LLDPNeighbors(&cfg) {
		var b strings.Builder
		if i > 0 {
			b.WriteString("\n")
		}
		if a.Has("verbose") {
			lldpVerbose(&b, n)
		} else {
			lldpV5(&b, n)
		}
		if err := s.printf("%s", b.String()); err != nil {
			return err
		}
	}
	return nil
}

func lldpV5(b *strings.Builder, n device.LLDPNeighbor) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format+"\n", a...) }
	w("LLDP neighbor-information of port %d[%s]:", n.Index, n.Local.Name)
	w("  Neighbor index   : 1")
	w("  Update time      : %s", lldpUpdate(n.Since, ""))
	w("  Chassis type     : MAC address")
	w("  Chassis ID       : %s", n.ChassisID)
	w("  Port ID type     : Interface name")
	w("  Port ID          : %s", n.PortID)
	w("  Port description : %s", n.PortDesc)
	w("  System name        : %s", n.SystemName)
	w("  System description : %s", n.SystemDesc)
	w("  System capabilities supported : Bridge,Router ")
	w("  System capabilities enabled   : Bridge,Router ")
	w("")
	if n.MgmtAddress != "" {
		w("  Management address type           : ipv4")
		w("  Management address                : %s", n.MgmtAddress)
		w("  Management address interface type : IfIndex")
		w("  Management address interface ID   : 54")
		w("  Management address OID            : 0")
		w("")
	}
	w("  Port VLAN ID(PVID): %d", n.PVID)
	w("")
	w("  Port and protocol VLAN ID(PPVID) : 0")
	w("  Port and protocol VLAN supported : No")
	w("  Port and protocol VLAN enabled   : No")
	w("")
	w("  VLAN name of VLAN %d: VLAN %04d", n.PVID, n.PVID)
	w("")
	w("  Auto-negotiation supported : Yes")
	w("  Auto-negotiation enabled   : Yes")
	w("  OperMau                    : speed(%d)/duplex(Full)", portSpeed(n.Local))
	w("")
	w("  Link aggregation supported : Yes")
	w("  Link aggregation enabled   : No")
	w("  Aggregation port ID        : 0")
	w("")
	w("  Maximum frame Size: 1536")
}

func lldpVerbose(b *strings.Builder, n device.LLDPNeighbor) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format+"\n", a...) }
	w("LLDP neighbor-information of port %d[%s]:", n.Index, n.Local.Name)
	w(" LLDP neighbor index : 1")
	w(" Update time         : %s", lldpUpdate(n.Since, " "))
	w(" Chassis type        : MAC address")
	w(" Chassis ID          : %s", n.ChassisID)
	w(" Port ID type        : Interface name")
	w(" Port ID             : %s", n.PortID)
	w(" Time to live        : 120")
	w(" Port description    : %s", n.PortDesc)
	w(" System name         : %s", n.SystemName)
	w(" System description  : %s", n.SystemDesc)
	w(" System capabilities supported : Bridge, Router")
	w(" System capabilities enabled   : Bridge, Router")
	if n.MgmtAddress != "" {
		w(" Management address type           : IPv4")
		w(" Management address                : %s", n.MgmtAddress)
		w(" Management address interface type : IfIndex")
		w(" Management address interface ID   : 54")
		w(" Management address OID            : 0")
	}
	w(" Port VLAN ID(PVID)  : %d", n.PVID)
	w(" Link aggregation supported : Yes")
	w(" Link aggregation enabled   : No")
	w(" Aggregation port ID        : 0")
	w(" Auto-negotiation supported : Yes")
	w(" Auto-negotiation enabled   : Yes")
	w(" OperMau                    : Speed(%d)/Duplex(Full)", portSpeed(n.Local))
	w(" Maximum frame size         : 1536")
}

// cmdDisplayLLDPList prints one line per neighbour (V5 R22xx+ layout).
func cmdDisplayLLDPList(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	if err := s.printf("Chassis ID : * -- -- Nearest nontpmr bridge neighbor\n" +
		"             # -- -- Nearest customer bridge neighbor\n" +
		"             Default -- -- Nearest bridge neighbor\n" +
		"Local Interface Chassis ID      Port ID                         System Name     \n"); err != nil {
		return err
	}
	for _, n := range s.dev.LLDPNeighbors(&cfg) {
		if err := s.printf("%-16s%-16s%-32s%s\n", n.Local.BriefName(), n.ChassisID, n.PortID, n.SystemName); err != nil {
			return err
		}
	}
	return nil
}

func cmdDisplayRoutingTable(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	routes := s.dev.RoutingTable(&cfg)
	dests := map[netip.Prefix]bool{}
	for _, r := range routes {
		dests[r.Dest] = true
	}
	if err := s.printf("Routing Tables: Public\n        Destinations : %-9dRoutes : %d\n\n"+
		"Destination/Mask    Proto  Pre  Cost         NextHop         Interface\n\n", len(dests), len(routes)); err != nil {
		return err
	}
	for _, r := range routes {
		if err := s.printf("%-20s%-7s%-5d%-13d%-16s%s\n", r.Dest, r.Proto, r.Pre, r.Cost, r.NextHop, r.Iface); err != nil {
			return err
		}
	}
	return nil
}

var displayTablesGroup = group{displayTablesCommands, helpDisplayTables}
