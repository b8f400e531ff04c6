// Package testpart starts the real parts that tests run against: programs
// found on PATH or in GOPATH/bin (Mailpit, the Lambda runtime interface
// emulator, versitygw), the npm packages under the repository's testdata/node folders
// (dynalite, aws-ses-v2-local) and headless Chromium.
//
// Every part is stopped when its test ends. A part that is not installed
// fails the test when the environment has CI=true and skips it otherwise,
// so that CI never passes by skipping.
package testpart
