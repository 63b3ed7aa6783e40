package pipeline

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/newsroom/factcheck"
	"github.com/newsroom/factcheck/aliases"
	"github.com/newsroom/factcheck/claims"
	"github.com/newsroom/factcheck/textnorm"
)

// Judge decides by rules how reference passages bear on claims.
//
// A passage bears on a claim only through a quantity it states about the
// same thing. "The same thing" is decided on the concepts of the alias
// table, across languages: the entities (NATO, Sweden, the Warsaw Pact)
// and actions (founded, joined, invasion) of the claim's clause against
// those of the quantity's clause and the passage's headings. A passage
// clause that names an entity or action the claim's context does not is
// about something else ("In 2014 Russia annexed Crimea" says nothing about
// a claim on Russia's invasion of Ukraine), and a number merely near a
// shared word decides nothing. The passage supports the claim when the
// values agree at the precision the claim states, and refutes it when
// they conflict and the passage covers the claim's entities and actions,
// unless its as-of date explains the difference (an older page with a
// smaller count does not refute a newer article).
type Judge struct {
	// Aliases maps names across languages; nil means none.
	Aliases *aliases.Table
	// Now stands in for an article's date, or a page's as-of date, when it
	// is unknown.
	Now time.Time

	mu    sync.Mutex                   // guards cache
	cache map[string][]passageQuantity // passage id → its quantities
}

// passageQuantity is a quantity stated in a passage with the terms of its
// clause and of the passage's headings.
type passageQuantity struct {
	q        factcheck.Claim
	terms    map[string]bool // the sentence's and the headings' terms
	own      map[string]bool // the terms of the quantity's own sentence (a row's with its caption)
	concepts []string        // concepts of the quantity's own clause
	unit     string          // resolved unit key of a count
	dateline bool            // a page's own date line ("Last updated: …")
	// headings are the concepts of the passage's headings and caption.
	headings []string
	// subject is the first entity the quantity's sentence names, places
	// left out: usually what the sentence is about.
	subject string
	// actions are the actions named near the quantity: its predicate.
	actions []string
	// anchors are the concepts of the quantity's sentence (a table row's
	// caption and headings too) that may anchor it to a claim; named are
	// those named by other than generic names ("the Alliance").
	anchors, named []string
	// nearest is the entity named closest to the quantity in its clause:
	// in "Finland joined in April 2023 and Sweden in March 2024" the year
	// 2023 is Finland's.
	nearest string
	// nearestBefore: the nearest entity stands before the quantity, where
	// the subject of a statement usually is.
	nearestBefore bool
	// row: the passage is a table row.
	row bool
	// bracketed is the entity a bracketed quantity follows: in "Yevgeny
	// Primakov (1929–2015)" the years are the man's life, not an office.
	bracketed string
	// bracketWords are the resolved terms of the words a bracketed
	// quantity follows.
	bracketWords []string
	// sentence is the passage sentence stating the quantity (a table row
	// whole).
	sentence string
	// co are the indexes of the passage's other quantities near this one.
	co []int
	// after are the entities named after the quantity in its clause: for a
	// count, usually what is counted ("seven countries: Bulgaria, …").
	after []string
	// increment: the quantity counts an addition, not a total.
	increment bool
}

// claimView is a claim prepared for judging.
type claimView struct {
	c        factcheck.Claim
	terms    []string // resolved terms of the clause, without the quantity itself
	concepts []string // the concepts among terms: what "the same thing" is decided on
	actions  []string // the concepts that are not entities: founded, joined, invasion
	// broad holds the terms of the claim's whole context (its sentence when
	// the clause says little); a passage may name nothing outside it.
	broad map[string]bool
	// document is whether broad names a numbered document ("Resolution 678")
	document bool
	// names are the transliteration keys of the names in the claim's
	// context that the alias table does not know, spelled as the other
	// script would (claimNameKeys): a passage stating one shares a word
	// with the claim across languages.
	names []string
	unit  string // resolved unit key of a count
	// unitTerms are all the terms of the counted noun ("votes in favour"):
	// a passage number without a noun of its own is comparable when its
	// sentence states one of them ("In favour: 143").
	unitTerms []string
	date      time.Time
	dateline  bool
	// attached is the entity the quantity is stated right after ("ألمانيا
	// الغربية عام 1955", "Finland in 2023"): the claim dates or counts that
	// entity itself, even when its verb is one the alias table does not know.
	attached string
	// subjectless: the claim's clause names no entity before its quantity;
	// its subject is named earlier in the sentence, or elided ("أصبحت
	// الإمارات أول دولة عربية…، وخامس جهة في العالم").
	subjectless bool
	// attachedGeneric: attached is named by a generic name ("the Alliance")
	attachedGeneric bool
	// head is what the quantity is stated right after: a concept key, or
	// the stem of a word the alias table does not know ("سقوط الشاه 1979").
	head string
	// co are the other quantities the article states near the claim's,
	// their counted nouns resolved once.
	co []claimView
	// shared counts the distinct values the article shares with a page.
	shared func(pageURL, except string) int
	// nearestAction is the action named nearest the quantity in its clause.
	nearestAction string
	// increment: the claim counts an addition ("four new members"), not a
	// total.
	increment bool
	// eventYears are the years an anniversary claim dates its event to,
	// and marked the year it is marked (anniversaryYears).
	eventYears []int
	marked     []int
}

// datelineStems are the words of a date line: a page's or article's own
// "Last updated" or "نُشر في" line states no fact to check.
var datelineStems = termSet("آخر تحديث", "تحديث", "نشر", "نُشر", "تاريخ النشر", "التاريخ", "last updated", "updated", "published",
	"modified", "posted", "date", "اخر")

// isDateline reports whether terms hold nothing but date-line words.
func isDateline(terms []string) bool {
	if len(terms) == 0 {
		return false
	}
	words := 0
	for _, t := range terms {
		if isNumber(t) {
			continue
		}
		if !datelineStems[t] {
			return false
		}
		words++
	}
	return words > 0
}

func isConcept(t string) bool { return strings.HasPrefix(t, "=") }

// bylineReach is how far into an article, in bytes, its dateline may be.
const bylineReach = 300

// weekdays appear in datelines: "GENEVA, Thursday 20 June 2024 —".
var weekdays = termSet("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")

// timeZones stand beside the time in a date line: "(updated 14:20 EET)".
var timeZones = termSet("gmt", "utc", "cet", "cest", "eet", "eest", "bst", "est", "edt", "pst", "local", "time", "بتوقيت", "غرينتش", "جرينتش",
	"المحلي", "محلي")

// bylineCredits stand in date lines: "(خاص)", "(Reuters)", "مراسلنا".
var bylineCredits = termSet("خاص", "خاصة", "مراسلنا", "مراسل", "رويترز", "exclusive", "special", "correspondent", "reuters", "afp", "ap", "dpa")

// bylineWords is the longest line a dateline may be, in words other than
// numbers: "VILNIUS, March 29, 2024 (updated 14:20 EET)".
const bylineWords = 10

