package markdown

import (
	"github.com/dlclark/regexp2/v2/syntax"
)

// A treeMatcher matches one of chroma's compiled patterns (each starts
// with \G) at one position, as regexp2 would: it walks regexp2's own parse
// tree of the pattern, backtracking in the same order (alternatives left
// to right, greedy loops longest first, lazy ones shortest first), and
// records the groups in regexp2's order. Regexp2 allocates a match text
// for every attempt and a Match of four allocations for every success;
// here a whole lexing run reuses one machine. Only the constructs whose
// meaning is plain are taken (characters, sets, strings, loops of
// them, anchors, word boundaries, alternation, groups, loops whose body
// cannot match empty, atomic groups and lookaheads without groups inside);
// a pattern with anything else (back-references, lookbehind, conditions,
// balancing groups, loops that may iterate on nothing) is left to regexp2
// (compileTree returns nil).
type treeMatcher struct {
	entry mnode
	slots int // the match's groups (Match.Groups' length)
	loops int // counters the machine needs
}

// machine is the state of one match attempt.
type machine struct {
	text   []rune
	start  int   // where the match starts (\G)
	caps   []int // per group: first rune, length; -1 when it did not take part
	open   []int // per group: where its open capture started
	counts []int // per general loop: iterations so far
	end    int   // where the whole match ended (set by the accept node)
	subEnd int   // where an atomic group or lookahead's body ended
}

// match reports whether t matches m.text at pos, and the match's length;
// m.caps then holds its groups.
func (t *treeMatcher) match(m *machine, text []rune, pos int) (int, bool) {
	m.text, m.start = text, pos
	if cap(m.caps) < 2*t.slots {
		m.caps, m.open = make([]int, 2*t.slots), make([]int, t.slots)
	}
	m.caps, m.open = m.caps[:2*t.slots], m.open[:t.slots]
	for i := range m.caps {
		m.caps[i] = -1
	}
	if cap(m.counts) < t.loops {
		m.counts = make([]int, t.loops)
	}
	m.counts = m.counts[:t.loops]
	if !t.entry.match(m, pos) {
		return 0, false
	}
	return m.end - pos, true
}

// mnode is one step of a compiled pattern; each knows the step after it.
type mnode interface {
	match(m *machine, i int) bool
}

// compileTree returns the matcher of a parsed pattern, nil when the
// pattern uses a construct the matcher does not take.
func compileTree(tree *syntax.RegexTree) *treeMatcher {
	// Group numbers and their places among the match's groups, as
	// regexp2's writer maps them (sparse when some numbers are unused).
	c := treeCompiler{slots: tree.Captop}
	if tree.Capnumlist != nil && tree.Captop != len(tree.Capnumlist) {
		c.slots = len(tree.Capnumlist)
		c.slotOf = make(map[int]int, c.slots)
		for i, n := range tree.Capnumlist {
			c.slotOf[n] = i
		}
	}
	slots := c.slots
	entry := c.node(tree.Root, acceptNode{})
	if c.bad {
		return nil
	}
	return &treeMatcher{entry: entry, slots: slots, loops: c.loops}
}

type treeCompiler struct {
	slotOf map[int]int // nil: a group's number is its place
	slots  int
	loops  int
	bad    bool
}

// slot is the place of group number n among the match's groups.
func (c *treeCompiler) slot(n int) int {
	if c.slotOf != nil {
		if s, ok := c.slotOf[n]; ok {
			return s
		}
		c.bad = true
		return 0
	}
	return n
}

// node compiles n followed by next.
func (c *treeCompiler) node(n *syntax.RegexNode, next mnode) mnode {
	if c.bad {
		return next
	}
	if n.Options&(syntax.RightToLeft|syntax.IgnoreCase) != 0 {
		c.bad = true // lookbehind; case left on a node (back-references only)
		return next
	}
	switch n.T {
	case syntax.NtConcatenate:
		for i := len(n.Children) - 1; i >= 0; i-- {
			next = c.node(n.Children[i], next)
		}
		return next
	case syntax.NtAlternate:
		alt := &altNode{branches: make([]mnode, len(n.Children))}
		for i, ch := range n.Children {
			alt.branches[i] = c.node(ch, next)
		}
		return alt
	case syntax.NtGroup:
		return c.node(n.Children[0], next)
	case syntax.NtCapture:
		if n.N != -1 { // balancing group
			c.bad = true
			return next
		}
		s := c.slot(n.M)
		if s < 0 || s >= c.slots {
			c.bad = true
			return next
		}
		return &capOpen{slot: s, body: c.node(n.Children[0], &capClose{slot: s, next: next})}
	case syntax.NtEmpty, syntax.NtUpdateBumpalong:
		return next
	case syntax.NtNothing:
		return failNode{}
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet:
		return &charNode{is: charTest(n), next: next}
	case syntax.NtMulti:
		return &multiNode{str: n.Str, next: next}
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop:
		return &charLoop{is: charTest(n), min: n.M, max: n.N, next: next}
	case syntax.NtOnelazy, syntax.NtNotonelazy, syntax.NtSetlazy:
		return &charLoop{is: charTest(n), min: n.M, max: n.N, lazy: true, next: next}
	case syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
		return &charLoop{is: charTest(n), min: n.M, max: n.N, atomic: true, next: next}
	case syntax.NtBol, syntax.NtEol, syntax.NtBoundary, syntax.NtNonboundary, syntax.NtECMABoundary,
		syntax.NtNonECMABoundary, syntax.NtBeginning, syntax.NtStart, syntax.NtEndZ, syntax.NtEnd:
		return &assertNode{t: n.T, next: next}
	case syntax.NtLoop, syntax.NtLazyloop:
		// A body that may match nothing would bring in regexp2's rules
		// for empty iterations; such loops are left to it.
		if minLength(n.Children[0]) == 0 || n.M < 0 || n.N < n.M {
			c.bad = true
			return next
		}
		l := &loopNode{id: c.loops, min: n.M, max: n.N, lazy: n.T == syntax.NtLazyloop, next: next}
		c.loops++
		l.body = c.node(n.Children[0], loopTail{l})
		return l
	case syntax.NtAtomic, syntax.NtPosLook, syntax.NtNegLook:
		// Groups set inside would have to be undone when what follows
		// fails; such patterns are left to regexp2.
		if hasCapture(n.Children[0]) {
			c.bad = true
			return next
		}
		body := c.node(n.Children[0], subAccept{})
		switch n.T {
		case syntax.NtAtomic:
			return &atomicNode{body: body, next: next}
		case syntax.NtPosLook:
			return &lookNode{body: body, next: next}
		}
		return &lookNode{body: body, negative: true, next: next}
	}
	c.bad = true
	return next
}

