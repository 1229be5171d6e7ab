package neo4j_test

import (
	"context"
	"encoding/json"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/actorgraph/actorgraph/auth"
	"github.com/actorgraph/actorgraph/curation"
	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/internal/neo4jtest"
	"github.com/actorgraph/actorgraph/loaders"
)

// The curation contract: the same curation steps, run by the Service over
// the Neo4j store and over the in-memory one, give the same answers and
// leave the same graph, revisions and histories (revision ids, which are
// random, aside).

type curationStore interface {
	store
	curation.Store
	graph.Writer
}

func adminCtx() context.Context {
	return auth.NewContext(context.Background(), auth.Principal{TokenID: "0123456789abcdef", Name: "curator", Role: auth.Admin})
}

const seedArticle = "iran-aligned-militias-threaten-us"

// newArticle is a small article for commitArticle: one new actor and two
// claims about seed actors.
func newArticle() curation.CommitArticleInput {
	text := "Kataib Hezbollah renewed its threats against the United States on Monday. " +
		"The Basra Traders Union said it backs the Iraqi state."
	return curation.CommitArticleInput{
		Article: curation.ArticleInput{ID: "kh-renews-threats", Title: "KH renews threats", Text: text, PublishedAt: "2026-02-02", Source: ptr("Test Wire")},
		Actors:  []curation.ActorInput{{ID: "basra-traders-union", Name: "Basra Traders Union", Kind: graph.KindOrganisation, Aliases: []string{"the union"}}},
		Claims: []curation.ClaimInput{
			{Key: "kh-threatens-us", Subject: "Kataib Hezbollah", Type: "THREATENS", Object: "United States", Certainty: "ASSERTED",
				Quote: "Kataib Hezbollah renewed its threats against the United States"},
			{Key: "union-supports-iraq", Subject: "basra-traders-union", SubjectText: ptr("The Basra Traders Union"), Type: "SUPPORTS", Object: "iraq",
				ObjectText: ptr("the Iraqi state"), Certainty: "REPORTED", AttributedTo: ptr("basra-traders-union"),
				Quote: "The Basra Traders Union said it backs the Iraqi state"},
		},
	}
}

// step is one curation call; its answer is compared across the stores.
type step struct {
	name string
	do   func(ctx context.Context, s *curation.Service, st curationStore) (any, error)
}

