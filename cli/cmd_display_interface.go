package cli

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"switchemu/device"
)

// Interface displays (reference §5.4-5.6).
var displayInterfaceCommands = []Command{
	{Syntax: "display interface", Priv: 1, Run: cmdDisplayInterface},
	{Syntax: "display interface {if:IFNAME}", Priv: 1, Run: cmdDisplayInterface},
	{Syntax: "display interface brief", Priv: 1, Run: cmdDisplayInterfaceBrief},
	{Syntax: "display brief interface", Priv: 1, Run: cmdDisplayInterfaceBrief},
	{Syntax: "display ip interface", Priv: 1, Run: cmdDisplayIPInterface},
	{Syntax: "display ip interface {if:IFNAME}", Priv: 1, Run: cmdDisplayIPInterface},
	{Syntax: "display ip interface brief", Priv: 1, Run: cmdDisplayIPInterfaceBrief},
	{Syntax: "display counters inbound interface", Priv: 1, Run: cmdDisplayCounters},
	{Syntax: "display counters outbound interface", Priv: 1, Run: cmdDisplayCounters},
}

// resetCountersCommands clear interface counters (user view).
var resetCountersCommands = []Command{
	{Syntax: "reset counters interface", Priv: 2, Run: cmdResetCounters},
	{Syntax: "reset counters interface {if:IFNAME}", Priv: 2, Run: cmdResetCounters},
}

var helpResetCounters = map[string]string{
	"reset":                                "Reset operation",
	"reset counters":                       "Clear the statistics of the interface",
	"reset counters interface":             "Clear the statistics of the interface",
	"reset counters interface {if:IFNAME}": "Interface number",
}

func cmdResetCounters(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	only, err := interfaceArg(&cfg, a)
	if err != nil {
		return err
	}
	if only != "" {
		s.dev.ClearCounters(only)
	} else {
		s.dev.ClearCounters()
	}
	return nil
}

var resetCountersGroup = group{resetCountersCommands, helpResetCounters}

var helpDisplayInterface = map[string]string{
	"display interface":                   "Status and configuration information about the interface",
	"display interface {if:IFNAME}":       "Interface number",
	"display interface brief":             "Brief information of status and configuration for interface(s)",
	"display brief":                       "Brief information of status and configuration for interface(s)",
	"display brief interface":             "Status and configuration information about the interface",
	"display ip":                          "Display IP information",
	"display ip interface":                "Display IP interface information",
	"display ip interface {if:IFNAME}":    "Interface number",
	"display ip interface brief":          "Brief information of status and configuration for interface(s)",
	"display counters":                    "Display statistics information about interfaces",
	"display counters inbound":            "Inbound statistics information",
	"display counters outbound":           "Outbound statistics information",
	"display counters inbound interface":  "Status and configuration information about the interface",
	"display counters outbound interface": "Status and configuration information about the interface",
}

// ifState is everything the displays need about one interface.
type ifState struct {
	device.Interface
	up      bool
	c       device.Counters
	r       device.Rates
	upSince time.Time
	passing device.VLANSet // trunk: permitted VLANs that exist
	cleared string         // "Never" or when reset counters ran
	aggMbps int            // an aggregate's speed: its Selected members'
}

func (s *Session) ifStates(cfg *device.Config, only string) []ifState {
	var out []ifState
	exists := device.SetOf(cfg.SortedVLANs()...)
	for _, ifc := range cfg.SortedInterfaces() {
		if only != "" && ifc.Name != only {
			continue
		}
		c, r, since := s.dev.InterfaceStats(ifc.Name)
		st := ifState{Interface: ifc, up: s.dev.LinkUp(cfg, ifc), c: c, r: r, upSince: since, cleared: "Never"}
		if t, ok := s.dev.CountersCleared(ifc.Name); ok {
			st.cleared = t.Format("15:04:05 Mon 01/02/2006")
		}
		st.passing = ifc.Trunk.And(exists)
		st.aggMbps = s.aggSpeed(cfg, ifc)
		out = append(out, st)
	}
	return out
}

