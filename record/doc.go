// Package record writes and reads session recordings in the asciicast v2
// format, the one asciinema records and plays
// (https://docs.asciinema.org/manual/asciicast/v2/): a header line, a
// JSON object with the terminal's size and the start time, then one line
// per event, a JSON array [time, code, data] with the time in seconds
// from the start, the code "o" (output), "i" (input) or "r" (resize,
// data "COLSxROWS"), and the data as a UTF-8 string.
//
// writer.go holds the Writer (what the fleet records sessions with),
// reader.go the Reader and Parse (tests, the console's replay, listings).
// Where recordings live and when they are made is the fleet's business
// (fleet/record.go), not this package's.
package record
