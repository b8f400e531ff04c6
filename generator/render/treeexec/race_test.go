//go:build race

package treeexec

const raceEnabled = true
