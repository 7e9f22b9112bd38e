package cli

import (
	"strconv"
	"strings"
)

// renderScreen applies the terminal output to a screen of the given
// width (0: unbounded) with unlimited rows, as a VT100 would show it, and
// returns the rows with trailing spaces trimmed. It knows CR, LF, BS,
// CSI n A, CSI n B, CSI n C, CSI n D and CSI K: what the shell sends. Like
// a VT100, a character written in the last column leaves the cursor there,
// pending: the next character wraps first (col == width models that).
func renderScreen(out string, width int) string {
	var rows [][]byte
	row, col := 0, 0
	ensure := func() {
		for len(rows) <= row {
			rows = append(rows, nil)
		}
		for len(rows[row]) < col {
			rows[row] = append(rows[row], ' ')
		}
	}
	for i := 0; i < len(out); i++ {
		c := out[i]
		switch {
		case c == '\r':
			col = 0
		case c == '\n':
			row++
		case c == '\b':
			if width > 0 && col >= width {
				col = width - 1 // the pending wrap is dropped, then one left
			}
			if col > 0 {
				col--
			}
		case c == 0x1b && i+1 < len(out) && out[i+1] == '[':
			j := i + 2
			for j < len(out) && (out[j] >= '0' && out[j] <= '9' || out[j] == ';') {
				j++
			}
			if j >= len(out) {
				i = j
				continue
			}
			n, err := strconv.Atoi(out[i+2 : j])
			if err != nil {
				n = 1
			}
			switch out[j] {
			case 'A', 'B':
				if out[j] == 'A' {
					row = max(0, row-n)
				} else {
					row += n
				}
				if width > 0 && col >= width {
					col = width - 1
				}
			case 'D':
				col = max(0, col-n)
			case 'C':
				col += n
			case 'K':
				ensure()
				rows[row] = rows[row][:col]
			}
			i = j
		case c >= 0x20:
			if width > 0 && col >= width {
				row, col = row+1, 0
			}
			ensure()
			if col < len(rows[row]) {
				rows[row][col] = c
			} else {
				rows[row] = append(rows[row], c)
			}
			col++
		}
	}
	ensure()
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = strings.TrimRight(string(r), " ")
	}
	return strings.Join(lines, "\n") + "\n"
}
