// The /explore network view. It talks only to actorgraph's GraphQL API
// (and /export for downloads) and keeps the whole view in the address bar:
// focus, expanded actors, filters, thresholds, the layout's seed, the
// camera and the selection. A link therefore reproduces the view, layout
// included, and Back and Forward step through the views.
//
// Drawing is WebGL (sigma.js over a graphology graph), so thousands of
// actors pan and zoom smoothly. The layout (ForceAtlas2) and the
// communities (Louvain) are computed in a web worker (layout.worker.js),
// so the page never freezes while they run. What cannot be drawn is cut
// down on the server: the whole graph arrives as its strongest
// relationships (`network`: top N, corroboration and degree thresholds),
// with the totals, so the view says what it leaves out.
import Graph from 'graphology';
import Sigma from 'sigma';
import { toBlob } from '@sigma/export-image';

// ---------------------------------------------------------------- styling --

// Actor kinds. The view draws every actor as a disc in its kind's colour;
// the shape is what the exports give the kind for tools that draw shapes
// (Gephi, yEd, Cytoscape), and export's viz test holds them to this table.
const KINDS = {
  STATE: { label: 'State', color: '#4e79a7', shape: 'round-rectangle' },
  MILITIA: { label: 'Militia', color: '#e15759', shape: 'diamond' },
  PERSON: { label: 'Person', color: '#f28e2b', shape: 'ellipse' },
  ORGANISATION: { label: 'Organisation', color: '#76b7b2', shape: 'hexagon' },
  GROUP: { label: 'Group', color: '#59a14f', shape: 'round-triangle' },
};

// Certainties, firmest first. An edge is drawn in the colour of its
// firmest claim; its width grows with its corroboration (distinct sources).
// The line style is the exports' (WebGL lines are solid).
const CERTAINTIES = {
  ASSERTED: { label: 'Asserted', color: '#1d2330', style: 'solid', dash: null },
  REPORTED: { label: 'Reported', color: '#2a5db0', style: 'dashed', dash: [8, 4] },
  ALLEGED: { label: 'Alleged', color: '#9ca3af', style: 'dotted', dash: [2, 4] },
  HYPOTHETICAL: { label: 'Hypothetical', color: '#d9480f', style: 'dashed', dash: [12, 4, 2, 4] },
  DENIED: { label: 'Denied', color: '#b91c1c', style: 'dotted', dash: [1, 5] },
};

// Sizes, in pixels at the camera's home zoom: an actor's diameter by its
// degree and an edge's width by its corroboration, linear between the two
// ends and clamped (mapData(field, low, high, from, to)). The exports'
// sizes follow these two lines; a graph of many actors is drawn smaller
// (sizeScale).
const SIZES = {
  node: { width: 'mapData(degree, 0, 20, 22, 48)' },
  edge: { width: 'mapData(corroboration, 1, 5, 2, 6)' },
};

// mapData reads one of SIZES' lines into a function of the field.
function mapData(spec) {
  const [, lo, hi, from, to] = spec.match(/^mapData\(\w+, ([\d.]+), ([\d.]+), ([\d.]+), ([\d.]+)\)$/).map(Number);
  return (v) => from + (to - from) * Math.min(1, Math.max(0, ((v || 0) - lo) / (hi - lo)));
}
const nodeDiameter = mapData(SIZES.node.width);
const edgeWidth = mapData(SIZES.edge.width);

// sizeScale shrinks actors and edges as the graph grows, so thousands of
// them do not cover each other at the home zoom.
function sizeScale(n) {
  return n <= 100 ? 0.5 : n <= 1000 ? 0.3 : 0.18;
}

// Community colours (Louvain), when the view is coloured by community.
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7',
  '#9c755f', '#bab0ac', '#1f77b4', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#17becf'];

const FADED = '#e5e7eb';

// big is set for a graph too large for arrowheads and z-ordering.
let big = false;
const HIGHLIGHT = '#7c3aed';

// Defaults of the thresholds; the address bar carries only what differs.
const DEFAULTS = { top: 2000, minCorr: 1, minDeg: 1, seed: 1, color: 'kind' };

// ------------------------------------------------------------------ state --

// The view's state; every change is written to the address bar.
const state = {
  focus: '', // '' for the whole graph, else the actor whose neighbourhood is shown
  expand: [], // actors whose neighbourhoods were added
  sel: '', // 'n:<actor id>' or 'e:<relationship id>'
  types: null, // shown relation types; null for all
  certs: null, // certainties (a relationship shows when one of its claims has one); null for all
  own: '', // '' any, 'true' or 'false': has a claim that is (not) the subject's own statement
  cond: '', // '' any, 'true' or 'false': has a claim that is (not) conditional
  asOf: '', // YYYY-MM-DD: has a claim that holds on this date
  from: '', // with to: has a claim that holds during this period
  to: '',
  top: DEFAULTS.top, // the whole graph: at most this many relationships, strongest first
  minCorr: DEFAULTS.minCorr, // … with at least this many sources
  minDeg: DEFAULTS.minDeg, // … between actors with at least this many relationships
  seed: DEFAULTS.seed, // the layout's seed: the same data and seed give the same picture
  color: DEFAULTS.color, // 'kind' or 'community'
  group: false, // draw each community as one node (the actors stay in `full`)
  path: [], // [from, to] when a shortest path is highlighted
  cam: null, // [x, y, ratio] of the camera, once moved
};

function readURL() {
  const q = new URLSearchParams(location.search);
  const list = (k) => (q.get(k) ? q.get(k).split(',').filter(Boolean) : []);
  const int = (k, def, lo) => {
    const n = parseInt(q.get(k), 10);
    return Number.isFinite(n) && n >= lo ? n : def;
  };
  const bool = (k) => (['true', 'false'].includes(q.get(k)) ? q.get(k) : '');
  const date = (k) => (/^\d{4}-\d{2}-\d{2}$/.test(q.get(k) || '') ? q.get(k) : '');
  state.focus = q.get('focus') || '';
  state.expand = list('expand');
  state.sel = q.get('sel') || '';
  state.types = q.has('types') ? list('types') : null;
  state.certs = q.has('certainty') ? list('certainty').filter((c) => c in CERTAINTIES) : null;
  state.own = bool('own');
  state.cond = bool('conditional');
  state.asOf = date('asOf');
  state.from = date('from');
  state.to = date('to');
  state.top = int('top', DEFAULTS.top, 1);
  state.minCorr = int('minCorroboration', DEFAULTS.minCorr, 1);
  state.minDeg = int('minDegree', DEFAULTS.minDeg, 1);
  state.seed = int('seed', DEFAULTS.seed, 0);
  state.color = q.get('color') === 'community' ? 'community' : 'kind';
  state.group = q.get('group') === 'community';
  state.path = list('path').slice(0, 2);
  const cam = list('cam').map(Number);
  state.cam = cam.length === 3 && cam.every(Number.isFinite) && cam[2] > 0 ? cam : null;
}

