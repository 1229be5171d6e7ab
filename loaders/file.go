package loaders

// The claims file (format 2, docs/claims-format.md) as the writers write
// it: `actorgraph export --format claims` (package export) and
// `actorgraph extract` drafts (package extract) both encode a File with
// yaml.v3, so the format's keys and their order are defined once, here,
// beside the parser that reads them. The parser itself walks yaml.Nodes
// rather than decoding into these types: it reports each problem at its
// own line, in its own words, which decoding into structs would not.
//
// Optional keys are omitted when empty. Where a writer must tell "absent"
// from a zero value (an offset of 0, an empty condition, a confidence of
// 0), the field is a pointer: nil leaves the key out. What one writer adds
// beyond the keys (a header comment, comments on actors, flow-style
// aliases) it adds itself, to the yaml.Node of the File.
type (
	// File is one article's claims file.
	File struct {
		Format  int         `yaml:"format"`  // FormatNumber
		Article FileArticle `yaml:"article"` // the article the claims are from
		Actors  []FileActor `yaml:"actors"`  // the actors the claims name, as this article knows them
		Claims  []FileClaim `yaml:"claims"`  // the claims
	}

	// FileArticle is a claims file's article block.
	FileArticle struct {
		ID          string `yaml:"id"`                 // the article's id
		Title       string `yaml:"title"`              // its headline
		File        string `yaml:"file"`               // its text, relative to the claims file
		PublishedAt string `yaml:"publishedAt"`        // YYYY-MM-DD, or Unknown
		Dateline    string `yaml:"dateline,omitempty"` // where it was filed
		Source      string `yaml:"source,omitempty"`   // who published it
		URL         string `yaml:"url,omitempty"`      // where it was published
		Note        string `yaml:"note,omitempty"`     // a note for readers of the file
	}

	// FileActor is one actor a claims file declares.
	FileActor struct {
		ID          string   `yaml:"id"`                    // the actor's id, which claims refer to
		Name        string   `yaml:"name"`                  // its name
		Kind        string   `yaml:"kind"`                  // a graph.ActorKind
		Aliases     []string `yaml:"aliases,omitempty"`     // the other names this article uses for it
		Description string   `yaml:"description,omitempty"` // one line saying who it is
	}

	// FileClaim is one claim of a claims file.
	FileClaim struct {
		ID           string    `yaml:"id"`                     // unique within the article
		Subject      string    `yaml:"subject"`                // actor id or alias
		SubjectText  string    `yaml:"subjectText"`            // the words naming the subject
		SubjectStart *int      `yaml:"subjectStart,omitempty"` // where those words start; nil: found near the quote
		Relation     string    `yaml:"relation"`               // a graph.RelationType
		Object       string    `yaml:"object"`                 // actor id or alias
		ObjectText   string    `yaml:"objectText"`             // the words naming the object
		ObjectStart  *int      `yaml:"objectStart,omitempty"`  // where those words start; nil: found near the quote
		Certainty    string    `yaml:"certainty"`              // a graph.Certainty
		OwnStatement bool      `yaml:"ownStatement,omitempty"` // the subject says it of itself
		Condition    *string   `yaml:"condition,omitempty"`    // the condition's words; nil: unconditional
		Time         *FileTime `yaml:"time,omitempty"`         // nil: ongoing, no cue
		AttributedTo string    `yaml:"attributedTo,omitempty"` // actor id or alias of the source
		Quote        string    `yaml:"quote"`                  // the sentence the claim rests on
		Start        int       `yaml:"start"`                  // where the quote starts in the text
		Note         string    `yaml:"note,omitempty"`         // a note for reviewers
		Draft        bool      `yaml:"draft,omitempty"`        // not yet reviewed
		Confidence   *float64  `yaml:"confidence,omitempty"`   // a draft's confidence; nil: none written
	}

	// FileTime is a claim's time block.
	FileTime struct {
		Status string `yaml:"status"`         // a graph.TimeStatus
		Cue    string `yaml:"cue,omitempty"`  // the words placing the claim in time
		From   string `yaml:"from,omitempty"` // YYYY[-MM[-DD]]
		To     string `yaml:"to,omitempty"`   // YYYY[-MM[-DD]]
	}
)

// FormatNumber is Format as the number a File carries.
const FormatNumber = 2
