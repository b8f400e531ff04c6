package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestErrors(t *testing.T) {
	var l List
	l.Add("b.md", Errorf("b.md", 3, 2, "second"))
	l.Add("a.md", Errors{Errorf("a.md", 9, 1, "later"), Errorf("a.md", 2, 5, "first")})
	l.Add("c.md", errors.New("plain"))
	l.Add("b.md", Errorf("b.md", 3, 2, "second")) // the same error twice is reported once
	l.Add("x.md", nil)
	want := "a.md:2:5: first\na.md:9:1: later\nb.md:3:2: second\nc.md:1:1: plain"
	if got := l.Err(); got == nil || got.Error() != want {
		t.Errorf("Err() =\n%v\nwant\n%s", got, want)
	}
	var none List
	if none.Err() != nil {
		t.Error("an empty List has an error")
	}
	cause := errors.New("cause")
	e := Errorf("f", 1, 1, "wrapped: %w", cause)
	if !errors.Is(e, cause) || e.Error() != "f:1:1: wrapped: cause" {
		t.Errorf("Errorf with %%w: %v, Is=%v", e, errors.Is(e, cause))
	}
	var es Errors
	if !errors.As(fmt.Errorf("outer: %w", l.Err()), &es) || len(es) != 4 {
		t.Errorf("errors.As(Errors) = %v", es)
	}
}

func TestPosition(t *testing.T) {
	src := []byte("ab\ncd\n\nxyz")
	tests := []struct{ off, line, col int }{{0, 1, 1}, {1, 1, 2}, {3, 2, 1}, {7, 4, 1}, {9, 4, 3}, {99, 4, 4}}
	for _, tt := range tests {
		if l, c := Position(src, tt.off); l != tt.line || c != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, l, c, tt.line, tt.col)
		}
	}
}