// isByline reports whether claim c, whose clause has the stems given, is
// an article's dateline: on a short line near the start of text, with at
// most a place (and its country), a weekday and an update time beside the
// date, and no action ("VIENNA, 4 December 2023 —", "الكويت – 15
// أيلول/سبتمبر 2024"). It states when the article was written, not a fact.
// "Seventy-five years ago today, on April 4, 1949, …" near the start is
// not one: its line goes on. Without the text, c's clause stands for its
// line.
func (j *Judge) isByline(text string, c factcheck.Claim, stems []string) bool {
	if c.Start >= bylineReach || !c.Kind.IsTemporal() {
		return false
	}
	line := c.Sentence
	if c.End <= len(text) {
		line = lineAround(text, c.Start, c.End)
		// "VIENNA, 4 December 2023 — Diplomats leaving …": the date line
		// ends at its dash
		_, after, _ := strings.Cut(line, c.Span)
		for _, dash := range []string{" — ", " – ", " - "} {
			if k := strings.Index(after, dash); k >= 0 {
				line = line[:len(line)-len(after)+k]
				after = after[:k]
			}
		}
		stems = textnorm.Terms(withoutSpan(line, c.Span))
	}
	letters := 0
	for _, w := range textnorm.Words(line) {
		if hasLetter(w) {
			letters++
		}
	}
	if letters > bylineWords {
		return false
	}
	words, places := 0, 0
	for _, t := range j.Aliases.Resolve(stems) {
		switch {
		case isNumber(t) || weekdays[t] || datelineStems[t] || timeZones[t] || bylineCredits[t] || isConcept(t) && j.Aliases.IsMonth(t):
			continue
		case isConcept(t) && !j.Aliases.IsEntity(t):
			return false // an action: "founded in 1949" states a fact
		case isConcept(t):
			places++ // "MONS, Belgium, 2 April 2025 —"
		default:
			words++
		}
	}
	return words <= 1 && places <= 2
}

// lineAround returns the line of text holding [start, end).
func lineAround(text string, start, end int) string {
	a := strings.LastIndexByte(text[:start], '\n') + 1
	b := strings.IndexByte(text[end:], '\n')
	if b < 0 {
		return text[a:]
	}
	return text[a : end+b]
}

// IsDateline reports whether claim c of an article whose text is text (""
// when unknown) is its date line ("KYIV, 20 February 2025", "نُشر في 6
// نيسان/أبريل 2025"): the article's own date, which states no fact to
// check.
func (j *Judge) IsDateline(text string, c factcheck.Claim) bool {
	bs, _, as, _ := clauseStems(c)
	return j.isDatelineClause(text, c, bs, as)
}

// isDatelineClause is IsDateline for claim c whose clause has the stems bs
// before the quantity and as after it.
func (j *Judge) isDatelineClause(text string, c factcheck.Claim, bs, as []string) bool {
	if !c.Kind.IsTemporal() {
		return false
	}
	stems := append(append([]string(nil), bs...), as...)
	return isDateline(stems) || j.isByline(text, c, stems)
}

// clauseStems returns the stems of claim c's clause before its quantity
// and after it, each with whether it follows a locative word. After the
// quantity, the words up to the next comma qualify it; what follows a comma
// is often another matter ("… منذ عام 2014، على أن يخلفه روته …").
func clauseStems(c factcheck.Claim) (bs []string, bPlaces []bool, as []string, aPlaces []bool) {
	before, after := splitAtSpan(c.Sentence, c.Span)
	if k := strings.IndexAny(after, ",،;؛"); k >= 0 {
		after = after[:k]
	}
	bs, bPlaces = stemsAndPlaces(before)
	as, aPlaces = stemsAndPlaces(after)
	return bs, bPlaces, as, aPlaces
}

// Prepared is a claim made ready, once, to be searched for and judged.
type Prepared struct{ v claimView }

// Prepare readies claim c of article a for Query and JudgeAll.
func (j *Judge) Prepare(c factcheck.Claim, a Article) Prepared { return Prepared{j.view(c, a)} }

// Query returns the search terms for a prepared claim: its content terms
// with every alias spelled out (stemmed), and the digits of temporal
// values, which rank passages that state them first.
func (j *Judge) Query(p Prepared) []string {
	var out []string
	for _, t := range p.v.terms {
		for _, phrase := range j.Aliases.Expand(t) {
			out = append(out, phrase...)
		}
	}
	out = append(out, valueTerms(p.v.c)...)
	// the figures stated alongside find the passage stating them too, in
	// any language
	for _, o := range p.v.co {
		if specificityOf(o.c) >= moderate {
			out = append(out, valueTerms(o.c)...)
		}
	}
	return out
}

// view prepares claim c (of an article dated docDate) for judging.
func (j *Judge) view(c factcheck.Claim, a Article) claimView {
	v := claimView{c: c, date: a.Date, broad: map[string]bool{}, shared: a.SharedValues}
	if v.date.IsZero() {
		v.date = j.now()
	}
	v.eventYears, v.marked = anniversaryYears(c, a)
	v.increment = isIncrement(c)
	if (c.Kind == factcheck.KindCount || c.Kind == factcheck.KindOrdinal) && c.Unit != "" {
		v.unitTerms = j.Aliases.Resolve(textnorm.Terms(c.Unit))
		v.unit = unitOf(c.Unit, v.unitTerms)
	}
	bs, bPlaces, as, aPlaces := clauseStems(c)
	v.dateline = j.isDatelineClause(a.Text, c, bs, as)
	if len(as) == 0 && !v.dateline && (len(bs) == 0 || len(bs) == 1 && (timeOfDay[bs[0]] || qualifierWords[bs[0]])) {
		// "On 7 December 2023, Russia completed its withdrawal", "At dawn
		// on 13 August 1961, …": a clause holding only its date, or its
		// date and a time of day, is about the clause after it (c.Terms
		// lists the neighbours' words, nearest first); so is a figure
		// with only its qualifier ("…، بنحو 2.4 مليون لاجئ،")
		as, aPlaces = stemsAndPlaces(strings.Join(c.Terms[:min(claimWindow, len(c.Terms))], " "))
	}
	v.attached = j.attachedEntity(bs, bPlaces)
	v.subjectless = !slices.ContainsFunc(j.Aliases.Resolve(bs), j.Aliases.IsEntity)
	// "قرار الحلف في شباط 2016": the Alliance named generically, as most
	// passages name it, ties a date to nothing in particular
	v.attachedGeneric = v.attached != "" && !slices.Contains(j.Aliases.Named(bs[max(0, len(bs)-4):]), v.attached)
	for _, o := range a.Claims {
		if o.Start != c.Start && near(o, c) && o.Value != "" {
			v.co = append(v.co, claimView{c: o, unit: j.unitKey(o.Unit)})
		}
	}
	v.head = j.headOf(bs, bPlaces)
	// The words nearest the quantity say what it is: a long clause joined by
	// "and" may go on to another matter.
	cut, end := max(0, len(bs)-claimWindow), min(len(as), claimWindow)
	// but a name the window's edge splits is read whole: "الاتحاد
	// الأوروبي" cut to "الأوروبي" would read Europe
	for _, m := range j.Aliases.Mentions(bs) {
		if m.Pos < cut && m.Pos+m.Len > cut {
			cut = m.Pos
			break
		}
	}
	for _, m := range j.Aliases.Mentions(as) {
		if m.Pos < end && m.Pos+m.Len > end {
			end = max(end, m.Pos+m.Len)
		}
	}
	bs, bPlaces = bs[cut:], bPlaces[cut:]
	as, aPlaces = as[:end], aPlaces[:end]
	places := map[string]bool{} // entities named as the place of the statement
	for _, side := range []struct {
		stems  []string
		places []bool
	}{{bs, bPlaces}, {as, aPlaces}} {
		for _, m := range j.Aliases.Mentions(side.stems) {
			if side.places[m.Pos] && j.Aliases.IsEntity(m.Key) {
				places[m.Key] = true
			}
		}
	}
	v.nearestAction = j.nearestAction(bs, as, v.unit)
	clause := append(j.Aliases.Resolve(bs), j.Aliases.Resolve(as)...)
	for _, t := range clause {
		v.broad[t] = true
		if isNumber(t) || slices.Contains(v.terms, t) {
			continue
		}
		v.terms = append(v.terms, t)
		if j.concept(t) && t != v.unit && !places[t] {
			v.concepts = append(v.concepts, t)
			if !j.Aliases.IsEntity(t) {
				v.actions = append(v.actions, t)
			}
		}
	}
	// The whole clause and the headline may name what the window does not
	// (the subject of "…، ثم شنت غزوها").
	for _, t := range j.Aliases.Resolve(textnorm.Terms(withoutSpan(c.Sentence, c.Span) + " " + a.Title)) {
		v.broad[t] = true
	}
	// and the words of the neighbouring clauses (c.Terms lists them nearest
	// first, bounded): "ففي عام 1952م، ضمت تركيا للحلف" names Turkey after the comma.
	for _, t := range j.Aliases.Resolve(textnorm.Terms(strings.Join(c.Terms, " "))) {
		v.broad[t] = true
	}
	// and the entities of the sentence before, in the same paragraph: "Four
	// states cut ties with Qatar. Weeks later the four handed Doha 12
	// demands" is about the states the first sentence names.
	for _, t := range j.Aliases.Resolve(textnorm.Terms(previousSentence(a.Text, c.Start))) {
		if j.Aliases.IsEntity(t) {
			v.broad[t] = true
		}
	}
	for t := range v.broad {
		v.document = v.document || aliases.IsNumbered(t)
	}
	v.names = j.claimNameKeys(c.Terms)
	return v
}

