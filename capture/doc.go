// Package capture receives the interest forms of a Storyfront site and
// turns each valid post into a stored Lead.
//
// The forms are declared once in site.yaml (package capture/schema). A
// Handler serves POST /<form>: it checks the origin and the client's rate,
// parses the body (urlencoded, multipart fields or JSON, at most 64 KiB),
// validates every field against the form, applies the spam traps
// (honeypot and time trap), makes the lead (ULID, fields, attribution,
// consent, user agent, salted IP hash, idempotency key) and answers only
// after Store.Save returned: 303 to the thank-you page, or 201 {"id": ...}
// for JSON clients. docs/capture.md is the full contract.
//
// Store is the storage contract (capture/store/sqlite keeps leads in a
// SQLite file; the Lambda uses DynamoDB). Lead values are kept as the text
// the visitor typed: Printable and CSVCell neutralize them for a terminal
// or a spreadsheet.
package capture
