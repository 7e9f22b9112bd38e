package cli

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"switchemu/device"
)

// Configuration-only commands: commands whose whole effect is their line
// in the configuration. A feature declares them as data (a confFeature);
// the engine here turns the declarations into grammar, stores their lines
// in device.Config.Extra in the device's order, renders them in place,
// removes them with their undo forms, and enters the sub-views they
// declare (dhcp server ip-pool, acl number, ospf, ...). Parameter ranges
// are checked by the grammar as for any command, so a bad value gets the
// device's caret error.
//
// Syntax is the grammar's (see Command) with two additions, expanded into
// one Command per form:
//
//	[ words ]        optional words
//	( a | b c )      one of the alternatives
//
// A line's words are the keywords as declared and the arguments as typed
// (interface names canonical); that is the line stored and printed.

// A confCmd declares one configuration-only command.
type confCmd struct {
	Syntax string
	// Undo lists the undo forms. Running one removes this command's lines
	// that contain the form's words (after "undo") in order. Default:
	// "undo" and the leading keywords; for a syntax that starts with
	// "undo" (a default turned off), the syntax without "undo".
	Undo []string
	// Key is how many leading words name the setting: a new line
	// replaces the old one with the same key. 0 = the leading keywords;
	// -1 = the whole line (a list: each distinct line is kept).
	Key int
	// Group names the "#"-separated block a global line is printed in;
	// default the feature's name. A group named like a modelled block
	// ("info-center", "ssh") joins that block.
	Group string
	// At says where the line is printed among the modelled lines of its
	// section: for global lines and sub-view sections one of the anchors
	// of renderConfig (confAnchors), for interfaces "start",
	// "description", "port", "settings" (default) or "end", for
	// user-interfaces "start" or "end" (default).
	At string
	// Family names the commands that set the same thing, so that a line
	// of one replaces a line of another with the same key once a leading
	// "undo" is dropped ("irf link-delay 200" and "undo irf link-delay").
	// Default: the command alone.
	Family string
	// More, if set, completes a typed line's words in a dialog (a banner
	// typed over several lines); replay never calls it.
	More func(s *Session, words []string) ([]string, error)
	// Valid, if set, checks the line's words beyond the grammar; a line
	// it refuses gets the wrong-parameter caret under its last argument.
	Valid func(words []string) bool
	// On limits an interface command to "port" (layer-2 ports) or "l3"
	// (VLAN interfaces, loopbacks); "" = any interface.
	On string

	rank int    // set by the builder: declaration order
	id   string // set by the builder: unique name of the declaration
}

// A confView declares a sub-view and the configuration-only commands in
// it. Its sections are printed at column 0 (nested ones indented one more
// space per level), header first.
type confView struct {
	Kind   string // unique name, e.g. "dhcp-pool"
	Header string // syntax of the command that enters it
	// Key is how many words of the header name the section (so that
	// "ospf 1 router-id 1.1.1.1" and "ospf 1" enter the same one); 0 =
	// through the first argument.
	Key int
	// Canon rewrites the header's words before use, e.g. "ospf" → "ospf 1".
	Canon func(words []string) []string
	// Undo lists the undo forms of the header: they remove the section.
	// Default "undo" and the header's key part.
	Undo []string
	// Prompt is the prompt suffix for a header's words.
	Prompt func(words []string) string
	Title  string // what ? prints above the view's commands
	At     string // anchor in renderConfig; "" = "vlan"
	// Joined: consecutive sections of this kind have no "#" between
	// them (acl number, traffic classifier, qos policy).
	Joined bool
	// Sorted: the section keeps its lines in alphabetical order (an NQA
	// test type's settings).
	Sorted bool
	Cmds   []confCmd
	Views  []confView // nested sub-views

	rank int
	id   string
}

// A confFeature is one feature's configuration-only commands.
type confFeature struct {
	Name   string
	Global []confCmd  // system view
	Iface  []confCmd  // interface view
	UI     []confCmd  // user-interface view
	VLAN   []confCmd  // VLAN view
	Views  []confView // sub-views entered from system view
	Help   map[string]string
}

