package content

import "testing"

func TestEmojify(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"### :purple_heart: :earth_africa: :purple_heart:", "### 💜 🌍 💜"},
		{"I :heart: Hugo :+1:", "I ❤️ Hugo 👍"},
		{"time 10:30:45 and :not_an_emoji: stay", "time 10:30:45 and :not_an_emoji: stay"},
		{"a :smile:: b ::smile:", "a 😄: b :😄"},
		{": smile: no", ": smile: no"},
		{"no colon at all", "no colon at all"},
		{"ends with :smile:", "ends with 😄"},
	} {
		if got := string(Emojify([]byte(tt.in))); got != tt.want {
			t.Errorf("Emojify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