// interfaceArg returns the named interface, or a Wrong parameter error
// under the name when it does not exist.
func interfaceArg(cfg *device.Config, a Args) (string, error) {
	arg, ok := a.Get("if")
	if !ok {
		return "", nil
	}
	if _, ok := cfg.Interfaces[arg.Value]; !ok {
		return "", &ParseError{Kind: WrongParam, Pos: arg.Pos}
	}
	return arg.Value, nil
}

func cmdDisplayInterface(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	only, err := interfaceArg(&cfg, a)
	if err != nil {
		return err
	}
	p := s.dev.Profile()
	for _, st := range s.ifStates(&cfg, only) {
		if err := s.printf("%s\n", interfaceBlock(st, p.Brand.BridgeMAC, s.dev.Clock())); err != nil {
			return err
		}
	}
	return nil
}

// hwAddress is the MAC address an interface sends from: the bridge MAC
// for VLAN interfaces, the next one for ports, the one after for the
// management port.
func hwAddress(bridge string, k device.IfKind) string {
	m, _ := device.ParseMAC(bridge)
	add := 0
	switch {
	case k.Bridged():
		add = 1
	case k == device.KindMEth:
		add = 2
	}
	v := uint64(m[0])<<40 | uint64(m[1])<<32 | uint64(m[2])<<24 | uint64(m[3])<<16 | uint64(m[4])<<8 | uint64(m[5])
	v += uint64(add)
	for i := 5; i >= 0; i-- {
		m[i] = byte(v)
		v >>= 8
	}
	return device.FormatMAC(m)
}

