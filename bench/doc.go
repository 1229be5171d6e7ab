// Package bench measures actorgraph at scale against baselines that do the
// same work through the raw Neo4j driver with hand-written Cypher, side by
// side in one run: load throughput, GraphQL traversal and paging latency,
// and how latency grows with the corpus. It holds only benchmarks; `make
// bench` runs them and prints one table (see BENCHMARKS.md).
//
// Corpora are generated (package synth) into .corpus/ at the repository
// root on first use. ACTORGRAPH_BENCH_SIZES lists the sizes in claims
// (default "10k,100k"; "1m" adds a million), ACTORGRAPH_BENCH_REQUESTS the
// requests per query and side (default 200).
package bench