function queryString() {
  const q = new URLSearchParams();
  if (state.focus) q.set('focus', state.focus);
  if (state.expand.length) q.set('expand', state.expand.join(','));
  if (state.types) q.set('types', state.types.join(','));
  if (state.certs) q.set('certainty', state.certs.join(','));
  if (state.own) q.set('own', state.own);
  if (state.cond) q.set('conditional', state.cond);
  if (state.asOf) q.set('asOf', state.asOf);
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  if (state.top !== DEFAULTS.top) q.set('top', state.top);
  if (state.minCorr !== DEFAULTS.minCorr) q.set('minCorroboration', state.minCorr);
  if (state.minDeg !== DEFAULTS.minDeg) q.set('minDegree', state.minDeg);
  if (state.seed !== DEFAULTS.seed) q.set('seed', state.seed);
  if (state.color !== DEFAULTS.color) q.set('color', state.color);
  if (state.group) q.set('group', 'community');
  if (state.path.length === 2) q.set('path', state.path.join(','));
  if (state.sel) q.set('sel', state.sel);
  if (state.cam) q.set('cam', state.cam.map((v) => +v.toFixed(4)).join(','));
  const s = q.toString().replaceAll('%2C', ',').replaceAll('%7C', '|').replaceAll('%3A', ':');
  return location.pathname + (s ? '?' + s : '');
}

// writeURL records the state. A new view (push) is a step Back returns
// from; a selection or a camera move (replace) refines the current one.
function writeURL(push = false) {
  const url = queryString();
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

// ---------------------------------------------------------------- GraphQL --

// gql posts one operation. A reply that is not GraphQL JSON (a proxy's
// error page, a server that is down) becomes an error naming the status
// and the start of the reply, never a blank page.
async function gql(query, variables = {}) {
  let res;
  try {
    res = await fetch('graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    throw new Error(`the server cannot be reached (${err.message})`);
  }
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    const gist = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 160);
    throw new Error(`the server answered ${res.status} ${res.statusText || ''}`.trim() + (gist ? `: ${gist}` : ''));
  }
  if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  if (!body.data) throw new Error(`the server answered ${res.status} without data`);
  return body.data;
}

// The evidence filters, as the arguments every traversal and the claims
// filter take; the view sends them with every query, so what is drawn and
// what the panel lists always agree.
const FILTER_VARS = `$certainty: [Certainty!], $ownStatement: Boolean, $conditional: Boolean, $asOf: Date, $between: DateRange`;
const FILTER_ARGS = `certainty: $certainty, ownStatement: $ownStatement, conditional: $conditional, asOf: $asOf, between: $between`;

function filterVars() {
  const v = {
    certainty: state.certs || null,
    ownStatement: state.own ? state.own === 'true' : null,
    conditional: state.cond ? state.cond === 'true' : null,
    asOf: state.asOf || null,
    between: null,
  };
  if (!state.asOf && (state.from || state.to)) v.between = { from: state.from || null, to: state.to || null };
  return v;
}

const EDGE_FIELDS = 'id type source target certainty certainties claimCount corroboration';

// fetchView asks for everything the view draws in one operation: the
// whole graph's strongest part (or the focused neighbourhood) and every
// expanded neighbourhood, as aliases of one query.
async function fetchView(withTypes) {
  const hoods = [...(state.focus ? [state.focus] : []), ...state.expand.filter((id) => id !== state.focus)];
  const parts = [];
  if (withTypes) parts.push('relationTypes { type meaning }');
  if (!state.focus) {
    parts.push(`network(limit: $top, minCorroboration: $minCorr, minDegree: $minDeg, relationTypes: $types, ${FILTER_ARGS}) {
      nodes { id label kind degree } edges { ${EDGE_FIELDS} } relationshipCount actorCount truncated }`);
  }
  const vars = { ...filterVars(), types: state.types, top: state.top, minCorr: state.minCorr, minDeg: state.minDeg };
  const decl = [FILTER_VARS, '$types: [RelationType!]'];
  if (!state.focus) decl.push('$top: Int, $minCorr: Int, $minDeg: Int');
  else {
    delete vars.top;
    delete vars.minCorr;
    delete vars.minDeg;
  }
  hoods.forEach((id, i) => {
    decl.push(`$h${i}: ID!`);
    vars[`h${i}`] = id;
    parts.push(`h${i}: neighbourhood(id: $h${i}, depth: 1, limit: 200, relationTypes: $types, ${FILTER_ARGS}) {
      nodes { id label kind } edges { ${EDGE_FIELDS} } }`);
  });
  const d = await gql(`query View(${decl.join(', ')}) { ${parts.join('\n')} }`, vars);
  return { ...d, hoods: hoods.map((id, i) => d[`h${i}`]) };
}

// ------------------------------------------------------------------- view --

const graph = new Graph({ type: 'directed', multi: true, allowSelfLoops: true });
const container = document.getElementById('graph');
const statusEl = document.getElementById('status');
const overlay = document.getElementById('overlay');
const info = { network: null, communities: 0, modularity: 0, layout: 'idle' };

function status(text, error = false) {
  statusEl.textContent = text;
  statusEl.classList.toggle('error', error);
}

// showOverlay puts a message over the graph (empty or error states);
// null takes it away.
function showOverlay(...children) {
  if (!children.length || children[0] == null) {
    overlay.hidden = true;
    overlay.replaceChildren();
    return;
  }
  overlay.replaceChildren(...children.flat().filter((c) => c != null));
  overlay.hidden = false;
}

// Highlighting: hover and selection light up an actor and its
// relationships; a path lights up its actors and relationships. Drawn by
// the reducers, so nothing in the graph changes.
const hl = { nodes: null, edges: null };

function setHighlight(nodes, edges) {
  hl.nodes = nodes;
  hl.edges = edges;
  renderer.refresh({ skipIndexation: true });
}

function nodeColor(attrs) {
  if ((state.color === 'community' || attrs.kind === 'COMMUNITY') && attrs.community != null) return PALETTE[attrs.community % PALETTE.length];
  return (KINDS[attrs.kind] || { color: '#6b7280' }).color;
}

const renderer = new Sigma(graph, container, {
  renderEdgeLabels: false,
  // Sigma's own edge events draw every edge a second time for picking and
  // read it back on each mouse move, which costs more than the drawing
  // itself; edgeAt finds the edge under a click instead, on click only.
  enableEdgeEvents: false,
  defaultEdgeType: 'arrow',
  labelRenderedSizeThreshold: 7,
  labelDensity: 0.5,
  zIndex: true,
  minCameraRatio: 0.02,
  maxCameraRatio: 4,
  hideEdgesOnMove: false,
  allowInvalidContainer: true,
  nodeReducer: (node, data) => {
    const res = { ...data, color: nodeColor(data) };
    if (hl.nodes) {
      if (hl.nodes.has(node)) {
        res.highlighted = true;
        res.zIndex = 2;
        res.forceLabel = true;
      } else {
        res.color = FADED;
        res.label = '';
        res.zIndex = 0;
      }
    }
    if (state.sel === 'n:' + node) {
      res.highlighted = true;
      res.forceLabel = true;
      res.zIndex = 3;
    }
    return res;
  },
  edgeReducer: (edge, data) => {
    const res = { ...data };
    if (big) res.type = 'line';
    if (hl.edges) {
      if (hl.edges.has(edge)) {
        res.color = HIGHLIGHT;
        res.size = Math.max(3, data.size);
        res.zIndex = 2;
      } else if (hl.nodes) {
        res.color = FADED;
        res.zIndex = 0;
      }
    }
    if (state.sel === 'e:' + edge) {
      res.color = HIGHLIGHT;
      res.size = Math.max(4, data.size + 2);
      res.zIndex = 3;
    }
    return res;
  },
});

