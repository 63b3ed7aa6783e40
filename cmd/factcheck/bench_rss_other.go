//go:build !unix

package main

import "os"

// peakRSSMB returns 0: this platform reports no peak memory of a child.
func peakRSSMB(*os.ProcessState) float64 { return 0 }
