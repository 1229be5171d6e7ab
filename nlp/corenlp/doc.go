// Package corenlp implements nlp.Parser over a Stanford CoreNLP 4.5.10
// server's HTTP API: the article is POSTed as the request body, the pipeline
// properties (Properties) go in the properties URL parameter, and the JSON
// answer is converted into an nlp.Document with code point offsets.
//
// The server is a separate Java process (scripts/corenlp up starts one on
// 127.0.0.1:9000; CORENLP_URL names another). It is GPL software, like Neo4j
// Community, fetched through Maven at run time and never linked into
// actorgraph. Every call is bounded: texts over Config.MaxChars are refused
// before anything is sent, and a call that takes longer than Config.Timeout
// is abandoned (the server is told the same limit and stops working on it).
//
// Its tests run against the real server, which `make test` starts; see
// README, "The NLP server".
package corenlp