// First drawing: the moment the first frame with actors is drawn, for
// the benchmark (explorer.metrics).
const metrics = { firstDraw: null, layoutDone: null, longTasks: [] };
renderer.on('afterRender', () => {
  if (metrics.firstDraw === null && graph.order > 0) metrics.firstDraw = performance.now();
});
if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask')) {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) metrics.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}


function edgeAttrs(e) {
  return {
    type: 'arrow', relType: e.type, certainty: e.certainty, certainties: e.certainties,
    claimCount: e.claimCount, corroboration: e.corroboration,
    color: (CERTAINTIES[e.certainty] || { color: '#9ca3af' }).color,
    size: edgeWidth(e.corroboration) * 0.5,
  };
}

// add merges nodes and edges into the graph; it returns how many nodes
// were new. Nodes start where the last layout left their neighbours, or
// at the centre; the next layout places them.
function add(sub) {
  let added = 0;
  for (const n of sub.nodes) {
    if (!graph.hasNode(n.id)) {
      graph.addNode(n.id, { label: n.label, kind: n.kind, x: 0, y: 0, size: 4, degree: n.degree || 0 });
      added++;
    } else if (n.degree != null) {
      graph.setNodeAttribute(n.id, 'degree', Math.max(n.degree, graph.getNodeAttribute(n.id, 'degree')));
    }
  }
  for (const e of sub.edges) {
    if (!graph.hasEdge(e.id) && graph.hasNode(e.source) && graph.hasNode(e.target)) {
      graph.addEdgeWithKey(e.id, e.source, e.target, edgeAttrs(e));
    }
  }
  return added;
}

// sizeNodes sizes each actor by its degree: in the whole graph the
// server's (every relationship passing the filters, drawn or not),
// otherwise the drawn one.
function sizeNodes() {
  const k = sizeScale(graph.order);
  graph.forEachNode((id, a) => {
    const d = state.focus || !a.degree ? graph.degree(id) : a.degree;
    graph.setNodeAttribute(id, 'size', (nodeDiameter(d) / 2) * k * 1.6);
  });
}

// ----------------------------------------------------------------- layout --

const worker = new Worker('explore/layout.worker.js');
let job = 0;
let layoutDone = () => {};
let layoutPromise = Promise.resolve();
let layoutOrder = [];

// relayout sends the drawn graph to the worker, which places it from
// starting positions that depend on the actor ids and state.seed only:
// the same view always gets the same layout. It resolves when done.
function relayout() {
  job++;
  layoutOrder = graph.nodes().sort();
  const index = new Map(layoutOrder.map((id, i) => [id, i]));
  const edges = [];
  const ids = graph.edges().sort();
  for (const e of ids) {
    edges.push([index.get(graph.source(e)), index.get(graph.target(e)), graph.getEdgeAttribute(e, 'corroboration') || 1]);
  }
  info.layout = 'running';
  layoutDone(); // an overtaken layout's waiters go on to this one
  const done = new Promise((resolve) => { layoutDone = resolve; });
  layoutPromise = done;
  worker.postMessage({ job, nodes: layoutOrder, edges, seed: state.seed });
  return done;
}

worker.onmessage = (ev) => {
  const m = ev.data;
  if (m.job !== job) return; // an older layout, overtaken
  if (m.kind === 'communities') {
    layoutOrder.forEach((id, i) => graph.setNodeAttribute(id, 'community', m.communities[i]));
    info.communities = m.count;
    info.modularity = m.modularity;
    if (state.color === 'community') buildLegend();
    return;
  }
  const xy = m.xy;
  graph.updateEachNodeAttributes((id, a) => {
    const i = index(id);
    if (i >= 0) {
      a.x = xy[2 * i];
      a.y = xy[2 * i + 1];
    }
    return a;
  }, { attributes: ['x', 'y'] });
  if (m.done) {
    info.layout = 'done';
    metrics.layoutDone = performance.now();
    if (state.group) groupCommunities();
    layoutDone();
  }
};

// ------------------------------------------------------------ communities --

// full holds the actors and relationships while the view draws their
// communities instead (state.group): one node per Louvain community, at
// the centre of its actors as the layout placed them, sized by how many
// actors it has, and one edge per pair of communities, as wide as the
// relationships between them are many. It aggregates what is too much to
// read actor by actor; clicking a community lists its actors.
let full = null;

function groupCommunities() {
  if (full || graph.order === 0) return;
  full = graph.copy();
  const comms = new Map();
  full.forEachNode((id, a) => {
    const c = a.community ?? -1;
    if (!comms.has(c)) comms.set(c, { members: [], x: 0, y: 0 });
    const k = comms.get(c);
    k.members.push(id);
    k.x += a.x;
    k.y += a.y;
  });
  graph.clear();
  for (const [c, k] of comms) {
    k.members.sort((a, b) => (full.getNodeAttribute(b, 'degree') || full.degree(b)) - (full.getNodeAttribute(a, 'degree') || full.degree(a)) || (a < b ? -1 : 1));
    const lead = full.getNodeAttribute(k.members[0], 'label');
    graph.addNode('community:' + c, {
      label: k.members.length === 1 ? lead : `${lead} +${k.members.length - 1}`,
      x: k.x / k.members.length, y: k.y / k.members.length, community: c, members: k.members,
      size: 4 + 3 * Math.sqrt(k.members.length), kind: 'COMMUNITY',
    });
  }
  full.forEachEdge((e, a, s, t) => {
    const cs = 'community:' + (full.getNodeAttribute(s, 'community') ?? -1);
    const ct = 'community:' + (full.getNodeAttribute(t, 'community') ?? -1);
    if (cs === ct) return;
    const key = cs < ct ? `${cs}~${ct}` : `${ct}~${cs}`;
    if (graph.hasEdge(key)) graph.updateEdgeAttribute(key, 'count', (n) => n + 1);
    else graph.addEdgeWithKey(key, cs, ct, { type: 'line', count: 1, color: '#9ca3af', corroboration: 0 });
  });
  graph.forEachEdge((e, a) => graph.setEdgeAttribute(e, 'size', Math.min(8, 0.5 + Math.log2(a.count))));
  updateStatus();
}

function ungroup() {
  if (!full) return;
  graph.clear();
  graph.import(full.export());
  full = null;
  updateStatus();
}