// interfaceBlock is one interface of display interface (reference §5.5).
func interfaceBlock(st ifState, bridgeMAC string, now time.Time) string {
	var b strings.Builder
	w := func(format string, a ...any) { fmt.Fprintf(&b, format+"\n", a...) }
	hw := hwAddress(bridgeMAC, st.Kind)
	if st.Kind == device.KindBAGG {
		return aggregateBlock(st, hw)
	}
	if st.Kind.Bridged() {
		writeBridgedHead(&b, st, hw)
		w(" Loopback is not set")
		if st.Media == "copper" {
			w(" Media type is twisted pair")
			w(" Port hardware type is  1000_BASE_T")
		} else {
			w(" Media type is optical fiber")
			if st.Kind == device.KindXGE {
				w(" Port hardware type is  10G_BASE_SR_XFP")
			} else {
				w(" Port hardware type is  1000_BASE_SX_SFP")
			}
		}
		if st.up {
			w(" %s-speed mode, %s-duplex mode", speedLine(portSpeed(st.Interface)), portDuplex(st.Interface))
		} else {
			w(" Unknown-speed mode, unknown-duplex mode")
		}
		speedType, duplexType := "autonegotiation", "autonegotiation"
		if st.Speed != 0 {
			speedType = "force link"
		}
		if st.Duplex != "" {
			duplexType = "force link"
		}
		w(" Link speed type is %s, link duplex type is %s", speedType, duplexType)
		if st.FlowControl {
			w(" Flow-control is enabled")
		} else {
			w(" Flow-control is not enabled")
		}
		w(" The Maximum Frame Length is %d", maxFrame(st.Interface))
		w(" Broadcast MAX-ratio: %d%%", broadcastPct(st.Interface))
		w(" Unicast MAX-ratio: 100%%")
		w(" Multicast MAX-ratio: 100%%")
		if st.Jumbo {
			w(" Allow jumbo frame to pass")
		} else {
			w(" Forbid jumbo frame to pass")
		}
		w(" PVID: %d", st.PVID)
		w(" Mdi type: auto")
		w(" Link delay is 0(sec)")
		w(" Port link-type: %s", st.LinkType)
		writeVLANLines(&b, st)
		w(" Port priority: 0")
		w(" Last clearing of counters:  %s", st.cleared)
		peakIn, peakOut, at := uint64(0), uint64(0), now
		if !st.upSince.IsZero() {
			peakIn, peakOut, at = st.r.InBytes*3/2, st.r.OutBytes*3/2, st.upSince.Add(5*time.Minute)
			if at.After(now) {
				at = now
			}
		}
		w(" Peak value of input: %d bytes/sec, at %s", peakIn, at.Format("2006-01-02 15:04:05"))
		w(" Peak value of output: %d bytes/sec, at %s", peakOut, at.Format("2006-01-02 15:04:05"))
		w(" Last 300 seconds input:  %d packets/sec %d bytes/sec %s", st.r.InPackets, st.r.InBytes, usage(st, st.r.InBytes))
		w(" Last 300 seconds output:  %d packets/sec %d bytes/sec %s", st.r.OutPackets, st.r.OutBytes, usage(st, st.r.OutBytes))
		writeCounterLines(&b, st.c, ", 0 pauses")
		return b.String()
	}

	state, proto := l3State(st)
	w("%s current state: %s", st.Name, state)
	w("Line protocol current state: %s", proto)
	w("Description: %s", st.EffectiveDescription())
	mtu := 1500
	if st.Kind == device.KindLoopBack {
		mtu = 1536
	}
	w("The Maximum Transmit Unit is %d", mtu)
	if len(st.Addresses) == 0 {
		w("Internet protocol processing : disabled")
	}
	for _, a := range st.Addresses {
		kind := "Primary"
		if a.Sub {
			kind = "Sub"
		}
		w("Internet Address is %s/%d %s", netip.AddrFrom4(a.IP), a.Mask, kind)
	}
	switch st.Kind {
	case device.KindNull:
		w("Physical is NULL DEV")
	case device.KindLoopBack:
		w("Physical is Loopback")
	default:
		w("IP Packet Frame Type: PKTFMT_ETHNT_2,  Hardware Address: %s", hw)
		w("IPv6 Packet Frame Type: PKTFMT_ETHNT_2,  Hardware Address: %s", hw)
	}
	if st.Kind == device.KindMEth {
		w("Media type is twisted pair, loopback not set, promiscuous mode not set")
		if st.up {
			w("100Mb/s, Full-duplex, link type is autonegotiation")
		} else {
			w("Unknown-speed mode, unknown-duplex mode")
		}
		w("Output flow-control is unsupported, input flow-control is unsupported")
	}
	w(" Last clearing of counters:  %s", st.cleared)
	w("    Last 300 seconds input rate: %d bytes/sec, %d bits/sec, %d packets/sec", st.r.InBytes, st.r.InBytes*8, st.r.InPackets)
	w("    Last 300 seconds output rate: %d bytes/sec, %d bits/sec, %d packets/sec", st.r.OutBytes, st.r.OutBytes*8, st.r.OutPackets)
	w("    %d packets input, %d bytes, 0 drops", st.c.InPackets, st.c.InBytes)
	w("    %d packets output, %d bytes, 0 drops", st.c.OutPackets, st.c.OutBytes)
	return b.String()
}

// l3State is the link and protocol state of a layer-3 interface as
// display interface words them.
func l3State(st ifState) (state, proto string) {
	switch {
	case st.Shutdown:
		return "Administratively DOWN", "DOWN"
	case st.Kind == device.KindNull || st.Kind == device.KindLoopBack:
		return "UP", "UP (spoofing)"
	case st.up:
		return "UP", "UP"
	}
	return "DOWN", "DOWN"
}

// portSpeed is the speed of an up port in Mbit/s.
func portSpeed(ifc device.Interface) int {
	switch {
	case ifc.Speed != 0:
		return ifc.Speed
	case ifc.Kind == device.KindXGE:
		return 10000
	}
	return 1000
}

// speedLine is how the speed line of display interface names a speed:
// "1000Mbps", but "10Gbps" for a 10GE port (ntc-templates
// hp_comware_display_interface6.raw: " 10Gbps-speed mode, full-duplex
// mode").
func speedLine(mbps int) string {
	if mbps >= 10000 && mbps%1000 == 0 {
		return fmt.Sprintf("%dGbps", mbps/1000)
	}
	return fmt.Sprintf("%dMbps", mbps)
}