func TestCurationAnswersAlike(t *testing.T) {
	db := neo4jtest.MustOpenEmpty(t)
	mem := inmem.New()
	for _, w := range []graph.Writer{db, mem} {
		if _, err := loaders.Load(context.Background(), w, neo4jtest.SeedDir()); err != nil {
			t.Fatalf("load: %v", err)
		}
	}
	clock := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	services := map[string]*curation.Service{}
	for name, st := range map[string]curationStore{"neo4j": db, "memory": mem} {
		tick := clock
		services[name] = &curation.Service{Store: st, Graph: st, Now: func() time.Time { tick = tick.Add(time.Second); return tick }}
	}
	claim := seedArticle + "/kh-threatens-us"
	mergeRev, restored := map[string]string{}, map[string]graph.Claim{}
	type refusal struct {
		Err   string
		Claim graph.Claim
	}
	refused := map[string]refusal{}
	steps := []step{
		{"commit article", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.CommitArticle(ctx, newArticle())
		}},
		{"commit it again without replace", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.CommitArticle(ctx, newArticle())
		}},
		{"commit it again with replace", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			in := newArticle()
			in.Replace = ptr(true)
			return s.CommitArticle(ctx, in)
		}},
		{"update a claim", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.UpdateClaim(ctx, claim, curation.ClaimUpdate{Certainty: ptr(graph.Certainty("REPORTED")), Note: ptr("checked")}, 1, "second source")
		}},
		{"update it with a stale version", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.UpdateClaim(ctx, claim, curation.ClaimUpdate{Certainty: ptr(graph.Certainty("ALLEGED"))}, 1, "")
		}},
		{"retract it", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.RetractClaim(ctx, claim, "misread the quote", nil)
		}},
		{"the relationship without it", func(ctx context.Context, _ *curation.Service, st curationStore) (any, error) {
			return st.RelationshipsOf(ctx, []string{"kataib-hezbollah"}, graph.Both, nil)
		}},
		{"retracted claims", func(ctx context.Context, _ *curation.Service, st curationStore) (any, error) {
			return st.Claims(ctx, graph.ClaimFilter{Retracted: ptr(true)}, graph.PageRequest{First: 10})
		}},
		{"restore it", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.RestoreClaim(ctx, claim, "re-read", ptr(3))
		}},
		{"the claim after all that", func(ctx context.Context, _ *curation.Service, st curationStore) (any, error) {
			cs, err := st.ClaimsByID(ctx, []string{claim})
			restored[storeName(st)] = cs[claim]
			return cs, err
		}},
		{"create an actor", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.CreateActor(ctx, curation.ActorInput{ID: "kh-spokesman", Name: "KH spokesman", Kind: graph.KindPerson, Aliases: []string{"the spokesman"}}, "")
		}},
		{"update an actor", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.UpdateActor(ctx, "kh-spokesman", curation.ActorUpdate{Description: ptr("Speaks for Kataib Hezbollah."), Kind: ptr(graph.KindPerson)}, 1, "")
		}},
		{"set Iran's aliases without Tehran", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.SetAliases(ctx, "iran", []string{"Islamic Republic", "Iranian government", "Persia"}, 1, "Tehran is the capital")
		}},
		{"an alias of another actor", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.SetAliases(ctx, "iran", []string{"Washington"}, 2, "")
		}},
		{"curated articles", func(ctx context.Context, _ *curation.Service, st curationStore) (any, error) {
			return st.CuratedArticles(ctx, []string{"kh-renews-threats", seedArticle, "no-such-article", seedArticle})
		}},
		{"reload the seed: refused, one of its articles was curated", func(ctx context.Context, _ *curation.Service, st curationStore) (any, error) {
			_, err := loaders.Load(ctx, st, neo4jtest.SeedDir())
			cs, rerr := st.ClaimsByID(ctx, []string{claim})
			var msg string
			if err != nil {
				msg = err.Error()
			}
			refused[storeName(st)] = refusal{msg, cs[claim]}
			return refused[storeName(st)], rerr
		}},
		{"reload the seed, replacing curated claims", func(ctx context.Context, _ *curation.Service, st curationStore) (any, error) {
			files, err := loaders.ClaimsFiles([]string{neo4jtest.SeedDir()})
			if err != nil {
				return nil, err
			}
			return loaders.LoadFiles(ctx, st, files, loaders.Options{ReplaceCurated: true})
		}},
		{"curated articles after the reload", func(ctx context.Context, _ *curation.Service, st curationStore) (any, error) {
			return st.CuratedArticles(ctx, []string{seedArticle})
		}},
		{"Iran after the reload", func(ctx context.Context, _ *curation.Service, st curationStore) (any, error) {
			return st.ActorsByID(ctx, []string{"iran"})
		}},
		{"merge actors that claims link", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.MergeActors(ctx, "kataib-hezbollah", "united-states", "test")
		}},
		{"merge", func(ctx context.Context, s *curation.Service, st curationStore) (any, error) {
			m, err := s.MergeActors(ctx, "kh-spokesman", "abu-hussein-al-humaidawi", "same person in this test")
			mergeRev[storeName(st)] = m.Revision.ID
			return m, err
		}},
		{"the merged actor is gone", func(ctx context.Context, _ *curation.Service, st curationStore) (any, error) {
			return st.ActorsByID(ctx, []string{"abu-hussein-al-humaidawi", "kh-spokesman"})
		}},
		{"unmerge", func(ctx context.Context, s *curation.Service, st curationStore) (any, error) {
			return s.UnmergeActors(ctx, mergeRev[storeName(st)], "not the same")
		}},
		{"unmerge again", func(ctx context.Context, s *curation.Service, st curationStore) (any, error) {
			return s.UnmergeActors(ctx, mergeRev[storeName(st)], "twice")
		}},
		{"history of the claim", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.History(ctx, claim, 50)
		}},
		{"history of the new article", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			return s.History(ctx, "kh-renews-threats", 50)
		}},
		{"revisions, two pages", func(ctx context.Context, s *curation.Service, _ curationStore) (any, error) {
			p1, err := s.Revisions(ctx, curation.RevisionFilter{}, graph.PageRequest{First: 3})
			if err != nil {
				return nil, err
			}
			p2, err := s.Revisions(ctx, curation.RevisionFilter{ByTokenID: "0123456789abcdef"}, graph.PageRequest{First: 100, After: p1.Revisions[2].ID})
			return []curation.RevisionPage{p1, p2}, err
		}},
	}
	stores := map[string]curationStore{"neo4j": db, "memory": mem}
	names = map[curationStore]string{db: "neo4j", mem: "memory"}
	ctx := adminCtx()
	for _, st := range steps {
		answers := map[string]any{}
		errs := map[string]error{}
		for name, s := range stores {
			answers[name], errs[name] = st.do(ctx, services[name], s)
		}
		if graph.ErrorCode(errs["neo4j"]) != graph.ErrorCode(errs["memory"]) || revIDs.ReplaceAllString(errText(errs["neo4j"]), "rev-…") != revIDs.ReplaceAllString(errText(errs["memory"]), "rev-…") {
			t.Fatalf("%s: error %v in memory, %v in Neo4j", st.name, errs["memory"], errs["neo4j"])
		}
		if errs["neo4j"] == nil {
			if a, b := normalise(answers["memory"]), normalise(answers["neo4j"]); a != b {
				t.Fatalf("%s:\nin memory %s\nin Neo4j  %s", st.name, a, b)
			}
		}
		g1, err1 := db.WholeGraph(context.Background())
		g2, err2 := mem.WholeGraph(context.Background())
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !reflect.DeepEqual(g1, g2) {
			t.Fatalf("after %s the graphs differ:\nin memory %s\nin Neo4j  %s", st.name, show(g2), show(g1))
		}
		t.Logf("%s: %v", st.name, errs["neo4j"])
	}
	// What the steps must have done, beyond agreeing.
	ctx = context.Background()
	iran, _ := mem.ActorsByID(ctx, []string{"iran"})
	if got := iran["iran"].Aliases; slices.Contains(got, "Tehran") || !slices.Contains(got, "Persia") {
		t.Errorf("Iran's aliases after the reload are %v: the curator's removal of Tehran and addition of Persia did not survive", got)
	}
	if c := restored["neo4j"]; c.Version != 4 || c.Retracted || c.Certainty != "REPORTED" {
		t.Errorf("claim after update, retract, restore: version %d, retracted %v, certainty %s; want 4, false, REPORTED", c.Version, c.Retracted, c.Certainty)
	}
	// The reload of a curated article was refused, naming it, its count of
	// curated claims and both ways on, and wrote nothing: the claim kept
	// its curated version. Replacing put it back at version 1.
	for name, r := range refused {
		for _, want := range []string{`claims.yaml: article "` + seedArticle + `": 1 of its`, "actorgraph export --format claims", "-replace-curated"} {
			if !strings.Contains(r.Err, want) {
				t.Errorf("%s: the refused reload's error lacks %q: %s", name, want, r.Err)
			}
		}
		if r.Claim.Version != 4 || r.Claim.Certainty != "REPORTED" {
			t.Errorf("%s: after the refused reload the claim is at version %d, certainty %s; want 4, REPORTED (unchanged)", name, r.Claim.Version, r.Claim.Certainty)
		}
	}
	if cs, err := mem.ClaimsByID(ctx, []string{claim}); err != nil || cs[claim].Version != 1 {
		t.Errorf("after the reload with ReplaceCurated the claim is %+v, %v; want version 1", cs[claim], err)
	}
}

