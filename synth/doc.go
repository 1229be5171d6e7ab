// Package synth generates synthetic corpora for load and query benchmarks:
// claims files and article texts in exactly the format the loader reads
// (docs/claims-format.md).
//
// A corpus is a pure function of its Spec: the same articles, actors,
// aliases and claims come out for the same seed on every machine. Actors are
// drawn from a pool with a Zipf (power-law) distribution, so a few actors
// take part in a large share of the claims, as states and leaders do in real
// reporting. Every claim's quote is a verbatim substring of its generated
// article, every modality and every relation type occurs, and claims refer
// to actors by name, by id or by one of their aliases.
package synth
