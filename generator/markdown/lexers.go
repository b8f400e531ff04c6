package markdown

import (
	"math"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// noMatchTimeout is regexp2's "no time limit", which also skips its
// per-step clock checks.
const noMatchTimeout = time.Duration(math.MaxInt64)

// lexerSet holds chroma's lexers rebuilt without the 250 ms limit chroma
// puts on each regular expression match. A match that runs out of time is
// a "no match", so on a busy machine a code block came out with error
// tokens where a quiet run highlights it: the output depended on the load.
// Without the limit it depends on the code only. (Pathological patterns
// would then run long instead of giving a wrong page; chroma's lexers are
// written to avoid them, and Hugo runs the same lexers.)
//
// The set is a registry of its own so that a lexer calling another one
// (HTML's <script> lexed as JavaScript) reaches the rebuilt lexer too. A
// few lexers that are not plain rule tables (ERB, PHTML, Svelte, Go HTML
// Template, YAML+Jinja, Markdown, HTTP, Common Lisp, Emacs Lisp) are kept
// as chroma has them.
type lexerSet struct {
	reg *chroma.LexerRegistry
	mu  sync.Mutex
	// byName remembers get's answers (nil too: an unknown name makes
	// chroma try every lexer's file patterns).
	byName map[string]chroma.Lexer
	// fast holds the rebuilt lexers, to lex with ruleLexer.
	fast map[chroma.Lexer]*ruleLexer
}

func newLexerSet() *lexerSet {
	s := &lexerSet{reg: chroma.NewLexerRegistry(), byName: map[string]chroma.Lexer{}, fast: map[chroma.Lexer]*ruleLexer{}}
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		s.reg.Register(s.rebuild(l))
	}
	return s
}

// get is chroma's lexers.Get within the set: by name, alias or file name.
func (s *lexerSet) get(name string) chroma.Lexer {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.byName[name]
	if !ok {
		l = s.reg.Get(name)
		s.byName[name] = l
	}
	return l
}

// analyse is chroma's lexers.Analyse within the set.
func (s *lexerSet) analyse(code string) chroma.Lexer { return s.reg.Analyse(code) }

// rebuild returns a rule-table lexer as a new lexer with the same
// configuration and rules plus one rule that, when chroma compiles the
// rules, lifts the time limit of every compiled pattern and removes
// itself. Other lexers are kept, behind a keptLexer.
func (s *lexerSet) rebuild(l chroma.Lexer) chroma.Lexer {
	orig, ok := l.(*chroma.RegexLexer)
	if !ok {
		return keptLexer{l}
	}
	fast := &ruleLexer{registry: s.reg}
	out := chroma.MustNewLexer(orig.Config(), func() chroma.Rules {
		rules := orig.MustRules()
		own := make(chroma.Rules, len(rules))
		for state, rs := range rules {
			own[state] = append([]chroma.Rule(nil), rs...)
		}
		own["root"] = append([]chroma.Rule{{Mutator: &liftTimeouts{l: fast}}}, own["root"]...)
		return own
	})
	out.SetAnalyser(orig.AnalyseText)
	fast.lexer = out
	s.fast[out] = fast
	return out
}

// tokenise lexes code with lexer, one of the set's.
func (s *lexerSet) tokenise(lexer chroma.Lexer, code string) (chroma.Iterator, error) {
	if fast := s.fast[lexer]; fast != nil {
		return fast.tokenise(code)
	}
	return lexer.Tokenise(nil, code)
}

// liftTimeouts is a chroma LexerMutator: chroma calls MutateLexer once,
// after compiling every rule's pattern and before lexing anything.
type liftTimeouts struct{ l *ruleLexer }

// Mutate is never called: the rule is gone before lexing starts.
func (*liftTimeouts) Mutate(*chroma.LexerState) error { return nil }

// MutateLexer lifts the limit of every compiled pattern and removes the
// rule that holds it.
func (m *liftTimeouts) MutateLexer(rules chroma.CompiledRules, state string, rule int) error {
	for _, rs := range rules {
		for _, r := range rs {
			if r.Regexp != nil {
				r.Regexp.MatchTimeout = noMatchTimeout
			}
		}
	}
	rules[state] = append(rules[state][:rule], rules[state][rule+1:]...)
	m.l.rules = rules
	return nil
}

// keptLexer is one of chroma's own lexers in a lexerSet: registering it
// must not point chroma's shared lexer at the set's registry.
type keptLexer struct{ chroma.Lexer }

// SetRegistry leaves the lexer's registry as it is.
func (k keptLexer) SetRegistry(*chroma.LexerRegistry) chroma.Lexer { return k }

// SetAnalyser leaves the lexer's analyser as it is.
func (k keptLexer) SetAnalyser(func(string) float32) chroma.Lexer { return k }
