package device

import (
	"hash/fnv"
	"strconv"
	"time"
)

// CPUUsage returns a board's CPU load in percent over the last 5
// seconds, 1 minute and 5 minutes. The numbers move with the uptime but
// are a pure function of it, so a pinned clock gives fixed output.
func (d *Device) CPUUsage(slot int) [3]int {
	up := d.Uptime()
	base := 3
	if d.isMPU(slot) {
		base = 8
	}
	wobble := func(period time.Duration, span int) int {
		return int(mix(slot, int64(up/period)) % uint64(span))
	}
	if f := int(d.faults.cpu.Load()); f > 0 {
		// A fault keeps the CPU busy (faults.go): the averages sit at
		// the figure, the 5-second one moving a little around it.
		return [3]int{min(100, max(1, f-2+wobble(5*time.Second, 5))), f, f}
	}
	return [3]int{base + wobble(5*time.Second, 9), base + wobble(time.Minute, 5), base + wobble(5*time.Minute, 3)}
}

// Memory returns a board's total and used memory in bytes.
func (d *Device) Memory(slot int) (total, used uint64) {
	total = 512 << 20
	if d.isMPU(slot) {
		total = 1024 << 20
	}
	total -= 134217728 / 4 // what the kernel keeps for itself
	up := d.Uptime()
	used = total*30/100 + mix(slot, int64(up/time.Minute))%(total/20)
	return total, used
}

func (d *Device) isMPU(slot int) bool {
	for _, b := range d.profile.Chassis.Boards {
		if b.Slot == slot {
			return b.Role == "mpu"
		}
	}
	return false
}

func mix(slot int, n int64) uint64 {
	h := fnv.New64a()
	h.Write([]byte(strconv.Itoa(slot) + "/" + strconv.FormatInt(n, 10)))
	return h.Sum64()
}
