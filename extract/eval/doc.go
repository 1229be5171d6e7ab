// Package eval measures a draft claims file (what `actorgraph extract`
// writes) against hand-coded gold claims of the same article: the figures
// `actorgraph eval -gold GOLD.yaml DRAFT.yaml` prints.
//
// # Reading
//
// Both files are claims files in format 2 (docs/claims-format.md) that name
// the same article text, byte for byte: their offsets refer to it, so texts
// that differ are an error naming both files. ReadFile (Parse, for a file
// in memory) reads a file leniently — a claim the loader would refuse is
// still measured — and keeps the loader's verdict (LoaderProblems). The gold must pass the
// loader; the draft's problems are reported, not fatal.
//
// # Actors
//
// Draft actors (the graph's actors the draft uses, and the new actors it
// proposes) are matched to the gold's declared actors one to one, by the
// strongest of: the same id; a name or alias equal under graph.NameKey;
// equal under actors.Key (diacritics, apostrophes, hyphens, the Arabic
// article folded); a transliteration variant (actors.Variant, at least
// actors.MergeScore). Strongest pairs are taken first, and a gold actor is
// never matched twice: a second draft actor for it stays unmatched and is
// reported as a Conflict (see MatchActors). Claims name actors by id, name
// or alias, resolved within their own file as the loader does; a name no
// actor declares becomes a pseudo-actor that takes part in the matching.
//
// # Figures
//
//   - Triples (subject, relation type, object), deduplicated per file, in
//     gold actor ids (a draft actor without a match keeps an id of its
//     own, so its triples are spurious): precision (matched of drafted),
//     recall (matched of gold), F1.
//   - Actor recall: gold actors that some draft actor matches, of the gold's
//     declared actors.
//   - Agreement on matched triples, claim by claim: the draft and gold
//     claims behind a matched triple are paired one to one by overlapping
//     quotes (the first of each when none overlap), and each pair compares
//     certainty, ownStatement, conditional (a condition or none) and
//     attribution (the same actor through the matching, or both the
//     article's own voice).
//   - Quotes: draft claims whose quote occurs verbatim at its `start`
//     (evidence.Text.At, code points), of all draft claims.
//
// An empty draft has precision 0, and agreement with no matched triple is
// reported as n/a.
package eval