func portDuplex(ifc device.Interface) string {
	if ifc.Duplex == "half" {
		return "half"
	}
	return "full"
}

func maxFrame(ifc device.Interface) int {
	if !ifc.Jumbo {
		return 1518
	}
	if ifc.JumboSize != 0 {
		return ifc.JumboSize
	}
	return 9216
}

func broadcastPct(ifc device.Interface) int {
	if ifc.BroadcastPct == 0 {
		return 100
	}
	return ifc.BroadcastPct
}

// usage is the rate as a share of the port's speed: "-%" while down.
func usage(st ifState, bytesPerSec uint64) string {
	if !st.up {
		return "-%"
	}
	bits := bytesPerSec * 8 * 100
	return fmt.Sprintf("%4d%%", bits/(uint64(portSpeed(st.Interface))*1000000))
}

// trunkItems lists a trunk's VLANs as "1(default vlan), 2-4094": ranges
// of consecutive IDs, the PVID marked.
func trunkItems(ifc device.Interface, set device.VLANSet) []string {
	var items []string
	for _, r := range set.Ranges() {
		switch {
		case r[0] == r[1] && r[0] == ifc.PVID:
			items = append(items, fmt.Sprintf("%d(default vlan)", r[0]))
		case r[0] == ifc.PVID:
			items = append(items, fmt.Sprintf("%d(default vlan)", r[0]), rangeItem(r[0]+1, r[1]))
		default:
			items = append(items, rangeItem(r[0], r[1]))
		}
	}
	if len(items) == 0 {
		items = []string{"none"}
	}
	return items
}

func rangeItem(a, b int) string {
	if a == b {
		return strconv.Itoa(a)
	}
	return fmt.Sprintf("%d-%d", a, b)
}

func vlanListOrNone(set device.VLANSet) string {
	var items []string
	for _, r := range set.Ranges() {
		items = append(items, rangeItem(r[0], r[1]))
	}
	if len(items) == 0 {
		return "none"
	}
	return strings.Join(items, ", ")
}

// wrapList prints head and the items joined by ", ", wrapping before 80
// columns with the continuation lines under the first item.
func wrapList(head string, items []string) string {
	var b strings.Builder
	line := head
	for i, it := range items {
		sep := ""
		if i < len(items)-1 {
			sep = ","
		}
		piece := it + sep
		if len(line)+len(piece) > 79 && line != head && strings.TrimSpace(line) != "" {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = strings.Repeat(" ", len(head))
		}
		line += piece + " "
	}
	b.WriteString(strings.TrimRight(line, " ") + "\n")
	return b.String()
}

