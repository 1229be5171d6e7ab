package export

import (
	"encoding/csv"
	"io"
)

// writeClaimsTable writes the claims behind the exported relationships as
// one CSV table, a claim a row, in the order of the relationships and of
// their claims: the relationship's id, ends and type, then one column per
// claim field. The relationship id is the edge id of the GEXF and Cytoscape
// exports and the relationshipId attribute of all network formats, so the
// table joins onto any of them (pandas.merge, Gephi's Data Laboratory, a
// spreadsheet lookup).
func writeClaimsTable(w io.Writer, d Data) error {
	ev := newEvidence(d)
	cw := csv.NewWriter(w)
	header := []string{"relationshipId", "from", "type", "to"}
	for _, f := range claimFields {
		header = append(header, f.name)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range d.Graph.Edges {
		for _, c := range ev.claimsOf(r) {
			row := []string{r.ID, r.FromID, string(r.Type), r.ToID}
			for _, f := range claimFields {
				row = append(row, scalarText(f.value(c, ev)))
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
