package corenlp

import (
	"testing"
)

// FuzzDecode: no answer of the server makes decode or Validate panic, and
// whatever decode accepts and Validate passes keeps the text unchanged.
// go test runs the seeds; make fuzz-style runs can add -fuzz=FuzzDecode.
func FuzzDecode(f *testing.F) {
	const text = "Iraq “warned” 😀 Iran."
	f.Add(text, []byte(`{"sentences":[{"index":0,"paragraph":0,"tokens":[{"index":1,"word":"Iraq","originalText":"Iraq","characterOffsetBegin":0,"characterOffsetEnd":4},{"index":2,"word":"“","originalText":"“","characterOffsetBegin":5,"characterOffsetEnd":6}],"enhancedPlusPlusDependencies":[{"dep":"ROOT","governor":0,"dependent":1}],"entitymentions":[{"docTokenBegin":0,"docTokenEnd":1,"characterOffsetBegin":0,"characterOffsetEnd":4,"ner":"COUNTRY","nerConfidences":{"LOCATION":0.9}}]}],"corefs":{"3":[{"id":1,"type":"PROPER","number":"SINGULAR","gender":"NEUTRAL","animacy":"INANIMATE","startIndex":1,"endIndex":2,"headIndex":1,"sentNum":1,"isRepresentativeMention":true},{"id":2,"type":"PRONOMINAL","number":"SINGULAR","gender":"NEUTRAL","animacy":"INANIMATE","startIndex":2,"endIndex":3,"headIndex":2,"sentNum":1,"isRepresentativeMention":false}]},"quotes":[{"beginIndex":5,"endIndex":6,"beginToken":1,"endToken":1,"mentionBegin":0,"mentionEnd":0,"mentionType":"name","speaker":"Iraq","canonicalSpeaker":"Iraq","canonicalMentionBegin":0,"canonicalMentionEnd":0}]}`))
	f.Add(text, []byte(`{"sentences":[{"tokens":[{"index":1,"originalText":"😀","characterOffsetBegin":15,"characterOffsetEnd":17}]}]}`))
	f.Add(text, []byte(`{"sentences":[{"tokens":[{"index":1,"originalText":"x","characterOffsetBegin":16,"characterOffsetEnd":17}]}]}`))
	f.Add("", []byte(`{}`))
	f.Add("a", []byte(`{"corefs":{"1":[{},{}]},"quotes":[{}]}`))
	f.Fuzz(func(t *testing.T, text string, body []byte) {
		doc, err := decode(text, body)
		if err != nil {
			return
		}
		if err := doc.Validate(); err != nil {
			return
		}
		if doc.Text != text {
			t.Fatalf("text changed: %q", doc.Text)
		}
	})
}