// confAction is what one grammar form of a configuration-only command
// does.
type confAction struct {
	store   *confCmd  // store the line
	remove  *confCmd  // remove lines of this command that match
	enter   *confView // enter (and make) a section
	unsect  *confView // remove a section
	view    string    // the view the action was declared in: "system", "interface", "ui" or a kind
	formLen int       // words of the form before expansion of an undo: for matching
}

// confIndex holds every declaration, compiled once.
type confIndex struct {
	cmds  map[string]*confCmd  // by id
	views map[string]*confView // by kind
	// forms per view: syntax -> actions
	forms map[string]map[string][]confAction
	order []string // views in declaration order
	help  map[string]string
	trees map[string]*Tree // sub-view trees by kind
}

// confHelpFallback is the help of a word that no declaration documents.
func confHelpFallback(path string) string {
	words := strings.Fields(path)
	w := words[len(words)-1]
	if m := argRE.FindStringSubmatch(w); m != nil {
		switch {
		case strings.HasPrefix(m[2], "STRING"), strings.HasPrefix(m[2], "LINE"):
			return "String"
		case m[2] == "A.B.C.D":
			return "IP address"
		case m[2] == "IFNAME" || m[2] == "ETHNAME":
			return "Interface number"
		}
		return "Value"
	}
	return strings.ToUpper(w[:1]) + strings.ReplaceAll(w[1:], "-", " ")
}

// expandSyntax expands [optional] and (a|b) groups into plain syntaxes.
func expandSyntax(syntax string) ([]string, error) {
	r := strings.NewReplacer("[", " [ ", "]", " ] ", "(", " ( ", ")", " ) ", "|", " | ")
	toks := strings.Fields(r.Replace(syntax))
	i := 0
	var seq func(stop string) ([][]string, error)
	seq = func(stop string) ([][]string, error) {
		// alternatives separated by | until stop
		var alts [][]string
		cur := [][]string{{}}
		for i < len(toks) {
			t := toks[i]
			switch t {
			case "|":
				i++
				alts = append(alts, cur...)
				cur = [][]string{{}}
				continue
			case "]", ")":
				if t != stop {
					return nil, fmt.Errorf("unbalanced %q", t)
				}
				i++
				return append(alts, cur...), nil
			case "[", "(":
				i++
				close := "]"
				if t == "(" {
					close = ")"
				}
				sub, err := seq(close)
				if err != nil {
					return nil, err
				}
				if t == "[" {
					sub = append([][]string{{}}, sub...)
				}
				var next [][]string
				for _, c := range cur {
					for _, s := range sub {
						next = append(next, append(slices.Clone(c), s...))
					}
				}
				cur = next
				continue
			}
			for k := range cur {
				cur[k] = append(cur[k], t)
			}
			i++
		}
		if stop != "" {
			return nil, fmt.Errorf("missing %q", stop)
		}
		return append(alts, cur...), nil
	}
	forms, err := seq("")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range forms {
		if len(f) > 0 {
			out = append(out, strings.Join(f, " "))
		}
	}
	return out, nil
}

// confLeadingKeywords is the number of keywords before a syntax's first
// argument or group.
func confLeadingKeywords(syntax string) int {
	n := 0
	for _, w := range strings.Fields(syntax) {
		if strings.ContainsAny(w, "{[(") {
			break
		}
		n++
	}
	return n
}

// defaultUndo is the undo form of a command that declares none.
func defaultUndo(syntax string) []string {
	if rest, ok := strings.CutPrefix(syntax, "undo "); ok {
		return []string{rest}
	}
	words := strings.Fields(syntax)
	return []string{"undo " + strings.Join(words[:max(1, confLeadingKeywords(syntax))], " ")}
}

