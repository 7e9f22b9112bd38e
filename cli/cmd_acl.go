package cli

import (
	"fmt"
	"strconv"
	"strings"

	"switchemu/device"
)

// ACLs: acl number, the ACL views and their rules, display acl, reset
// acl counter. The rules' criteria are parsed in cmd_acl_rule.go; the
// model (and the match counters that the user-interface ACL check
// increments) is device/acl.go.
//
// Source: HP A5120 EI Switch Series ACL and QoS Command Reference
// (Comware 5.20, Release 2208), "ACL configuration commands": acl number
// acl-number [ name acl-name ] [ match-order { auto | config } ], 2000 to
// 2999 basic ([Sysname-acl-basic-2000]), 3000 to 3999 advanced
// ([Sysname-acl-adv-3000]), 4000 to 4999 Ethernet frame header
// ([Sysname-acl-ethernetframe-4000]), 5000 to 5999 user-defined
// ([Sysname-acl-user-5000]); acl name acl-name; undo acl { all | name
// acl-name | number acl-number }; rule [ rule-id ] { deny | permit } ...
// (rule-id 0-65534); rule rule-id comment text; description text
// (1-127); step step-value (1-20); display acl { acl-number | all | name
// acl-name }; reset acl counter { acl-number | all | name acl-name }.
// The Ethernet frame header and user-defined rules are kept as typed and
// never evaluated. Real configurations print consecutive ACLs of one
// category without "#" between them (testdata/realconfigs).
var aclSystemCommands = []Command{
	{Syntax: "acl number {n:<2000-5999>}", Priv: 2, Run: cmdACLNumber},
	{Syntax: "acl number {n:<2000-5999>} match-order auto", Priv: 2, Run: cmdACLNumber},
	{Syntax: "acl number {n:<2000-5999>} match-order config", Priv: 2, Run: cmdACLNumber},
	{Syntax: "acl number {n:<2000-5999>} name {name:STRING<1-63>}", Priv: 2, Run: cmdACLNumber},
	{Syntax: "acl number {n:<2000-5999>} name {name:STRING<1-63>} match-order auto", Priv: 2, Run: cmdACLNumber},
	{Syntax: "acl number {n:<2000-5999>} name {name:STRING<1-63>} match-order config", Priv: 2, Run: cmdACLNumber},
	{Syntax: "acl name {name:STRING<1-63>}", Priv: 2, Run: cmdACLName},
	{Syntax: "undo acl number {n:<2000-5999>}", Priv: 2, Run: cmdUndoACL},
	{Syntax: "undo acl name {name:STRING<1-63>}", Priv: 2, Run: cmdUndoACL},
	{Syntax: "undo acl all", Priv: 2, Run: cmdUndoACL},
}

var aclViewCommands = []Command{
	{Syntax: "rule permit", Priv: 2, Run: cmdACLRule},
	{Syntax: "rule deny", Priv: 2, Run: cmdACLRule},
	{Syntax: "rule permit {rest:LINE<1-400>}", Priv: 2, Run: cmdACLRule},
	{Syntax: "rule deny {rest:LINE<1-400>}", Priv: 2, Run: cmdACLRule},
	{Syntax: "rule {id:<0-65534>} permit", Priv: 2, Run: cmdACLRule},
	{Syntax: "rule {id:<0-65534>} deny", Priv: 2, Run: cmdACLRule},
	{Syntax: "rule {id:<0-65534>} permit {rest:LINE<1-400>}", Priv: 2, Run: cmdACLRule},
	{Syntax: "rule {id:<0-65534>} deny {rest:LINE<1-400>}", Priv: 2, Run: cmdACLRule},
	{Syntax: "rule {id:<0-65534>} comment {text:LINE<1-127>}", Priv: 2, Run: cmdACLComment},
	{Syntax: "undo rule {id:<0-65534>} comment", Priv: 2, Run: cmdACLComment},
	{Syntax: "undo rule {id:<0-65534>}", Priv: 2, Run: cmdACLUndoRule},
	{Syntax: "undo rule {id:<0-65534>} {rest:LINE<1-400>}", Priv: 2, Run: cmdACLUndoRule},
	{Syntax: "description {text:LINE<1-127>}", Priv: 2, Run: cmdACLDescription},
	{Syntax: "undo description", Priv: 2, Run: cmdACLDescription},
	{Syntax: "step {n:<1-20>}", Priv: 2, Run: cmdACLStep},
	{Syntax: "undo step", Priv: 2, Run: cmdACLStep},
}

