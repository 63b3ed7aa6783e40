package main

import (
	"os"
	"testing"
)

// TestMain lets tests run the real command in a child process: with
// FACTCHECK_TEST_MAIN set, the test binary acts as factcheck itself.
func TestMain(m *testing.M) {
	if os.Getenv("FACTCHECK_TEST_MAIN") == "1" {
		os.Exit(mainWithSignals(os.Args[1:]))
	}
	os.Exit(m.Run())
}
