// Package auth is actorgraph's access control: who may call the API and
// what each caller may do.
//
// Callers present an API token (Authorization: Bearer ag_<id>_<secret>).
// A token has a role, and the roles form a closed, ordered set: a reader
// reads the graph, an editor also changes it, an admin also merges actors
// and manages tokens (Roles). Without a token a caller is an anonymous
// reader, unless the server turns anonymous reads off.
//
// The secret part of a token is shown once, when the token is created;
// only a slow (argon2id) hash of it is kept. The TokenStore port says how
// tokens are kept; graph/neo4j implements it over Neo4j and graph/inmem in
// memory. The Authenticator issues, lists and revokes tokens and turns a
// presented token into a Principal, which the HTTP layer puts in the
// request's context, and Require checks against a role.
//
// Failures are graph.Error values with the codes graph.EUNAUTHENTICATED
// (no valid token where one is needed) and graph.EFORBIDDEN (a valid token
// whose role is too low); the HTTP layer answers them with 401 and 403.
package auth
