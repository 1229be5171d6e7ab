// The benchmark's peer: what a GraphQL-over-Neo4j user would otherwise
// pick, @neo4j/graphql 6 on Apollo Server 5, serving actorgraph's graph
// model (docs/graph-model.md) from the same Neo4j. The Go benchmark
// (bench/peer_test.go) starts it, checks that its answers equal
// actorgraph's, times it side by side, and stops it by its pid.
//
// Environment:
//   PEER_NEO4J_URI, PEER_NEO4J_USER, PEER_NEO4J_PASSWORD  the database
//   PEER_RELATION_TYPES  the relationship types, comma-separated, from
//                        actorgraph's own table (graph.RelationTypes)
//   PEER_PORT            the port on 127.0.0.1 (0: any free one)
//   PEER_NEIGHBOURHOOD1_CYPHER, PEER_NEIGHBOURHOOD2_CYPHER,
//   PEER_SHORTEST_PATH_CYPHER
//                        actorgraph's traversal statements, served as
//                        @cypher fields (see traversalFields)
//
// When it is ready it prints one line, "peer listening on <url>", on
// stdout; SIGTERM or SIGINT closes the server and the driver.
import net from "node:net";

import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

// The Neo4j JavaScript driver leaves Nagle's algorithm on for its Bolt
// socket, and a Bolt request is written in pieces: with Nagle on, the
// last piece waits for the server's delayed ACK (about 40 ms on Linux),
// which would measure the socket, not the library. Every socket this
// process opens (only the driver's: Apollo's server accepts, it does not
// connect) gets TCP_NODELAY; the count is reported on /ready so that the
// benchmark can check it.
let noDelaySockets = 0;
const connect = net.connect;
net.connect = function (...args) {
  const socket = connect.apply(this, args);
  socket.setNoDelay(true);
  noDelaySockets++;
  return socket;
};
net.createConnection = net.connect;

const env = (name) => {
  const v = process.env[name];
  if (v === undefined || v === "") {
    console.error(`peer: ${name} is not set`);
    process.exit(2);
  }
  return v;
};

const relationTypes = env("PEER_RELATION_TYPES").split(",");
for (const t of relationTypes) {
  if (!/^[A-Z][A-Z_]*$/.test(t)) {
    console.error(`peer: bad relation type ${JSON.stringify(t)}`);
    process.exit(2);
  }
}

// Type definitions: the graph model as @neo4j/graphql expresses it. Each
// actor-to-actor relationship type is a @relationship field in each
// direction (out_WARNS: whom the actor warns; in_WARNS: who warns it),
// carrying the summary as relationship properties; claims and articles
// are nodes linked as in the model. The kind labels are in the graph, but
// the Actor type reads the kind from its property, as actorgraph does.
// Where the library's generated fields cannot express a question (the
// claims a relationship lists, a neighbourhood, a shortest path), a
// @cypher field holds the same Cypher actorgraph runs, and the library
// translates the selection nested under it.
const actorRelFields = relationTypes
  .flatMap((t) => [
    `  out_${t}: [Actor!]! @relationship(type: "${t}", direction: OUT, properties: "Summary")`,
    `  in_${t}: [Actor!]! @relationship(type: "${t}", direction: IN, properties: "Summary")`,
  ])
  .join("\n");

