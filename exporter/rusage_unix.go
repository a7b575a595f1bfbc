//go:build unix

package exporter

import "syscall"

// resourceUsage returns this process's user and system CPU time in ms and
// its peak resident set in bytes (sFlow app-resources counters, as OVS
// fills them from getrusage).
func resourceUsage() (userMS, sysMS uint32, rss uint64) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0, 0, 0
	}
	userMS = uint32(ru.Utime.Sec*1000 + int64(ru.Utime.Usec)/1000)
	sysMS = uint32(ru.Stime.Sec*1000 + int64(ru.Stime.Usec)/1000)
	return userMS, sysMS, uint64(ru.Maxrss) * 1024
}
