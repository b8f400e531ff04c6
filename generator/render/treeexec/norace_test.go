//go:build !race

package treeexec

const raceEnabled = false
