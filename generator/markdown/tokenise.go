package markdown

import (
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/dlclark/regexp2/v2"
	"github.com/dlclark/regexp2/v2/syntax"
)

// ruleLexer lexes with a rebuilt rule-table lexer's compiled rules as
// chroma does (the same rules tried in the same order, the same tokens),
// but first asks each rule's pattern whether it can start with the
// character at hand. Chroma runs every rule's regular expression at every
// position until one matches; most cannot start with that character, and
// each attempt costs a matcher set-up and allocations. The answer comes
// from regexp2's own analysis of the pattern (the set of characters a
// match can start with), the one regexp2 uses to skip ahead when a pattern
// is not anchored.
type ruleLexer struct {
	lexer    *chroma.RegexLexer
	registry *chroma.LexerRegistry // the set's, for lexers that call others

	once   sync.Once
	rules  chroma.CompiledRules // set by liftTimeouts when chroma compiles
	states map[string][]fastRule
	// named: some rule's emitter or mutator may read the groups by name
	// (LexerState.NamedGroups); otherwise they are not collected.
	named bool
	err   error
}

// fastRule is a compiled rule and the characters its match can start with
// (nil: any, or none at all as the pattern may match nothing).
type fastRule struct {
	*chroma.CompiledRule
	first *syntax.Prefix
	// token: the rule emits its whole match as one token of this type and
	// its mutator (if any) only moves between states, so nothing reads
	// its groups (a token type's Emit reads groups[0] only).
	token   chroma.TokenType
	isToken bool
	// tree matches the pattern without regexp2 (nil: regexp2 does).
	tree *treeMatcher
}

// canStart reports whether r's pattern can match at a position holding c.
func (r fastRule) canStart(c rune) bool {
	// As regexp2's own first-character scan: its sets already hold
	// every case of a case-insensitive pattern.
	return r.first == nil || r.first.PrefixSet.CharIn(c)
}

// prepare compiles the lexer (chroma then hands its rules to
// liftTimeouts) and works out each rule's first characters.
func (l *ruleLexer) prepare() error {
	l.once.Do(func() {
		if _, l.err = l.lexer.Rules(); l.err != nil {
			return
		}
		if l.rules == nil {
			// Compiled before this set saw it: not expected, as the
			// lexer is this set's own.
			l.err = errNotRebuilt
			return
		}
		flags := ""
		cfg := l.lexer.Config()
		if !cfg.NotMultiline {
			flags += "m"
		}
		if cfg.CaseInsensitive {
			flags += "i"
		}
		if cfg.DotAll {
			flags += "s"
		}
		firsts := map[*chroma.CompiledRule]*syntax.Prefix{}
		for _, rs := range l.rules {
			for _, r := range rs {
				if !groupsByNumber(r.Type) || !mutatorIgnoresNames(r.Mutator) {
					l.named = true
				}
			}
		}
		// The tree matcher gives groups by number only.
		trees := map[*chroma.CompiledRule]*treeMatcher{}
		if !l.named {
			for _, rs := range l.rules {
				for _, r := range rs {
					if _, seen := trees[r]; !seen && r.Regexp != nil {
						trees[r] = treeOf(r.Regexp.String())
					}
				}
			}
		}
		l.states = make(map[string][]fastRule, len(l.rules))
		for state, rs := range l.rules {
			fr := make([]fastRule, len(rs))
			for i, r := range rs {
				p, seen := firsts[r]
				if !seen {
					p = firstChars(r.Pattern, flags)
					firsts[r] = p
				}
				fr[i] = fastRule{CompiledRule: r, first: p, tree: trees[r]}
				if t, ok := r.Type.(chroma.TokenType); ok && mutatorIgnoresNames(r.Mutator) {
					fr[i].token, fr[i].isToken = t, true
				}
			}
			l.states[state] = fr
		}
	})
	return l.err
}

type lexError string

func (e lexError) Error() string { return string(e) }

const errNotRebuilt = lexError("chroma lexer compiled outside the highlighter")

// firstChars is the set of characters a match of chroma's pattern (with
// the lexer's flags) can start with, or nil when regexp2 cannot tell.
func firstChars(pattern, flags string) *syntax.Prefix {
	p := "(?:" + pattern + ")"
	if flags != "" {
		p = "(?" + flags + ")" + p
	}
	tree, err := syntax.Parse(p, syntax.ParseOptions{})
	if err != nil {
		return nil
	}
	code, err := syntax.Write(tree)
	if err != nil || code.FcPrefix == nil {
		return nil
	}
	code.PrepareCharSetASCIIBitmaps()
	return code.FcPrefix
}

// treeOf is the tree matcher of a pattern as chroma compiled it (with
// regexp2's default options), nil when it is regexp2's to match.
func treeOf(pattern string) *treeMatcher {
	tree, err := syntax.Parse(pattern, syntax.ParseOptions{})
	if err != nil {
		return nil
	}
	return compileTree(tree)
}

