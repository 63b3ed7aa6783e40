//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSSMB returns a finished process's peak resident memory in MB
// (getrusage's ru_maxrss: kilobytes on Linux, bytes on macOS).
func peakRSSMB(ps *os.ProcessState) float64 {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return float64(ru.Maxrss) / 1e6
	}
	return float64(ru.Maxrss) * 1024 / 1e6
}
