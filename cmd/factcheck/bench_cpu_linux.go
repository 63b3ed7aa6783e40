//go:build linux

package main

import (
	"runtime"
	"syscall"
	"time"
)

// onThreadCPU runs f locked to one OS thread and returns the CPU time that
// thread spent, so that a busy machine (other processes taking the cores)
// does not count against f's speed.
func onThreadCPU(f func()) (time.Duration, bool) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var before, after syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_THREAD, &before) != nil {
		f()
		return 0, false
	}
	f()
	if syscall.Getrusage(syscall.RUSAGE_THREAD, &after) != nil {
		return 0, false
	}
	cpu := func(ru syscall.Rusage) time.Duration {
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	return cpu(after) - cpu(before), true
}