function showCommunity(id) {
  const a = graph.getNodeAttributes(id);
  const label = (n) => full.getNodeAttribute(n, 'label');
  const inside = new Set(a.members);
  let internal = 0;
  full.forEachEdge((e, x, s, t) => { if (inside.has(s) && inside.has(t)) internal++; });
  setPanel(
    el('h2', {}, `Community of ${a.members.length} actor${a.members.length === 1 ? '' : 's'}`),
    el('div', { class: 'meta' }, `${internal} relationships among them; ${graph.degree(id)} other communities joined. Louvain, modularity ${info.modularity.toFixed(2)}.`),
    el('p', {}, el('button', { onclick: () => setGroup(false) }, 'Show every actor')),
    el('h3', {}, 'Actors, most connected first'),
    el('ul', { class: 'rels' }, a.members.slice(0, 100).map((n) => el('li', {},
      el('a', { onclick: () => focus(n) }, label(n)), ' ', el('span', { class: 'meta' }, (KINDS[full.getNodeAttribute(n, 'kind')] || {}).label || '')))),
    a.members.length > 100 ? el('p', { class: 'meta' }, `and ${a.members.length - 100} more`) : null,
  );
}

function setGroup(on) {
  state.group = on;
  state.sel = '';
  setHighlight(null, null);
  writeURL(true);
  const box = document.getElementById('group');
  if (box) box.checked = on;
  if (on && info.layout === 'done') groupCommunities();
  if (!on) ungroup();
  select('');
}
worker.onerror = (ev) => {
  status('The layout failed: ' + (ev.message || 'worker error'), true);
  layoutDone();
};

let orderIndex = null;
function index(id) {
  if (!orderIndex || orderIndex.order !== layoutOrder) {
    orderIndex = { order: layoutOrder, map: new Map(layoutOrder.map((n, i) => [n, i])) };
  }
  const i = orderIndex.map.get(id);
  return i === undefined ? -1 : i;
}

// ----------------------------------------------------------------- camera --

function restoreCamera() {
  const cam = renderer.getCamera();
  if (state.cam) cam.setState({ x: state.cam[0], y: state.cam[1], ratio: state.cam[2], angle: 0 });
  else cam.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
}

let camTimer = 0;
renderer.getCamera().on('updated', (s) => {
  clearTimeout(camTimer);
  camTimer = setTimeout(() => {
    const atHome = Math.abs(s.x - 0.5) < 1e-4 && Math.abs(s.y - 0.5) < 1e-4 && Math.abs(s.ratio - 1) < 1e-4;
    state.cam = atHome ? null : [s.x, s.y, s.ratio];
    writeURL();
  }, 250);
});

function fit() {
  state.cam = null;
  renderer.getCamera().animatedReset({ duration: 300 });
}

// ------------------------------------------------------------------- load --

let relationTypes = null;
let loadSeq = 0;

// viewPromise settles when the view has caught up with the last change
// (its query answered and its layout done): explorer.idle waits for it.
let viewPromise = Promise.resolve();
function track(p) {
  viewPromise = p.catch(() => {});
  return p;
}

// load rebuilds the view from the state: one query, then the layout.
function load() {
  return track(loadView());
}

async function loadView() {
  const seq = ++loadSeq;
  status('Loading…');
  showOverlay(null);
  let d;
  try {
    d = await fetchView(!relationTypes);
  } catch (err) {
    if (seq !== loadSeq) return;
    graph.clear();
    status('Could not load the graph.', true);
    showOverlay(el('h2', {}, 'Could not load the graph'), el('p', {}, err.message),
      el('p', {}, el('button', { onclick: () => load() }, 'Try again'), ' ',
        el('button', { onclick: () => resetView() }, 'Whole graph, no filters')));
    return;
  }
  if (seq !== loadSeq) return;
  if (d.relationTypes) {
    relationTypes = d.relationTypes;
    buildTypeFilters();
  }
  info.network = d.network || null;
  full = null;
  graph.clear();
  if (d.network) add(d.network);
  for (const h of d.hoods) add(h);
  sizeNodes();
  // A small graph shows every label; a large one those of the larger
  // actors, more as one zooms in.
  renderer.setSetting('labelRenderedSizeThreshold', graph.order <= 150 ? 0 : 7);
  // A large graph moves with its actors only (edges and labels come back
  // when the camera stops), is drawn without z-order sorting and with
  // plain lines for edges: each frame then costs a fraction, so panning
  // and zooming stay fluid.
  big = graph.size > 1000;
  renderer.setSetting('hideEdgesOnMove', big);
  renderer.setSetting('hideLabelsOnMove', big);
  renderer.setSetting('zIndex', !big);
  updateStatus();
  if (graph.order === 0) {
    showEmpty();
  }
  restoreCamera();
  const laid = relayout();
  if (state.path.length === 2) await showPath(state.path[0], state.path[1], false);
  await select(state.sel, false);
  await laid;
}

function filtersSet() {
  return !!(state.types || state.certs || state.own || state.cond || state.asOf || state.from || state.to
    || state.minCorr !== DEFAULTS.minCorr || state.minDeg !== DEFAULTS.minDeg);
}

function showEmpty() {
  if (filtersSet()) {
    showOverlay(el('h2', {}, 'Nothing matches the filters'),
      el('p', {}, 'No relationship passes the filters and thresholds on the left.'),
      el('p', {}, el('button', { onclick: () => resetFilters() }, 'Clear the filters')));
  } else if (state.focus) {
    showOverlay(el('h2', {}, 'No relationships'), el('p', {}, `${state.focus} has no relationships.`),
      el('p', {}, el('button', { onclick: () => resetView() }, 'Whole graph')));
  } else {
    showOverlay(el('h2', {}, 'The graph is empty'),
      el('p', {}, 'Load claims first: ', el('code', {}, 'actorgraph load seed'), ' loads the sample article, ',
        el('code', {}, 'actorgraph load FOLDER'), ' your own claims files.'));
  }
}

function updateStatus() {
  if (full) {
    status(`${graph.order} communities of ${full.order} actors · ${full.size} relationships`);
    return;
  }
  const n = info.network;
  let s = `${graph.order} actors · ${graph.size} relationships`;
  if (!state.focus && n) {
    s = n.truncated
      ? `${graph.size} strongest of ${n.relationshipCount} relationships · ${graph.order} of ${n.actorCount} actors`
      : `${graph.order} actors · ${graph.size} relationships · whole graph`;
  } else if (state.focus) {
    s += ` · around ${graph.hasNode(state.focus) ? graph.getNodeAttribute(state.focus, 'label') : state.focus}`;
  }
  if (filtersSet()) s += ' · filtered';
  status(s);
  const more = document.getElementById('more');
  more.hidden = !(n && n.truncated && !state.focus);
}

function expand(id) {
  return track(expandView(id));
}

async function expandView(id) {
  if (!state.expand.includes(id) && id !== state.focus) state.expand.push(id);
  writeURL(true);
  status('Expanding…');
  const before = graph.order;
  let d;
  try {
    d = await gql(`query Expand($id: ID!, $types: [RelationType!], ${FILTER_VARS}) { neighbourhood(id: $id, depth: 1, limit: 200, relationTypes: $types, ${FILTER_ARGS}) {
      nodes { id label kind } edges { ${EDGE_FIELDS} } } }`, { id, types: state.types, ...filterVars() });
  } catch (err) {
    status('Could not expand: ' + err.message, true);
    return;
  }
  const at = graph.getNodeAttributes(id);
  add(d.neighbourhood);
  graph.forEachNode((n, a) => {
    if (a.x === 0 && a.y === 0 && n !== id) graph.mergeNodeAttributes(n, { x: at.x + Math.random() - 0.5, y: at.y + Math.random() - 0.5 });
  });
  sizeNodes();
  updateStatus();
  status(`${graph.order - before} new actors from ${at.label}`);
  await relayout();
  updateStatus();
}