// cmdDisplayInterfaceBrief prints both sections of display interface
// brief in the V5 layout (reference §5.4).
func cmdDisplayInterfaceBrief(s *Session, a Args) error {
	// The brief table needs each interface's settings and link state,
	// not its counters: it reads the shared configuration, computes the
	// link states once and writes its rows without fmt (this command is
	// what scripts poll).
	cfg := s.dev.View()
	names := s.dev.InterfaceOrder(&cfg)
	up := s.dev.LinkStatesOf(&cfg, names)
	route := make([]byte, 0, 256)
	bridge := make([]byte, 0, 64*len(names))
	for i, name := range names {
		st := ifState{Interface: cfg.Interfaces[name], up: up[i]}
		link := "DOWN"
		switch {
		case st.Shutdown:
			link = "ADM"
		case st.up:
			link = "UP"
		}
		if !st.Kind.Bridged() {
			proto := "DOWN"
			switch {
			case st.Shutdown: // a shut down loopback is not spoofing
			case st.Kind == device.KindNull || st.Kind == device.KindLoopBack:
				proto = "UP(s)"
			case st.up:
				proto = "UP"
			}
			ip := "--"
			if len(st.Addresses) > 0 {
				ip = netip.AddrFrom4(st.Addresses[0].IP).String()
			}
			// %-20s %-4s %-8s %-15s %s
			row := len(route)
			route = padColumn(st.AppendBriefName(route), row, 20)
			route = appendColumn(route, link, 4)
			route = appendColumn(route, proto, 8)
			route = appendColumn(route, ip, 15)
			route = appendRowEnd(route, row, st.Description)
			continue
		}
		st.aggMbps = s.aggSpeed(&cfg, st.Interface)
		speed, duplex := briefSpeedDuplex(st)
		// %-20s %-4s %-7s %-6s %-4s %-4d %s
		row := len(bridge)
		bridge = padColumn(st.AppendBriefName(bridge), row, 20)
		bridge = appendColumn(bridge, link, 4)
		bridge = appendColumn(bridge, speed, 7)
		bridge = appendColumn(bridge, duplex, 6)
		bridge = appendColumn(bridge, [...]string{"A", "T", "H"}[st.LinkType], 4)
		bridge = appendColumn(bridge, strconv.Itoa(int(st.PVID)), 4)
		bridge = appendRowEnd(bridge, row, st.Description)
	}
	if err := s.print("The brief information of interface(s) under route mode:\n" +
		"Link: ADM - administratively down; Stby - standby\n" +
		"Protocol: (s) - spoofing\n" +
		"Interface            Link Protocol Main IP         Description\n"); err != nil {
		return err
	}
	if err := s.write(route); err != nil {
		return err
	}
	if err := s.print("\nThe brief information of interface(s) under bridge mode:\n" +
		"Link: ADM - administratively down; Stby - standby\n" +
		"Speed or Duplex: (a)/A - auto; H - half; F - full\n" +
		"Type: A - access; T - trunk; H - hybrid\n" +
		"Interface            Link Speed   Duplex Type PVID Description\n"); err != nil {
		return err
	}
	return s.write(bridge)
}

// appendColumn appends s left-aligned in a column of width w and the
// space after it, as fmt's %-*s and a space: a longer s is not cut.
func appendColumn(b []byte, s string, w int) []byte {
	return padColumn(append(b, s...), len(b), w)
}

// padColumn pads the column that starts at b[start:] to width w and
// appends the space after it.
func padColumn(b []byte, start, w int) []byte {
	for n := len(b) - start; n < w; n++ {
		b = append(b, ' ')
	}
	return append(b, ' ')
}

// appendRowEnd ends the table row that starts at b[row:] with its last,
// free-width column and a newline, less trailing spaces.
func appendRowEnd(b []byte, row int, last string) []byte {
	b = append(b, last...)
	for len(b) > row && b[len(b)-1] == ' ' {
		b = b[:len(b)-1]
	}
	return append(b, '\n')
}

// writeBridgedHead writes the first lines of a layer-2 port's or a
// Bridge-Aggregation's block: its state, frame type and address,
// description.
func writeBridgedHead(b *strings.Builder, st ifState, hw string) {
	state := "DOWN"
	switch {
	case st.Shutdown:
		state = "DOWN ( Administratively )"
	case st.up:
		state = "UP"
	}
	fmt.Fprintf(b, " %s current state: %s\n", st.Name, state)
	fmt.Fprintf(b, " IP Packet Frame Type: PKTFMT_ETHNT_2, Hardware Address: %s\n", hw)
	fmt.Fprintf(b, " Description: %s\n", st.EffectiveDescription())
}

// briefSpeedDuplex is the Speed and Duplex columns: "1G(a)" "F(a)" for an
// up port that negotiated, "auto" "A" for a down one, forced values as
// set.
func briefSpeedDuplex(st ifState) (string, string) {
	speed, duplex := "auto", "A"
	if st.Kind == device.KindBAGG {
		if st.up {
			return speedWord(st.aggMbps) + "(a)", "F(a)"
		}
		return speed, duplex
	}
	if st.Speed != 0 {
		speed = speedWord(st.Speed)
	} else if st.up {
		speed = speedWord(portSpeed(st.Interface)) + "(a)"
	}
	switch {
	case st.Duplex != "":
		duplex = strings.ToUpper(st.Duplex[:1])
	case st.up:
		duplex = "F(a)"
	}
	return speed, duplex
}

