# actorgraph — the two commands a newcomer needs:
#   make run    start the local Neo4j (unless NEO4J_URI is set), load the seed, serve GraphQL
#   make test   the whole suite against a throwaway Neo4j of its own and
#               the CoreNLP server (started for the run unless one is up)
# Everything else here serves those two.

SHELL     := /bin/bash
GO        ?= go
LISTEN    ?= 127.0.0.1:8080
GENERATED := graph/generated/generated.go graph/generated/models_gen.go resolvers/schema.resolvers.go resolvers/auth.resolvers.go resolvers/curation.resolvers.go

.PHONY: run test test-packages neo4j-up neo4j-down neo4j-status corenlp-up corenlp-down corenlp-status corenlp-record corenlp-bench build generate check-generated vet staticcheck fmt-check unit web web-test test-deps bench bench-peer-deps fuzz fuzz-targets loadtest extraction-figures extract extract-bench

## run: start Neo4j and the CoreNLP server (draftArticle parses with it;
## DRAFT=0 skips it and serves without drafting), load the seed article,
## serve the API, the playground, /explore and /review on $(LISTEN)
DRAFT ?= 1
run: neo4j-up
ifeq ($(DRAFT),1)
	scripts/corenlp up
	$(GO) run ./cmd/actorgraph serve -listen $(LISTEN) -load seed
else
	$(GO) run ./cmd/actorgraph serve -listen $(LISTEN) -load seed -draft=false
endif

## test: static checks (gofmt, vet, staticcheck), generated-code check, then every test against a
## throwaway Neo4j that scripts/testdb starts on free ports in a temporary
## folder and removes afterwards; the developer's own server (make run) is
## never touched. Test packages share that one database, so they run one
## package at a time (-p 1). The parser's tests need the CoreNLP server:
## scripts/corenlp run uses the one running (or CORENLP_URL), or starts one
## for the run and stops it at the end. It is stateless, so one serves all.
test: fmt-check vet staticcheck check-generated test-deps
	scripts/corenlp run -- scripts/testdb run -- $(MAKE) --no-print-directory fuzz-targets test-packages

## test-packages: every package's tests; needs the ACTORGRAPH_TEST_* variables
## scripts/testdb sets and a CoreNLP server (make test sees to both)
# -timeout: go test's default of 10 minutes per package is tight for
# graph/neo4j and cmd/actorgraph on a busy 2-core machine; a hung test still
# ends the run, with every goroutine's stack.
test-packages:
	$(GO) test -p 1 -count=1 -timeout 45m ./...

## unit: the tests that need no database and no parser, in seconds:
## resolvers and server over the in-memory graph (graph/inmem), claims
## parsing and validation, the nlp types over the recorded parse of the seed
## article, and the packages without a store
UNIT_PACKAGES := ./graph/ ./graph/inmem/ ./resolvers/ ./server/ ./internal/mdtable/ ./internal/cmd/gendocs/ ./synth/ ./progress/ ./bench/benchtable/ ./extract/eval/ ./internal/cmd/extractionfigures/
unit:
	$(GO) test -count=1 $(UNIT_PACKAGES)
	$(GO) test -count=1 -run 'TestParse|TestOffsets|TestSeedIsValid|TestCrossFile' ./loaders/
	$(GO) test -count=1 ./nlp/

## extract: draft claims from $(ARTICLES) (EXTRACT_FLAGS for flags) with the CoreNLP server,
## started for the run when none is up (serve never parses, so make run does not start it)
extract:
	scripts/corenlp run -- $(GO) run ./cmd/actorgraph extract $(EXTRACT_FLAGS) $(ARTICLES)

## extract-bench: time actorgraph extract's parse and rules on the seed article (the server's
## warm-up is reported by scripts/corenlp up, separately)
extract-bench:
	scripts/corenlp run -- $(GO) test -count=1 -run '^$$' -bench '^BenchmarkExtractSeed$$' -benchtime 3x ./extract/

## extraction-figures: run actorgraph extract on the seed and the development articles and
## rewrite the figures table of docs/extraction.md (scripts/extraction-figures; needs
## CoreNLP, started for the run unless one is up); EXTRACTION_FIGURES_FLAGS go to the script
extraction-figures:
	scripts/corenlp run -- scripts/extraction-figures $(EXTRACTION_FIGURES_FLAGS)

neo4j-up:
	scripts/neo4j up

neo4j-down:
	scripts/neo4j down

neo4j-status:
	scripts/neo4j status

## corenlp-up: start the CoreNLP server extraction parses with (127.0.0.1:9000,
## unless CORENLP_URL names another); scripts/corenlp has the settings
corenlp-up:
	scripts/corenlp up

corenlp-down:
	scripts/corenlp down

corenlp-status:
	scripts/corenlp status

## corenlp-record: re-record the parser's output for the seed article
## (nlp/testdata/seed-article.json), after a deliberate change of the
## pipeline or its version; TestSeedFixtureMatchesServer fails until then
corenlp-record:
	scripts/corenlp run -- $(GO) test -count=1 -run '^TestSeedFixtureMatchesServer$$' ./nlp/corenlp/ -args -record

