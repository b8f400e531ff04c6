// Package treeexec runs parsed Go templates faster than text/template.
//
// It evaluates the parse trees html/template has already escaped (the
// escapers are commands of each action's pipeline), with what
// text/template looks up again on every action computed once: a field's
// or method's index per receiver type, a function's arguments' types,
// html/template's escapers as direct Go calls (escape.go, the same output
// as html/template's, tested against it). Compile reports a template it
// cannot run (a construct or builtin it does not implement) with an error,
// and the caller keeps executing that template with html/template.
//
// Execute's error means "run it again with html/template": the error of a
// function or method is returned as it is (wrapped with %w, so a Hugo
// partial's return value can be found with errors.As), and everything else
// this package does not reproduce exactly (text/template's messages, rare
// range kinds) is an error too. The caller discards the partial output and
// runs the template with html/template, whose output and error are the
// reference.
package treeexec