// charTest is the character test of a One, Notone or Set node or of
// their loops.
func charTest(n *syntax.RegexNode) charIs {
	switch n.T {
	case syntax.NtOne, syntax.NtOneloop, syntax.NtOnelazy, syntax.NtOneloopatomic:
		return charIs{kind: isOne, ch: n.Ch}
	case syntax.NtNotone, syntax.NtNotoneloop, syntax.NtNotonelazy, syntax.NtNotoneloopatomic:
		return charIs{kind: isNotOne, ch: n.Ch}
	}
	t := charIs{kind: isSet, set: n.Set}
	for c := range rune(128) {
		if n.Set.CharIn(c) {
			t.ascii[c>>6] |= 1 << (c & 63)
		}
	}
	return t
}

// minLength is the fewest runes n can match (0 when unsure).
func minLength(n *syntax.RegexNode) int {
	switch n.T {
	case syntax.NtOne, syntax.NtNotone, syntax.NtSet:
		return 1
	case syntax.NtMulti:
		return len(n.Str)
	case syntax.NtOneloop, syntax.NtNotoneloop, syntax.NtSetloop, syntax.NtOnelazy, syntax.NtNotonelazy,
		syntax.NtSetlazy, syntax.NtOneloopatomic, syntax.NtNotoneloopatomic, syntax.NtSetloopatomic:
		return max(n.M, 0)
	case syntax.NtConcatenate:
		s := 0
		for _, c := range n.Children {
			s += minLength(c)
		}
		return s
	case syntax.NtAlternate:
		least := -1
		for _, c := range n.Children {
			if l := minLength(c); least < 0 || l < least {
				least = l
			}
		}
		return max(least, 0)
	case syntax.NtGroup, syntax.NtCapture, syntax.NtAtomic:
		return minLength(n.Children[0])
	case syntax.NtLoop, syntax.NtLazyloop:
		if n.M <= 0 {
			return 0
		}
		return n.M * minLength(n.Children[0])
	}
	return 0
}

func hasCapture(n *syntax.RegexNode) bool {
	if n.T == syntax.NtCapture {
		return true
	}
	for _, c := range n.Children {
		if hasCapture(c) {
			return true
		}
	}
	return false
}

type charKind uint8

const (
	isOne charKind = iota
	isNotOne
	isSet
)

// charIs tests one character as regexp2's One, Notone and Set do.
type charIs struct {
	kind  charKind
	ch    rune
	set   *syntax.CharSet
	ascii [2]uint64 // a set's answers for ASCII characters
}

func (t *charIs) test(c rune) bool {
	switch t.kind {
	case isOne:
		return c == t.ch
	case isNotOne:
		return c != t.ch
	}
	if c < 128 {
		return t.ascii[c>>6]&(1<<(c&63)) != 0
	}
	return t.set.CharIn(c)
}

// acceptNode ends the whole pattern.
type acceptNode struct{}

func (acceptNode) match(m *machine, i int) bool { m.end = i; return true }

// subAccept ends the body of an atomic group or lookahead.
type subAccept struct{}

func (subAccept) match(m *machine, i int) bool { m.subEnd = i; return true }

type failNode struct{}

func (failNode) match(*machine, int) bool { return false }

type charNode struct {
	is   charIs
	next mnode
}

func (n *charNode) match(m *machine, i int) bool {
	return i < len(m.text) && n.is.test(m.text[i]) && n.next.match(m, i+1)
}

type multiNode struct {
	str  []rune
	next mnode
}

