package cli

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"switchemu/device"
)

// A Command is one line of a view's grammar.
//
// Syntax is a space-separated list of words. A plain word is a keyword,
// matched case-insensitively by any unique prefix. A word in braces is an
// argument, {name:spec}, where spec is one of
//
//	<lo-hi>          an integer in lo..hi
//	STRING<lo-hi>    one word of lo..hi characters
//	LINE<lo-hi>      the rest of the line, spaces included
//	A.B.C.D          an IPv4 address
//	IFNAME           any interface: "GigabitEthernet2/0/1", "g2/0/1",
//	                 "GigabitEthernet 2/0/1", "vlan 10", ...
//	ETHNAME          a layer-2 Ethernet port, written the same ways
//	IFTYPE           an interface type alone ("GigabitEthernet", "vlan"):
//	                 its value is the type's name
//
// Priv is the lowest privilege level (0-3) that sees the command.
type Command struct {
	Syntax string
	Priv   int
	Run    Handler
}

// A Handler runs one resolved command.
type Handler func(s *Session, a Args) error

type nodeKind int

const (
	kwNode     nodeKind = iota
	intNode             // <lo-hi>
	stringNode          // STRING<lo-hi>
	lineNode            // LINE<lo-hi>
	ipNode              // A.B.C.D
	ifTypeNode          // an interface type keyword, part of IFNAME
	ifNumNode           // the number after an interface type
)

// A Node is one word position of the grammar tree.
type Node struct {
	kind   nodeKind
	word   string // keyword as printed; argument spec for arguments
	name   string // argument name
	lo, hi int
	help   string
	ifType device.IfType // for ifTypeNode and ifNumNode

	display  bool // a display command ends here: output filters apply
	priv     int  // lowest level of any command through this node
	run      Handler
	runPriv  int
	children []*Node
}

// Tree is a compiled view grammar.
type Tree struct {
	root *Node
}

var argRE = regexp.MustCompile(`^\{([a-z0-9-]+):(.+)\}$`)

// MustBuild compiles commands into a tree, taking help texts from help,
// keyed by the syntax words up to and including the word they describe.
// It panics on a malformed table, like regexp.MustCompile: a bad grammar
// is a programming error that any test catches.
func MustBuild(cmds []Command, help map[string]string) *Tree {
	t := &Tree{root: &Node{priv: 99}}
	for _, c := range cmds {
		if err := t.add(c, help); err != nil {
			panic(fmt.Sprintf("cli: grammar: %q: %v", c.Syntax, err))
		}
	}
	return t
}

func (t *Tree) add(c Command, help map[string]string) error {
	words := strings.Fields(c.Syntax)
	if len(words) == 0 || c.Run == nil {
		return fmt.Errorf("empty syntax or nil handler")
	}
	nodes := []*Node{t.root}
	for i, w := range words {
		path := strings.Join(words[:i+1], " ")
		h, ok := help[path]
		if !ok {
			return fmt.Errorf("no help for %q", path)
		}
		var next []*Node
		for _, n := range nodes {
			if n.priv > c.Priv {
				n.priv = c.Priv
			}
			kids, err := n.child(w, h, c.Priv)
			if err == nil {
				err = sameNames(kids, w)
			}
			if err != nil {
				return err
			}
			next = append(next, kids...)
		}
		nodes = next
	}
	for _, n := range nodes {
		if n.priv > c.Priv {
			n.priv = c.Priv
		}
		if n.run != nil {
			return fmt.Errorf("duplicate command")
		}
		n.run, n.runPriv = c.Run, c.Priv
		n.display = words[0] == "display"
	}
	return nil
}