// buildConfIndex compiles the features' declarations.
func buildConfIndex(features []confFeature) *confIndex {
	x := &confIndex{
		cmds:  map[string]*confCmd{},
		views: map[string]*confView{},
		forms: map[string]map[string][]confAction{},
		help:  map[string]string{},
		trees: map[string]*Tree{},
	}
	rank := 0
	add := func(view, syntax string, a confAction) {
		forms, err := expandSyntax(syntax)
		if err != nil {
			panic(fmt.Sprintf("cli: config-only %q: %v", syntax, err))
		}
		if x.forms[view] == nil {
			x.forms[view] = map[string][]confAction{}
			x.order = append(x.order, view)
		}
		for _, f := range forms {
			x.forms[view][f] = append(x.forms[view][f], a)
		}
	}
	var addCmds func(feature, view string, cmds []confCmd)
	addCmds = func(feature, view string, cmds []confCmd) {
		for i := range cmds {
			c := &cmds[i]
			rank++
			c.rank = rank
			c.id = view + ":" + c.Syntax
			if c.Family == "" {
				c.Family = c.id
			} else {
				c.Family = view + ":" + c.Family
			}
			if c.Group == "" {
				c.Group = feature
			}
			x.cmds[c.id] = c
			add(view, c.Syntax, confAction{store: c, view: view})
			undo := c.Undo
			if undo == nil {
				undo = defaultUndo(c.Syntax)
			}
			for _, u := range undo {
				add(view, u, confAction{remove: c, view: view})
			}
		}
	}
	var addViews func(feature, parent string, views []confView)
	addViews = func(feature, parent string, views []confView) {
		for i := range views {
			v := &views[i]
			rank++
			v.rank = rank
			v.id = v.Kind
			if v.At == "" {
				v.At = "vlan"
			}
			if _, dup := x.views[v.Kind]; dup {
				panic("cli: config-only view declared twice: " + v.Kind)
			}
			x.views[v.Kind] = v
			add(parent, v.Header, confAction{enter: v, view: parent})
			undo := v.Undo
			if undo == nil {
				words := strings.Fields(v.Header)
				k := v.Key
				if k == 0 {
					k = min(len(words), confLeadingKeywords(v.Header)+1)
				}
				undo = []string{"undo " + strings.Join(words[:k], " ")}
			}
			for _, u := range undo {
				add(parent, u, confAction{unsect: v, view: parent})
			}
			if x.forms[v.Kind] == nil {
				x.forms[v.Kind] = map[string][]confAction{}
				x.order = append(x.order, v.Kind)
			}
			addCmds(feature, v.Kind, v.Cmds)
			addViews(feature, v.Kind, v.Views)
		}
	}
	for i := range features {
		f := &features[i]
		addCmds(f.Name, "system", f.Global)
		addCmds(f.Name, "interface", f.Iface)
		addCmds(f.Name, "ui", f.UI)
		addCmds(f.Name, "vlan", f.VLAN)
		addViews(f.Name, "system", f.Views)
		maps.Copy(x.help, f.Help)
	}
	return x
}

// group returns the grammar of one view's configuration-only forms, with
// help for every word: the modelled help where there is one (given in
// known), else the features' help by path or by last word, else a
// fallback.
func (x *confIndex) group(view string, known map[string]string) group {
	g := group{help: map[string]string{}}
	for _, syntax := range slices.Sorted(maps.Keys(x.forms[view])) {
		acts := x.forms[view][syntax]
		g.cmds = append(g.cmds, Command{Syntax: syntax, Priv: 2, Run: confRunner(acts)})
		words := strings.Fields(syntax)
		for i := range words {
			path := strings.Join(words[:i+1], " ")
			if _, ok := known[path]; ok {
				continue
			}
			if _, ok := g.help[path]; ok {
				continue
			}
			h, ok := x.help[view+":"+path]
			if !ok {
				h, ok = x.help[path]
			}
			if !ok {
				h, ok = x.help[words[i]]
			}
			if !ok && i > 0 && words[0] == "undo" {
				h, ok = x.help[strings.Join(words[1:i+1], " ")]
			}
			if !ok {
				h = confHelpFallback(path)
			}
			g.help[path] = h
		}
	}
	return g
}

// confRunner is the handler of one grammar form.
func confRunner(acts []confAction) Handler {
	// Removals first: a form that both removes a setting's opposite and
	// stores its own line must keep its line.
	acts = slices.Clone(acts)
	slices.SortStableFunc(acts, func(x, y confAction) int {
		rank := func(a confAction) int {
			if a.remove != nil || a.unsect != nil {
				return 0
			}
			return 1
		}
		return rank(x) - rank(y)
	})
	return func(s *Session, a Args) error {
		for _, act := range acts {
			if err := s.confRun(act, a); err != nil {
				return err
			}
		}
		return nil
	}
}

