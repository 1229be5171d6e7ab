package synth

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/actorgraph/actorgraph/graph"
)

// Spec describes a corpus. The same Spec always yields the same files.
type Spec struct {
	// Articles is the number of articles (one claims file each).
	Articles int
	// ClaimsPerArticle is the number of claims in each article (default 20).
	ClaimsPerArticle int
	// ActorsPerArticle is how many distinct actors each article names
	// (default 20, at most the pool size).
	ActorsPerArticle int
	// Actors is the size of the actor pool (default: 100 + Articles/5).
	Actors int
	// Seed makes different corpora of the same size.
	Seed uint64
	// Zipf is the exponent of the power law actors are drawn with (default
	// 1.2; it must be greater than 1).
	Zipf float64
}

// withDefaults fills in zero fields and checks the rest.
func (s Spec) withDefaults() (Spec, error) {
	if s.Articles < 1 {
		return s, fmt.Errorf("articles must be at least 1, got %d", s.Articles)
	}
	if s.ClaimsPerArticle == 0 {
		s.ClaimsPerArticle = 20
	}
	if s.Actors == 0 {
		s.Actors = 100 + s.Articles/5
	}
	if s.ActorsPerArticle == 0 {
		s.ActorsPerArticle = 20
	}
	if s.Zipf == 0 {
		s.Zipf = 1.2
	}
	switch {
	case s.ClaimsPerArticle < 1:
		return s, fmt.Errorf("claims per article must be at least 1, got %d", s.ClaimsPerArticle)
	case s.Actors < 2:
		return s, fmt.Errorf("the actor pool needs at least 2 actors, got %d", s.Actors)
	case s.ActorsPerArticle < 2:
		return s, fmt.Errorf("actors per article must be at least 2, got %d", s.ActorsPerArticle)
	case s.Zipf <= 1:
		return s, fmt.Errorf("zipf exponent must be greater than 1, got %g", s.Zipf)
	}
	s.ActorsPerArticle = min(s.ActorsPerArticle, s.Actors)
	return s, nil
}

// Claims is the total number of claims the corpus holds.
func (s Spec) Claims() int {
	d, err := s.withDefaults()
	if err != nil {
		return 0
	}
	return d.Articles * d.ClaimsPerArticle
}

// ArticleID is the id of article i (0-based).
func ArticleID(i int) string { return fmt.Sprintf("synthetic-%07d", i+1) }

// ActorID is the id of pool actor i (0-based); actor 0 is the most frequent.
func ActorID(i int) string { return actor(i).ID }

// filesPerFolder keeps folders small enough for any file system and tool.
const filesPerFolder = 1000

// RelPath is the path of article i's claims file inside the corpus folder.
func RelPath(i int) string {
	return filepath.Join(fmt.Sprintf("%04d", i/filesPerFolder), ArticleID(i)+".yaml")
}

// Write writes the corpus into dir (created if missing): one claims file and
// one text file per article, filesPerFolder articles per subfolder. progress,
// if not nil, is called after each article with the number written so far.
func Write(ctx context.Context, dir string, spec Spec, progress func(done int)) error {
	s, err := spec.withDefaults()
	if err != nil {
		return err
	}
	for i := 0; i < s.Articles; i++ {
		if i%filesPerFolder == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(RelPath(i))), 0o755); err != nil {
				return fmt.Errorf("create corpus folder: %w", err)
			}
		}
		claims, text := s.article(i)
		path := filepath.Join(dir, RelPath(i))
		if err := os.WriteFile(strings.TrimSuffix(path, ".yaml")+".txt", []byte(text), 0o644); err != nil {
			return fmt.Errorf("write article %d: %w", i+1, err)
		}
		if err := os.WriteFile(path, claims, 0o644); err != nil {
			return fmt.Errorf("write article %d: %w", i+1, err)
		}
		if progress != nil {
			progress(i + 1)
		}
	}
	return nil
}

// The YAML shapes of a claims file, in the order docs/claims-format.md shows.
type (
	fileYAML struct {
		Format  int         `yaml:"format"`
		Article articleYAML `yaml:"article"`
		Actors  []actorYAML `yaml:"actors"`
		Claims  []claimYAML `yaml:"claims"`
	}
	articleYAML struct {
		ID          string `yaml:"id"`
		Title       string `yaml:"title"`
		File        string `yaml:"file"`
		Dateline    string `yaml:"dateline,omitempty"`
		Source      string `yaml:"source,omitempty"`
		PublishedAt string `yaml:"publishedAt,omitempty"`
	}
	actorYAML struct {
		ID          string   `yaml:"id"`
		Name        string   `yaml:"name"`
		Kind        string   `yaml:"kind"`
		Aliases     []string `yaml:"aliases,flow,omitempty"`
		Description string   `yaml:"description,omitempty"`
	}
	claimYAML struct {
		ID           string    `yaml:"id"`
		Subject      string    `yaml:"subject"`
		Relation     string    `yaml:"relation"`
		Object       string    `yaml:"object"`
		Certainty    string    `yaml:"certainty"`
		OwnStatement bool      `yaml:"ownStatement,omitempty"`
		Condition    string    `yaml:"condition,omitempty"`
		Time         *timeYAML `yaml:"time,omitempty"`
		AttributedTo string    `yaml:"attributedTo,omitempty"`
		Quote        string    `yaml:"quote"`
	}
	timeYAML struct {
		Status string `yaml:"status"`
		Cue    string `yaml:"cue,omitempty"`
		From   string `yaml:"from,omitempty"`
	}
)

// Article returns article i's claims file and text. It depends only on the
// spec and i, so articles can be made in any order.
func (s Spec) Article(i int) (claimsFile []byte, text string, err error) {
	d, err := s.withDefaults()
	if err != nil {
		return nil, "", err
	}
	claimsFile, text = d.article(i)
	return claimsFile, text, nil
}

