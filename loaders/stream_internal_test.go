package loaders

import (
	"strings"
	"testing"
)

func TestGroupFiles(t *testing.T) {
	files := []string{"a", "b", "c", "d", "e"}
	for _, tc := range []struct {
		claims []int
		per    int
		want   string
	}{
		{[]int{20, 20, 20, 20, 20}, 1, "a|b|c|d|e"},    // one article per transaction
		{[]int{20, 20, 20, 20, 20}, 40, "a b|c d|e"},   // whole articles up to per
		{[]int{20, 20, 20, 20, 20}, 39, "a|b|c|d|e"},   // never past per
		{[]int{20, 20, 20, 20, 20}, 1000, "a b c d e"}, // everything fits
		{[]int{5, 100, 5, 5, 5}, 20, "a|b|c d e"},      // a large article goes alone
		{[]int{0, 0, 10, 0, 10}, 10, "a b c d|e"},      // articles without claims ride along
	} {
		var got []string
		for _, g := range groupFiles(files, tc.claims, tc.per) {
			got = append(got, strings.Join(g, " "))
		}
		if s := strings.Join(got, "|"); s != tc.want {
			t.Errorf("claims %v, per %d: %s, want %s", tc.claims, tc.per, s, tc.want)
		}
	}
}