var aclUserCommands = []Command{
	{Syntax: "reset acl counter all", Priv: 2, Run: cmdResetACLCounter},
	{Syntax: "reset acl counter {n:<2000-5999>}", Priv: 2, Run: cmdResetACLCounter},
	{Syntax: "reset acl counter name {name:STRING<1-63>}", Priv: 2, Run: cmdResetACLCounter},
}

var aclDisplayCommands = []Command{
	{Syntax: "display acl all", Priv: 1, Run: cmdDisplayACL},
	{Syntax: "display acl {n:<2000-5999>}", Priv: 1, Run: cmdDisplayACL},
	{Syntax: "display acl name {name:STRING<1-63>}", Priv: 1, Run: cmdDisplayACL},
}

var helpACL = map[string]string{
	"acl":                                                                    "Specify acl configuration information",
	"acl number":                                                             "Specify a numbered acl",
	"acl number {n:<2000-5999>}":                                             "Specify a basic acl (2000-2999), an advanced acl (3000-3999), an ethernet frame header acl (4000-4999) or a user-defined acl (5000-5999)",
	"acl number {n:<2000-5999>} name":                                        "Specify the name of an acl",
	"acl number {n:<2000-5999>} match-order":                                 "Set an acl's match order",
	"acl number {n:<2000-5999>} match-order auto":                            "Automatic order (depth-first)",
	"acl number {n:<2000-5999>} match-order config":                          "User configured order",
	"acl number {n:<2000-5999>} name {name:STRING<1-63>}":                    "Acl name (1 to 63 characters)",
	"acl number {n:<2000-5999>} name {name:STRING<1-63>} match-order":        "Set an acl's match order",
	"acl number {n:<2000-5999>} name {name:STRING<1-63>} match-order auto":   "Automatic order (depth-first)",
	"acl number {n:<2000-5999>} name {name:STRING<1-63>} match-order config": "User configured order",
	"acl name":                          "Specify a named acl",
	"acl name {name:STRING<1-63>}":      "Acl name (1 to 63 characters)",
	"undo acl":                          "Specify acl configuration information",
	"undo acl number":                   "Specify a numbered acl",
	"undo acl number {n:<2000-5999>}":   "Acl number",
	"undo acl name":                     "Specify a named acl",
	"undo acl name {name:STRING<1-63>}": "Acl name (1 to 63 characters)",
	"undo acl all":                      "All acls",
}

var helpACLView = map[string]string{

	"rule":                           "Specify an acl rule",
	"rule permit":                    "Specify matched packet permitted",
	"rule deny":                      "Specify matched packet denied",
	"rule permit {rest:LINE<1-400>}": "Match criteria of the rule",
	"rule deny {rest:LINE<1-400>}":   "Match criteria of the rule",
	"rule {id:<0-65534>}":            "ID of acl rule",
	"rule {id:<0-65534>} permit":     "Specify matched packet permitted",
	"rule {id:<0-65534>} deny":       "Specify matched packet denied",
	"rule {id:<0-65534>} permit {rest:LINE<1-400>}":  "Match criteria of the rule",
	"rule {id:<0-65534>} deny {rest:LINE<1-400>}":    "Match criteria of the rule",
	"rule {id:<0-65534>} comment":                    "Specify a comment for the rule",
	"rule {id:<0-65534>} comment {text:LINE<1-127>}": "Comment text (1 to 127 characters)",
	"undo rule":                                   "Specify an acl rule",
	"undo rule {id:<0-65534>}":                    "ID of acl rule",
	"undo rule {id:<0-65534>} comment":            "Specify a comment for the rule",
	"undo rule {id:<0-65534>} {rest:LINE<1-400>}": "Criteria to remove from the rule",
	"description":                                 "Specify the acl description",
	"description {text:LINE<1-127>}":              "Description text (1 to 127 characters)",
	"undo description":                            "Specify the acl description",
	"step":                                        "Specify step of acl sub rule ID",
	"step {n:<1-20>}":                             "Step value",
	"undo step":                                   "Specify step of acl sub rule ID",
}

var helpACLUser = map[string]string{
	"reset":                             "Reset operation",
	"reset acl":                         "Specify acl configuration information",
	"reset acl counter":                 "Clear the acl rule statistics",
	"reset acl counter all":             "All acls",
	"reset acl counter {n:<2000-5999>}": "Acl number",
	"reset acl counter name":            "Specify a named acl",
	"reset acl counter name {name:STRING<1-63>}": "Acl name (1 to 63 characters)",
}