const typeDefs = /* GraphQL */ `
type Actor @node {
  id: ID!
  name: String!
  kind: String!
  aliases: [String!]!
  description: String
${actorRelFields}
  subjectOf: [Claim!]! @relationship(type: "SUBJECT", direction: IN, properties: "SurfaceForm")
  objectOf: [Claim!]! @relationship(type: "OBJECT", direction: IN, properties: "SurfaceForm")
  attributed: [Claim!]! @relationship(type: "ATTRIBUTED_TO", direction: IN)
}

type Summary @relationshipProperties {
  id: ID!
  claimIds: [String!]!
  claimCount: Int!
  articleIds: [String!]!
  articleCount: Int!
  certainty: String!
}

type SurfaceForm @relationshipProperties {
  text: String!
}

type Claim @node {
  id: ID!
  relation: String!
  certainty: String!
  quote: String!
  start: Int!
  end: Int!
  note: String
  subjectText: String!
  objectText: String!
  subject: [Actor!]! @relationship(type: "SUBJECT", direction: OUT, properties: "SurfaceForm")
  object: [Actor!]! @relationship(type: "OBJECT", direction: OUT, properties: "SurfaceForm")
  attributedTo: [Actor!]! @relationship(type: "ATTRIBUTED_TO", direction: OUT)
  article: [Article!]! @relationship(type: "STATED_IN", direction: OUT)
}

type Article @node {
  id: ID!
  title: String!
  text: String!
  dateline: String
  source: String
  url: String
  publishedAt: String
  claims: [Claim!]! @relationship(type: "STATED_IN", direction: IN)
}

type GNode {
  id: ID!
  label: String!
  kind: String!
}

type GEdge {
  id: ID!
  type: String!
  source: ID!
  target: ID!
  certainty: String!
  claimCount: Int!
}

type Subgraph {
  nodes: [GNode!]!
  edges: [GEdge!]!
  totalEdges: Int!
}

type Path {
  length: Int!
  nodes: [GNode!]!
  edges: [GEdge!]!
}

type Query {
  "The claims a relationship lists, in id order."
  relationshipClaims(id: ID!): [Claim!]!
    @cypher(
      statement: """
      MATCH (:Actor)-[r:${relationTypes.join("|")} {id: $id}]->(:Actor)
      UNWIND r.claimIds AS cid
      MATCH (c:Claim {id: cid})
      RETURN c ORDER BY c.id
      """
      columnName: "c"
    )
${traversalFields()}
}
`;

// traversalFields declares the neighbourhood and shortest-path fields:
// actorgraph's own statements (passed in by the benchmark, which gets
// them from actorgraph's store), shaped into the Subgraph and Path types.
// Their hop counts are part of the statement text, so each depth is a
// field of its own.
function traversalFields() {
  const node = `{id: n.id, label: n.name, kind: n.kind}`;
  const edge = `{id: e.id, type: e.type, source: e.from, target: e.to, certainty: e.certainty, claimCount: size(e.claimIds)}`;
  const fields = [];
  for (const depth of [1, 2]) {
    const stmt = process.env[`PEER_NEIGHBOURHOOD${depth}_CYPHER`];
    if (stmt) {
      fields.push(`  neighbourhood${depth}(id: ID!, limit: Int!, maxEdges: Int!): Subgraph
    @cypher(
      statement: """
      CALL { ${stmt} }
      RETURN {nodes: [n IN nodes | ${node}], edges: [e IN edges | ${edge}], totalEdges: totalEdges} AS sg
      """
      columnName: "sg"
    )`);
    }
  }
  const path = process.env.PEER_SHORTEST_PATH_CYPHER;
  if (path) {
    // One path: the first of the shortest paths by node ids, then edge
    // ids, as actorgraph picks it.
    fields.push(`  shortestPath(from: ID!, to: ID!, limit: Int!): Path
    @cypher(
      statement: """
      CALL { ${path} }
      WITH nodes, edges ORDER BY [n IN nodes | n.id], [e IN edges | e.id] LIMIT 1
      RETURN {length: size(edges), nodes: [n IN nodes | ${node}], edges: [e IN edges | ${edge}]} AS p
      """
      columnName: "p"
    )`);
  }
  return fields.join("\n");
}

const driver = neo4j.driver(
  env("PEER_NEO4J_URI"),
  neo4j.auth.basic(env("PEER_NEO4J_USER"), env("PEER_NEO4J_PASSWORD")),
);
const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
await driver.verifyConnectivity();

const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { host: "127.0.0.1", port: Number(process.env.PEER_PORT ?? 0) },
});
// The ready line; nodelay-sockets counts the Bolt sockets opened so far
// (verifyConnectivity opened one), all with TCP_NODELAY.
console.log(`peer listening on ${url} nodelay-sockets ${noDelaySockets}`);

const stop = async () => {
  await server.stop();
  await driver.close();
  console.error(`peer: stopped; ${noDelaySockets} Bolt sockets, all with TCP_NODELAY`);
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