// lineWords are the words of a resolved command as the device prints
// them. A word with spaces is quoted, but for the last one: a LINE
// argument, the rest of the line as typed.
func lineWords(a Args) []string {
	var out []string
	for i, w := range a.Words {
		if w.Value == "" {
			continue
		}
		if !w.Keyword && i < len(a.Words)-1 && strings.ContainsAny(w.Value, " \t") {
			out = append(out, "\""+w.Value+"\"")
			continue
		}
		out = append(out, w.Value)
	}
	return out
}

// confPaths are the sections a command of the current view stores in.
func (s *Session) confPaths(view string) ([]string, bool) {
	f := s.cur()
	switch view {
	case "system":
		return []string{""}, true
	case "interface":
		return []string{"interface " + f.iface}, true
	case "vlan":
		return []string{"vlan " + strconv.Itoa(f.vlan)}, true
	case "ui":
		if f.uiAux {
			return []string{"user-interface aux 0"}, true
		}
		var out []string
		for n := f.uiFrom; n <= f.uiTo; n++ {
			out = append(out, "user-interface vty "+strconv.Itoa(n))
		}
		return out, true
	}
	return []string{f.path}, f.kind == viewConf
}

func (s *Session) confRun(act confAction, a Args) error {
	paths, ok := s.confPaths(act.view)
	if !ok {
		return fmt.Errorf("cli: config-only command of view %q run in another", act.view)
	}
	words := lineWords(a)
	switch {
	case act.store != nil:
		c := act.store
		if c.On != "" && s.cur().kind == viewInterface {
			cfg := s.dev.Snapshot()
			ifc := cfg.Interfaces[s.cur().iface]
			if c.On == "port" && !ifc.Kind.Bridged() || c.On == "l3" && ifc.Layer2() {
				return &ParseError{Kind: Unrecognized, Pos: a.Words[0].Pos}
			}
		}
		if c.More != nil && !s.replay {
			var err error
			if words, err = c.More(s, words); err != nil {
				return err
			}
		}
		if c.Valid != nil && !c.Valid(words) {
			return &ParseError{Kind: WrongParam, Pos: a.Words[len(a.Words)-1].Pos}
		}
		text := strings.Join(words, " ")
		bare := words
		if len(bare) > 0 && bare[0] == "undo" {
			bare = bare[1:]
		}
		k := c.Key
		if k == 0 {
			k = confLeadingKeywords(strings.TrimPrefix(c.Syntax, "undo "))
		}
		key := strings.Join(bare, " ")
		exact := k < 0 || k >= len(bare)
		if !exact {
			key = strings.Join(bare[:k], " ")
		}
		same := func(l device.ExtraLine) bool {
			o := confViews.cmds[l.Decl]
			if o == nil || o.Family != c.Family {
				return false
			}
			t := strings.TrimPrefix(l.Text, "undo ")
			if exact {
				return t == key
			}
			return t == key || strings.HasPrefix(t, key+" ")
		}
		sorted := false
		if v := confViews.views[act.view]; v != nil && v.Sorted {
			sorted = true
		}
		return s.dev.Update(func(cfg *device.Config) error {
			for _, p := range paths {
				cfg.Extra.Set(p, device.ExtraLine{Decl: c.id, Rank: c.rank, Text: text}, same)
				if sorted {
					cfg.Extra.SortLines(p)
				}
			}
			return nil
		})
	case act.remove != nil:
		c := act.remove
		pattern := words
		if len(pattern) > 0 && pattern[0] == "undo" {
			pattern = pattern[1:]
		}
		if n := len(pattern); n > 1 && pattern[n-1] == "disable" {
			pattern = pattern[:n-1] // "domain default disable" undoes "domain default enable NAME"
		}
		match := func(l device.ExtraLine) bool {
			if o := confViews.cmds[l.Decl]; o == nil || o.Family != c.Family {
				return false
			}
			w := strings.Fields(strings.TrimPrefix(l.Text, "undo "))
			return len(w) > 0 && len(pattern) > 0 && w[0] == pattern[0] && subsequence(pattern, w)
		}
		return s.dev.Update(func(cfg *device.Config) error {
			for _, p := range paths {
				cfg.Extra.Remove(p, match)
			}
			return nil
		})
	case act.enter != nil:
		v := act.enter
		if v.Canon != nil {
			words = v.Canon(words)
		}
		k := v.Key
		if k == 0 {
			k = min(len(words), confLeadingKeywords(v.Header)+1)
		}
		parent := paths[0]
		path := strings.Join(words[:min(k, len(words))], " ")
		if parent != "" {
			path = parent + "\n" + path
		}
		header := strings.Join(words, " ")
		err := s.dev.Update(func(cfg *device.Config) error {
			cfg.Extra.Ensure(path, v.Kind, header, v.rank)
			return nil
		})
		if err != nil {
			return err
		}
		prompt := v.Kind
		if v.Prompt != nil {
			prompt = v.Prompt(words)
		}
		if cur := s.cur(); cur.kind == viewConf {
			prompt = cur.prompt + "-" + prompt // [Sysname-ospf-1-area-0.0.0.0]
		}
		s.push(frame{kind: viewConf, conf: v.Kind, path: path, prompt: prompt})
		return nil
	case act.unsect != nil:
		v := act.unsect
		w := words
		if len(w) > 0 && w[0] == "undo" {
			w = w[1:]
		}
		if v.Canon != nil {
			w = v.Canon(w)
		}
		path := strings.Join(w, " ")
		if paths[0] != "" {
			path = paths[0] + "\n" + path
		}
		return s.dev.Update(func(cfg *device.Config) error {
			cfg.Extra.RemoveSection(path)
			return nil
		})
	}
	return nil
}