func (s Spec) article(i int) (claimsFile []byte, text string) {
	rng := rand.New(rand.NewPCG(s.Seed, uint64(i)))
	zipf := rand.NewZipf(rng, s.Zipf, 1, uint64(s.Actors-1))

	// Distinct actors, drawn by the power law; hubs recur across articles.
	picked := make([]int, 0, s.ActorsPerArticle)
	seen := map[int]bool{}
	for tries := 0; len(picked) < s.ActorsPerArticle; tries++ {
		a := int(zipf.Uint64())
		if tries > 50*s.ActorsPerArticle { // a steep law: fill with uniform draws
			a = rng.IntN(s.Actors)
		}
		if !seen[a] {
			seen[a] = true
			picked = append(picked, a)
		}
	}
	actors := make([]graph.Actor, len(picked))
	year := 2000 + i%25
	f := fileYAML{Format: 2, Article: articleYAML{
		ID:          ArticleID(i),
		Title:       fmt.Sprintf("Synthetic report %d", i+1),
		File:        ArticleID(i) + ".txt",
		Dateline:    strings.ToUpper(word(rng.IntN(s.Actors))),
		Source:      "actorgraph synthetic corpus",
		PublishedAt: fmt.Sprintf("%04d-%02d-%02d", year, 1+i%12, 1+i%28),
	}}
	for j, p := range picked {
		actors[j] = actor(p)
		a := actors[j]
		f.Actors = append(f.Actors, actorYAML{ID: a.ID, Name: a.Name, Kind: string(a.Kind), Aliases: a.Aliases, Description: a.Description})
	}

	var body strings.Builder
	fmt.Fprintf(&body, "%s — %s\n\n", f.Article.Dateline, f.Article.Title)
	for c := 0; c < s.ClaimsPerArticle; c++ {
		// The first claims of each article walk through every relation
		// type, certainty and time status, and every other one is the
		// subject's own statement or conditional, so each occurs in any
		// corpus.
		rel := graph.RelationTypes[(i+c)%len(graph.RelationTypes)]
		if c >= len(graph.RelationTypes) {
			rel = graph.RelationTypes[rng.IntN(len(graph.RelationTypes))]
		}
		cert := graph.Certainties[(i+c)%len(graph.Certainties)]
		sj := rng.IntN(len(actors))
		oj := rng.IntN(len(actors) - 1)
		if oj >= sj {
			oj++
		}
		subj, obj := surface(rng, actors[sj]), surface(rng, actors[oj])
		quote := fmt.Sprintf("%s %s %s", subj, rel.Phrase, obj)
		cl := claimYAML{ID: fmt.Sprintf("c%d", c+1), Subject: subj, Relation: string(rel.Type), Object: obj, Certainty: string(cert)}
		// Conditions and time cues sit inside the quote, so the loader
		// finds each where the claim is made.
		if (i+c)%4 == 1 {
			cl.Condition = conditions[(i+c)%len(conditions)]
			quote += " " + cl.Condition
		}
		switch (i + 2*c) % 3 {
		case 1:
			cl.Time = &timeYAML{Status: string(graph.Past), Cue: "last year", From: strconv.Itoa(year - 1)}
			quote += " last year"
		case 2:
			cl.Time = &timeYAML{Status: string(graph.Expected), Cue: "next year", From: strconv.Itoa(year + 1)}
			quote += " next year"
		}
		cl.Quote = quote
		var sentence string
		switch cert {
		case graph.Asserted:
			sentence = quote + "."
		case graph.Reported:
			if c%2 == 0 {
				cl.AttributedTo, cl.OwnStatement = actors[sj].Name, true
				sentence = fmt.Sprintf("In a statement, %s said: “%s.”", actors[sj].Name, quote)
			} else {
				w := rng.IntN(len(actors))
				cl.AttributedTo = actors[w].ID
				sentence = fmt.Sprintf("According to %s, %s.", actors[w].Name, quote)
			}
		case graph.Alleged:
			sentence = fmt.Sprintf("It is alleged, without evidence, that %s.", quote)
		case graph.Hypothetical:
			sentence = fmt.Sprintf("Observers say it is possible that %s.", quote)
		case graph.Denied:
			cl.AttributedTo, cl.OwnStatement = actors[sj].ID, true
			sentence = fmt.Sprintf("%s denied reports that %s.", actors[sj].Name, quote)
		}
		f.Claims = append(f.Claims, cl)
		body.WriteString(sentence)
		if c%3 == 2 {
			body.WriteString("\n\n")
		} else {
			body.WriteString(" ")
		}
		if rng.IntN(4) == 0 {
			body.WriteString(fillers[rng.IntN(len(fillers))] + " ")
		}
	}
	out, err := yaml.Marshal(&f)
	if err != nil { // plain structs of strings always marshal
		panic(fmt.Sprintf("synth: marshal article %d: %v", i, err))
	}
	return out, strings.TrimSpace(body.String()) + "\n"
}

// surface picks how a claim refers to an actor: its name, its id or an alias.
func surface(rng *rand.Rand, a graph.Actor) string {
	switch r := rng.IntN(10); {
	case r < 5 || len(a.Aliases) == 0:
		return a.Name
	case r == 5:
		return a.ID
	default:
		return a.Aliases[rng.IntN(len(a.Aliases))]
	}
}

// conditions are the conditions conditional claims are made on.
var conditions = []string{"should the talks fail", "if the strikes continue", "unless the troops withdraw"}

var fillers = []string{
	"Officials declined to comment further.",
	"The situation remained tense overnight.",
	"Analysts expect the dispute to continue.",
	"Talks are scheduled to resume next week.",
	"Residents reported hearing explosions.",
}