func speedWord(mbps int) string {
	if mbps >= 1000 {
		return strconv.Itoa(mbps/1000) + "G"
	}
	return strconv.Itoa(mbps) + "M"
}

// cmdDisplayIPInterfaceBrief lists the layer-3 interfaces (reference §5.6).
func cmdDisplayIPInterfaceBrief(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	if err := s.printf("*down: administratively down\n(s): spoofing\n" +
		"Interface                     Physical Protocol IP Address      Description \n"); err != nil {
		return err
	}
	for _, st := range s.ifStates(&cfg, "") {
		if st.Kind.Bridged() {
			continue
		}
		phys, proto := "down", "down"
		switch {
		case st.Shutdown:
			phys = "*down"
		case st.up:
			phys, proto = "up", "up"
		}
		if !st.Shutdown && (st.Kind == device.KindNull || st.Kind == device.KindLoopBack) {
			proto = "up(s)"
		}
		ip := "unassigned"
		if len(st.Addresses) > 0 {
			ip = netip.AddrFrom4(st.Addresses[0].IP).String()
		}
		desc := st.EffectiveDescription()
		if len(desc) > 12 {
			desc = desc[:9] + "..."
		}
		if err := s.printf("%-30s%-9s%-9s%-16s%s\n", st.Name, phys, proto, ip, desc); err != nil {
			return err
		}
	}
	return nil
}

// cmdDisplayIPInterface prints the IP state of layer-3 interfaces.
func cmdDisplayIPInterface(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	only, err := interfaceArg(&cfg, a)
	if err != nil {
		return err
	}
	first := true
	for _, st := range s.ifStates(&cfg, only) {
		if st.Kind.Bridged() {
			continue
		}
		var b strings.Builder
		if !first {
			b.WriteString("\n")
		}
		first = false
		state, proto := l3State(st)
		proto = strings.ReplaceAll(proto, " ", "")
		fmt.Fprintf(&b, "%s current state: %s\nLine protocol current state: %s\n", st.Name, state, proto)
		if len(st.Addresses) > 0 {
			for _, a := range st.Addresses {
				kind := "Primary"
				if a.Sub {
					kind = "Sub"
				}
				fmt.Fprintf(&b, "Internet Address is %s/%d %s\n", netip.AddrFrom4(a.IP), a.Mask, kind)
			}
			p := st.Addresses[0].Prefix()
			bc := p.Masked().Addr().As4()
			for i := p.Bits(); i < 32; i++ {
				bc[i/8] |= 0x80 >> (i % 8)
			}
			mtu := 1500
			if st.Kind == device.KindLoopBack {
				mtu = 1536
			}
			fmt.Fprintf(&b, "Broadcast address: %s\nThe Maximum Transmit Unit: %d bytes\n", netip.AddrFrom4(bc), mtu)
			fmt.Fprintf(&b, "input packets : %d, bytes : %d, multicasts : %d\n", st.c.InPackets, st.c.InBytes, st.c.InMulticast)
			fmt.Fprintf(&b, "output packets : %d, bytes : %d, multicasts : %d\n", st.c.OutPackets, st.c.OutBytes, st.c.OutMulticast)
			fmt.Fprintf(&b, "TTL invalid packet number:         0\nICMP packet input number:          0\n")
			for _, k := range []string{"Echo reply", "Unreachable", "Source quench", "Routing redirect", "Echo request",
				"Router advert", "Router solicit", "Time exceed", "IP header bad", "Timestamp request", "Timestamp reply",
				"Information request", "Information reply", "Netmask request", "Netmask reply", "Unknown type"} {
				fmt.Fprintf(&b, "  %s%*d\n", k+":", 34-len(k)-1, 0)
			}
		}
		if err := s.printf("%s", b.String()); err != nil {
			return err
		}
	}
	return nil
}