async function focus(id) {
  Object.assign(state, { focus: id, expand: [], path: [], sel: 'n:' + id, cam: null });
  writeURL(true);
  await load();
}

function resetView() {
  Object.assign(state, { focus: '', expand: [], path: [], sel: '', cam: null });
  resetFilterState();
  writeURL(true);
  syncFilterInputs();
  return load();
}

function resetFilterState() {
  Object.assign(state, { types: null, certs: null, own: '', cond: '', asOf: '', from: '', to: '', minCorr: DEFAULTS.minCorr, minDeg: DEFAULTS.minDeg });
}

function resetFilters() {
  resetFilterState();
  state.cam = null;
  writeURL(true);
  syncFilterInputs();
  return load();
}

// ------------------------------------------------------------------- path --

let pathPick = false;
let pathFrom = '';
const pathBtn = document.getElementById('pathmode');

function setPathPick(on) {
  pathPick = on;
  pathFrom = '';
  pathBtn.classList.toggle('active', on);
  if (on) status('Path: click the first actor, then the second.');
}

function clearPath() {
  state.path = [];
  setHighlight(null, null);
}

async function showPath(from, to, write = true) {
  setHighlight(null, null);
  state.path = [from, to];
  if (write) writeURL(true);
  let d;
  try {
    d = await gql(`query Path($from: ID!, $to: ID!, $types: [RelationType!], ${FILTER_VARS}) { shortestPath(from: $from, to: $to, relationTypes: $types, ${FILTER_ARGS}) {
      length nodes { id label kind } edges { ${EDGE_FIELDS} } } }`, { from, to, types: state.types, ...filterVars() });
  } catch (err) {
    setPanel(el('h2', {}, 'Shortest path'), el('p', { class: 'error' }, err.message));
    return;
  }
  const label = (id) => (graph.hasNode(id) ? graph.getNodeAttribute(id, 'label') : id);
  if (!d.shortestPath) {
    status(`No path between ${label(from)} and ${label(to)} within 6 hops.`);
    setPanel(el('h2', {}, 'Shortest path'),
      el('p', { class: 'empty' }, `No path between ${label(from)} and ${label(to)} within 6 hops`, filtersSet() ? ' with these filters.' : '.'));
    return;
  }
  const p = d.shortestPath;
  if (add(p)) {
    sizeNodes();
    relayout();
  }
  setHighlight(new Set(p.nodes.map((n) => n.id)), new Set(p.edges.map((e) => e.id)));
  status(`Shortest path: ${p.length} steps, ${p.nodes.map((n) => n.label).join(' → ')}`);
  const name = (id) => p.nodes.find((n) => n.id === id)?.label || id;
  setPanel(
    el('h2', {}, 'Shortest path'),
    el('div', { class: 'meta' }, `${name(from)} to ${name(to)}: ${p.length} step${p.length === 1 ? '' : 's'}. Click a step for its claims.`),
    el('ol', { class: 'rels path' }, p.edges.map((e) => el('li', {},
      el('a', { onclick: () => select('e:' + e.id) }, `${name(e.source)} → ${e.type} → ${name(e.target)}`),
      ' ', certaintyBadge(e.certainty), ` ${e.claimCount}`))),
  );
}

async function pickForPath(id) {
  if (!pathFrom) {
    pathFrom = id;
    setHighlight(new Set([id]), new Set());
    status(`Path from ${graph.getNodeAttribute(id, 'label')}: now click the second actor.`);
    return;
  }
  const from = pathFrom;
  setPathPick(false);
  await showPath(from, id);
}

// ------------------------------------------------------------------ panel --

const panel = document.getElementById('panel');
const hint = panel.innerHTML;
const articleTexts = new Map();

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) if (c != null) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

// setPanel replaces the panel's content; arrays among the children are flattened.
function setPanel(...children) {
  panel.replaceChildren(...children.flat(2).filter((c) => c != null));
  panel.scrollTop = 0;
  document.body.classList.add('panel-open');
}

function certaintyBadge(c) {
  const v = CERTAINTIES[c] || { label: c, color: '#6b7280' };
  return el('span', { class: 'badge', style: `background:${v.color}`, title: c }, v.label);
}

async function articleText(id) {
  if (!articleTexts.has(id)) {
    articleTexts.set(id, gql('query Article($id: ID!) { article(id: $id) { text } }', { id }).then((d) => d.article.text));
  }
  return articleTexts.get(id);
}

// highlighted renders the article text with [start, end) marked; offsets
// are Unicode code points, so the text is split into code points, not
// UTF-16 units.
function highlighted(text, start, end) {
  const cps = Array.from(text);
  const mark = el('mark', {}, cps.slice(start, end).join(''));
  return { box: el('div', { class: 'article-text' }, cps.slice(0, start).join(''), mark, cps.slice(end).join('')), mark };
}

const CLAIM_FIELDS = `id quote start end certainty ownStatement condition { text } timeStatus timeCue { text }
  note subjectText objectText type attributedTo { id name }
  article { id title source url publishedAt }`;

// CLAIMS_PAGE is how many claims the panel lists at a time; more are
// fetched as the list is scrolled to its end.
const CLAIMS_PAGE = 25;

function claimCard(c, open) {
  const who = c.attributedTo
    ? el('span', {}, 'According to ', el('b', {}, c.attributedTo.name))
    : el('span', {}, 'In the article’s own voice');
  const details = el('details', {}, el('summary', {}, 'In the article: ', c.article.title));
  const card = el('div', { class: 'claim', 'data-claim': c.id },
    el('blockquote', { class: 'quote' }, c.quote),
    el('div', { class: 'who' }, certaintyBadge(c.certainty), ' ', who, c.ownStatement ? ' · its own statement' : ''),
    el('div', { class: 'meta' }, `${c.subjectText} → ${c.type} → ${c.objectText}`,
      c.condition ? ` · if: “${c.condition.text}”` : '',
      c.timeStatus !== 'ONGOING' ? ` · ${c.timeStatus.toLowerCase()}${c.timeCue ? ` (“${c.timeCue.text}”)` : ''}` : '',
      c.note ? ` (${c.note})` : ''),
    details);
  const fill = async () => {
    if (details.dataset.filled) return;
    details.dataset.filled = '1';
    try {
      const text = await articleText(c.article.id);
      const { box, mark } = highlighted(text, c.start, c.end);
      const src = [c.article.source, c.article.publishedAt].filter(Boolean).join(', ');
      details.append(el('div', { class: 'meta' }, src, c.article.url ? ' · ' : '', c.article.url ? el('a', { href: c.article.url, target: '_blank', rel: 'noopener' }, 'original') : ''), box);
      box.scrollTop = Math.max(0, mark.offsetTop - 60);
    } catch (err) {
      details.append(el('p', { class: 'error' }, 'Could not load the article: ' + err.message));
    }
  };
  details.addEventListener('toggle', () => details.open && fill());
  if (open) {
    details.open = true;
    fill();
  }
  return card;
}