var helpACLDisplay = map[string]string{

	"display acl":                          "Specify acl configuration information",
	"display acl all":                      "All acls",
	"display acl {n:<2000-5999>}":          "Acl number",
	"display acl name":                     "Specify a named acl",
	"display acl name {name:STRING<1-63>}": "Acl name (1 to 63 characters)",
}

var (
	aclSystemGroup  = group{aclSystemCommands, helpACL}
	aclViewGroup    = group{aclViewCommands, helpACLView}
	aclUserGroup    = group{aclUserCommands, helpACLUser}
	aclDisplayGroup = group{aclDisplayCommands, helpACLDisplay}
)

// The device's words for refused ACL changes [U: not in the references
// read; worded as the V5 "Error:" lines are].
const (
	msgACLNotExist      = " Error: The ACL does not exist."
	msgACLNameUsed      = " Error: The ACL name has been used by another ACL."
	msgACLNameDiffers   = " Error: The name of an existing ACL can't be set or changed."
	msgACLHasRules      = " Error: The match-order can't be changed because the ACL contains rules."
	msgRuleExists       = " Error: The rule already exists."
	msgRuleNotExist     = " Error: The rule does not exist."
	msgRuleAutoModify   = " Error: A rule of an ACL whose match-order is auto can't be modified."
	msgRuleIDExhausted  = " Error: The rule ID exceeds the maximum, please specify one."
	msgACLNotExistShown = " The ACL does not exist."
)

// aclPrompt is the ACL view's prompt suffix.
func aclPrompt(n int) string { return "acl-" + device.ACLKind(n) + "-" + strconv.Itoa(n) }

func cmdACLNumber(s *Session, a Args) error {
	n := a.Int("n")
	name := a.Str("name")
	order := ""
	switch {
	case a.Has("auto"):
		order = device.MatchAuto
	case a.Has("config"):
		order = device.MatchConfig
	}
	if err := s.dev.Update(func(c *device.Config) error {
		if name != "" {
			if other := c.ACLByName(name); other != 0 && other != n {
				return userError(msgACLNameUsed)
			}
		}
		acl, ok := c.ACLs[n]
		if !ok {
			acl = device.ACL{Number: n, Name: name}
		}
		// "After creating an ACL, you cannot specify a name for it, nor
		// can you change or remove its name" (H3C S5810 Operation Manual,
		// "IPv4 ACL naming").
		if ok && name != "" && !strings.EqualFold(acl.Name, name) {
			return userError(msgACLNameDiffers)
		}
		if order != "" {
			cur := acl.MatchOrder
			if cur == "" {
				cur = device.MatchConfig
			}
			if cur != order && len(acl.Rules) > 0 {
				return userError(msgACLHasRules)
			}
			acl.MatchOrder = order
			if order == device.MatchConfig {
				acl.MatchOrder = ""
			}
		}
		c.ACLs[n] = acl
		return nil
	}); err != nil {
		return err
	}
	s.push(frame{kind: viewACL, acl: n})
	return nil
}

func cmdACLName(s *Session, a Args) error {
	cfg := s.dev.View()
	n := cfg.ACLByName(a.Str("name"))
	if n == 0 {
		return userError(msgACLNotExist)
	}
	s.push(frame{kind: viewACL, acl: n})
	return nil
}

func cmdUndoACL(s *Session, a Args) error {
	return s.dev.Update(func(c *device.Config) error {
		switch {
		case a.Has("all"):
			clear(c.ACLs)
			return nil
		case a.Has("name"):
			n := c.ACLByName(a.Str("name"))
			if n == 0 {
				return userError(msgACLNotExist)
			}
			delete(c.ACLs, n)
			return nil
		}
		n := a.Int("n")
		if _, ok := c.ACLs[n]; !ok {
			return userError(msgACLNotExist)
		}
		delete(c.ACLs, n)
		return nil
	})
}

// updateACL changes the ACL of the current view.
func (s *Session) updateACL(fn func(acl *device.ACL) error) error {
	n := s.cur().acl
	return s.dev.Update(func(c *device.Config) error {
		acl, ok := c.ACLs[n]
		if !ok {
			return userError(msgACLNotExist)
		}
		acl = acl.Clone()
		if err := fn(&acl); err != nil {
			return err
		}
		if len(acl.Rules) == 0 {
			acl.Rules = nil
		}
		c.ACLs[n] = acl
		return nil
	})
}