// previousSentence returns the sentence of text before the one holding
// offset at, within at's paragraph; "" when there is none.
func previousSentence(text string, at int) string {
	a, _ := textnorm.SentenceBounds(text, at, at)
	if a == 0 || text[a-1] == '\n' {
		return ""
	}
	_, size := utf8.DecodeLastRuneInString(text[:a]) // the mark ending it
	prev, _ := textnorm.SentenceBounds(text, a-size, a-size)
	return text[prev : a-size]
}

// nearestAction returns the action named nearest a quantity whose clause
// has the stems before it and after it: the last before it, else the first
// after it; the counted noun unit is not an action.
func (j *Judge) nearestAction(before, after []string, unit string) string {
	action := func(m aliases.Mention) bool {
		return j.concept(m.Key) && !j.Aliases.IsEntity(m.Key) && m.Key != unit
	}
	for _, m := range slices.Backward(j.Aliases.Mentions(before)) {
		if action(m) {
			return m.Key
		}
	}
	for _, m := range j.Aliases.Mentions(after) {
		if action(m) {
			return m.Key
		}
	}
	return ""
}

// timeWords stand between a name and its date without changing what the
// date is about: "ألمانيا الغربية عام 1955", "Finland in the year 2023".
var timeWords = termSet("عام", "العام", "سنة", "السنة", "لعام", "للعام", "year", "since", "منذ", "نفسه", "نفسها", "itself")

// attachedEntity returns the entity whose name ends right before a claim's
// quantity (stems are the words before it, places marks locatives), or "".
func (j *Judge) attachedEntity(stems []string, places []bool) string {
	end := len(stems)
	for end > 0 && timeWords[stems[end-1]] {
		end--
	}
	if end == 0 || places[end-1] {
		return ""
	}
	attached, start := "", end
	for _, m := range j.Aliases.Mentions(stems[:end]) {
		// the longest name ending at the last word: "West Germany", not "Germany"
		if j.Aliases.IsEntity(m.Key) && m.Pos+m.Len == end && m.Pos < start {
			attached, start = m.Key, m.Pos
		}
	}
	return attached
}

// headOf returns the concept or stem the last of stems (the words before a
// claim's quantity, time words left out) belongs to.
// A place the statement is made at ("… in Crimea in 2015") is not its head:
// it yields "".
func (j *Judge) headOf(stems []string, places []bool) string {
	end := len(stems)
	for end > 0 && timeWords[stems[end-1]] {
		end--
	}
	if end == 0 {
		return ""
	}
	head, start := stems[end-1], end
	for _, m := range j.Aliases.Mentions(stems[:end]) {
		if m.Pos+m.Len == end && m.Pos < start && !j.Aliases.IsMonth(m.Key) {
			head, start = m.Key, m.Pos
		}
	}
	if start < end && places[start] {
		return ""
	}
	return head
}

// concept reports whether t is a concept key that says what a quantity is
// about (months and units of time are part of dates).
func (j *Judge) concept(t string) bool {
	return isConcept(t) && !j.Aliases.IsMonth(t) && !j.Aliases.IsTimeUnit(t)
}

// Article is what the judge knows of a claim's article.
type Article struct {
	// Date is the article's date; zero when unknown.
	Date time.Time
	// Title is the article's headline, which names its topic.
	Title string
	// Claims are the article's claims: the quantities stated near a claim
	// tie it to a passage stating them too.
	Claims []factcheck.Claim
	// Text is the article's text, in which the claims' offsets are; the
	// sentence before a claim's often names what its own refers back to.
	Text string
	// SharedValues, when set, counts the distinct values (DistinctKeys)
	// the article and the reference page at a URL both state, the value
	// keyed except left out: a page sharing several is about the article's
	// matter.
	SharedValues func(pageURL, except string) int
}

func (j *Judge) now() time.Time {
	if j.Now.IsZero() {
		return time.Now().UTC()
	}
	return j.Now
}

// unitKey resolves a counted noun to a concept key or stem.
// A concept names it best; otherwise its head noun does, which English
// puts last ("deployed strategic warheads") and Arabic first ("صواريخ
// باليستية").
func (j *Judge) unitKey(unit string) string {
	return unitOf(unit, j.Aliases.Resolve(textnorm.Terms(unit)))
}

// unitOf picks the key of counted noun unit from its resolved terms ts; a
// noun of stopwords alone ("years") keys on its folded words, so that it
// is never taken for a count that states no noun.
func unitOf(unit string, ts []string) string {
	if k := headTerm(unit, ts); k != "" || unit == "" {
		return k
	}
	return textnorm.Fold(unit)
}

// headTerm picks the key of counted noun unit from its resolved terms ts.
func headTerm(unit string, ts []string) string {
	switch {
	case len(ts) == 0:
		return ""
	case isConcept(ts[0]) || !latin(unit):
		return ts[0]
	}
	return ts[len(ts)-1]
}

// latin reports whether text is written in Latin letters.
func latin(text string) bool {
	for _, r := range text {
		if unicode.IsLetter(r) {
			return r < 0x0250
		}
	}
	return false
}

// claimWindow is how many content words on each side of a claim's
// quantity say what it is about.
const claimWindow = 8

// splitAtSpan returns the clause's text before and after the span.
func splitAtSpan(sentence, span string) (string, string) {
	if i := strings.Index(sentence, span); i >= 0 {
		return sentence[:i], sentence[i+len(span):]
	}
	return sentence, ""
}

// withoutSpan removes the quantity's own text from its clause, so month
// names and number words do not count as shared context.
func withoutSpan(sentence, span string) string {
	if i := strings.Index(sentence, span); i >= 0 {
		return sentence[:i] + " " + sentence[i+len(span):]
	}
	return sentence
}

func isNumber(t string) bool {
	_, err := strconv.ParseFloat(t, 64)
	return err == nil
}