// claimList lists the claims a filter finds, a page at a time: the first
// page comes with the panel's own query, the next ones when the list's
// end scrolls into view (or its button is clicked).
function claimList(filter, first, sel) {
  const list = el('div', { class: 'claims' });
  const more = el('button', { class: 'more-claims' }, 'More claims');
  const foot = el('p', { class: 'claims-foot' });
  let after = null;
  let busy = false;
  let shown = 0;
  const append = (conn) => {
    conn.nodes.forEach((c) => list.append(claimCard(c, shown++ === 0)));
    after = conn.pageInfo.endCursor;
    const left = conn.totalCount - shown;
    foot.replaceChildren(left > 0 ? `${shown} of ${conn.totalCount} claims · ` : `${conn.totalCount} claim${conn.totalCount === 1 ? '' : 's'}`, left > 0 ? more : '');
    if (conn.totalCount === 0) foot.replaceChildren(el('span', { class: 'empty' }, 'No claim matches the filters.'));
    if (!conn.pageInfo.hasNextPage) observer.disconnect();
  };
  const next = async () => {
    if (busy || state.sel !== sel) return;
    busy = true;
    more.disabled = true;
    try {
      const d = await gql(`query MoreClaims($filter: ClaimFilter, $after: String) { claims(filter: $filter, first: ${CLAIMS_PAGE}, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } nodes { ${CLAIM_FIELDS} } } }`, { filter, after });
      if (state.sel === sel) append(d.claims);
    } catch (err) {
      foot.replaceChildren(el('span', { class: 'error' }, 'Could not load more claims: ' + err.message));
    } finally {
      busy = false;
      more.disabled = false;
    }
  };
  more.onclick = next;
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) next();
  }, { root: panel });
  append(first);
  if (first.pageInfo.hasNextPage) observer.observe(foot);
  return [list, foot];
}

// claimFilter is the claims filter for the panel: the relationship's (or
// the actor's) claims that pass the view's evidence filters.
function claimFilter(base) {
  const v = filterVars();
  const f = { ...base };
  if (v.certainty) f.certainty = v.certainty;
  if (v.ownStatement != null) f.ownStatement = v.ownStatement;
  if (v.conditional != null) f.conditional = v.conditional;
  if (v.asOf) f.asOf = v.asOf;
  if (v.between) f.between = v.between;
  return f;
}

async function showEdge(id) {
  const [from, type, to] = id.split('|');
  const filter = claimFilter({ subject: from, object: to, relationTypes: [type] });
  const d = await gql(`query Edge($from: ID!, $to: ID!, $type: RelationType!, $filter: ClaimFilter) {
    relationships(from: $from, to: $to, type: $type, first: 1) { nodes {
      id type certainty claimCount articleCount sourceCount sentenceCount ownStatementCount conditionalCount
      from { id name kind } to { id name kind } } }
    claims(filter: $filter, first: ${CLAIMS_PAGE}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${CLAIM_FIELDS} } } }`,
  { from, to, type, filter });
  if (state.sel !== 'e:' + id) return; // another selection came first
  const r = d.relationships.nodes[0];
  if (!r) {
    setPanel(el('h2', {}, 'Not found'), el('p', { class: 'empty' }, `There is no relationship ${id}.`));
    return;
  }
  const n = (k, w) => `${k} ${w}${k === 1 ? '' : 's'}`;
  setPanel(
    el('h2', {}, `${r.from.name} → ${r.to.name}`),
    el('div', { class: 'meta' }, el('b', {}, r.type), ' · ', certaintyBadge(r.certainty),
      ` · ${n(r.claimCount, 'claim')} in ${n(r.sentenceCount, 'sentence')} from ${n(r.sourceCount, 'source')}, ${n(r.articleCount, 'article')}`,
      r.ownStatementCount ? ` · ${r.ownStatementCount} own statement${r.ownStatementCount === 1 ? '' : 's'}` : '',
      r.conditionalCount ? ` · ${r.conditionalCount} conditional` : ''),
    el('h3', {}, 'Claims'),
    claimList(filter, d.claims, 'e:' + id),
  );
}

async function showNode(id) {
  const filter = claimFilter({ actor: id });
  const d = await gql(`query Actor($id: ID!, $filter: ClaimFilter) { actor(id: $id) { id name kind aliases description degree }
    claims(filter: $filter, first: ${CLAIMS_PAGE}) { totalCount pageInfo { hasNextPage endCursor } nodes { ${CLAIM_FIELDS} } } }`, { id, filter });
  if (state.sel !== 'n:' + id) return; // another selection came first
  const a = d.actor;
  if (!a) {
    setPanel(el('h2', {}, 'Not found'), el('p', { class: 'empty' }, `There is no actor ${id}.`));
    return;
  }
  const k = KINDS[a.kind] || { label: a.kind, color: '#6b7280' };
  // The relationships drawn, strongest first; the panel lists the first
  // fifty and says how many more there are.
  const drawn = graph.hasNode(id) ? graph.edges(id).map((e) => ({ id: e, ...graph.getEdgeAttributes(e), source: graph.source(e), target: graph.target(e) })) : [];
  drawn.sort((x, y) => y.corroboration - x.corroboration || y.claimCount - x.claimCount || (x.id < y.id ? -1 : 1));
  const label = (n) => graph.getNodeAttribute(n, 'label');
  setPanel(
    el('h2', {}, a.name),
    el('div', { class: 'meta' }, el('span', { class: 'kindtag', style: `background:${k.color}` }, k.label),
      ` · ${a.degree} relationships in all`, a.aliases.length ? ` · also: ${a.aliases.join(', ')}` : ''),
    a.description ? el('p', {}, a.description) : null,
    el('p', {}, el('button', { onclick: () => expand(a.id) }, 'Expand neighbourhood'), ' ',
      el('button', { onclick: () => { setPathPick(true); pickForPath(a.id); } }, 'Path from here…'), ' ',
      state.focus !== a.id ? el('button', { onclick: () => focus(a.id) }, 'Focus') : null),
    el('h3', {}, `Relationships drawn (${drawn.length})`),
    el('ul', { class: 'rels' }, drawn.slice(0, 50).map((r) => el('li', {},
      el('a', { onclick: () => select('e:' + r.id) },
        r.source === a.id ? `→ ${r.relType} → ${label(r.target)}` : `${label(r.source)} → ${r.relType} →`),
      ' ', certaintyBadge(r.certainty), ` ${r.claimCount}`))),
    drawn.length > 50 ? el('p', { class: 'meta' }, `and ${drawn.length - 50} more`) : null,
    el('h3', {}, 'Claims'),
    claimList(filter, d.claims, 'n:' + id),
  );
}

