package profiles

// HasPort reports whether the chassis has a port of that canonical name
// ("GigabitEthernet2/0/1", the management port).
func (p *Profile) HasPort(name string) bool { return p.portNames()[name] }