// quantities returns the quantities of passage p, extracted once per Judge.
func (j *Judge) quantities(p factcheck.Passage) []passageQuantity {
	j.mu.Lock()
	if qs, ok := j.cache[p.ID]; ok {
		j.mu.Unlock()
		return qs
	}
	j.mu.Unlock()
	context := j.Aliases.Resolve(textnorm.Terms(p.Context))
	contextNames := j.nameKeys(p.Context)
	row := isTableRow(p.Text)
	var qs []passageQuantity
	found := claims.Extract(p.Text, claims.Options{Date: p.AsOf})
	if row {
		if r, ok := rowSpan(p.Text, found); ok {
			found = append(found, r)
		}
	}
	for _, q := range found {
		if q.Relative && q.Kind == factcheck.KindDate {
			// "on 25 January" after a date of 2024: its year is inferred,
			// and a page may have moved on to another year
			continue
		}
		if row && q.Kind == factcheck.KindCount && q.Unit == "" && (percentLabel(p.Context) || percentLabel(cellLabel(p.Text, q.Start))) {
			// "Table 2. Defence expenditure as a share of GDP (%)" over
			// "Latvia; 2025: 3.73": its figures are percentages
			q.Kind = factcheck.KindPercent
		}
		if row && q.Kind == factcheck.KindCount && q.Unit == "" {
			// "Table 3. Canal revenue" over "Revenue (USD billion): 6.3":
			// its figures are sums at the header's scale
			label := cellLabel(p.Text, q.Start)
			if scale, cur, ok := moneyLabel(label); ok {
				if v, err := strconv.ParseFloat(q.Value, 64); err == nil {
					q.Kind, q.Unit = factcheck.KindMoney, cur
					q.Value = strconv.FormatFloat(math.Round(v*scale), 'f', -1, 64)
				}
			} else if scale, ok := countScale(label); ok {
				// "عدد المسافرين (مليون): 89.1" counts 89,100,000 passengers
				if v, err := strconv.ParseFloat(q.Value, 64); err == nil {
					q.Value = strconv.FormatFloat(math.Round(v*scale), 'f', -1, 64)
				}
			}
		}
		pq := passageQuantity{q: q, terms: map[string]bool{}, own: map[string]bool{}, row: row, increment: isIncrement(q)}
		for _, t := range context {
			pq.terms[t] = true
			if j.concept(t) && j.Aliases.IsEntity(t) {
				pq.headings = append(pq.headings, t)
			}
		}
		for _, k := range contextNames {
			pq.terms[k] = true
		}
		if (q.Kind == factcheck.KindCount || q.Kind == factcheck.KindOrdinal) && q.Unit != "" {
			pq.unit = j.unitKey(q.Unit)
		}
		// a table row's "Date:" is its column's header, not a page's date line
		pq.dateline = !row && isDateline(j.Aliases.Resolve(textnorm.Terms(withoutSpan(q.Sentence, q.Span))))
		cq := q
		if row {
			// a table row is one statement: its cells name its subject
			cq.Sentence = p.Text
		}
		sentence := textnorm.SentenceAround(p.Text, q.Start, q.End)
		if pq.row {
			sentence = p.Text // a row is one statement
		}
		pq.sentence = sentence
		sq := q
		sq.Sentence = sentence
		sentenceConcepts, _, near := j.mentionsAround(sq, !row)
		pq.actions = near
		if row {
			// a cell's own header is its predicate: "Date joined: 7 March 2024"
			_, _, pq.actions = j.mentionsAround(q, false)
		}
		// a count's counted noun is what it counts, not its predicate: "32
		// members" states no joining or leaving
		pq.actions = slices.DeleteFunc(pq.actions, func(a string) bool { return a == pq.unit })
		for _, c := range sentenceConcepts {
			if j.Aliases.IsEntity(c) && c != pq.unit {
				pq.subject = c
				break
			}
		}
		concepts, nearest := j.clauseEntities(cq, !row)
		pq.after = j.entitiesAfter(cq)
		if before := strings.TrimRight(p.Text[:q.Start], " "); strings.HasSuffix(before, "(") {
			stems, places := stemsAndPlaces(strings.TrimSuffix(before, "("))
			pq.bracketed = j.attachedEntity(stems, places)
			pq.bracketWords = j.Aliases.Resolve(stems[max(0, len(stems)-2):])
		}
		pq.nearest = nearest
		pq.nearestBefore = nearest != "" && j.namedBefore(cq, nearest, !row)
		for _, t := range concepts {
			if t != pq.unit {
				pq.concepts = append(pq.concepts, t)
			}
		}
		// The whole sentence says what the clause is about: "…1949، يوم
		// وقّعت اثنتا عشرة دولة" counts the founders of NATO.
		stems := textnorm.Terms(withoutSpan(sentence, q.Span))
		for _, t := range j.Aliases.Resolve(stems) {
			pq.terms[t] = true
			pq.own[t] = true
			if j.concept(t) {
				pq.anchors = append(pq.anchors, t)
			}
		}
		pq.named = j.Aliases.Named(stems)
		for _, k := range j.nameKeys(withoutSpan(sentence, q.Span)) {
			pq.terms[k] = true
			pq.own[k] = true
		}
		if pq.row {
			pq.named = append(pq.named, j.Aliases.Named(textnorm.Terms(p.Context))...)
			for _, t := range context {
				pq.own[t] = true
			}
			// A row's caption and headings name its subject: "NATO summits"
			// over "Year: 2024; City: Washington".
			for _, t := range context {
				if j.concept(t) {
					pq.anchors = append(pq.anchors, t)
				}
			}
		}
		qs = append(qs, pq)
	}
	for k := range qs {
		for i, o := range qs {
			if i != k && near(o.q, qs[k].q) {
				qs[k].co = append(qs[k].co, i)
			}
		}
	}
	j.mu.Lock()
	if j.cache == nil {
		j.cache = map[string][]passageQuantity{}
	}
	j.cache[p.ID] = qs
	j.mu.Unlock()
	return qs
}

// locativeWords before a name make it the place of the statement, not
// its subject: "signed in Washington", "وقّعت في مدينة واشنطن".
var locativeWords = textnorm.FoldSet("في", "بمدينة", "مدينة", "بالعاصمة", "العاصمة", "in", "at", "city", "capital", "near", "held", "hosted")

// stemsAndPlaces returns the stems of text (as textnorm.Terms) and, for
// each, whether it follows a locative word.
func stemsAndPlaces(text string) ([]string, []bool) {
	var stems []string
	var places []bool
	prevLocative := false
	for _, w := range textnorm.Words(text) {
		loc := locativeWords[w]
		if textnorm.IsStopword(w) {
			prevLocative = loc
			continue
		}
		if st := textnorm.Stem(w); st != "" {
			stems = append(stems, st)
			places = append(places, prevLocative)
		}
		prevLocative = loc
	}
	return stems, places
}

// clauseEntities returns the concepts of q's clause, leaving out in prose
// the entities named as places ("signed in Washington"; a table's "City:
// London" is its subject), and the entity named closest to q.
func (j *Judge) clauseEntities(q factcheck.Claim, prose bool) (concepts []string, nearest string) {
	concepts, nearest, _ = j.mentionsAround(q, prose)
	return concepts, nearest
}

// entitiesAfter returns the entities named after q in its clause and not
// before it.
func (j *Judge) entitiesAfter(q factcheck.Claim) []string {
	before, after := splitAtSpan(q.Sentence, q.Span)
	var out []string
	for _, m := range j.Aliases.Mentions(textnorm.Terms(after)) {
		if j.Aliases.IsEntity(m.Key) && !slices.Contains(out, m.Key) {
			out = append(out, m.Key)
		}
	}
	for _, m := range j.Aliases.Mentions(textnorm.Terms(before)) {
		out = slices.DeleteFunc(out, func(k string) bool { return k == m.Key })
	}
	return out
}