// subsequence reports whether every word of p appears in w in order.
func subsequence(p, w []string) bool {
	i := 0
	for _, x := range w {
		if i < len(p) && strings.EqualFold(p[i], x) {
			i++
		}
	}
	return i == len(p)
}

// tree is the grammar of a frame's view.
func (f frame) tree() *Tree {
	if f.kind == viewConf {
		return confViews.trees[f.conf]
	}
	return compiledViews[f.kind]
}

// confViews holds every configuration-only declaration, compiled.
// The sub-view trees are built in init: they hold the commands of every
// view, whose handlers refer back to the configuration renderer.
var confViews = buildConfIndex(confFeatures)

func init() { buildConfTrees(confViews) }

// confGroup returns the configuration-only grammar of a modelled view.
func confGroup(kind viewKind, known map[string]string) (group, bool) {
	switch kind {
	case viewSystem:
		return confViews.group("system", known), true
	case viewInterface:
		return confViews.group("interface", known), true
	case viewUI:
		return confViews.group("ui", known), true
	case viewVLAN:
		return confViews.group("vlan", known), true
	}
	return group{}, false
}

// buildConfTrees compiles the grammar of every sub-view: its own commands,
// the sub-views it enters, and the commands of every view.
func buildConfTrees(x *confIndex) {
	for _, kind := range x.order {
		if _, ok := x.views[kind]; !ok {
			continue
		}
		all := append([]group{x.group(kind, nil)}, anyView...)
		all = append(all, returnGroup)
		var cmds []Command
		help := map[string]string{}
		for _, g := range all {
			cmds = append(cmds, g.cmds...)
			for k, v := range g.help {
				if _, ok := help[k]; !ok {
					help[k] = v
				}
			}
		}
		x.trees[kind] = MustBuild(cmds, help)
	}
}

// confSectionHeader is the header line a sub-view section prints, indented
// by its depth.
func confIndent(path string) string {
	return strings.Repeat(" ", strings.Count(path, "\n"))
}

// renderConfSection prints a sub-view section: header, lines, nested
// sections.
func renderConfSection(e *device.Extra, sec device.ExtraSection) string {
	var b strings.Builder
	ind := confIndent(sec.Path)
	b.WriteString(ind + sec.Header + "\n")
	for _, l := range sec.Lines {
		b.WriteString(ind + " " + l.Text + "\n")
	}
	kids := e.Children(sec.Path)
	slices.SortStableFunc(kids, func(a, b device.ExtraSection) int { return a.Rank - b.Rank })
	for _, k := range kids {
		b.WriteString(renderConfSection(e, k))
	}
	return b.String()
}

