package cli

// Lines that do not come from the line editor (a configuration file being
// replayed, the command of an exec request) pass the editor's checks here:
// the editor never puts a control character into a line (NUL is dropped,
// ESC starts a key sequence, the others are editing keys), so a value
// such as a sysname with a NUL or an escape sequence, refused as typed,
// is refused from a file too.

// untypedError returns the parse error for a line the editor could not
// have produced, or nil: a control character (other than a tab, which
// separates words) is a wrong parameter where it stands, or an
// unrecognized command at the start.
func untypedError(line string) *ParseError {
	for i := 0; i < len(line); i++ {
		if b := line[i]; (b < 0x20 && b != '\t') || b == 0x7f {
			// The caret stands under the word the byte is in.
			start := i
			for start > 0 && line[start-1] != ' ' && line[start-1] != '\t' {
				start--
			}
			if start == 0 {
				return &ParseError{Kind: Unrecognized, Pos: 0}
			}
			return &ParseError{Kind: WrongParam, Pos: start}
		}
	}
	return nil
}