var (
	names  map[curationStore]string
	revIDs = regexp.MustCompile(`rev-[0-9a-f]{16}`)
)

func storeName(st curationStore) string { return names[st] }

// normalise shows v as JSON with revision ids blanked (they are random).
func normalise(v any) string {
	b, _ := json.Marshal(v)
	var x any
	_ = json.Unmarshal(b, &x)
	var walk func(any) any
	walk = func(v any) any {
		switch t := v.(type) {
		case map[string]any:
			for k, e := range t {
				if k == "ID" || k == "Undoes" {
					if s, ok := e.(string); ok && len(s) > 4 && s[:4] == "rev-" {
						t[k] = "rev-…"
						continue
					}
				}
				t[k] = walk(e)
			}
		case []any:
			for i := range t {
				t[i] = walk(t[i])
			}
		}
		return v
	}
	out, _ := json.Marshal(walk(x))
	return string(out)
}

// Two curators update the same claim at once: one wins, the other gets
// ECONFLICT naming the version, and the winner's change is what the graph
// holds, with exactly one revision.
func TestConcurrentUpdatesConflict(t *testing.T) {
	db := neo4jtest.MustOpenEmpty(t)
	if _, err := loaders.Load(context.Background(), db, neo4jtest.SeedDir()); err != nil {
		t.Fatal(err)
	}
	claim := seedArticle + "/kh-threatens-us"
	for round := range 5 {
		s := &curation.Service{Store: db, Graph: db}
		cs, err := db.ClaimsByID(context.Background(), []string{claim})
		if err != nil {
			t.Fatal(err)
		}
		v := cs[claim].Version
		notes := []string{"first editor " + string(rune('a'+round)), "second editor " + string(rune('a'+round))}
		errs := make([]error, 2)
		var start, done sync.WaitGroup
		start.Add(1)
		for i := range 2 {
			done.Add(1)
			go func() {
				defer done.Done()
				ctx := auth.NewContext(context.Background(), auth.Principal{TokenID: "00000000000000e" + string(rune('0'+i)), Name: notes[i], Role: auth.Editor})
				start.Wait()
				_, errs[i] = s.UpdateClaim(ctx, claim, curation.ClaimUpdate{Note: &notes[i]}, v, "")
			}()
		}
		start.Done()
		done.Wait()
		winner := -1
		for i, err := range errs {
			switch graph.ErrorCode(err) {
			case "":
				if winner >= 0 {
					t.Fatalf("round %d: both updates succeeded", round)
				}
				winner = i
			case graph.ECONFLICT:
			default:
				t.Fatalf("round %d: update %d failed with %v, not a conflict", round, i, err)
			}
		}
		if winner < 0 {
			t.Fatalf("round %d: neither update succeeded: %v", round, errs)
		}
		cs, _ = db.ClaimsByID(context.Background(), []string{claim})
		if c := cs[claim]; c.Note != notes[winner] || c.Version != v+1 {
			t.Fatalf("round %d: claim has note %q at version %d; want the winner's %q at %d", round, c.Note, c.Version, notes[winner], v+1)
		}
		hist, err := db.History(context.Background(), claim, 100)
		if err != nil {
			t.Fatal(err)
		}
		if len(hist) != round+1 || hist[0].ByName != notes[winner] {
			t.Fatalf("round %d: %d revisions, newest by %q; want %d, by %q", round, len(hist), hist[0].ByName, round+1, notes[winner])
		}
	}
}