// ruleSpecOf parses a stored rule's text back into its criteria.
func ruleSpecOf(kind, text string) aclRuleSpec {
	r, _ := parseACLRule(kind, text, 0, len(text))
	return r
}

func cmdACLRule(s *Session, a Args) error {
	n := s.cur().acl
	kind := device.ACLKind(n)
	rest, hasRest := a.Get("rest")
	permit := a.Has("permit")
	ip := kind == "basic" || kind == "adv"
	var spec aclRuleSpec
	if ip && hasRest {
		var err error
		if spec, err = parseACLRule(kind, rest.Value, rest.Pos, len(strings.TrimRight(a.Line, " "))+1); err != nil {
			return err
		}
	}
	if kind == "adv" && !hasRest {
		// An advanced rule names its protocol.
		return &ParseError{Kind: Incomplete, Pos: len(strings.TrimRight(a.Line, " ")) + 1}
	}
	id, hasID := a.Get("id")
	return s.updateACL(func(acl *device.ACL) error {
		rule := device.ACLRule{Permit: permit}
		at := -1
		if hasID {
			rule.ID, _ = strconv.Atoi(id.Value)
			at = acl.Rule(rule.ID)
		} else if rule.ID = acl.NextRuleID(); rule.ID < 0 {
			return userError(msgRuleIDExhausted)
		}
		switch {
		case at >= 0 && acl.MatchOrder == device.MatchAuto:
			return userError(msgRuleAutoModify)
		case at >= 0 && ip:
			spec = spec.merge(ruleSpecOf(kind, acl.Rules[at].Text))
			rule.Comment = acl.Rules[at].Comment
		case at >= 0:
			rule.Comment = acl.Rules[at].Comment
		}
		if ip {
			rule.Text, rule.Match = spec.text(), spec.match()
		} else {
			rule.Text = strings.Join(strings.Fields(rest.Value), " ")
		}
		for i, r := range acl.Rules {
			if i != at && r.Permit == rule.Permit && r.Text == rule.Text {
				return userError(msgRuleExists)
			}
		}
		if at >= 0 {
			acl.Rules[at] = rule
		} else {
			acl.Rules = append(acl.Rules, rule)
		}
		return nil
	})
}

func cmdACLComment(s *Session, a Args) error {
	id := a.Int("id")
	text := a.Str("text")
	return s.updateACL(func(acl *device.ACL) error {
		at := acl.Rule(id)
		if at < 0 {
			return userError(msgRuleNotExist)
		}
		acl.Rules[at].Comment = text
		return nil
	})
}

func cmdACLUndoRule(s *Session, a Args) error {
	id := a.Int("id")
	kind := device.ACLKind(s.cur().acl)
	rest, hasRest := a.Get("rest")
	end := len(strings.TrimRight(a.Line, " ")) + 1
	return s.updateACL(func(acl *device.ACL) error {
		at := acl.Rule(id)
		if at < 0 {
			return userError(msgRuleNotExist)
		}
		if !hasRest {
			acl.Rules = append(acl.Rules[:at], acl.Rules[at+1:]...)
			return nil
		}
		if kind != "basic" && kind != "adv" {
			return &ParseError{Kind: Unrecognized, Pos: rest.Pos}
		}
		spec, err := ruleSpecOf(kind, acl.Rules[at].Text).unset(kind, rest.Value, rest.Pos, end)
		if err != nil {
			return err
		}
		acl.Rules[at].Text, acl.Rules[at].Match = spec.text(), spec.match()
		return nil
	})
}

func cmdACLDescription(s *Session, a Args) error {
	text := a.Str("text")
	return s.updateACL(func(acl *device.ACL) error {
		acl.Description = text
		return nil
	})
}

func cmdACLStep(s *Session, a Args) error {
	step := a.Int("n")
	return s.updateACL(func(acl *device.ACL) error {
		acl.Step = step
		if step == device.DefaultACLStep {
			acl.Step = 0
		}
		return nil
	})
}

// aclsNamed are the ACL numbers a display or reset command names: one, a
// named one, or all.
func aclsNamed(c device.Config, a Args) ([]int, error) {
	switch {
	case a.Has("all"):
		return c.SortedACLs(), nil
	case a.Has("name"):
		if n := c.ACLByName(a.Str("name")); n != 0 {
			return []int{n}, nil
		}
		return nil, userError(msgACLNotExistShown)
	}
	n := a.Int("n")
	if _, ok := c.ACLs[n]; !ok {
		return nil, userError(msgACLNotExistShown)
	}
	return []int{n}, nil
}