// select shows an element in the panel and marks it in the graph.
async function select(sel, write = true) {
  state.sel = sel;
  if (write) writeURL();
  renderer.refresh({ skipIndexation: true });
  if (!sel) {
    panel.innerHTML = hint;
    document.body.classList.remove('panel-open');
    return;
  }
  const id = sel.slice(2);
  setPanel(el('p', { class: 'meta' }, 'Loading…'));
  try {
    if (sel.startsWith('e:')) await showEdge(id);
    else await showNode(id);
  } catch (err) {
    if (state.sel === sel) setPanel(el('h2', {}, 'Could not load'), el('p', { class: 'error' }, err.message));
  }
}

// ---------------------------------------------------------------- filters --

function buildFilters() {
  const certs = document.getElementById('certainty-filters');
  for (const [c, v] of Object.entries(CERTAINTIES)) {
    const swatch = el('span', { class: 'swatch', style: `border-top: 3px solid ${v.color}` });
    certs.append(el('label', {}, el('input', { type: 'checkbox', 'data-cert': c, checked: '' }), swatch, v.label));
  }
  const f = document.getElementById('filters');
  f.addEventListener('change', (ev) => {
    const b = ev.target;
    if (b.dataset.cert) {
      const all = Object.keys(CERTAINTIES);
      const cur = new Set(state.certs || all);
      b.checked ? cur.add(b.dataset.cert) : cur.delete(b.dataset.cert);
      state.certs = cur.size === all.length ? null : all.filter((c) => cur.has(c));
    } else if (b.dataset.type) {
      const all = relationTypes.map((t) => t.type);
      const cur = new Set(state.types || all);
      b.checked ? cur.add(b.dataset.type) : cur.delete(b.dataset.type);
      state.types = cur.size === all.length ? null : all.filter((t) => cur.has(t));
    } else if (b.id === 'own') state.own = b.value;
    else if (b.id === 'conditional') state.cond = b.value;
    else if (b.id === 'asof') state.asOf = b.value;
    else if (b.id === 'from') state.from = b.value;
    else if (b.id === 'to') state.to = b.value;
    else if (b.id === 'top') state.top = Math.max(1, parseInt(b.value, 10) || DEFAULTS.top);
    else if (b.id === 'mincorr') state.minCorr = Math.max(1, parseInt(b.value, 10) || 1);
    else if (b.id === 'mindeg') state.minDeg = Math.max(1, parseInt(b.value, 10) || 1);
    else if (b.id === 'group') {
      setGroup(b.checked);
      return;
    } else if (b.name === 'color') {
      state.color = b.value;
      writeURL();
      buildLegend();
      renderer.refresh({ skipIndexation: true });
      return;
    } else return;
    changed();
  });
  document.getElementById('alltypes').onclick = () => { state.types = null; changed(); };
  document.getElementById('notypes').onclick = () => { state.types = []; changed(); };
  document.getElementById('clearfilters').onclick = () => resetFilters();
}

// changed reloads the view after a filter or threshold changed; quick
// successive changes (ticking several boxes) make one reload.
let changeTimer = 0;
let changeWaiters = [];
function changed() {
  state.cam = null;
  writeURL(true);
  syncFilterInputs();
  clearTimeout(changeTimer);
  track(new Promise((resolve) => {
    changeWaiters.push(resolve);
    changeTimer = setTimeout(() => {
      const waiters = changeWaiters;
      changeWaiters = [];
      load().finally(() => waiters.forEach((w) => w()));
    }, 150);
  }));
}

function buildTypeFilters() {
  const box = document.getElementById('type-filters');
  box.replaceChildren(...relationTypes.map((t) => el('label', { title: t.meaning },
    el('input', { type: 'checkbox', 'data-type': t.type, checked: '' }), t.type)));
  syncFilterInputs();
}

// syncFilterInputs makes the inputs show the state (after a link, Back or
// Forward).
function syncFilterInputs() {
  for (const box of document.querySelectorAll('#filters input[data-cert]')) box.checked = !state.certs || state.certs.includes(box.dataset.cert);
  for (const box of document.querySelectorAll('#filters input[data-type]')) box.checked = !state.types || state.types.includes(box.dataset.type);
  document.getElementById('own').value = state.own;
  document.getElementById('conditional').value = state.cond;
  document.getElementById('asof').value = state.asOf;
  document.getElementById('from').value = state.from;
  document.getElementById('to').value = state.to;
  document.getElementById('top').value = state.top;
  document.getElementById('mincorr').value = state.minCorr;
  document.getElementById('mindeg').value = state.minDeg;
  for (const r of document.querySelectorAll('#filters input[name=color]')) r.checked = r.value === state.color;
  document.getElementById('group').checked = state.group;
  document.getElementById('thresholds').classList.toggle('inactive', !!state.focus);
}

function buildLegend() {
  const legend = document.getElementById('legend');
  const row = (color, label) => el('div', { class: 'row' }, el('span', { class: 'dot', style: `background:${color}` }), label);
  if (state.color === 'community') {
    const counts = new Map();
    graph.forEachNode((_, a) => counts.set(a.community, (counts.get(a.community) || 0) + 1));
    const top = [...counts.entries()].filter(([c]) => c != null).sort((a, b) => b[1] - a[1]).slice(0, 8);
    legend.replaceChildren(el('h2', {}, `Communities (${info.communities})`),
      ...top.map(([c, k]) => row(PALETTE[c % PALETTE.length], `${k} actors`)));
    return;
  }
  legend.replaceChildren(el('h2', {}, 'Actors'), ...Object.values(KINDS).map((k) => row(k.color, k.label)));
}

// ----------------------------------------------------------------- search --

const search = document.getElementById('search');
const results = document.getElementById('results');
let searchSeq = 0;
let timer = 0;

async function runSearch() {
  const text = search.value.trim();
  const seq = ++searchSeq;
  if (!/[\p{L}\p{N}]/u.test(text)) {
    results.hidden = true;
    return;
  }
  try {
    const d = await gql('query Search($text: String!) { search(text: $text, first: 8) { actor { id name kind aliases } } }', { text });
    if (seq !== searchSeq) return;
    results.replaceChildren(...(d.search.length ? d.search.map((h, i) => el('li', {
      role: 'option', 'data-id': h.actor.id, class: i === 0 ? 'current' : '',
      onmousedown: (ev) => { ev.preventDefault(); pick(h.actor.id); },
    }, el('span', {}, h.actor.name), el('span', { class: 'kind' }, KINDS[h.actor.kind]?.label || h.actor.kind)))
      : [el('li', { class: 'empty' }, 'No actor matches.')]));
    results.hidden = false;
  } catch (err) {
    results.replaceChildren(el('li', { class: 'empty error' }, err.message));
    results.hidden = false;
  }
}

async function pick(id) {
  results.hidden = true;
  search.blur();
  if (pathPick) {
    if (!graph.hasNode(id)) {
      status('That actor is not drawn: focus on it first, or pick one in the graph.', true);
      return;
    }
    await pickForPath(id);
    return;
  }
  await focus(id);
}

