package resolvers_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/actorgraph/actorgraph/graph"
)

// TestSchemaEnumsFollowTheGoTables checks every enum the Go tables define
// against schema.graphqls: the same values in the same order, each with
// the table's description, so neither can drift from the other.
func TestSchemaEnumsFollowTheGoTables(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "schema.graphqls"))
	if err != nil {
		t.Fatal(err)
	}
	schema, gerr := gqlparser.LoadSchema(&ast.Source{Name: "schema.graphqls", Input: string(src)})
	if gerr != nil {
		t.Fatal(gerr)
	}
	type value struct{ name, description string }
	tables := map[string][]value{}
	for _, r := range graph.RelationTypes {
		tables["RelationType"] = append(tables["RelationType"], value{string(r.Type), r.Description()})
	}
	for _, c := range graph.Certainties {
		tables["Certainty"] = append(tables["Certainty"], value{string(c.Value), c.Meaning})
	}
	for _, s := range graph.TimeStatuses {
		tables["TimeStatus"] = append(tables["TimeStatus"], value{string(s.Value), s.Meaning})
	}
	for _, p := range graph.Precisions {
		tables["DatePrecision"] = append(tables["DatePrecision"], value{string(p.Value), p.Meaning})
	}
	for _, c := range graph.RelationClasses {
		tables["RelationClass"] = append(tables["RelationClass"], value{string(c.Value), c.Meaning})
	}
	for enum, want := range tables {
		def := schema.Types[enum]
		if def == nil || def.Kind != ast.Enum {
			t.Errorf("schema.graphqls has no enum %s", enum)
			continue
		}
		got := map[string]string{}
		for i, v := range def.EnumValues {
			got[v.Name] = v.Description
			if i < len(want) && v.Name != want[i].name {
				t.Errorf("%s: value %d is %s in the schema, %s in the Go table", enum, i, v.Name, want[i].name)
			}
		}
		for _, w := range want {
			d, ok := got[w.name]
			switch {
			case !ok:
				t.Errorf("%s: the schema lacks %s", enum, w.name)
			case d != w.description:
				t.Errorf("%s.%s: the schema says %q, the Go table %q", enum, w.name, d, w.description)
			}
		}
		if len(def.EnumValues) != len(want) {
			t.Errorf("%s: %d values in the schema, %d in the Go table", enum, len(def.EnumValues), len(want))
		}
	}
}