// tokenise returns the tokens of text, as chroma's RegexLexer.Tokenise
// with default options would.
func (l *ruleLexer) tokenise(text string) (chroma.Iterator, error) {
	if err := l.prepare(); err != nil {
		return nil, err
	}
	// Chroma's default options: \r\n and \r become \n; a lexer that wants
	// a final newline gets one, which is then not lexed on its own.
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	}
	added := false
	if l.lexer.Config().EnsureNL && !strings.HasSuffix(text, "\n") {
		text += "\n"
		added = true
	}
	r := &ruleRun{l: l, text: text, ascii: isASCII(text), st: &chroma.LexerState{
		Lexer:          l.lexer,
		Registry:       l.registry,
		Text:           []rune(text),
		Stack:          []string{"root"},
		Rules:          l.rules,
		MutatorContext: map[any]any{},
	}}
	r.end = len(r.st.Text)
	if added {
		r.end--
	}
	return r.next, nil
}

// ruleRun is one tokenisation.
type ruleRun struct {
	l       *ruleLexer
	text    string // st.Text as a string
	ascii   bool   // text is ASCII: rune and byte offsets are the same
	st      *chroma.LexerState
	end     int
	pending []chroma.Iterator // emitted, not yet drained; last first
	one     [1]string         // the groups of a token rule's match
	mach    machine           // the tree matchers' state
	// state and rules: the last state looked up and its rules (most
	// tokens leave the state as it was).
	state string
	rules []fastRule
}

// drain returns the next token of the emitted iterators, ok false when
// they are exhausted.
func (r *ruleRun) drain() (chroma.Token, bool) {
	for len(r.pending) > 0 {
		n := len(r.pending) - 1
		t := r.pending[n]()
		if t.Type == chroma.Ignore {
			continue
		}
		if t == chroma.EOF {
			r.pending = r.pending[:n]
			continue
		}
		return t, true
	}
	return chroma.EOF, false
}

func (r *ruleRun) next() chroma.Token {
	st := r.st
	for st.Pos < r.end && len(st.Stack) > 0 {
		if t, ok := r.drain(); ok {
			return t
		}
		st.State = st.Stack[len(st.Stack)-1]
		if st.State != r.state || r.rules == nil {
			rules, ok := r.l.states[st.State]
			if !ok {
				panic("unknown state " + st.State)
			}
			r.state, r.rules = st.State, rules
		}
		rules := r.rules
		idx, rule, n, m, ok := r.match(rules)
		if !ok {
			// As chroma (after Pygments): an unlexable newline outside
			// the root state empties the stack and lexing goes on in
			// root; any other character is one error token.
			if st.Text[st.Pos] == '\n' && st.State != "root" {
				st.Stack = []string{"root"}
				continue
			}
			st.Pos++
			return chroma.Token{Type: chroma.Error, Value: string(st.Text[st.Pos-1 : st.Pos])}
		}
		if rule.isToken {
			// What Emit's one-token iterator would give, without it.
			r.one[0] = r.span(st.Pos, n)
			st.Rule, st.Groups, st.NamedGroups = idx, r.one[:], nil
			st.Pos += n
			if rule.Mutator != nil {
				if err := rule.Mutator.Mutate(st); err != nil {
					panic(err)
				}
			}
			if t := (chroma.Token{Type: rule.token, Value: r.one[0]}); t.Type != chroma.Ignore && t != chroma.EOF {
				return t
			}
			continue
		}
		var groups []string
		var named map[string]string
		if m == nil {
			groups = r.treeGroups(rule.tree)
		} else {
			groups, named = r.groups(m)
		}
		st.Rule, st.Groups, st.NamedGroups = idx, groups, named
		st.Pos += utf8.RuneCountInString(groups[0])
		if rule.Mutator != nil {
			if err := rule.Mutator.Mutate(st); err != nil {
				panic(err)
			}
		}
		if rule.Type != nil {
			r.pending = append(r.pending, rule.Type.Emit(st.Groups, st))
		}
	}
	if t, ok := r.drain(); ok {
		return t
	}
	if st.Pos != len(st.Text) && len(st.Stack) == 0 {
		v := string(st.Text[st.Pos:])
		st.Pos = len(st.Text)
		return chroma.Token{Type: chroma.Error, Value: v}
	}
	return chroma.EOF
}

// match finds the first rule matching at the current position: its
// index, the rule, the match's length in runes and, when regexp2 matched,
// its match (else r.mach holds the groups); ok is false when none
// matches.
func (r *ruleRun) match(rules []fastRule) (idx int, rule fastRule, n int, m *regexp2.Match, ok bool) {
	text, pos := r.st.Text, r.st.Pos
	c := text[pos]
	for i, rule := range rules {
		if !rule.canStart(c) {
			continue
		}
		if rule.tree != nil && len(text)-pos <= maxTreeText {
			if n, ok := rule.tree.match(&r.mach, text, pos); ok {
				return i, rule, n, nil, true
			}
			continue
		}
		m, err := rule.Regexp.FindRunesMatchStartingAt(text, pos)
		if m == nil || err != nil || m.RuneIndex != pos {
			continue
		}
		return i, rule, m.RuneLength, m, true
	}
	return 0, fastRule{}, 0, nil, false
}

