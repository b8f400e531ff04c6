//go:build !unix

package generator

// peakRSS returns 0: this system's peak memory is not read.
func peakRSS() uint64 { return 0 }
