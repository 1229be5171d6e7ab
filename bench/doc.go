// Package bench measures actorgraph at scale, side by side in one run,
// against two baselines: the peer, the library a GraphQL-over-Neo4j user
// would otherwise pick (@neo4j/graphql on Apollo Server, in bench/peer,
// started and stopped by the benchmark), and the raw Neo4j driver behind
// bare HTTP with hand-written Cypher. It measures load throughput against
// a raw bulk load, GraphQL latency of root fields and of nested fields
// (every answer checked equal on the three sides before timing), latency
// growth with the corpus, and the first load on a freshly started Neo4j.
// It holds only benchmarks; `make bench` runs them and prints one table
// (see BENCHMARKS.md).
//
// Corpora are generated (package synth) into .corpus/ at the repository
// root on first use. ACTORGRAPH_BENCH_SIZES lists the sizes in claims
// (default "10k,100k"; "1m" adds a million), ACTORGRAPH_BENCH_REQUESTS the
// requests per query and side (default 200).
package bench
