// Package shortcode finds Hugo shortcode calls in a page's source and
// expands them: {{< name params >}}, paired {{< name >}}inner{{< /name >}},
// self-closing {{< name />}}, {{% name %}} whose output is Markdown, calls
// over several lines, positional or named parameters, nested calls, and the
// comment form {{</* name */>}} that writes the call itself.
//
// Parse turns a source into text and calls; Expand runs the calls through
// a caller's template function and returns the Markdown to convert, with
// {{< >}} outputs left as placeholders that Restore puts back into the HTML
// (a placeholder alone in a paragraph loses the <p>, as in Hugo).
package shortcode
