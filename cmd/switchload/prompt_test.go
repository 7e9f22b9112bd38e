package main

import (
	"regexp"
	"strings"
	"testing"
)

// promptRE is the prompt as a regular expression; endsWithPrompt must
// agree with it.
var promptRE = regexp.MustCompile(`(?:^|\n)<[^<>\r\n]{1,64}>$`)

func TestEndsWithPrompt(t *testing.T) {
	for _, out := range []string{
		"<H3C>", "display version\r\n...\r\n<H3C>", "\r\n<Sysname>", "<a>",
		"<" + strings.Repeat("x", 64) + ">", "<" + strings.Repeat("x", 65) + ">",
		"", "<>", "text<H3C>", "<H3C> ", "<H3C>\r\n", "[H3C]", "<H<3C>", "<H3C\r>", " <H3C>",
		"  ---- More ----", "x\n<H3C>", "x\r<H3C>",
	} {
		if got, want := endsWithPrompt([]byte(out)), promptRE.MatchString(out); got != want {
			t.Errorf("endsWithPrompt(%q) = %v, want %v", out, got, want)
		}
	}
}

func TestFindCLIError(t *testing.T) {
	for _, out := range []string{
		"display vlan\r\n % Unrecognized command found at '^' position.\r\n<H3C>",
		"% Incomplete command found at '^' position.\n",
		" Error: The VLAN does not exist.\n<H3C>",
		"display version\r\n3Com Corporation\r\n<H3C>", "100% used\n", "Errors: 0\n",
	} {
		got, want := findCLIError([]byte(out)), cliError.Find([]byte(out))
		if string(got) != string(want) {
			t.Errorf("findCLIError(%q) = %q, want %q", out, got, want)
		}
	}
}
