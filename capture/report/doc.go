// Package report counts leads for marketing: leads per week by form, and
// by story (first and last touch), campaign, source and medium, each with
// how many were contacted, qualified and won and the won value, plus the
// median time to first contact.
//
// The counting itself happens where the leads are: the SQLite store keeps
// tallies per day, dimension and key up to date with triggers, so a report
// over a million leads reads a few thousand rows; the DynamoDB store
// queries its created index and makes the same Rows. Build turns Rows
// into Data; Text and HTML write it, so the terminal and the HTML file
// show the same numbers.
package report