// maxTreeText is the most text the tree matcher is given: it recurses
// (a few calls a character matched), regexp2 keeps its stacks on the heap.
// Past it, as in a long code block's first part, regexp2 matches.
const maxTreeText = 1 << 15

// treeGroups are the groups of the tree matcher's last match, by number.
func (r *ruleRun) treeGroups(t *treeMatcher) []string {
	groups := make([]string, t.slots)
	for j := range groups {
		i := r.mach.caps[2*j]
		if i < 0 {
			continue
		}
		groups[j] = r.span(i, r.mach.caps[2*j+1])
	}
	return groups
}

// span is the text of the runes [i, i+n): a substring (no copy) when the
// text is ASCII.
func (r *ruleRun) span(i, n int) string {
	if r.ascii {
		return r.text[i : i+n]
	}
	return string(r.st.Text[i : i+n])
}

// groups are a match's groups by number and, when the lexer may read
// them (ruleLexer.named), by name.
func (r *ruleRun) groups(m *regexp2.Match) ([]string, map[string]string) {
	gs := m.Groups()
	groups := make([]string, len(gs))
	var named map[string]string
	if r.l.named {
		named = make(map[string]string, len(gs))
	}
	for j := range gs {
		g := &gs[j]
		var s string
		if r.ascii {
			s = r.text[g.RuneIndex : g.RuneIndex+g.RuneLength] // no copy
		} else {
			s = g.String()
		}
		groups[j] = s
		if named != nil {
			named[g.Name] = s
		}
	}
	return groups, named
}

// coalesce joins runs of tokens of one type, as chroma.Coalesce does for
// a lexer: it is chroma's own, around a lexer that returns it.
func coalesce(it chroma.Iterator) chroma.Iterator {
	out, err := chroma.Coalesce(iteratorLexer{it: it}).Tokenise(nil, "")
	if err != nil {
		return it // iteratorLexer has no errors
	}
	return out
}

// iteratorLexer is a lexer whose tokens are already made.
type iteratorLexer struct {
	chroma.Lexer
	it chroma.Iterator
}

func (l iteratorLexer) Tokenise(*chroma.TokeniseOptions, string) (chroma.Iterator, error) {
	return l.it, nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// groupsByNumber reports whether an emitter is one of chroma's that read
// the groups of a match by number only (a token type, ByGroups, Using,
// UsingSelf, UsingByGroup, UsingLexer, and those nested in them): not ByGroupNames or
// a function, which may read LexerState.NamedGroups.
func groupsByNumber(e chroma.Emitter) bool {
	if e == nil {
		return true
	}
	if f, ok := e.(chroma.EmitterFunc); ok {
		// UsingLexer's function lexes groups[0] with another lexer. Its
		// name is its caller's when inlined there (Go's lexer:
		// ".../chroma/v2/lexers.goRules.UsingLexer.func1").
		name := runtime.FuncForPC(reflect.ValueOf(f).Pointer()).Name()
		return strings.HasPrefix(name, "github.com/alecthomas/chroma/v2") && strings.HasSuffix(name, ".UsingLexer.func1")
	}
	k, ok := e.(chroma.SerialisableEmitter)
	if !ok {
		return false
	}
	switch k.EmitterKind() {
	case "token", "using", "usingself":
		return true
	case "bygroups", "usingbygroup":
		inner, ok := fieldOf[chroma.Emitters](e, "Emitters")
		return ok && !slices.ContainsFunc(inner, func(e chroma.Emitter) bool { return !groupsByNumber(e) })
	}
	return false
}

// mutatorIgnoresNames reports whether a mutator is one of chroma's that
// only change the state stack (Push, Pop, Mutators of them; Include and
// Combined are gone once the rules are compiled).
func mutatorIgnoresNames(m chroma.Mutator) bool {
	if m == nil {
		return true
	}
	k, ok := m.(chroma.SerialisableMutator)
	if !ok {
		return false
	}
	switch k.MutatorKind() {
	case "push", "pop", "include", "combined":
		return true
	case "mutators":
		inner, ok := fieldOf[[]chroma.Mutator](m, "Mutators")
		return ok && !slices.ContainsFunc(inner, func(m chroma.Mutator) bool { return !mutatorIgnoresNames(m) })
	}
	return false
}

// fieldOf is the exported field name of the struct v points to (chroma's
// emitter and mutator types are not exported; their fields are).
func fieldOf[T any](v any, name string) (T, bool) {
	var zero T
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		return zero, false
	}
	f := rv.Elem().FieldByName(name)
	if !f.IsValid() || !f.CanInterface() {
		return zero, false
	}
	t, ok := f.Interface().(T)
	return t, ok
}