// child finds or makes the children of n that word w stands for. An
// interface argument stands for one type keyword per interface type, each
// followed by its number; the returned nodes are those numbers.
func (n *Node) child(w, help string, priv int) ([]*Node, error) {
	m := argRE.FindStringSubmatch(w)
	if m == nil {
		if strings.ToLower(w) != w {
			return nil, fmt.Errorf("keyword %q must be lower case", w)
		}
		return []*Node{n.find(&Node{kind: kwNode, word: w, help: help, priv: 99})}, nil
	}
	name, spec := m[1], m[2]
	switch {
	case spec == "IFTYPE":
		var out []*Node
		for _, t := range device.IfTypes() {
			tn := n.find(&Node{kind: ifTypeNode, word: t.Name, name: name, help: t.Help, ifType: t, priv: 99})
			tn.priv = min(tn.priv, priv)
			out = append(out, tn)
		}
		return out, nil
	case spec == "IFNAME" || spec == "ETHNAME":
		var out []*Node
		for _, t := range device.IfTypes() {
			if spec == "ETHNAME" && !t.Kind.Bridged() {
				continue
			}
			tn := n.find(&Node{kind: ifTypeNode, word: t.Name, name: name, help: t.Help, ifType: t, priv: 99})
			tn.priv = min(tn.priv, priv)
			// ? after a type prints "<1-4094>  Vlan-interface interface number".
			out = append(out, tn.find(&Node{kind: ifNumNode, word: t.Name, name: name, help: t.Name + " interface number", ifType: t, priv: 99}))
		}
		return out, nil
	case spec == "A.B.C.D":
		return []*Node{n.find(&Node{kind: ipNode, word: spec, name: name, help: help, priv: 99})}, nil
	}
	kind := intNode
	switch {
	case strings.HasPrefix(spec, "STRING"):
		kind, spec = stringNode, strings.TrimPrefix(spec, "STRING")
	case strings.HasPrefix(spec, "LINE"):
		kind, spec = lineNode, strings.TrimPrefix(spec, "LINE")
	}
	lo, hi, err := parseRange(spec)
	if err != nil {
		return nil, err
	}
	return []*Node{n.find(&Node{kind: kind, word: m[2], name: name, lo: lo, hi: hi, help: help, priv: 99})}, nil
}

// sameNames checks that the nodes for word w carry w's argument name: two
// commands that share a position must name its argument alike.
func sameNames(nodes []*Node, w string) error {
	m := argRE.FindStringSubmatch(w)
	if m == nil {
		return nil
	}
	for _, n := range nodes {
		if n.name != m[1] {
			return fmt.Errorf("argument %q is called %q by another command", w, n.name)
		}
	}
	return nil
}

// find returns n's child equal to c, adding c if there is none.
func (n *Node) find(c *Node) *Node {
	for _, k := range n.children {
		if k.kind == c.kind && k.word == c.word {
			return k
		}
	}
	n.children = append(n.children, c)
	return c
}

func parseRange(spec string) (lo, hi int, err error) {
	if !strings.HasPrefix(spec, "<") || !strings.HasSuffix(spec, ">") {
		return 0, 0, fmt.Errorf("bad range %q", spec)
	}
	a, b, ok := strings.Cut(spec[1:len(spec)-1], "-")
	if !ok {
		return 0, 0, fmt.Errorf("bad range %q", spec)
	}
	if lo, err = strconv.Atoi(a); err != nil {
		return 0, 0, fmt.Errorf("bad range %q: %w", spec, err)
	}
	if hi, err = strconv.Atoi(b); err != nil {
		return 0, 0, fmt.Errorf("bad range %q: %w", spec, err)
	}
	if lo > hi {
		return 0, 0, fmt.Errorf("bad range %q", spec)
	}
	return lo, hi, nil
}

// helpWord is how ? prints an argument: "INTEGER<1-4094>", "STRING<1-80>".
func (n *Node) helpWord() string {
	switch n.kind {
	case intNode:
		return fmt.Sprintf("INTEGER<%d-%d>", n.lo, n.hi)
	case stringNode, lineNode:
		return fmt.Sprintf("STRING<%d-%d>", n.lo, n.hi)
	case ipNode:
		return "X.X.X.X"
	case ifNumNode:
		if n.ifType.Numbered {
			lo, hi := ifNumberRange(n.ifType.Kind)
			return fmt.Sprintf("<%d-%d>", lo, hi)
		}
		return "<slot/subslot/port>"
	}
	return n.word
}

// ifNumberRange is the range of a numbered interface type's number.
func ifNumberRange(k device.IfKind) (lo, hi int) {
	switch k {
	case device.KindVlanIf:
		return 1, 4094
	case device.KindLoopBack:
		return 0, 1023
	case device.KindBAGG:
		return 1, 1024
	}
	return 0, 0
}