// namedBefore reports whether entity key is named before q in its clause
// (not as a place, in prose).
func (j *Judge) namedBefore(q factcheck.Claim, key string, prose bool) bool {
	before, _ := splitAtSpan(q.Sentence, q.Span)
	stems, places := stemsAndPlaces(before)
	for _, m := range j.Aliases.Mentions(stems) {
		if m.Key == key && !(prose && places[m.Pos]) {
			return true
		}
	}
	return false
}

// actionWindow is how near a quantity, in content words, an action must be
// stated to be the quantity's predicate.
const actionWindow = 8

// mentionsAround returns the concepts of q's sentence (places left out in
// prose), the entity named closest to q, and the actions (concepts that are
// not entities) named within actionWindow words of q.
func (j *Judge) mentionsAround(q factcheck.Claim, prose bool) (concepts []string, nearest string, near []string) {
	before, after := splitAtSpan(q.Sentence, q.Span)
	dist := math.MaxInt
	var nearDist []int
	for side, text := range []string{before, after} {
		stems, places := stemsAndPlaces(text)
		for _, m := range j.Aliases.Mentions(stems) {
			if prose && places[m.Pos] && j.Aliases.IsEntity(m.Key) || j.Aliases.IsMonth(m.Key) || j.Aliases.IsTimeUnit(m.Key) {
				continue
			}
			if !slices.Contains(concepts, m.Key) {
				concepts = append(concepts, m.Key)
			}
			// The subject usually comes before the quantity ("Finland
			// joined on 4 April 2023 and Sweden …"): names after it count
			// only when none comes before.
			d := m.Pos + 1 + 1000
			if side == 0 {
				d = len(stems) - m.Pos
			}
			// a numbered document is what a clause concerns, not who acts
			// in it ("Iraq accepted Resolution 687 on 6 April 1991")
			if j.Aliases.IsEntity(m.Key) && !aliases.IsNumbered(m.Key) && d < dist {
				nearest, dist = m.Key, d
			}
			if !j.Aliases.IsEntity(m.Key) && d%1000 <= actionWindow && m.Key != "" {
				near = append(near, m.Key)
				nearDist = append(nearDist, d%1000)
			}
		}
	}
	// nearest first
	idx := make([]int, len(near))
	for k := range idx {
		idx[k] = k
	}
	sort.SliceStable(idx, func(a, b int) bool { return nearDist[idx[a]] < nearDist[idx[b]] })
	sorted := make([]string, 0, len(near))
	for _, k := range idx {
		if !slices.Contains(sorted, near[k]) {
			sorted = append(sorted, near[k])
		}
	}
	near = sorted
	return concepts, nearest, near
}

// quote is the evidence shown for quantity q of a passage: its sentence,
// verbatim from the passage.
func quote(text string, q factcheck.Claim) string {
	return strings.TrimSpace(textnorm.SentenceAround(text, q.Start, q.End))
}

// Judge returns the evidence passage p gives on claim c of article a. Its
// Stance is neutral when the passage states nothing comparable about the
// same thing; Reason says why.
func (j *Judge) Judge(c factcheck.Claim, a Article, p factcheck.ScoredPassage) factcheck.Evidence {
	return j.judgeView(j.view(c, a), p)
}

// JudgeAll judges every candidate passage for a prepared claim.
func (j *Judge) JudgeAll(p Prepared, cands []factcheck.ScoredPassage) []factcheck.Evidence {
	out := make([]factcheck.Evidence, len(cands))
	for k, cand := range cands {
		out[k] = j.judgeView(p.v, cand)
	}
	return out
}

// match is how well one passage quantity's context fits a claim's.
type match struct {
	pq       passageQuantity
	concepts int     // claim concepts the passage states
	words    int     // other claim terms the passage states
	coverage float64 // share of the claim's concepts the passage states
	// anchored is true when the quantity's own clause names one of the
	// claim's entities (or, for a claim that names none, one of its
	// concepts): headings alone do not make "it was established in 2008"
	// about NATO.
	anchored bool
	// named: anchored by names that are not generic ("NATO", not "the
	// Alliance"), as a refutation asks.
	named bool
	// co: the passage states, near its quantity, another quantity the
	// article states near the claim; aligned: through such a quantity the
	// passage quantity is the claim's counterpart; loose: so it is, by a
	// quantity stated nearby rather than in the two clauses.
	co, aligned, loose bool
	// topical: the passage's page shares distinct values with the article.
	topical bool
	// otherOccasion: the claim's clause dates itself ("from 9 to 11 July
	// 2024") and the passage quantity's clause gives another date ("3 and
	// 4 December 2019"): it speaks of another occasion.
	otherOccasion bool
	// sequence: the passage states, near its quantity, a value the article
	// gives near the claim for the same slot: "from 19 to 26" against
	// "from 16 to 19" speaks of another step of a series.
	sequence bool
	// twin: the quantity's sentence also states a quantity agreeing with
	// the claim ("All seven deposited … from 19 to 26 countries" against
	// "Seven countries entered"): the conflicting one fills another slot.
	twin     bool
	actions  int      // claim actions the passage states
	ownWords int      // claim terms, not concepts, in the quantity's own sentence
	foreign  []string // concepts of the clause the claim does not name
	table    *aliases.Table
}