search.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(runSearch, 200);
});
search.addEventListener('keydown', (ev) => {
  const items = [...results.querySelectorAll('li[data-id]')];
  const cur = items.findIndex((li) => li.classList.contains('current'));
  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
    ev.preventDefault();
    const next = Math.max(0, Math.min(items.length - 1, cur + (ev.key === 'ArrowDown' ? 1 : -1)));
    items.forEach((li, i) => li.classList.toggle('current', i === next));
  } else if (ev.key === 'Enter' && items.length) {
    pick(items[Math.max(cur, 0)].dataset.id);
  } else if (ev.key === 'Escape') {
    results.hidden = true;
  }
});
search.addEventListener('blur', () => setTimeout(() => { results.hidden = true; }, 150));

// ----------------------------------------------------------------- events --

// Sigma reports a second click within its double-click time as a double
// click, wherever it lands; lastClicked tells a real double click (the same
// actor twice) from two quick clicks on two actors.
let lastClicked = '';
renderer.on('clickNode', ({ node, event }) => clickNode(node, event));
function clickNode(node, event) {
  lastClicked = node;
  if (full) { // a community
    showCommunity(node);
    return;
  }
  if (pathPick) {
    pickForPath(node);
  } else if (event.original.shiftKey && state.sel.startsWith('n:') && state.sel.slice(2) !== node) {
    showPath(state.sel.slice(2), node);
  } else {
    select('n:' + node);
  }
}
renderer.on('doubleClickNode', ({ node, event }) => {
  event.preventSigmaDefault(); // no zoom: a double click expands
  if (lastClicked !== node || full) clickNode(node, event);
  else if (!pathPick) expand(node);
  lastClicked = '';
});
// edgeAt returns the drawn edge nearest to a point of the viewport, if
// one passes within a few pixels of it (the strongest of parallel ones).
function edgeAt(x, y) {
  const pos = new Map();
  const at = (n) => {
    if (!pos.has(n)) {
      const d = renderer.getNodeDisplayData(n);
      pos.set(n, d ? renderer.framedGraphToViewport(d) : null);
    }
    return pos.get(n);
  };
  let best = null;
  let bestDist = Infinity;
  graph.forEachEdge((e, attrs, s, t) => {
    const a = at(s);
    const b = at(t);
    if (!a || !b) return;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len2 = dx * dx + dy * dy;
    const k = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / len2));
    const d = Math.hypot(x - (a.x + k * dx), y - (a.y + k * dy));
    const better = d < bestDist - 0.01 || (Math.abs(d - bestDist) <= 0.01 && attrs.corroboration > graph.getEdgeAttribute(best, 'corroboration'));
    if (d <= Math.max(5, attrs.size + 2) && better) {
      best = e;
      bestDist = d;
    }
  });
  return best;
}

renderer.on('clickStage', ({ event }) => {
  lastClicked = '';
  const edge = pathPick || full ? null : edgeAt(event.x, event.y);
  if (edge) {
    select('e:' + edge);
    return;
  }
  if (pathPick) return;
  if (state.path.length) {
    clearPath();
    writeURL(true);
    updateStatus();
  }
  select('');
});
renderer.on('enterNode', ({ node }) => {
  if (state.path.length || pathPick) return;
  container.style.cursor = 'pointer';
  setHighlight(new Set([node, ...graph.neighbors(node)]), new Set(graph.edges(node)));
});
renderer.on('leaveNode', () => {
  container.style.cursor = '';
  if (state.path.length || pathPick) return;
  setHighlight(null, null);
});

// Back and Forward: the address bar holds the view, so stepping through
// the history is reading it again.
window.addEventListener('popstate', () => {
  readURL();
  syncFilterInputs();
  if (state.color === 'community' || document.querySelector('#legend h2')?.textContent.startsWith('Communities')) buildLegend();
  load();
});

document.getElementById('fit').onclick = fit;
document.getElementById('relayout').onclick = () => {
  state.seed = (state.seed + 1) % 1000000;
  state.cam = null;
  writeURL(true);
  restoreCamera();
  relayout();
};
document.getElementById('whole').onclick = () => {
  Object.assign(state, { focus: '', expand: [], path: [], sel: '', cam: null });
  writeURL(true);
  load();
};
document.getElementById('more').onclick = () => {
  state.top = Math.min(20000, state.top * 2);
  changed();
};
pathBtn.onclick = () => setPathPick(!pathPick);
document.getElementById('togglefilters').onclick = () => document.body.classList.toggle('filters-open');
document.getElementById('closepanel').onclick = () => select('');

function download(blob, name) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function fileBase() {
  return 'actorgraph' + (state.focus ? '-' + state.focus : '');
}

document.getElementById('png').onclick = async () => {
  try {
    const blob = await toBlob(renderer, { format: 'png', backgroundColor: '#ffffff' });
    download(blob, fileBase() + '.png');
  } catch (err) {
    status('Could not draw the image: ' + err.message, true);
  }
};

// Export what is on screen: the drawn actors and relationships, with the
// positions the layout gave them, in the chosen format.
const exportSel = document.getElementById('export');
exportSel.onchange = async () => {
  const f = exportSel.value;
  exportSel.value = '';
  if (!f) return;
  // Grouped by community, the actors the communities stand for.
  const g = full || graph;
  const positions = {};
  g.forEachNode((id, a) => { positions[id] = { x: +a.x.toFixed(3), y: +a.y.toFixed(3) }; });
  status('Exporting…');
  try {
    const res = await fetch(`export/${f}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ actors: g.nodes(), relationships: g.edges(), positions }),
    });
    if (!res.ok) {
      const text = await res.text();
      let msg = text;
      try { msg = JSON.parse(text).errors.map((e) => e.message).join('; '); } catch { /* not JSON: the text itself */ }
      throw new Error(`${res.status}: ${msg.slice(0, 200)}`);
    }
    const name = (res.headers.get('Content-Disposition') || '').match(/filename="?([^";]+)"?/);
    const ext = name ? name[1].slice(name[1].indexOf('.')) : '.' + f;
    download(await res.blob(), fileBase() + ext);
    updateStatus();
  } catch (err) {
    status('Could not export: ' + err.message, true);
  }
};

// ------------------------------------------------------------------ start --

// window.explorer lets scripts and tests drive and inspect the view.
window.explorer = {
  graph, renderer, state, info, metrics, highlight: hl, select, ready: null,
  // full is the actors' graph while communities are drawn instead.
  full: () => full,
  // layout resolves when the latest layout has finished (or was
  // overtaken by a newer one: check info.layout).
  layout: () => layoutPromise,
  // idle resolves once the view has caught up with every change so far:
  // its queries answered, its layout done.
  idle: async () => {
    for (;;) {
      const v = viewPromise;
      const l = layoutPromise;
      await v;
      await l;
      if (v === viewPromise && l === layoutPromise) return;
    }
  },

  // viewport gives an actor's position on the page, for clicking it.
  viewport: (id) => {
    const a = graph.getNodeAttributes(id);
    const p = renderer.graphToViewport({ x: a.x, y: a.y });
    const r = container.getBoundingClientRect();
    return { x: p.x + r.left, y: p.y + r.top };
  },
};

async function start() {
  readURL();
  buildFilters();
  buildLegend();
  syncFilterInputs();
  await load();
}
window.explorer.ready = start();
