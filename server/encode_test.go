package server

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// TestEncodeResponseMatchesMarshal checks that the shortcut for answers
// holding data only encodes the same JSON value as json.Marshal, and that
// every other answer is json.Marshal's own bytes.
func TestEncodeResponseMatchesMarshal(t *testing.T) {
	hasNext := false
	for _, tc := range []struct {
		name     string
		resp     graphql.Response
		sameByte bool // not the shortcut: json.Marshal's bytes exactly
	}{
		{name: "data", resp: graphql.Response{Data: json.RawMessage(`{"actor":{"id":"iran","name":"Iran <IR> & co"}}`)}},
		{name: "null data", resp: graphql.Response{Data: json.RawMessage(`null`)}},
		{name: "no data", resp: graphql.Response{}, sameByte: true},
		{name: "errors", resp: graphql.Response{Data: json.RawMessage(`null`), Errors: gqlerror.List{{Message: "no such actor"}}}, sameByte: true},
		{name: "extensions", resp: graphql.Response{Data: json.RawMessage(`{}`), Extensions: map[string]any{"cost": 3}}, sameByte: true},
		{name: "incremental", resp: graphql.Response{Data: json.RawMessage(`{}`), HasNext: &hasNext}, sameByte: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := encodeResponse(&tc.resp)
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(&tc.resp)
			if err != nil {
				t.Fatal(err)
			}
			if tc.sameByte && string(got) != string(want) {
				t.Fatalf("encodeResponse = %s, json.Marshal = %s", got, want)
			}
			var g, w any
			if err := json.Unmarshal(got, &g); err != nil {
				t.Fatalf("encodeResponse wrote invalid JSON %s: %v", got, err)
			}
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("encodeResponse = %s, json.Marshal = %s", got, want)
			}
		})
	}
}