func (j *Judge) judgeView(v claimView, p factcheck.ScoredPassage) factcheck.Evidence {
	ev := factcheck.Evidence{
		ClaimID: v.c.ID, PassageID: p.ID, Source: p.PageURL, Stance: factcheck.StanceNeutral,
		AsOf: p.AsOf, Quote: excerpt(p.Text, 300),
	}
	switch {
	case v.c.Relative && v.c.Value == "":
		ev.Reason = "the claim's date is relative to an unknown article date"
		return ev
	case v.dateline:
		ev.Reason = "the claim is a date line, not a statement to check"
		return ev
	case len(v.terms) == 0:
		ev.Reason = "the claim's clause says nothing about what the quantity is"
		return ev
	}
	asOf := p.AsOf
	if asOf.IsZero() {
		asOf = j.now()
	}
	var support, conflict, tentative *match
	why := ""
	note := func(pq passageQuantity, format string, args ...any) {
		if why == "" {
			why = fmt.Sprintf("states %s %s", pq.q.Kind, pq.q.Value) + fmt.Sprintf(format, args...)
			ev.Value = pq.q.Value
		}
	}
	all := j.quantities(p.Passage)
	topical := v.shared != nil && v.shared(p.PageURL, valueKey(v.c)) >= topicalShared
	for _, pq := range all {
		agr := compare(v, pq)
		if agr == unrelated && !pq.dateline && compareAnyNoun(v, pq) == conflicts && coAligned(v, pq, all, compareAnyNoun) {
			// a count whose noun is in another language ("23 states",
			// "اثنتان وعشرون دولة"), tied to the claim by a figure both
			// state beside it: it questions the claim
			m := match{pq: pq, table: j.Aliases, aligned: true}
			if tentative == nil {
				tentative = &m
			}
			continue
		}
		if agr == unrelated || pq.dateline {
			continue
		}
		if agr == agrees && coarserBy(pq.q, v.c) >= 2 {
			// a year cannot confirm a day: "2024" says nothing of "25 January 2024"
			note(pq, ", only the year of the claim's date")
			continue
		}
		m := match{pq: pq, foreign: v.foreign(pq, j.Aliases), table: j.Aliases}
		for _, t := range v.terms {
			switch {
			case !pq.terms[t] || t == v.unit:
				// the counted noun decides comparability, not the topic
			case j.concept(t) && slices.Contains(v.concepts, t):
				m.concepts++
				if slices.Contains(v.actions, t) && slices.Contains(pq.actions, t) {
					m.actions++
				}
			case j.concept(t):
			default:
				m.words++
				if pq.own[t] {
					m.ownWords++
				}
			}
		}
		for _, k := range v.names {
			// a name the alias table does not know, stated in the other
			// script ("سرفال", "Serval"), is a word shared
			if pq.terms[k] {
				m.words++
				if pq.own[k] {
					m.ownWords++
				}
			}
		}
		if len(v.concepts) > 0 {
			m.coverage = float64(m.concepts) / float64(len(v.concepts))
		}
		m.anchored = v.anchors(pq.anchors, j.Aliases)
		m.named = v.anchors(pq.named, j.Aliases)
		m.topical = topical
		m.co = coAnchored(v, pq, all)
		m.otherOccasion = !m.co && otherOccasion(v, pq, all)
		if agr == conflicts {
			m.aligned = coAligned(v, pq, all, nil) || parallel(v, pq, all)
			m.loose = m.aligned || looselyAligned(v, pq, all)
			m.sequence = inSequence(v, pq, all)
			if v.c.Kind == factcheck.KindCount {
				m.twin = slices.ContainsFunc(all, func(o passageQuantity) bool {
					return o.q.Start != pq.q.Start && o.q.Kind == v.c.Kind && o.q.Value == v.c.Value && o.sentence == pq.sentence
				})
			}
		}
		switch {
		case agr == agrees && m.supports(v):
			if support == nil || m.better(*support) {
				support = &m
			}
		case agr == conflicts && !coarser(pq.q, v.c) && (m.refutes(v) || m.questions(v)):
			if why, ok := explainedByAsOf(v, pq, all, asOf); ok {
				// another time's count: the next conflicting one may still bear
				if ev.Reason == "" {
					ev.Reason, ev.Value = why, pq.q.Value
				}
				continue
			}
			switch {
			case m.refutes(v):
				if conflict == nil || m.better(*conflict) {
					conflict = &m
				}
			case tentative == nil || m.better(*tentative):
				tentative = &m
			}
		case len(m.foreign) > 0:
			note(pq, " about %s, which the claim does not name", strings.Join(canonical(j.Aliases, m.foreign), ", "))
		default:
			note(pq, ", but shares only %d of the claim's %d concepts", m.concepts, len(v.concepts))
		}
	}
	reason := func(m *match) string {
		return fmt.Sprintf("states %s %s about the same thing (%d of %d concepts, %d other words shared)",
			m.pq.q.Kind, m.pq.q.Value, m.concepts, len(v.concepts), m.words)
	}
	score := func(m *match) float64 {
		return round2(math.Min(1, 0.6*m.coverage+0.1*float64(m.words)+0.2))
	}
	switch {
	case support != nil:
		ev.Stance = factcheck.StanceSupports
		ev.Quote, ev.Value = quote(p.Text, support.pq.q), support.pq.q.Value
		ev.Score = score(support)
		ev.Reason = reason(support)
		if coarser(support.pq.q, v.c) {
			// "2024" is consistent with "7 March 2024" but confirms less
			// than a passage stating the day refutes it
			ev.Score = round2(math.Max(0, ev.Score-coarserPenalty))
			ev.Reason += ", at a coarser precision"
		}
	case conflict == nil && tentative != nil:
		pq := tentative.pq
		ev.Quote, ev.Value = quote(p.Text, pq.q), pq.q.Value
		ev.Stance, ev.Tentative = factcheck.StanceRefutes, true
		if pq.q.Kind == factcheck.KindMoney {
			ev.Value += " " + pq.q.Unit
		}
		ev.Score = round2(score(tentative) / 2)
		ev.Reason = fmt.Sprintf("states %s %s, probably about the same thing (%d of %d concepts, %d other words shared), but not surely",
			pq.q.Kind, pq.q.Value, tentative.concepts, len(v.concepts), tentative.words)
	case conflict != nil:
		pq := conflict.pq
		ev.Quote, ev.Value = quote(p.Text, pq.q), pq.q.Value
		ev.Stance = factcheck.StanceRefutes
		if pq.q.Kind == factcheck.KindMoney {
			ev.Value += " " + pq.q.Unit
		}
		ev.Score = score(conflict)
		ev.Reason = reason(conflict)
	case ev.Reason == "":
		ev.Reason = why
	}
	if ev.Stance == factcheck.StanceRefutes && len(v.eventYears) > 0 && len(ev.Value) >= 4 {
		// the correction of an anniversary is its rank, not the event's date
		n, _ := strconv.Atoi(v.c.Value)
		if y, err := strconv.Atoi(ev.Value[:4]); err == nil {
			if k := rankFor(v.marked, n, y); k > 0 {
				ev.Reason += fmt.Sprintf(": marked in %d, the anniversary is the %s", y+k, ordinalSuffix(k))
				ev.Value = strconv.Itoa(k)
			}
		}
	}
	return ev
}

// supports: an agreeing value about the same thing. The clause may name
// more than the claim when it also names the claim's own entity.
func (m match) supports(v claimView) bool {
	if m.otherOccasion {
		return false
	}
	if v.c.Kind.IsTemporal() && mentionsAnniversary(m.pq.own) && !mentionsAnniversary(v.broad) {
		// "reached its third anniversary on 15 September 2024" dates an
		// anniversary, not the event a claim dates
		return false
	}
	if m.co && !m.competing(v) {
		return true // the same value stated with another the article states nearby
	}
	if specificityOf(v.c) == distinct && m.concepts+m.words >= 1 && !m.competing(v) && (len(m.foreign) == 0 || m.anchored) {
		return true // a value met by chance rarely, with something else shared
	}
	if m.topical && specificityOf(v.c) == distinct && !m.competing(v) && !v.foreignNamed(m.pq) && !v.otherDocument(m.pq) {
		return true // a value met by chance rarely, on a page about the article's matter
	}
	// every one of the claim's concepts, an entity among them, is enough
	// across languages, where no other word can be shared
	all := len(v.concepts) > 0 && m.concepts == len(v.concepts) && v.namesEntity(m.table.IsEntity)
	if !all && (m.concepts+m.words < minShared(len(v.terms)) || len(v.concepts) > 0 && m.concepts == 0 && m.words < 3) {
		return false
	}
	return !m.competing(v) && (len(m.foreign) == 0 || m.anchored)
}

// competing reports whether the passage quantity belongs to another entity
// than the claim: its nearest entity is not among the claim's own, and the
// passage misses one of those, or that entity is foreign to the claim's
// context ("Finland joined on 4 April 2023 and Sweden …" against "Sweden
// joined in 2023").
func (m match) competing(v claimView) bool {
	if m.pq.nearest == "" || slices.Contains(v.concepts, m.pq.nearest) {
		return false
	}
	if !m.pq.nearestBefore && slices.Contains(v.concepts, m.pq.subject) {
		// the names after the quantity list what its subject, the claim's,
		// comprises: "the GCC, set up on 25 May 1981: Bahrain, Kuwait, …"
		return false
	}
	if m.pq.subject != m.pq.nearest && slices.Contains(v.concepts, m.pq.subject) && v.broad[m.pq.nearest] {
		// the sentence's subject is the claim's, and the entity nearer the
		// quantity is one the claim's context names too: "انسحبت إسرائيل
		// من جنوب لبنان في أيار/مايو 2000" against "الانسحاب الإسرائيلي من
		// الجنوب" in an article on Lebanon
		return false
	}
	if v.attached != "" && m.pq.subject == v.attached && slices.Contains(m.pq.concepts, v.attached) {
		// "West Germany joined NATO in 1955": NATO is the object; but in
		// "Kuwait … signed up, and the UAE joined on 22 June 2005" the
		// quantity's own clause is about the UAE
		return false
	}
	if v.subjectless && m.pq.nearestBefore && v.broad[m.pq.nearest] {
		// the entity before the passage's quantity is the subject the
		// claim's sentence names before its clause
		return false
	}
	named := false
	for _, c := range v.concepts {
		if m.table.IsEntity(c) {
			named = true
			if !m.pq.terms[c] {
				return true
			}
		}
	}
	// The passage names the claim's entities too, but its quantity sits
	// with another one: the subject before it ("Finland joined on 4 April
	// 2023", against a claim on Sweden in the same sentence as Finland), or
	// one the claim's context never mentions.
	return named && (m.pq.nearestBefore || !v.broad[m.pq.nearest])
}

