//go:build !unix

package exporter

func resourceUsage() (userMS, sysMS uint32, rss uint64) { return 0, 0, 0 }
