package devserver

import "testing"

func TestInject(t *testing.T) {
	tag := "<script></script>"
	tests := []struct{ page, want string }{
		{"<body><p>x</p></body>", "<body><p>x</p><script></script></body>"},
		{"<BODY>x</BODY>\n</HTML>", "<BODY>x<script></script></BODY>\n</HTML>"},
		{"<body><pre>&lt;/body></pre>x</body>", "<body><pre>&lt;/body></pre>x<script></script></body>"},
		{"<p>no body", "<p>no body<script></script>"},
		{"", "<script></script>"},
		// The last </body> wins, even in a comment: harmless in a dev server.
		{"<body>a</body><!-- </body> -->", "<body>a</body><!-- <script></script></body> -->"},
	}
	for _, tt := range tests {
		page := []byte(tt.page)
		if got := string(inject(page, []byte(tag))); got != tt.want {
			t.Errorf("inject(%q) = %q, want %q", tt.page, got, tt.want)
		}
		if string(page) != tt.page {
			t.Errorf("inject modified its input %q", tt.page)
		}
	}
}