// confBlock is a modelled block printed among the configuration-only
// sections of an anchor, just before the sections of kind before.
type confBlock struct {
	before string // a sub-view kind: the block goes just before its sections
	after  string // or a command group: the block goes just after its lines
	text   string // with its "#"
}

// confLinesAt prints the lines of a hosted section (an interface, a
// user-interface line) that render at anchor at; def is the anchor of
// commands that name none.
func confLinesAt(e *device.Extra, path, at, def string) string {
	var b strings.Builder
	for _, l := range e.Lines(path) {
		c := confViews.cmds[l.Decl]
		where := def
		if c != nil && c.At != "" {
			where = c.At
		}
		if where == at {
			b.WriteString(" " + l.Text + "\n")
		}
	}
	return b.String()
}

// confGlobalAt prints the global lines and sub-view sections that render
// at anchor at, in declaration order: each block followed by "#". Lines
// of group join (a modelled block of that name) are returned apart, to be
// printed inside that block.
func confGlobalAt(e *device.Extra, at, join string, inject ...confBlock) (blocks, joined string) {
	type item struct {
		rank  int
		group string // for lines
		text  string
		kind  string // for sections
	}
	var items []item
	for _, in := range inject {
		if v := confViews.views[in.before]; v != nil && in.text != "" {
			// ranks are doubled below; this goes just before v
			items = append(items, item{rank: v.rank*2 - 1, text: in.text, kind: "modelled"})
		}
		if in.after != "" && in.text != "" {
			last := 0
			for _, c := range confViews.cmds {
				if c.Group == in.after {
					last = max(last, c.rank)
				}
			}
			items = append(items, item{rank: last*2 + 1, text: in.text, kind: "modelled"})
		}
	}
	for _, l := range e.Lines("") {
		c := confViews.cmds[l.Decl]
		if c == nil || c.At != at && !(c.At == "" && at == "head") {
			continue
		}
		items = append(items, item{rank: l.Rank * 2, group: c.Group, text: " " + l.Text + "\n"})
	}
	for _, sec := range e.Children("") {
		v := confViews.views[sec.Kind]
		if v == nil || v.At != at {
			continue
		}
		items = append(items, item{rank: sec.Rank * 2, text: renderConfSection(e, sec), kind: sec.Kind})
	}
	slices.SortStableFunc(items, func(a, b item) int { return a.rank - b.rank })
	var b, j strings.Builder
	for i, it := range items {
		if it.kind == "" && join != "" && it.group == join {
			j.WriteString(it.text)
			continue
		}
		b.WriteString(it.text)
		if it.kind == "modelled" {
			continue // has its own "#"
		}
		next := i + 1
		for next < len(items) && items[next].kind == "" && join != "" && items[next].group == join {
			next++
		}
		switch {
		case next < len(items) && it.kind == "" && items[next].kind == "" && items[next].group == it.group:
			// the same block goes on
		case next < len(items) && it.kind != "" && items[next].kind == it.kind && confViews.views[it.kind] != nil && confViews.views[it.kind].Joined:
		default:
			b.WriteString("#\n")
		}
	}
	return b.String(), j.String()
}

// mergeConf adds configuration-only forms to a modelled view's commands.
// A form that is also a modelled command (the undo form of a modelled
// setting that a configuration-only variant extends) runs the modelled
// handler, then the configuration-only one.
func mergeConf(cmds, conf []Command) []Command {
	at := map[string]int{}
	for i, c := range cmds {
		at[c.Syntax] = i
	}
	for _, c := range conf {
		i, ok := at[c.Syntax]
		if !ok {
			cmds = append(cmds, c)
			continue
		}
		modelled, extra := cmds[i].Run, c.Run
		cmds[i].Run = func(s *Session, a Args) error {
			if err := modelled(s, a); err != nil {
				return err
			}
			return extra(s, a)
		}
	}
	return cmds
}