// refutes: a conflicting value stated about the same thing, decided
// strictly, since refuting a true claim costs more than leaving a wrong one
// unverified: the clause names one of the claim's entities and nothing the
// claim does not, the passage states the claim's predicate (its action —
// founded, joined — or, for a claim with none, one of its other words or
// every one of its concepts), and most of the claim's concepts are there.
func (m match) refutes(v claimView) bool {
	if v.c.Relative || len(v.eventYears) > 0 && m.pq.q.Kind.IsTemporal() {
		// a year read from the article's date ("in February"), or an
		// event dated by its anniversary, is inferred: at most questioned
		return false
	}
	if v.c.Kind == factcheck.KindOrdinal && m.pq.q.Kind == factcheck.KindOrdinal {
		// an ordinal ranks one of a series (the 13th Secretary General, the
		// 32nd member): another rank is most often a sibling's, unless a
		// figure both state in the rank's own clause ties the two ("the
		// seventh conference, held on 27 May 2024" against "the eighth
		// Brussels conference was held on 27 May 2024")
		return m.aligned && !m.competing(v) && !v.foreignNamed(m.pq)
	}
	if m.sequence || m.twin || m.otherOccasion || m.otherBracket(v) {
		return false
	}
	if m.aligned && m.concepts+m.words > 0 && !m.competing(v) && !v.foreignNamed(m.pq) {
		return true
	}
	if m.concepts < 2 && !v.namesEntity(m.table.IsEntity) && v.attached == "" {
		return false // a claim naming nothing is not refuted on its verb alone
	}
	if m.otherRow(v) {
		return false
	}
	// an action stated nearest the quantity must be the claim's: "both
	// applied in May 2022, were invited to join" dates the applying
	// ("began a full-scale invasion": one of the two nearest will do)
	nearestOK := len(m.pq.actions) == 0
	for _, a := range m.pq.actions[:min(2, len(m.pq.actions))] {
		nearestOK = nearestOK || slices.Contains(v.actions, a)
	}
	// A passage stating no action near its quantity ("Year: 2019" under a
	// summits table) is about what its sentence and headings name.
	// and the claim's own nearest action must be the passage's: "hosted
	// in May 2023 … on the war" is not dated by the war's start
	nearestOK = nearestOK && (v.nearestAction == "" || len(m.pq.actions) == 0 || slices.Contains(m.pq.actions, v.nearestAction))
	predicate := nearestOK && (m.actions > 0 || len(m.pq.actions) == 0 ||
		len(v.actions) == 0 && (m.words > 0 || v.words() == 0 && m.concepts >= 2 && m.coverage == 1))
	// Every entity the claim names must be there: "Poland joined the Warsaw
	// Pact in 1955" does not refute "Czechia, Hungary and Poland joined NATO
	// in 1999".
	for _, c := range v.concepts {
		if m.table.IsEntity(c) && !m.pq.terms[c] {
			return false
		}
	}
	// One shared concept refutes only from the quantity's own clause.
	// A numbered document ("القرار 1970", "Resolution 1970") is named as
	// surely as two concepts are.
	enough := m.concepts >= 2 || m.concepts == 1 && (m.words >= 1 || aliases.IsNumbered(v.concepts[0])) && len(v.concepts) == 1 &&
		(slices.Contains(m.pq.concepts, v.concepts[0]) || m.pq.row && slices.Contains(m.pq.anchors, v.concepts[0]))
	// A claim stating its quantity right after an entity ("ألمانيا الغربية
	// عام 1955") is about that entity: a passage whose quantity sits with
	// the same entity, its every concept present, speaks of the same thing
	// even when neither verb is known.
	attached := len(v.actions) == 0 && v.attached != "" && !v.attachedGeneric && (m.pq.nearest == v.attached || m.pq.subject == v.attached) && m.coverage == 1
	if attached {
		predicate, enough = nearestOK || len(m.pq.actions) > 0, true
	}
	// Entities the claim does not name may stand in the clause when every
	// concept of a claim naming two or more is there and the quantity sits
	// with one of them: "twelve states signed in Washington the North
	// Atlantic Treaty, known as the Washington Treaty".
	if m.pq.bracketed != "" && m.pq.bracketed != v.attached {
		return false
	}
	// The concept the quantity is stated right after is what it dates or
	// counts ("the Wales summit in September 2014"): a passage not stating
	// it at most questions the claim.
	if isConcept(v.head) && !m.pq.terms[v.head] {
		return false
	}
	foreignOK := len(m.foreign) == 0 || attached || m.coverage == 1 && len(v.concepts) >= 2 && slices.Contains(v.concepts, m.pq.nearest)
	return m.named && foreignOK && !v.foreignNamed(m.pq) && !v.foreignHeading(m.pq, m.table) && predicate && !m.competing(v) &&
		enough && m.coverage >= refuteCoverage
}

// questions: a conflicting value the passage states about what is probably
// the same thing, by the measure that would let an agreeing value support
// the claim, without the certainty refuting asks for. It puts the claim in
// dispute for an editor to decide; it never outweighs support.
func (m match) questions(v claimView) bool {
	if m.sequence || m.otherOccasion || m.otherBracket(v) || m.pq.bracketed != "" && m.pq.bracketed != v.attached {
		return false
	}
	if m.loose {
		return true
	}
	// another action stated nearest the quantity ("annexed" against
	// "invaded") is another matter
	// a claim naming no concept is anchored by its words in the quantity's
	// own sentence, or by a quantity stated alongside both
	if (m.topical && nearMiss(v.c, m.pq.q) || sameDayYearApart(v.c, m.pq.q)) && !m.competing(v) {
		return true // "4 April 2026" against "4 April 2023" on a page about the matter: a slip
	}
	// on a page about the article's matter, a count of the same noun
	// ("Refugees: about 200000" against "20 ألف لاجئ")
	if m.topical && v.unit != "" && (v.unit == m.pq.unit || m.pq.unit == "" && m.pq.own[v.unit]) && !m.competing(v) && !v.foreignNamed(m.pq) {
		return true
	}
	anchored := m.anchored || m.co || len(v.concepts) == 0 && m.ownWords > 0
	return m.supports(v) && anchored && !m.otherAction(v) &&
		!v.foreignNamed(m.pq) && !v.foreignHeading(m.pq, m.table)
}

// otherBracket reports whether the passage quantity is bracketed after
// words the claim's sentence does not state: "جوزيف لونس (١٩٧١–١٩٨٤)" gives
// Luns's term, not the term of whoever the claim's bracket follows.
func (m match) otherBracket(v claimView) bool {
	if len(m.pq.bracketWords) == 0 {
		return false
	}
	return !slices.ContainsFunc(m.pq.bracketWords, func(t string) bool { return v.broad[t] })
}

