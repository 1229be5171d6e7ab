package actors

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Name normalisation. Three levels, each coarser than the last:
//
//   - Fold: what every comparison starts from. Unicode compatibility
//     decomposition with the combining marks dropped (Ḥizb → Hizb, é → e),
//     lower case, the apostrophe family and the ayn and hamza marks
//     removed (’ ' ʿ ʼ ` ‘ ʻ ´: Kata’ib → kataib, Ka’bi → kabi), hyphens,
//     dashes and slashes turned into spaces, other punctuation dropped
//     (U.S. → us), white space collapsed.
//   - Key: Fold plus what English reporting adds around a name: a leading
//     "the", the possessive ’s (Iraq’s → iraq), and the Arabic article in
//     every spelling a transliteration uses (al-, el-, al , and the
//     sun-letter forms ash-, ad-, as-, at-, ar-, az-, an- before a word
//     that starts with the same consonant). Two forms with one Key are the
//     same name.
//   - Skeleton: Key reduced to consonants under transliteration
//     equivalences (q = k, kh, gh, sh kept apart, th = t, dh = d, doubled
//     letters single, a leading vowel kept as one marker). Forms that share
//     a Skeleton may be spelling variants; VariantScore decides whether
//     they are, with guards, since the Skeleton alone joins Amir and Ammar.

// apostrophes are the marks a transliteration uses for ayn and hamza, or an
// English text for elision; all of them are dropped by Fold.
const apostrophes = "'’‘`´ʿʼʻʾ′"

var stripMarks = runes.Remove(runes.In(unicode.Mn))

// Fold returns s with case, diacritics, apostrophes, hyphens and spacing
// folded away. It keeps the Arabic article and "the"; see Key.
func Fold(s string) string {
	return strings.Join(foldTokens(s), " ")
}

// folders are reusable decomposition chains (a Chain keeps state, so one
// per goroutine at a time).
var folders = sync.Pool{New: func() any { return transform.Chain(norm.NFKD, stripMarks, norm.NFC) }}

// foldTokens is Fold split into words.
func foldTokens(s string) []string {
	out := s
	if !isASCII(s) {
		t := folders.Get().(transform.Transformer)
		t.Reset()
		var err error
		if out, _, err = transform.String(t, s); err != nil {
			out = s // a transform of valid text does not fail; keep the input if it does
		}
		folders.Put(t)
	}
	var b strings.Builder
	b.Grow(len(out))
	for _, r := range out {
		switch {
		case strings.ContainsRune(apostrophes, r):
			// dropped: Kata’ib → kataib
		case r == '-' || r == '/' || r == '_' || unicode.Is(unicode.Pd, r) || unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		case r == '&':
			b.WriteString(" and ")
		default:
			// other punctuation (dots of U.S., commas, brackets) is dropped
		}
	}
	return strings.Fields(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Key returns the normalised form of a name: Fold, without a leading
// "the", possessive ’s, or the Arabic article. Names with the same Key are
// the same name written differently: Key("the Kata’ib Hezbollah’s") ==
// Key("Kataib Hezbollah") == "kataib hezbollah".
func Key(s string) string {
	return strings.Join(keyTokens(s), " ")
}

// keyTokens is Key split into words.
func keyTokens(s string) []string { return keysOf(dropThe(tokenize(s))) }

// A token is one word of a mention, folded, with what the Resolver needs
// to know of how it was written.
type token struct {
	key     string // the folded word
	raw     string // the word as written, with its possessive
	cap     bool   // written with a capital letter
	poss    bool   // the written word ended in a possessive ’s or ’
	hyphen  bool   // joined to the previous word by a hyphen
	article bool   // the Arabic article (al-, el-, ash- before sh...): not part of the Key
}

// tokenize splits a mention into folded words. Surrounding punctuation
// goes, possessives are noted and removed, hyphenated words become
// several tokens, and the Arabic article is marked.
func tokenize(s string) []token {
	var toks []token
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool {
			return (unicode.IsPunct(r) || unicode.IsSymbol(r)) && !strings.ContainsRune(apostrophes, r)
		})
		w = strings.TrimLeft(w, "‘'`")
		bare, poss := cutPossessive(w)
		first := true
		start := len(toks)
		parts := strings.FieldsFunc(bare, func(r rune) bool {
			return r == '-' || r == '/' || r == '_' || unicode.Is(unicode.Pd, r)
		})
		for _, part := range parts {
			r, _ := utf8.DecodeRuneInString(part)
			for _, f := range foldTokens(part) {
				toks = append(toks, token{key: f, raw: part, cap: unicode.IsUpper(r), hyphen: !first})
				first = false
			}
		}
		if poss && len(toks) > start {
			last := &toks[len(toks)-1]
			last.poss = true
			last.raw += w[len(bare):] // keep ’s as written
		}
	}
	markArticles(toks)
	return toks
}

