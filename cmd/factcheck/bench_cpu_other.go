//go:build !linux

package main

import "time"

// onThreadCPU runs f; this platform reports no per-thread CPU time.
func onThreadCPU(f func()) (time.Duration, bool) {
	f()
	return 0, false
}
