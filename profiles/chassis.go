package profiles

// First is the number of the board's first port.
func (b Board) First() int {
	if b.FirstPort <= 0 {
		return 1
	}
	return b.FirstPort
}

// IsBox reports whether the profile is a box switch (or an IRF fabric of
// box switches): every main board carries ports itself, where a chassis's
// main processing units carry none.
func (p *Profile) IsBox() bool {
	mpu := false
	for _, b := range p.Chassis.Boards {
		if b.Role == "mpu" {
			mpu = true
			if b.Ports == 0 {
				return false
			}
		}
	}
	return mpu
}
