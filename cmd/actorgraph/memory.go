package main

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
)

// peakRSS returns the process's peak resident memory in bytes (VmHWM in
// /proc/self/status), or 0 where the system does not report it.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}

// peakRSSNote is ", peak RSS 18.2 MB", or "" where unknown.
func peakRSSNote() string {
	if b := peakRSS(); b > 0 {
		return fmt.Sprintf(", peak RSS %.1f MB", float64(b)/(1<<20))
	}
	return ""
}