// cmdDisplayCounters prints the inbound or outbound packet counters of
// every layer-2 port.
func cmdDisplayCounters(s *Session, a Args) error {
	cfg := s.dev.Snapshot()
	if err := s.println("Interface         Total (pkts)   Broadcast (pkts)   Multicast (pkts)  Err (pkts)"); err != nil {
		return err
	}
	in := a.Has("inbound")
	for _, st := range s.ifStates(&cfg, "") {
		if !st.Kind.Bridged() {
			continue
		}
		tot, bc, mc := st.c.OutPackets, st.c.OutBroadcast, st.c.OutMulticast
		if in {
			tot, bc, mc = st.c.InPackets, st.c.InBroadcast, st.c.InMulticast
		}
		if err := s.printf("%-11s%19d%19d%19d%12d\n", st.BriefName(), tot, bc, mc, 0); err != nil {
			return err
		}
	}
	return s.printf("\n Overflow: More than 14 digits (7 digits for column \"Err\").\n       --: Not supported.\n")
}

var displayInterfaceGroup = group{displayInterfaceCommands, helpDisplayInterface}

// writeCounterLines writes the packet counters' lines of display
// interface; inPauses follows the input lines' multicasts (", 0 pauses"
// on Ethernet ports, nothing on an aggregate).
func writeCounterLines(b *strings.Builder, c device.Counters, inPauses string) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format+"\n", a...) }
	const ind = "         "
	w(" Input (total):  %d packets, %d bytes", c.InPackets, c.InBytes)
	w(ind+"%d unicasts, %d broadcasts, %d multicasts%s", c.InUnicast, c.InBroadcast, c.InMulticast, inPauses)
	w(" Input (normal):  %d packets, - bytes", c.InPackets)
	w(ind+"%d unicasts, %d broadcasts, %d multicasts%s", c.InUnicast, c.InBroadcast, c.InMulticast, inPauses)
	w(" Input:  0 input errors, 0 runts, 0 giants, 0 throttles")
	w(ind + "0 CRC, 0 frame, - overruns, 0 aborts")
	w(ind + "- ignored, - parity errors")
	w(" Output (total): %d packets, %d bytes", c.OutPackets, c.OutBytes)
	w(ind+"%d unicasts, %d broadcasts, %d multicasts, 0 pauses", c.OutUnicast, c.OutBroadcast, c.OutMulticast)
	w(" Output (normal): %d packets, - bytes", c.OutPackets)
	w(ind+"%d unicasts, %d broadcasts, %d multicasts, 0 pauses", c.OutUnicast, c.OutBroadcast, c.OutMulticast)
	w(" Output: 0 output errors, - underruns, - buffer failures")
	w(ind + "0 aborts, 0 deferred, 0 collisions, 0 late collisions")
	w(ind + "0 lost carrier, - no carrier")
}

// writeVLANLines writes the lines under "Port link-type" of display
// interface: the VLANs the port (or aggregate) carries.
func writeVLANLines(b *strings.Builder, st ifState) {
	w := func(format string, a ...any) { fmt.Fprintf(b, format+"\n", a...) }
	switch st.LinkType {
	case device.LinkAccess:
		w("  Tagged   VLAN ID : none")
		w("  Untagged VLAN ID : %d", st.PVID)
	case device.LinkTrunk:
		b.WriteString(wrapList("  VLAN passing  : ", trunkItems(st.Interface, st.passing)))
		b.WriteString(wrapList("  VLAN permitted: ", trunkItems(st.Interface, st.Trunk)))
		w("  Trunk port encapsulation: IEEE 802.1q")
	case device.LinkHybrid:
		w("  Tagged   VLAN ID : %s", vlanListOrNone(st.HybridTagged))
		w("  Untagged VLAN ID : %s", vlanListOrNone(st.HybridUntagged))
	}
}