func (n *multiNode) match(m *machine, i int) bool {
	if len(m.text)-i < len(n.str) {
		return false
	}
	for j, c := range n.str {
		if m.text[i+j] != c {
			return false
		}
	}
	return n.next.match(m, i+len(n.str))
}

// charLoop is a loop of one character test, between min and max times.
type charLoop struct {
	is           charIs
	min, max     int
	lazy, atomic bool
	next         mnode
}

func (n *charLoop) match(m *machine, i int) bool {
	limit := len(m.text) - i
	if n.max >= 0 && n.max < limit {
		limit = n.max
	}
	if n.lazy {
		for k := 0; ; k++ {
			if k >= n.min && n.next.match(m, i+k) {
				return true
			}
			if k >= limit || !n.is.test(m.text[i+k]) {
				return false
			}
		}
	}
	k := 0
	for k < limit && n.is.test(m.text[i+k]) {
		k++
	}
	if k < n.min {
		return false
	}
	if n.atomic {
		return n.next.match(m, i+k)
	}
	for ; k >= n.min; k-- {
		if n.next.match(m, i+k) {
			return true
		}
	}
	return false
}

type assertNode struct {
	t    syntax.NodeType
	next mnode
}

func (n *assertNode) match(m *machine, i int) bool {
	t := m.text
	ok := false
	switch n.t {
	case syntax.NtBol:
		ok = i == 0 || t[i-1] == '\n'
	case syntax.NtEol:
		ok = i == len(t) || t[i] == '\n'
	case syntax.NtBoundary:
		ok = isBoundary(t, i, syntax.IsWordChar)
	case syntax.NtNonboundary:
		ok = !isBoundary(t, i, syntax.IsWordChar)
	case syntax.NtECMABoundary:
		ok = isBoundary(t, i, syntax.IsECMAWordChar)
	case syntax.NtNonECMABoundary:
		ok = !isBoundary(t, i, syntax.IsECMAWordChar)
	case syntax.NtBeginning:
		ok = i == 0
	case syntax.NtStart:
		ok = i == m.start
	case syntax.NtEndZ:
		ok = i == len(t) || (i == len(t)-1 && t[i] == '\n')
	case syntax.NtEnd:
		ok = i == len(t)
	}
	return ok && n.next.match(m, i)
}

func isBoundary(t []rune, i int, word func(rune) bool) bool {
	return (i > 0 && word(t[i-1])) != (i < len(t) && word(t[i]))
}

type altNode struct{ branches []mnode }

func (n *altNode) match(m *machine, i int) bool {
	for _, b := range n.branches {
		if b.match(m, i) {
			return true
		}
	}
	return false
}

type capOpen struct {
	slot int
	body mnode
}

func (n *capOpen) match(m *machine, i int) bool {
	old := m.open[n.slot]
	m.open[n.slot] = i
	if n.body.match(m, i) {
		return true
	}
	m.open[n.slot] = old
	return false
}

type capClose struct {
	slot int
	next mnode
}

func (n *capClose) match(m *machine, i int) bool {
	j := 2 * n.slot
	oi, ol := m.caps[j], m.caps[j+1]
	start := m.open[n.slot]
	m.caps[j], m.caps[j+1] = start, i-start
	if n.next.match(m, i) {
		return true
	}
	m.caps[j], m.caps[j+1] = oi, ol
	return false
}

// loopNode repeats a body that cannot match nothing between min and max
// times (max < 0: no limit).
type loopNode struct {
	id       int
	min, max int
	lazy     bool
	body     mnode
	next     mnode
}

func (n *loopNode) match(m *machine, i int) bool {
	old := m.counts[n.id]
	m.counts[n.id] = 0
	ok := n.iterate(m, i)
	m.counts[n.id] = old
	return ok
}

// iterate goes on after m.counts[n.id] iterations ending at i.
func (n *loopNode) iterate(m *machine, i int) bool {
	c := m.counts[n.id]
	if c < n.min {
		return n.body.match(m, i)
	}
	if n.max >= 0 && c >= n.max {
		return n.next.match(m, i)
	}
	if n.lazy {
		return n.next.match(m, i) || n.body.match(m, i)
	}
	return n.body.match(m, i) || n.next.match(m, i)
}

// loopTail follows each iteration of a loop's body.
type loopTail struct{ l *loopNode }

func (n loopTail) match(m *machine, i int) bool {
	m.counts[n.l.id]++
	ok := n.l.iterate(m, i)
	m.counts[n.l.id]--
	return ok
}

// atomicNode matches its body once, as it first can, and never goes back
// into it.
type atomicNode struct {
	body mnode
	next mnode
}

func (n *atomicNode) match(m *machine, i int) bool {
	if !n.body.match(m, i) {
		return false
	}
	return n.next.match(m, m.subEnd)
}

// lookNode is a lookahead: its body must (or, negative, must not) match
// at i, which it does not consume.
type lookNode struct {
	body     mnode
	negative bool
	next     mnode
}

func (n *lookNode) match(m *machine, i int) bool {
	if n.body.match(m, i) == n.negative {
		return false
	}
	return n.next.match(m, i)
}
