//go:build !unix

package sqlite

import "os"

// processAlive reports whether a process with this pid exists on this host.
// Without a portable existence check, only the current process counts as
// alive: a second concurrent process's run may then be marked interrupted.
func processAlive(pid int) bool { return pid == os.Getpid() }