## corenlp-bench: time the full pipeline on the seed article, then show the
## server's heap
corenlp-bench:
	scripts/corenlp run -- sh -c '$(GO) test -count=1 -run "^$$" -bench "^BenchmarkParseSeed$$" -benchtime 5x ./nlp/corenlp/ && scripts/corenlp status'

build:
	$(GO) build -o bin/actorgraph ./cmd/actorgraph

## generate: rewrite the closed sets' regions of the schema, docs and page
## from their Go tables (internal/cmd/gendocs), then regenerate the gqlgen
## code from schema.graphqls, auth.graphqls and gqlgen.yml
generate:
	$(GO) run ./internal/cmd/gendocs
	$(GO) tool gqlgen generate

## check-generated: fail, naming what, if regenerating would change the
## committed generated regions or code
check-generated:
	@$(GO) run ./internal/cmd/gendocs -check
	@before=$$(sha256sum $(GENERATED)); \
	$(GO) tool gqlgen generate || exit 1; \
	after=$$(sha256sum $(GENERATED)); \
	if [ "$$before" != "$$after" ]; then \
		echo "generated code was stale; 'make generate' rewrote it:"; \
		diff <(echo "$$before") <(echo "$$after"); exit 1; \
	fi; echo "generated code is up to date"

vet:
	$(GO) vet ./...

## staticcheck: honnef.co/go/tools' checks, pinned as a tool in go.mod
staticcheck:
	$(GO) tool staticcheck ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "not gofmt-ed:"; echo "$$out"; exit 1; fi

## web: rebuild the front ends (web/dist, committed and embedded) from web/src:
## the /explore network view and the GraphQL playground (GraphiQL)
web:
	cd web && npm ci --no-audit --no-fund && npm run build

## web-test: the front ends' unit tests (node --test): the review page's
## offsets, claims model and drafts
web-test:
	cd web && npm ci --no-audit --no-fund && npm test

## test-deps: install the Debian packages the tests drive (xmllint, chromium) when missing
test-deps:
	@scripts/test-deps

## bench: scale benchmarks, actorgraph against the peer (@neo4j/graphql on
## Apollo Server, bench/peer) and raw-driver baselines, and the first load
## on a freshly started Neo4j, printed as one table (BENCHMARKS.md), on a
## throwaway Neo4j (scripts/testdb; NEO4J_HEAP and NEO4J_PAGECACHE size it).
## Corpora are generated into .corpus/ on first use.
## BENCH_SIZES lists corpus sizes in claims; BENCH_REQUESTS the requests per query.
BENCH_SIZES    ?= 10k,100k
BENCH_REQUESTS ?= 200
bench: bench-peer-deps
	@mkdir -p .corpus
	set -o pipefail; scripts/testdb run -- env ACTORGRAPH_BENCH_SIZES=$(BENCH_SIZES) ACTORGRAPH_BENCH_REQUESTS=$(BENCH_REQUESTS) \
	$(GO) test -p 1 -count=1 -run '^$$' -bench . -benchtime 1x -timeout 0 \
		-cpuprofile .corpus/bench-cpu.pprof -o .corpus/bench.test ./bench/ | tee .corpus/bench.out
	$(GO) run ./bench/benchtable < .corpus/bench.out

## bench-peer-deps: install the benchmark peer's Node packages (bench/peer,
## versions pinned by its package-lock.json) when missing
bench-peer-deps:
	@test -d bench/peer/node_modules/@neo4j/graphql || npm ci --prefix bench/peer --no-audit --no-fund

## fuzz: run each fuzz target for a fixed number of executions on top of its
## committed seed corpus (testdata/fuzz/<target>/); a failing input is written
## there to reproduce. Counts, not durations: Go 1.26's duration-bounded
## fuzzing can fail spuriously with "context deadline exceeded" when the
## deadline lands mid-execution on a busy machine (fixed upstream in Go 1.27).
## -timeout still bounds each run. The GraphQL target queries the real Neo4j,
## so it runs one process (-parallel=1).
FUZZ_PARSE   ?= 20000x
FUZZ_LUCENE  ?= 50000x
FUZZ_GRAPHQL ?= 300x
fuzz:
	scripts/testdb run -- $(MAKE) --no-print-directory fuzz-targets

fuzz-targets:
	$(GO) test -run='^$$' -fuzz='^FuzzParse$$' -fuzztime=$(FUZZ_PARSE) -fuzzminimizetime=1000x -timeout=5m ./loaders/
	$(GO) test -run='^$$' -fuzz='^FuzzLuceneQuery$$' -fuzztime=$(FUZZ_LUCENE) -fuzzminimizetime=1000x -timeout=5m ./graph/neo4j/
	$(GO) test -run='^$$' -fuzz='^FuzzGraphQLArguments$$' -fuzztime=$(FUZZ_GRAPHQL) -fuzzminimizetime=100x -timeout=5m -parallel=1 ./e2e/

## loadtest: load the seed, then send the realistic query mix to an in-process
## server on 127.0.0.1 for $(LOADTEST_DURATION) with $(LOADTEST_WORKERS) workers.
LOADTEST_DURATION ?= 30s
LOADTEST_WORKERS  ?= 8
loadtest: neo4j-up
	$(GO) run ./cmd/actorgraph load seed
	$(GO) run ./cmd/actorgraph loadtest -duration $(LOADTEST_DURATION) -workers $(LOADTEST_WORKERS)
