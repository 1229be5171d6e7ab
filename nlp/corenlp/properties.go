package corenlp

// Property is one CoreNLP pipeline property.
type Property struct {
	Key, Value string
}

// Properties is the pipeline every request asks for. The server's own
// defaults, which scripts/corenlp preloads, are in
// scripts/corenlp-server/corenlp.properties with the reasons for each
// choice; the two must be equal (TestPropertiesMatchServerFile), or the
// server loads a second copy of the models on the first request.
var Properties = []Property{
	{"annotators", "tokenize,ssplit,pos,lemma,ner,depparse,coref,quote"},
	{"ssplit.newlineIsSentenceBreak", "always"},
	{"coref.algorithm", "fastneural"},
	{"coref.md.type", "dep"},
	{"ner.applyFineGrained", "true"},
	{"quote.attributeQuotes", "true"},
}
