package device

import (
	"slices"
	"strings"
)

// Extra is the configuration that the device model keeps only as text:
// the lines of configuration-only commands, whose effect is their line in
// the configuration (the cli package declares them). The lines live in
// sections named by a path:
//
//	""                                  system view's global lines
//	"interface GigabitEthernet1/0/1"    lines of an interface's section
//	"user-interface vty 3"              lines of one user-interface line
//	"dhcp server ip-pool pool1"         a sub-view the cli declares
//	"ospf 1\narea 0.0.0.0"              a sub-view of a sub-view
//
// Sections of sub-views also record their header as typed and the kind of
// view they are; sections hosted by modelled ones (global, interface,
// user-interface) have Kind "". The device knows no syntax: the cli says
// which lines replace or remove which.
type Extra struct {
	Sections []ExtraSection // in the order they were created
}

// ExtraSection is one section's configuration-only lines.
type ExtraSection struct {
	Path   string
	Kind   string // the sub-view's kind; "" for lines hosted by a modelled section
	Header string // the header line as the device prints it
	Rank   int    // order among the sections of one place in the configuration
	Lines  []ExtraLine
}

// ExtraLine is one configuration-only line.
type ExtraLine struct {
	Decl string // the declaration that stored it
	Rank int    // order in the section: lines sort by rank, then by age
	Text string // the line, without indentation
}

// Clone returns a deep copy of e.
func (e Extra) Clone() Extra {
	n := Extra{Sections: slices.Clone(e.Sections)}
	for i := range n.Sections {
		n.Sections[i].Lines = slices.Clone(n.Sections[i].Lines)
	}
	return n
}

// Section returns the section at path, or nil.
func (e *Extra) Section(path string) *ExtraSection {
	for i := range e.Sections {
		if e.Sections[i].Path == path {
			return &e.Sections[i]
		}
	}
	return nil
}

// Lines returns the lines of the section at path, nil if there is none.
func (e *Extra) Lines(path string) []ExtraLine {
	if s := e.Section(path); s != nil {
		return s.Lines
	}
	return nil
}

// Ensure returns the section at path, making it if there is none. A
// section made here keeps kind, header and rank; an existing one gets the
// new header when header is not "".
func (e *Extra) Ensure(path, kind, header string, rank int) *ExtraSection {
	if s := e.Section(path); s != nil {
		if header != "" {
			s.Header = header
		}
		return s
	}
	// Sections are kept in a canonical order, so that a configuration
	// printed and read back is the same value: the hosted ones first, by
	// path, then the sub-views by rank, in creation order within a rank.
	n := ExtraSection{Path: path, Kind: kind, Header: header, Rank: rank}
	at := len(e.Sections)
	for i, o := range e.Sections {
		switch {
		case n.Kind == "" && (o.Kind != "" || o.Path > n.Path), n.Kind != "" && o.Kind != "" && o.Rank > n.Rank:
			at = i
		default:
			continue
		}
		break
	}
	e.Sections = slices.Insert(e.Sections, at, n)
	return &e.Sections[at]
}

// SortLines orders the lines of the section at path by text (sections
// the device prints in alphabetical order).
func (e *Extra) SortLines(path string) {
	if s := e.Section(path); s != nil {
		slices.SortStableFunc(s.Lines, func(a, b ExtraLine) int { return strings.Compare(a.Text, b.Text) })
	}
}

// Set stores l in the section at path (made if missing). The first line
// that same reports as the same setting is replaced in place; any other
// line same matches is removed; with none, l goes after the last line of
// a rank not above its own.
func (e *Extra) Set(path string, l ExtraLine, same func(ExtraLine) bool) {
	s := e.Ensure(path, "", "", 0)
	for i, old := range s.Lines {
		if same(old) {
			s.Lines[i] = l
			s.Lines = append(s.Lines[:i+1], slices.DeleteFunc(slices.Clone(s.Lines[i+1:]), same)...)
			return
		}
	}
	at := len(s.Lines)
	for at > 0 && s.Lines[at-1].Rank > l.Rank {
		at--
	}
	s.Lines = slices.Insert(s.Lines, at, l)
}

// Remove deletes the lines of the section at path that match reports, and
// says how many there were.
func (e *Extra) Remove(path string, match func(ExtraLine) bool) int {
	s := e.Section(path)
	if s == nil {
		return 0
	}
	n := len(s.Lines)
	s.Lines = slices.DeleteFunc(s.Lines, match)
	return n - len(s.Lines)
}

// RemoveSection deletes the section at path and the sections under it,
// and reports whether there was one.
func (e *Extra) RemoveSection(path string) bool {
	n := len(e.Sections)
	e.Sections = slices.DeleteFunc(e.Sections, func(s ExtraSection) bool {
		return s.Path == path || strings.HasPrefix(s.Path, path+"\n")
	})
	return len(e.Sections) != n
}

// Children returns the sub-view sections directly under path ("" for
// the top level), in creation order.
func (e *Extra) Children(path string) []ExtraSection {
	var out []ExtraSection
	for _, s := range e.Sections {
		if s.Kind == "" {
			continue
		}
		parent := ""
		if i := strings.LastIndexByte(s.Path, '\n'); i >= 0 {
			parent = s.Path[:i]
		}
		if parent == path {
			out = append(out, s)
		}
	}
	return out
}
