package extract

import (
	"context"
	"net"
	"reflect"
	"strings"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	graphmem "github.com/actorgraph/actorgraph/graph/inmem"
	"github.com/actorgraph/actorgraph/nlp/corenlp"
)

// A proposal named like a graph actor is that actor; a proposed alias
// naming a graph actor is left out; a claim that becomes reflexive is
// left out; graph actors are never proposed.
func TestKnownNames(t *testing.T) {
	known := []graph.Actor{
		{ID: "iranian-protesters", Name: "Iranian protesters", Aliases: []string{"Protesters"}},
		{ID: "iran", Name: "Iran"},
	}
	for _, tc := range []struct {
		name          string
		drafted       []graph.Actor
		claims        []graph.Claim
		wantActors    []string // ids, with aliases after a colon
		wantClaimsSOA []string // subject>object@attributedTo
	}{
		{
			name:          "a proposal named by a graph alias is that actor",
			drafted:       []graph.Actor{{ID: "protesters", Name: "protesters"}, {ID: "iran", Name: "Iran"}},
			claims:        []graph.Claim{{SubjectID: "protesters", ObjectID: "iran", AttributedToID: "protesters"}},
			wantActors:    []string{},
			wantClaimsSOA: []string{"iranian-protesters>iran@iranian-protesters"},
		},
		{
			name:          "a new actor keeps its own aliases, not another's",
			drafted:       []graph.Actor{{ID: "merchants", Name: "Merchants", Aliases: []string{"Bazaar traders", "  iran "}}},
			claims:        []graph.Claim{{SubjectID: "merchants", ObjectID: "iran"}},
			wantActors:    []string{"merchants:Bazaar traders"},
			wantClaimsSOA: []string{"merchants>iran@"},
		},
		{
			name:          "a claim that becomes reflexive is dropped",
			drafted:       []graph.Actor{{ID: "iranian-protesters-2", Name: "Iranian Protesters"}},
			claims:        []graph.Claim{{SubjectID: "iranian-protesters-2", ObjectID: "iranian-protesters"}},
			wantActors:    []string{},
			wantClaimsSOA: []string{},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			acts, claims := knownNames(known, tc.drafted, tc.claims)
			gotA := []string{}
			for _, a := range acts {
				s := a.ID
				if len(a.Aliases) > 0 {
					s += ":" + strings.Join(a.Aliases, ",")
				}
				gotA = append(gotA, s)
			}
			gotC := []string{}
			for _, c := range claims {
				gotC = append(gotC, c.SubjectID+">"+c.ObjectID+"@"+c.AttributedToID)
				if c.AttributedToID != "" && c.Source != "actor:"+c.AttributedToID {
					t.Errorf("source %q of a claim attributed to %s", c.Source, c.AttributedToID)
				}
			}
			if !reflect.DeepEqual(gotA, tc.wantActors) || !reflect.DeepEqual(gotC, tc.wantClaimsSOA) {
				t.Errorf("actors %v claims %v, want %v %v", gotA, gotC, tc.wantActors, tc.wantClaimsSOA)
			}
		})
	}
}

// With the parser's server unreachable the drafter answers unavailable at
// once, naming the server and how to start it; an article over MaxBytes is
// refused before the parser is asked.
func TestDrafterErrors(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	p, err := corenlp.New(corenlp.Config{URL: url})
	if err != nil {
		t.Fatal(err)
	}
	d, err := NewDrafter(DrafterConfig{Parser: p, Graph: graphmem.New(), MaxBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	a := graph.Article{ID: "a", Title: "A", Text: "Iran threatened Iraq on Monday."}
	_, err = d.Draft(context.Background(), a, nil)
	if graph.ErrorCode(err) != graph.EUNAVAILABLE || !strings.Contains(err.Error(), url) || !strings.Contains(err.Error(), "scripts/corenlp up") {
		t.Errorf("unreachable server: %v (%s)", err, graph.ErrorCode(err))
	}
	a.Text = strings.Repeat("Iran threatened Iraq. ", 10)
	_, err = d.Draft(context.Background(), a, nil)
	if graph.ErrorCode(err) != graph.ELIMIT || !strings.Contains(err.Error(), "-draft-max-bytes") {
		t.Errorf("article over MaxBytes: %v (%s)", err, graph.ErrorCode(err))
	}
	a.Text, a.PublishedAt = "Iran threatened Iraq.", "Monday"
	_, err = d.Draft(context.Background(), a, nil)
	if graph.ErrorCode(err) != graph.EINVALID {
		t.Errorf("a bad publication date: %v (%s)", err, graph.ErrorCode(err))
	}
}