// cutPossessive removes a possessive ’s, or the ’ of a plural possessive
// (Guards’), from the end of a word.
func cutPossessive(w string) (string, bool) {
	for _, suf := range []string{"’s", "'s", "’S", "'S"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return w[:len(w)-len(suf)], true
		}
	}
	if r, n := utf8.DecodeLastRuneInString(w); n > 0 && n < len(w) && strings.ContainsRune("’'", r) {
		if prev, _ := utf8.DecodeLastRuneInString(w[:len(w)-n]); prev == 's' || prev == 'S' {
			return w[:len(w)-n], true
		}
	}
	return w, false
}

// dropThe removes a leading "the" from a mention of more than one word.
func dropThe(toks []token) []token {
	if len(toks) > 1 && toks[0].key == "the" {
		return toks[1:]
	}
	return toks
}

// keysOf returns the folded words of toks, without the Arabic article.
func keysOf(toks []token) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if !t.article {
			out = append(out, t.key)
		}
	}
	return out
}

// rebuild writes toks back as text, with hyphens where they were written.
func rebuild(toks []token) string {
	var b strings.Builder
	prevRaw := ""
	for i, t := range toks {
		if i > 0 && t.raw == prevRaw && t.hyphen {
			continue // one written part folded into several words (rare)
		}
		if i > 0 {
			if t.hyphen {
				b.WriteByte('-')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t.raw)
		prevRaw = t.raw
	}
	return b.String()
}

// sunArticles are the assimilated forms of the Arabic article al- before a
// sun letter, with the letters they require next: ash-Shuhada, ad-Din.
var sunArticles = map[string]string{
	"ash": "sh", "as": "s", "ad": "d", "adh": "dh", "at": "t", "ath": "th",
	"ar": "r", "az": "z", "an": "n",
}

// markArticles marks the Arabic article in folded words: the word "al",
// "el" or "ul" (the hyphen of al-Nujaba made it a word of its own), and a
// sun-letter form hyphened to a word starting with its letter. The last
// word is never the article ("Al" alone stays a word).
func markArticles(toks []token) {
	for i := 0; i+1 < len(toks); i++ {
		t := toks[i].key
		if t == "al" || t == "el" || t == "ul" {
			toks[i].article = true
			continue
		}
		if need, ok := sunArticles[t]; ok && toks[i+1].hyphen && strings.HasPrefix(toks[i+1].key, need) {
			toks[i].article = true
		}
	}
}

// Skeleton returns the consonant skeleton of a name's Key, one skeleton a
// word, separated by spaces: Skeleton("Kata’ib Hizballah") ==
// Skeleton("Kataeb Hezbollah") == "ktb hzblh".
func Skeleton(s string) string {
	toks := keyTokens(s)
	sk := make([]string, len(toks))
	for i, t := range toks {
		sk[i] = wordSkeleton(t)
	}
	return strings.Join(sk, " ")
}

// digraphs are transliteration equivalences applied before vowels go:
// each pair is (spelling, consonant class). kh, gh and sh stay apart from
// k, g and s: Khazali is not Kazali.
var digraphs = strings.NewReplacer(
	"kh", "x", "gh", "ɣ", "sh", "ʃ", "ch", "ʃ", "th", "t", "dh", "d",
	"ph", "f", "ck", "k", "dj", "j", "q", "k",
)

// wordSkeleton reduces one folded word to its consonants: digraphs
// mapped, vowels (a e i o u y, y only inside a word) dropped, a leading
// vowel kept as "a", doubled consonants made single.
func wordSkeleton(w string) string {
	w = digraphs.Replace(w)
	var b strings.Builder
	var prev rune
	for i, r := range w {
		vowel := strings.ContainsRune("aeiou", r) || (r == 'y' && i > 0)
		switch {
		case vowel && i == 0:
			b.WriteRune('a')
			prev = 'a'
		case vowel:
			prev = 0
		case r == prev:
			// doubled consonant: Qassem → ksm
		default:
			b.WriteRune(r)
			prev = r
		}
	}
	return b.String()
}

// isVowel reports whether r is a vowel letter for the variant guards.
func isVowel(r byte) bool { return strings.IndexByte("aeiouy", r) >= 0 }

// wordVariant reports whether two folded words are spellings of one name
// and their edit distance. Equal skeletons are required, then guards that
// keep apart names the skeleton joins:
//   - the first letters agree (or both are vowels: Esmail, Ismail), and
//     both end in a vowel or neither does (Israel, Israeli);
//   - words listed in distinctNames match their own group's spellings
//     only, at any distance (Sayyid, Seyed; never Amir, Ammar);
//   - short words (four letters or fewer) keep their last letter too and
//     differ by one edit at most (Qays, Qais; but not Ali, Ala);
//   - longer words differ by at most a quarter of their length, rounded up
//     (Hamidawi, Humaidawi: 2 of 9; Hassan, Hussein: 3 of 7, refused).
func wordVariant(a, b string) (dist int, ok bool) {
	if a == b {
		return 0, true
	}
	if a == "" || b == "" || wordSkeleton(a) != wordSkeleton(b) {
		return 0, false
	}
	if a[0] != b[0] && !(isVowel(a[0]) && isVowel(b[0])) {
		return 0, false
	}
	if isVowel(a[len(a)-1]) != isVowel(b[len(b)-1]) {
		return 0, false // Israel, Israeli; Ahmad, Ahmadi
	}
	d := levenshtein(a, b)
	if ga, gb := distinctNames[a], distinctNames[b]; ga != 0 && gb != 0 {
		return d, ga == gb // a listed name: its own spellings only (Sayyid, Seyed)
	}
	n := max(len(a), len(b))
	if n <= 4 {
		return d, d <= 1 && a[len(a)-1] == b[len(b)-1]
	}
	return d, d <= (n+3)/4
}

// levenshtein is the edit distance between two byte strings (folded words
// are ASCII after Fold drops diacritics; other letters count per byte,
// which only makes the guards stricter).
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Variant compares two names as transliteration variants. It returns a
// score in (0, 1] and true when every word of one is a variant of the
// word in the same place in the other (same number of words after Key);
// the score is one minus the edit distance over the total length, so one
// changed vowel in a long name scores higher than one in a short name.
// Variant("Abu Hussein al-Hamidawi", "Abu Hussein al-Humaidawi") is about
// 0.89; Variant("Iran", "Iraq") is (0, false).
func Variant(a, b string) (score float64, ok bool) {
	ta, tb := keyTokens(a), keyTokens(b)
	s, _, ok := variantTokens(ta, tb)
	return s, ok
}

// variantTokens is Variant on Key words. anchored reports whether at
// least one word is equal and distinctive (not a particle such as Abu),
// which the Resolver requires before it merges on a variant.
func variantTokens(ta, tb []string) (score float64, anchored, ok bool) {
	if len(ta) == 0 || len(ta) != len(tb) {
		return 0, false, false
	}
	dist, total := 0, 0
	for i := range ta {
		d, ok := wordVariant(ta[i], tb[i])
		if !ok {
			return 0, false, false
		}
		if d == 0 && !nameParticles[ta[i]] {
			anchored = true
		}
		dist += d
		total += max(len(ta[i]), len(tb[i]))
	}
	return 1 - float64(dist)/float64(total), anchored, true
}

// Slug returns an actor id for a name: folded, the possessive and a
// leading "the" dropped, words joined by hyphens ("Abu Mahdi al-Muhandis"
// → "abu-mahdi-al-muhandis", "Iraq’s Oil Ministry" → "iraq-oil-ministry").
// It keeps the Arabic article, as the project's ids do. The result matches
// the loaders' slug rule, or is "" when the name has no letters or digits.
func Slug(name string) string {
	var keys []string
	for _, t := range dropThe(tokenize(name)) {
		keys = append(keys, t.key)
	}
	return strings.Join(keys, "-")
}

// Initials returns the acronym a name would have: the first letter of each
// word in upper case, skipping the Arabic article, "the", "of", "and", "in",
// "for" ("Popular Mobilisation Forces" → "PMF", "Asaib Ahl al-Haq" →
// "AAH", "Kataib Sayyid al-Shuhada" → "KSS").
func Initials(name string) string {
	var b strings.Builder
	for _, t := range keyTokens(name) {
		if acronymSkips[t] {
			continue
		}
		b.WriteString(strings.ToUpper(t[:1]))
	}
	return b.String()
}

// acronymSkips are words acronyms leave out.
var acronymSkips = map[string]bool{"the": true, "of": true, "and": true, "in": true, "for": true, "al": true, "el": true}

// isAcronym reports whether s is written as an acronym: two to six capital
// letters, digits allowed after the first, with or without dots (US, U.S.,
// IRGC, IRGC-QF). Acronyms are compared case-sensitively: "US" is not "us".
func isAcronym(s string) bool {
	s = acronymForm(s)
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	for i, r := range s {
		if !(r >= 'A' && r <= 'Z') && !(i > 0 && (r >= '0' && r <= '9' || r == '-')) {
			return false
		}
	}
	return true
}

// acronymForm removes the dots and spaces of a dotted acronym (U.S. → US).
func acronymForm(s string) string {
	return strings.NewReplacer(".", "", " ", "").Replace(strings.TrimSpace(s))
}
