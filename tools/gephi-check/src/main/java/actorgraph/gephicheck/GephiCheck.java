package actorgraph.gephicheck;

import java.io.File;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Element;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.graph.api.Node;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

/**
 * Imports each file named on the command line with the importer Gephi picks
 * for it (by extension), with Gephi's default settings, into a workspace of
 * its own, and prints one JSON object per file on its own line: the counts
 * Gephi kept, the edge types, the import report's warnings and errors, the
 * attribute columns with their types, and every node and edge with its
 * colour, size, position and attribute values (lists as JSON arrays).
 *
 * Exit status 1 when a file cannot be imported at all.
 */
public final class GephiCheck {

    public static void main(String[] args) throws Exception {
        ProjectController pc = Lookup.getDefault().lookup(ProjectController.class);
        ImportController ic = Lookup.getDefault().lookup(ImportController.class);
        GraphController gc = Lookup.getDefault().lookup(GraphController.class);
        pc.newProject();
        int status = 0;
        for (String path : args) {
            Workspace ws = pc.newWorkspace(pc.getCurrentProject());
            pc.openWorkspace(ws);
            Container container = ic.importFile(new File(path));
            if (container == null) {
                System.err.println(path + ": Gephi found no importer for it or could not read it");
                status = 1;
                continue;
            }
            List<String> issues = new ArrayList<>();
            for (Issue is : container.getReport().getIssuesList(1000)) {
                if (is.getLevel().ordinal() >= Issue.Level.WARNING.ordinal()) {
                    issues.add(is.getLevel() + ": " + is.getMessage());
                }
            }
            ic.process(container, new DefaultProcessor(), ws);
            GraphModel gm = gc.getGraphModel(ws);
            System.out.println(describe(path, gm, issues));
        }
        System.out.flush();
        System.exit(status);
    }

    private static String describe(String path, GraphModel gm, List<String> issues) {
        Graph g = gm.getGraph();
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("{\"file\":").append(str(path));
        b.append(",\"nodeCount\":").append(g.getNodeCount());
        b.append(",\"edgeCount\":").append(g.getEdgeCount());
        Map<String, Integer> types = new TreeMap<>();
        for (Edge e : g.getEdges()) {
            types.merge(String.valueOf(e.getTypeLabel()), 1, Integer::sum);
        }
        b.append(",\"edgeTypes\":{");
        sep(b, types.entrySet(), (x, t) -> x.append(str(t.getKey())).append(':').append(t.getValue()));
        b.append("},\"issues\":[");
        sep(b, issues, (x, s) -> x.append(str(s)));
        b.append("],\"nodeColumns\":");
        columns(b, gm.getNodeTable());
        b.append(",\"edgeColumns\":");
        columns(b, gm.getEdgeTable());
        b.append(",\"nodes\":[");
        List<Node> nodes = new ArrayList<>();
        g.getNodes().forEach(nodes::add);
        sep(b, nodes, (x, n) -> {
            x.append("{\"id\":").append(str(String.valueOf(n.getId())));
            x.append(",\"label\":").append(str(n.getLabel()));
            x.append(",\"color\":").append(str(hex(n.r(), n.g(), n.b())));
            x.append(",\"size\":").append(n.size());
            x.append(",\"x\":").append(n.x()).append(",\"y\":").append(n.y());
            attributes(x, n, gm.getNodeTable());
            x.append('}');
        });
        b.append("],\"edges\":[");
        List<Edge> edges = new ArrayList<>();
        g.getEdges().forEach(edges::add);
        sep(b, edges, (x, e) -> {
            x.append("{\"id\":").append(str(String.valueOf(e.getId())));
            x.append(",\"source\":").append(str(String.valueOf(e.getSource().getId())));
            x.append(",\"target\":").append(str(String.valueOf(e.getTarget().getId())));
            x.append(",\"type\":").append(str(String.valueOf(e.getTypeLabel())));
            x.append(",\"label\":").append(str(e.getLabel()));
            x.append(",\"weight\":").append(e.getWeight());
            x.append(",\"directed\":").append(e.isDirected());
            x.append(",\"color\":").append(str(hex(e.r(), e.g(), e.b())));
            attributes(x, e, gm.getEdgeTable());
            x.append('}');
        });
        b.append("]}");
        return b.toString();
    }

    /** columns writes the table's attribute columns (not Gephi's own properties) with their types. */
    private static void columns(StringBuilder b, org.gephi.graph.api.Table table) {
        b.append('{');
        List<Column> cols = new ArrayList<>();
        for (Column c : table) {
            if (!c.isProperty()) {
                cols.add(c);
            }
        }
        sep(b, cols, (x, c) -> x.append(str(c.getTitle())).append(':').append(str(c.getTypeClass().getSimpleName())));
        b.append('}');
    }

    private static void attributes(StringBuilder b, Element el, org.gephi.graph.api.Table table) {
        b.append(",\"attributes\":{");
        List<Column> cols = new ArrayList<>();
        for (Column c : table) {
            if (!c.isProperty() && el.getAttribute(c) != null) {
                cols.add(c);
            }
        }
        sep(b, cols, (x, c) -> {
            x.append(str(c.getTitle())).append(':');
            value(x, el.getAttribute(c));
        });
        b.append('}');
    }

    private static void value(StringBuilder b, Object v) {
        if (v == null) {
            b.append("null");
        } else if (v.getClass().isArray()) {
            b.append('[');
            for (int i = 0; i < Array.getLength(v); i++) {
                if (i > 0) {
                    b.append(',');
                }
                value(b, Array.get(v, i));
            }
            b.append(']');
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else {
            b.append(str(v.toString()));
        }
    }

    private interface Writer<T> {
        void write(StringBuilder b, T t);
    }

    private static <T> void sep(StringBuilder b, Iterable<T> items, Writer<T> w) {
        boolean first = true;
        for (T t : items) {
            if (!first) {
                b.append(',');
            }
            first = false;
            w.write(b, t);
        }
    }

    private static String hex(float r, float g, float b) {
        return String.format("#%02x%02x%02x", Math.round(r * 255), Math.round(g * 255), Math.round(b * 255));
    }

    /** str quotes s as a JSON string. */
    private static String str(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