// otherRow reports whether the passage is a table row about a subject the
// claim does not name: "Country: Poland; Share of GDP (%): 4.2" does not
// refute a claim on another country's share; it may question one naming
// none.
func (m match) otherRow(v claimView) bool {
	return m.pq.row && m.table.IsEntity(m.pq.subject) && !slices.Contains(v.concepts, m.pq.subject) && v.attached != m.pq.subject
}

// otherAction reports whether the passage states another action than the
// claim's nearest its quantity: "annexed" against "invaded", "signed"
// against "joined".
func (m match) otherAction(v claimView) bool {
	return len(v.actions) > 0 && len(m.pq.actions) > 0 && !slices.ContainsFunc(m.pq.actions[:min(2, len(m.pq.actions))],
		func(a string) bool { return slices.Contains(v.actions, a) })
}

func (m match) better(o match) bool {
	if m.coverage != o.coverage {
		return m.coverage > o.coverage
	}
	return m.words > o.words
}

// namesEntity reports whether the claim's window names an entity.
func (v claimView) namesEntity(entity func(string) bool) bool {
	for _, c := range v.concepts {
		if entity(c) {
			return true
		}
	}
	return false
}

// otherDocument reports whether the claim names a numbered document
// ("Resolution 1970") that the passage quantity's sentence does not: the
// same date there is another event's.
func (v claimView) otherDocument(pq passageQuantity) bool {
	for _, c := range v.concepts {
		if aliases.IsNumbered(c) && !pq.terms[c] {
			return true
		}
	}
	return false
}

// words counts the claim's terms that are not concepts.
func (v claimView) words() int {
	n := 0
	for _, t := range v.terms {
		if !isConcept(t) {
			n++
		}
	}
	return n
}

// anchors reports whether the passage quantity's sentence (or a table
// row's caption) names one of the claim's entities, or one of its concepts
// when it names no entity.
func (v claimView) anchors(anchors []string, t *aliases.Table) bool {
	entities := false
	for _, c := range v.concepts {
		if t.IsEntity(c) {
			entities = true
			if slices.Contains(anchors, c) {
				return true
			}
		}
	}
	if entities {
		return false
	}
	for _, c := range v.concepts {
		if slices.Contains(anchors, c) {
			return true
		}
	}
	return false
}

// isTableRow reports whether a passage is a table row as the sources
// package writes them: "Header: cell; Header: cell".
// A cell may hold semicolons of its own ("Main outcomes: A launched; B
// raised"), so half the parts having a header is enough.
func isTableRow(text string) bool {
	parts := strings.Split(text, "; ")
	if len(parts) < 2 {
		return false
	}
	headed := 0
	for _, p := range parts {
		if strings.Contains(p, ": ") {
			headed++
		}
	}
	return headed >= 2 && 2*headed >= len(parts)
}

// foreignNamed reports whether the quantity's sentence is about an entity
// the claim's clause and headline do not name: "Mark Rutte … became
// Secretary General on 1 October 2024" does not refute "Stoltenberg, in
// office since 2014".
func (v claimView) foreignNamed(pq passageQuantity) bool {
	if pq.row {
		// a table row names many things in its cells; it is about the
		// claim when it names the claim's entity
		for _, c := range v.concepts {
			if slices.Contains(pq.anchors, c) && isConcept(c) && len(c) > 1 && c[1] >= 'A' && c[1] <= 'Z' {
				return false
			}
		}
	}
	return pq.subject != "" && !v.broad[pq.subject]
}

// foreignHeading reports whether the passage stands under a heading naming
// an entity the claim does not: on a page about the Warsaw Pact, "the
// alliance had eight founding members" is not about NATO.
// A claim naming no entity, or a passage sentence naming one of the
// claim's, is not held to the headings.
func (v claimView) foreignHeading(pq passageQuantity, t *aliases.Table) bool {
	named := false
	for _, c := range v.concepts {
		if t.IsEntity(c) {
			named = true
			if slices.Contains(pq.named, c) {
				return false
			}
		}
	}
	if !named {
		return false
	}
	for _, c := range pq.headings {
		if !v.broad[c] {
			return true
		}
	}
	return false
}

// foreign returns the concepts a passage quantity's clause names that the
// claim's context does not: such a clause is about something else.
func (v claimView) foreign(pq passageQuantity, t *aliases.Table) []string {
	var out []string
	for _, c := range pq.concepts {
		if v.c.Kind == factcheck.KindCount && slices.Contains(pq.after, c) {
			continue // what is counted: "seven countries: Bulgaria, Estonia, …"
		}
		// Only entities: a passage may add actions ("signed", "launched")
		// to the claim's; the claim's own action is checked as its predicate.
		// A numbered document is foreign only to a claim about another
		// one: "Iraq accepted Resolution 687 on 6 April 1991" may date a
		// claim that does not name it, not a claim naming Resolution 678.
		if aliases.IsNumbered(c) && !v.document {
			continue
		}
		if t.IsEntity(c) && !v.broad[c] && c != v.unit {
			out = append(out, c)
		}
	}
	return out
}

func canonical(t *aliases.Table, keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = t.Canonical(k)
	}
	return out
}

// refuteCoverage is the share of the claim's concepts a conflicting
// passage must state before it refutes: refuting a true claim costs more
// than leaving a wrong one unverified.
const refuteCoverage = 0.6

// minShared is how many terms an agreeing passage must share.
func minShared(n int) int {
	if n <= 2 {
		return 1
	}
	return 2
}

// explainedByAsOf reports whether a conflicting count is explained by the
// pages' dates: an older page stating a smaller count, or a newer page a
// larger one, does not refute the article (members join over time).
//
// A count is of the time its clause states ("adopted on 17 March 2011 by
// ten votes"), or else of the article's date and the page's: a dated count
// on either side is compared at that date.
func explainedByAsOf(v claimView, pq passageQuantity, all []passageQuantity, asOf time.Time) (string, bool) {
	if v.c.Kind != factcheck.KindCount || !changesOverTime(v.c) {
		return "", false
	}
	cv, err1 := strconv.ParseFloat(v.c.Value, 64)
	pv, err2 := strconv.ParseFloat(pq.q.Value, 64)
	if err1 != nil || err2 != nil {
		return "", false
	}
	claimTime, passageTime := v.date, asOf
	for _, a := range v.co {
		if t, ok := clauseTime(a.c, v.c); ok {
			claimTime = t
			break
		}
	}
	for _, b := range pq.co {
		if t, ok := clauseTime(all[b].q, pq.q); ok {
			passageTime = t
			break
		}
	}
	const year = 365 * 24 * time.Hour
	switch {
	case passageTime.Before(claimTime.Add(-year)) && pv < cv:
		return fmt.Sprintf("states %s as of %s, before the article; counts change over time", pq.q.Value, passageTime.Format("2006-01-02")), true
	case passageTime.After(claimTime.Add(year)) && pv > cv:
		return fmt.Sprintf("states %s as of %s, after the article; counts change over time", pq.q.Value, passageTime.Format("2006-01-02")), true
	}
	return "", false
}

// clauseTime returns the time quantity t states when it is a point in time
// (not a range or a bound) in the clause of quantity q.
func clauseTime(t, q factcheck.Claim) (time.Time, bool) {
	if !t.Kind.IsTemporal() || t.Relative || t.Qualifier != "" || t.Unit != "" || t.Sentence != q.Sentence || strings.Contains(t.Value, "/") {
		return time.Time{}, false
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if d, err := time.Parse(layout, t.Value); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}
