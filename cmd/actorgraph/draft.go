package main

import (
	"context"
	"flag"
	"log/slog"
	"time"

	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/extract"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/nlp/corenlp"
)

// defaultDraftTimeout bounds a draftArticle request, the parse included.
// Shorter than extract's -nlp-timeout: a person is waiting for the answer,
// and a 700-word article parses in seconds to half a minute on a busy
// machine; an article that needs longer is one to extract on the command line.
const defaultDraftTimeout = 2 * time.Minute

// draftFlags configure serve's drafter: the extractor of actorgraph
// extract behind draftArticle, with the CoreNLP server CORENLP_URL names.
type draftFlags struct {
	on        bool
	timeout   time.Duration
	maxBytes  int64
	threshold float64
}

func registerDraftFlags(fs *flag.FlagSet) *draftFlags {
	d := &draftFlags{}
	fs.BoolVar(&d.on, "draft", true, "draft claims in draftArticle with the extractor and the CoreNLP server (CORENLP_URL); false: propose none")
	fs.DurationVar(&d.timeout, "nlp-timeout", defaultDraftTimeout, "deadline of a draftArticle request, the article's parse included")
	fs.Int64Var(&d.maxBytes, "draft-max-bytes", extract.DefaultMaxBytes, "largest article text draftArticle drafts, in bytes")
	fs.Float64Var(&d.threshold, "draft-threshold", extract.DefaultThreshold, "lowest confidence a drafted claim may have")
	return d
}

func (d *draftFlags) check() error {
	if d.threshold < 0 || d.threshold > 1 {
		return usagef("-draft-threshold must be between 0 and 1")
	}
	if d.timeout <= 0 || d.maxBytes <= 0 {
		return usagef("-nlp-timeout and -draft-max-bytes must be positive")
	}
	return nil
}

// drafter returns the drafter draftArticle uses. A CoreNLP server that
// does not answer at start is logged, not fatal: the rest of the API does not
// need it, and drafting works once it answers (until then draftArticle
// answers unavailable, naming the server and how to start it).
func (d *draftFlags) drafter(ctx context.Context, g graph.Reader, logger *slog.Logger) (curation.Drafter, error) {
	if !d.on {
		return curation.NoDrafter{}, nil
	}
	parser, err := corenlp.New(corenlp.Config{Timeout: d.timeout})
	if err != nil {
		return nil, err
	}
	x, err := extract.NewDrafter(extract.DrafterConfig{
		Parser: parser, Server: "the CoreNLP server at " + parser.URL(), Graph: g,
		Threshold: d.threshold, MaxBytes: d.maxBytes,
	})
	if err != nil {
		return nil, err
	}
	// Asked in the background: a server that hangs must not delay serving.
	go func() {
		if err := parser.Ping(ctx); err != nil {
			logger.Warn("draftArticle needs the CoreNLP server, which does not answer now; serving anyway (-draft=false to turn drafting off)",
				"corenlp", parser.URL(), "err", graph.ErrorMessage(err))
		} else {
			logger.Info("drafting with the CoreNLP server", "corenlp", parser.URL())
		}
	}()
	return x, nil
}