func cmdResetACLCounter(s *Session, a Args) error {
	if a.Has("all") {
		s.dev.ResetACLCounters(0)
		return nil
	}
	ns, err := aclsNamed(s.dev.View(), a)
	if err != nil {
		return err
	}
	s.dev.ResetACLCounters(ns[0])
	return nil
}

// aclTitles are the categories as display acl names them. Basic and
// advanced: 3Com 4500G Configuration Manual, "Basic ACL  2000, named
// -none-, 1 rule,"; the others [U].
var aclTitles = map[string]string{"basic": "Basic", "adv": "Advanced", "ethernetframe": "Ethernet frame", "user": "User defined"}

// cmdDisplayACL prints ACLs in the device's layout (3Com 4500G Family
// Configuration Manual, Comware 5.20, "display acl 2000"):
//
//	Basic ACL  2000, named -none-, 1 rule,
//	ACL's step is 5
//	 rule 0 deny source 1.1.1.1 0 (5 times matched)
//
// with ", match-order is auto," and the description on a line of its own
// [U: from the field list of the V5 references]; "(0 times matched)" as
// in the H3C S5500-SI operation manual's example; a blank line between
// ACLs [U].
func cmdDisplayACL(s *Session, a Args) error {
	cfg := s.dev.View()
	ns, err := aclsNamed(cfg, a)
	if err != nil {
		return err
	}
	var b strings.Builder
	for i, n := range ns {
		if i > 0 {
			b.WriteString("\n")
		}
		acl := cfg.ACLs[n]
		name := acl.Name
		if name == "" {
			name = "-none-"
		}
		rules := "rule"
		if len(acl.Rules) != 1 {
			rules = "rules"
		}
		fmt.Fprintf(&b, "%s ACL  %d, named %s, %d %s,", aclTitles[device.ACLKind(n)], n, name, len(acl.Rules), rules)
		if acl.MatchOrder == device.MatchAuto {
			b.WriteString(" match-order is auto,")
		}
		b.WriteString("\n")
		if acl.Description != "" {
			b.WriteString(acl.Description + "\n")
		}
		fmt.Fprintf(&b, "ACL's step is %d\n", acl.StepOrDefault())
		hits := s.dev.ACLMatches(n)
		for _, r := range acl.Ordered() {
			fmt.Fprintf(&b, " %s (%d times matched)\n", ruleLine(r), hits[r.ID])
			if r.Comment != "" {
				fmt.Fprintf(&b, " rule %d comment %s\n", r.ID, r.Comment)
			}
		}
	}
	return s.printf("%s", b.String())
}

// ruleLine is a rule as the configuration prints it, without indentation.
func ruleLine(r device.ACLRule) string {
	act := "deny"
	if r.Permit {
		act = "permit"
	}
	line := fmt.Sprintf("rule %d %s", r.ID, act)
	if r.Text != "" {
		line += " " + r.Text
	}
	return line
}

// renderACL prints one ACL's section.
func renderACL(acl device.ACL) string {
	var b strings.Builder
	fmt.Fprintf(&b, "acl number %d", acl.Number)
	if acl.Name != "" {
		b.WriteString(" name " + acl.Name)
	}
	if acl.MatchOrder == device.MatchAuto {
		b.WriteString(" match-order auto")
	}
	b.WriteString("\n")
	if acl.Description != "" {
		fmt.Fprintf(&b, " description %s\n", acl.Description)
	}
	if acl.Step != 0 {
		fmt.Fprintf(&b, " step %d\n", acl.Step) // [U] position
	}
	for _, r := range acl.Ordered() {
		b.WriteString(" " + ruleLine(r) + "\n")
		if r.Comment != "" {
			fmt.Fprintf(&b, " rule %d comment %s\n", r.ID, r.Comment)
		}
	}
	return b.String()
}

// renderACLs prints every ACL, those of one category together and a "#"
// after each category (the HP 5500 EI configuration in
// testdata/realconfigs).
func renderACLs(cfg device.Config) string {
	var b strings.Builder
	last := ""
	for _, n := range cfg.SortedACLs() {
		if k := device.ACLKind(n); k != last {
			if last != "" {
				b.WriteString("#\n")
			}
			last = k
		}
		b.WriteString(renderACL(cfg.ACLs[n]))
	}
	if last != "" {
		b.WriteString("#\n")
	}
	return b.String()
}
