package loaders

import (
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// The writers' File types have exactly the keys the parser accepts, and
// carry the format number the parser reads.
func TestFileKeys(t *testing.T) {
	if got := strconv.Itoa(FormatNumber); got != Format {
		t.Errorf("FormatNumber is %s, Format %s", got, Format)
	}
	for _, tc := range []struct {
		typ  any
		keys []string
	}{
		{File{}, fileKeys},
		{FileArticle{}, articleKeys},
		{FileActor{}, actorKeys},
		{FileClaim{}, claimKeys},
		{FileTime{}, timeKeys},
	} {
		rt := reflect.TypeOf(tc.typ)
		var tags []string
		for i := range rt.NumField() {
			tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("yaml"), ",")
			tags = append(tags, tag)
		}
		for _, k := range tc.keys {
			if !slices.Contains(tags, k) {
				t.Errorf("%s has no field for the key %q the parser reads", rt.Name(), k)
			}
		}
		for _, k := range tags {
			if !slices.Contains(tc.keys, k) {
				t.Errorf("%s writes the key %q, which the parser refuses", rt.Name(), k)
			}
		}
	}
}
