// The GraphQL playground at /: GraphiQL, bundled from npm packages into
// dist/ and served from the binary, so it works with no internet. The
// server fills in #playground-config: the endpoint and the example tabs.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';

const config = JSON.parse(document.getElementById('playground-config').textContent);
const endpoint = new URL(config.endpoint, location.href).href;

// fetcher posts each operation to the API, with the headers typed into
// GraphiQL's headers editor. A request that fails before GraphQL answers
// (network down, body too large, a non-JSON error page) shows as an error
// result instead of an endless spinner.
async function fetcher(params, opts) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json', ...(opts?.headers || {}) };
  let res;
  try {
    res = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(params), credentials: 'same-origin' });
  } catch (err) {
    return { errors: [{ message: `could not reach ${endpoint}: ${err.message}` }] };
  }
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${res.status}: ${text.slice(0, 500)}` }] };
  }
}

// PrefixedStorage keeps the playground's tabs under its own prefix in
// localStorage, apart from other pages on the same origin.
class PrefixedStorage {
  constructor(prefix) { this.prefix = prefix; }
  getItem(key) { return localStorage.getItem(this.prefix + key); }
  setItem(key, value) { localStorage.setItem(this.prefix + key, value); }
  removeItem(key) { localStorage.removeItem(this.prefix + key); }
  ownKeys() {
    const keys = [];
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      if (k.startsWith(this.prefix)) keys.push(k.slice(this.prefix.length));
    }
    return keys;
  }
  clear() { this.ownKeys().forEach((k) => this.removeItem(k)); }
  key(i) { return this.ownKeys()[i] ?? null; }
  get length() { return this.ownKeys().length; }
}

const examples = config.examples.map((e) => ({ query: e.query, variables: e.variables || null }));
const first = examples[0];

// The first example is also passed as the query and variables: GraphiQL
// fills its variables editor from the variables prop (or what it stored),
// not from the first default tab, so without this the first tab would
// open with an empty variables box and fail with "must be defined". With
// it, every visit opens on the first example as shipped (GraphiQL adds it
// back as a tab if it was edited or closed); the user's other tabs stay.
createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultTabs: examples,
    query: first.query,
    variables: first.variables ?? undefined,
    storage: new PrefixedStorage(config.storagePrefix),
    inputValueDeprecation: true,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: false,
  }),
);
