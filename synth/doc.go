// Package synth generates synthetic corpora for load and query benchmarks:
// claims files and article texts in exactly the format the loader reads
// (docs/claims-format.md).
//
// A corpus is a pure function of its Spec: the same articles, actors,
// aliases and claims come out for the same seed on every machine. Actors are
// drawn from a pool with a Zipf (power-law) distribution, so a few actors
// take part in a large share of the claims, as states and leaders do in real
// reporting. Files are in claims format 2. Every claim's quote is a
// verbatim substring of its generated article and holds its subject's and
// object's words, its condition and its time cue, so every span the loader
// locates lies in the quote; every certainty, time status and relation
// type occurs, some claims are the subject's own statement and some are
// conditional, and claims refer to actors by name, by id or by one of
// their aliases.
package synth
