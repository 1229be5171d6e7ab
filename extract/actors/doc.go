// Package actors resolves the actors an article mentions: it decides, for a
// span of text and the entity type CoreNLP gave it, whether the span names
// an actor the graph already has, a well-known actor from the shipped
// gazetteer, an actor the same article named before, or a new actor to
// propose — or whether it is a pronoun or common noun ("he", "the group",
// "officials", "the spokesman") that only coreference can resolve.
//
// It is pure Go with no NLP server behind it: the extractor gives it the
// mentions (CoreNLP's entity mentions and noun phrases) in article order
// and builds claims on the actor ids it returns.
//
// # Pieces
//
//   - Normalisation (Fold, Key, Skeleton, Variant, Slug, Initials): case,
//     diacritics, apostrophes and the ayn and hamza marks, hyphens, the
//     Arabic article and "the" are folded away; a consonant skeleton under
//     transliteration equivalences finds spelling variants (Kataeb, Kata’ib,
//     Kataib; al-Hamidawi, al-Humaidawi), with guards that keep distinct
//     names apart (Iran, Iraq; Amir, Ammar; Hassan, Hussein).
//   - The gazetteer (gazetteer.yaml, embedded): states with their demonyms,
//     capitals and seats of government; international organisations; state
//     bodies that act in their own name; the region's armed groups with
//     their transliterations and translations. Its header states the coding
//     rules it follows.
//   - The word lists (lexicon.go): Pronouns, GroupNouns, CollectiveNouns,
//     RoleNouns, OrganRules, and the cue words that decide a new actor's
//     kind.
//   - Resolver and Article: NewResolver takes the known actors (from the
//     graph or claims files) and the gazetteer; NewArticle starts one
//     article; Article.Resolve resolves each mention; Article.Actors lists
//     the actors the article used, with the aliases it used, ready for a
//     draft claims file.
//
// # Never a silent merge
//
// A mention merges into an existing actor only on an exact or normalised
// name or alias, a metonym, a demonym, a state's organ, an acronym, or a
// strong spelling variant (two words or more, one distinctive word equal,
// score at least MergeScore), or by the article's own context (a surname
// after the full name, an acronym defined in parentheses, a short form
// after the full name). Everything weaker — a plural demonym ("Iranians"),
// a surname of a person the article has not named, a single-word variant,
// shared words ("Hezbollah" and Kataib Hezbollah), an embassy or ministry
// and its state — is returned as a Candidate with a score and a reason,
// and the mention is proposed as a new actor or marked Ambiguous, so the
// reviewer decides.
package actors
