//go:build unix

package main

import "syscall"

// raiseFileLimit raises the soft limit on open files to the hard limit,
// so that client connections are capped by connLimits, not by running out
// of descriptors, and returns the limit now in force. (Go raises it too at
// start-up on most systems; this makes the cap computed from it certain.)
func raiseFileLimit() (uint64, error) {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err != nil {
		return 0, err
	}
	if lim.Cur < lim.Max {
		want := lim
		want.Cur = want.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err == nil {
			lim = want
		}
		// A system that refuses (macOS with an unlimited hard limit)
		// keeps the soft limit, which the cap then follows.
	}
	return uint64(lim.Cur), nil
}
