// The /explore network view. It talks only to actorgraph's GraphQL API and
// keeps its whole state (focus, expanded actors, filters, selection, path)
// in the address bar, so a link reproduces the view.
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

cytoscape.use(fcose);

// ---------------------------------------------------------------- styling --

const KINDS = {
  STATE: { label: 'State', color: '#4e79a7', shape: 'round-rectangle' },
  MILITIA: { label: 'Militia', color: '#e15759', shape: 'diamond' },
  PERSON: { label: 'Person', color: '#f28e2b', shape: 'ellipse' },
  ORGANISATION: { label: 'Organisation', color: '#76b7b2', shape: 'hexagon' },
  GROUP: { label: 'Group', color: '#59a14f', shape: 'round-triangle' },
};

// Certainties, firmest first, each drawn so it is told apart at a glance.
// An edge is drawn in the style of its firmest claim; its width grows with
// its corroboration (distinct sources).
const CERTAINTIES = {
  ASSERTED: { label: 'Asserted', color: '#1d2330', style: 'solid', dash: null },
  REPORTED: { label: 'Reported', color: '#2a5db0', style: 'dashed', dash: [8, 4] },
  ALLEGED: { label: 'Alleged', color: '#9ca3af', style: 'dotted', dash: [2, 4] },
  HYPOTHETICAL: { label: 'Hypothetical', color: '#d9480f', style: 'dashed', dash: [12, 4, 2, 4] },
  DENIED: { label: 'Denied', color: '#b91c1c', style: 'dotted', dash: [1, 5] },
};

const style = [
  {
    selector: 'node',
    style: {
      label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 4,
      'text-wrap': 'wrap', 'text-max-width': 110, color: '#1d2330',
      'text-outline-color': '#f6f7f9', 'text-outline-width': 2,
      width: 'mapData(degree, 0, 20, 22, 48)', height: 'mapData(degree, 0, 20, 22, 48)',
      'border-width': 1.5, 'border-color': '#fff',
    },
  },
  ...Object.entries(KINDS).map(([k, v]) => ({
    selector: `node[kind = "${k}"]`, style: { 'background-color': v.color, shape: v.shape },
  })),
  {
    selector: 'edge',
    style: {
      'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.9,
      label: 'data(type)', 'font-size': 8, 'text-rotation': 'autorotate', color: '#374151',
      'text-background-color': '#f6f7f9', 'text-background-opacity': 0.85, 'text-background-padding': 1,
      'min-zoomed-font-size': 7,
      width: 'mapData(corroboration, 1, 5, 2, 6)',
    },
  },
  ...Object.entries(CERTAINTIES).map(([m, v]) => ({
    selector: `edge[certainty = "${m}"]`,
    style: {
      'line-color': v.color, 'target-arrow-color': v.color,
      'line-style': v.style, ...(v.dash ? { 'line-dash-pattern': v.dash } : {}),
    },
  })),
  { selector: '.filtered', style: { display: 'none' } },
  { selector: 'node:selected', style: { 'border-color': '#111', 'border-width': 4 } },
  { selector: 'edge:selected', style: { 'line-color': '#7c3aed', 'target-arrow-color': '#7c3aed', width: 5 } },
  { selector: '.faded', style: { opacity: 0.15 } },
  { selector: 'node.onpath', style: { 'border-color': '#7c3aed', 'border-width': 5 } },
  { selector: 'edge.onpath', style: { 'line-color': '#7c3aed', 'target-arrow-color': '#7c3aed', width: 6, opacity: 1 } },
  { selector: 'node.pathstart', style: { 'border-color': '#7c3aed', 'border-width': 5, 'border-style': 'double' } },
];

// ------------------------------------------------------------------ state --

// The view's state; every change is written to the address bar.
const state = {
  focus: '', // '' for the whole graph, else the actor whose neighbourhood is shown
  expand: [], // actors whose neighbourhoods were added
  sel: '', // 'n:<actor id>' or 'e:<relationship id>'
  types: null, // shown relation types; null for all
  certs: null, // shown certainties (an edge shows when one of its claims has one); null for all
  path: [], // [from, to] when a shortest path is highlighted
};

function readURL() {
  const q = new URLSearchParams(location.search);
  const list = (k) => (q.get(k) ? q.get(k).split(',').filter(Boolean) : []);
  state.focus = q.get('focus') || '';
  state.expand = list('expand');
  state.sel = q.get('sel') || '';
  state.types = q.has('types') ? list('types') : null;
  state.certs = q.has('certainty') ? list('certainty') : null;
  state.path = list('path').slice(0, 2);
}

function writeURL() {
  const q = new URLSearchParams();
  if (state.focus) q.set('focus', state.focus);
  if (state.expand.length) q.set('expand', state.expand.join(','));
  if (state.types) q.set('types', state.types.join(','));
  if (state.certs) q.set('certainty', state.certs.join(','));
  if (state.path.length === 2) q.set('path', state.path.join(','));
  if (state.sel) q.set('sel', state.sel);
  const s = q.toString().replaceAll('%2C', ',').replaceAll('%7C', '|').replaceAll('%3A', ':');
  history.replaceState(null, '', location.pathname + (s ? '?' + s : ''));
}

// ---------------------------------------------------------------- GraphQL --

async function gql(query, variables = {}) {
  const res = await fetch('graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors && body.errors.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

const ACTOR_FIELDS = 'id name kind';
const REL_FIELDS = 'id type certainty certainties claimCount corroboration from { id } to { id }';
const EDGE_FIELDS = 'id type source target certainty certainties claimCount corroboration';

// wholeGraph pages through every actor and relationship.
async function wholeGraph() {
  const nodes = [];
  const edges = [];
  for (let after = null, more = true; more;) {
    const d = await gql(`query($after: String) { actors(first: 100, after: $after) {
      nodes { ${ACTOR_FIELDS} } pageInfo { hasNextPage endCursor } } }`, { after });
    nodes.push(...d.actors.nodes);
    more = d.actors.pageInfo.hasNextPage;
    after = d.actors.pageInfo.endCursor;
  }
  for (let after = null, more = true; more;) {
    const d = await gql(`query($after: String) { relationships(first: 100, after: $after) {
      nodes { ${REL_FIELDS} } pageInfo { hasNextPage endCursor } } }`, { after });
    edges.push(...d.relationships.nodes.map((r) => ({ ...r, source: r.from.id, target: r.to.id })));
    more = d.relationships.pageInfo.hasNextPage;
    after = d.relationships.pageInfo.endCursor;
  }
  return { nodes: nodes.map((a) => ({ id: a.id, label: a.name, kind: a.kind })), edges };
}

async function neighbourhood(id) {
  const d = await gql(`query($id: ID!) { neighbourhood(id: $id, depth: 1, limit: 200) {
    nodes { id label kind } edges { ${EDGE_FIELDS} } } }`, { id });
  return d.neighbourhood;
}

// ------------------------------------------------------------------- view --

const cy = cytoscape({
  container: document.getElementById('cy'),
  style,
  wheelSensitivity: 0.3,
  minZoom: 0.1,
  maxZoom: 4,
  selectionType: 'single',
});

const statusEl = document.getElementById('status');
function status(text, error = false) {
  statusEl.textContent = text;
  statusEl.classList.toggle('error', error);
}

// add merges nodes and edges into the view; it returns how many nodes were new.
function add(sub) {
  let added = 0;
  cy.batch(() => {
    for (const n of sub.nodes) {
      if (cy.getElementById(n.id).empty()) {
        cy.add({ group: 'nodes', data: { id: n.id, label: n.label, kind: n.kind } });
        added++;
      }
    }
    for (const e of sub.edges) {
      if (cy.getElementById(e.id).empty() && !cy.getElementById(e.source).empty() && !cy.getElementById(e.target).empty()) {
        cy.add({
          group: 'edges',
          data: {
            id: e.id, source: e.source, target: e.target, type: e.type,
            certainty: e.certainty, certainties: e.certainties, claimCount: e.claimCount, corroboration: e.corroboration,
          },
        });
      }
    }
    cy.nodes().forEach((n) => n.data('degree', n.degree(false)));
  });
  return added;
}

let layoutRun = null;
function relayout(fit = true, randomize = true) {
  if (layoutRun) layoutRun.stop();
  const opts = {
    name: cy.nodes().length > 1 ? 'fcose' : 'grid',
    quality: 'proof', randomize, animate: false, fit, padding: 40,
    nodeRepulsion: 9000, idealEdgeLength: 110, edgeElasticity: 0.3, nodeSeparation: 90,
  };
  layoutRun = cy.layout(opts);
  if (fit) {
    layoutRun.one('layoutstop', () => {
      if (cy.zoom() > 1.25) {
        cy.zoom(1.25);
        cy.center();
      }
    });
  }
  layoutRun.run();
}

function applyFilters() {
  cy.batch(() => {
    cy.edges().forEach((e) => {
      const hide = (state.types && !state.types.includes(e.data('type')))
        || (state.certs && !e.data('certainties').some((c) => state.certs.includes(c)));
      e.toggleClass('filtered', !!hide);
    });
  });
  for (const box of document.querySelectorAll('#filters input[data-cert]')) box.checked = !state.certs || state.certs.includes(box.dataset.cert);
  for (const box of document.querySelectorAll('#filters input[data-type]')) box.checked = !state.types || state.types.includes(box.dataset.type);
  updateStatus();
}

function updateStatus() {
  const shown = cy.edges().not('.filtered').length;
  status(`${cy.nodes().length} actors · ${shown} of ${cy.edges().length} relationships shown`
    + (state.focus ? ` · around ${cy.getElementById(state.focus).data('label') || state.focus}` : ' · whole graph'));
}

// load rebuilds the view from the state.
async function load() {
  status('Loading…');
  try {
    cy.elements().remove();
    if (state.focus) {
      add(await neighbourhood(state.focus));
      for (const id of state.expand) add(await neighbourhood(id));
    } else {
      add(await wholeGraph());
      for (const id of state.expand) add(await neighbourhood(id));
    }
    applyFilters();
    relayout();
    if (state.path.length === 2) await showPath(state.path[0], state.path[1], false);
    await select(state.sel, false);
  } catch (err) {
    status('Could not load the graph: ' + err.message, true);
    throw err;
  }
}

async function expand(id) {
  if (!state.expand.includes(id) && id !== state.focus) state.expand.push(id);
  writeURL();
  status('Expanding…');
  const before = cy.nodes().length;
  const node = cy.getElementById(id);
  const at = node.position();
  const added = add(await neighbourhood(id));
  // New neighbours start next to the node they came from, then settle.
  cy.nodes().filter((n) => n.position().x === 0 && n.position().y === 0 && n.id() !== id)
    .forEach((n, i) => n.position({ x: at.x + 60 * Math.cos(i), y: at.y + 60 * Math.sin(i) }));
  applyFilters();
  if (added) relayout(false, false);
  status(`${cy.nodes().length - before} new actors from ${node.data('label')}`);
  setTimeout(updateStatus, 2000);
}

async function focus(id) {
  state.focus = id;
  state.expand = [];
  state.path = [];
  state.sel = 'n:' + id;
  writeURL();
  await load();
}

// ------------------------------------------------------------------- path --

let pathPick = false;
const pathBtn = document.getElementById('pathmode');

function setPathPick(on) {
  pathPick = on;
  pathBtn.classList.toggle('active', on);
  cy.nodes().removeClass('pathstart');
  if (on) status('Path: click the first actor, then the second.');
}

function clearPath() {
  cy.elements().removeClass('onpath faded');
}

async function showPath(from, to, write = true) {
  clearPath();
  const d = await gql(`query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) {
    length nodes { id label kind } edges { ${EDGE_FIELDS} } } }`, { from, to });
  state.path = [from, to];
  if (write) writeURL();
  if (!d.shortestPath) {
    status(`No path between ${from} and ${to} within 6 hops.`);
    return;
  }
  add(d.shortestPath);
  applyFilters();
  const ids = new Set([...d.shortestPath.nodes.map((n) => n.id), ...d.shortestPath.edges.map((e) => e.id)]);
  cy.elements().forEach((el) => {
    el.toggleClass('onpath', ids.has(el.id()));
    el.toggleClass('faded', !ids.has(el.id()));
  });
  const p = d.shortestPath;
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

let pathFrom = '';
async function pickForPath(id) {
  if (!pathFrom) {
    pathFrom = id;
    cy.getElementById(id).addClass('pathstart');
    status(`Path from ${cy.getElementById(id).data('label')}: now click the second actor.`);
    return;
  }
  const from = pathFrom;
  pathFrom = '';
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
}

function certaintyBadge(c) {
  const v = CERTAINTIES[c] || { label: c, color: '#6b7280' };
  return el('span', { class: 'badge', style: `background:${v.color}`, title: c }, v.label);
}

async function articleText(id) {
  if (!articleTexts.has(id)) {
    articleTexts.set(id, gql('query($id: ID!) { article(id: $id) { text } }', { id }).then((d) => d.article.text));
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
  voice note subjectText objectText type
  subject { id name } object { id name } attributedTo { id name }
  article { id title source url publishedAt }`;

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
    const text = await articleText(c.article.id);
    const { box, mark } = highlighted(text, c.start, c.end);
    const src = [c.article.source, c.article.publishedAt].filter(Boolean).join(', ');
    details.append(el('div', { class: 'meta' }, src, c.article.url ? ' · ' : '', c.article.url ? el('a', { href: c.article.url, target: '_blank', rel: 'noopener' }, 'original') : ''), box);
    box.scrollTop = Math.max(0, mark.offsetTop - 60);
  };
  details.addEventListener('toggle', () => details.open && fill());
  if (open) {
    details.open = true;
    fill();
  }
  return card;
}

async function showEdge(id) {
  const [from, type, to] = id.split('|');
  const d = await gql(`query($from: ID!, $to: ID!, $type: RelationType!) {
    relationships(from: $from, to: $to, type: $type, first: 1) { nodes {
      id type certainty claimCount articleCount sourceCount sentenceCount from { id name } to { id name }
      claims { ${CLAIM_FIELDS} } } } }`, { from, to, type });
  if (state.sel !== 'e:' + id) return; // another selection came first
  const r = d.relationships.nodes[0];
  if (!r) {
    setPanel(el('p', {}, `No relationship ${id}.`));
    return;
  }
  setPanel(
    el('h2', {}, `${r.from.name} → ${r.to.name}`),
    el('div', { class: 'meta' }, el('b', {}, r.type), ' · ', certaintyBadge(r.certainty),
      ` · ${r.claimCount} claim${r.claimCount === 1 ? '' : 's'} in ${r.sentenceCount} sentence${r.sentenceCount === 1 ? '' : 's'}`
      + ` from ${r.sourceCount} source${r.sourceCount === 1 ? '' : 's'}, ${r.articleCount} article${r.articleCount === 1 ? '' : 's'}`),
    el('h3', {}, 'Claims'),
    r.claims.map((c, i) => claimCard(c, i === 0)),
  );
}

async function showNode(id) {
  const d = await gql(`query($id: ID!) { actor(id: $id) {
    id name kind aliases description degree
    relationships { id type certainty certainties claimCount corroboration from { id name } to { id name }
      claims { ${CLAIM_FIELDS} } } } }`, { id });
  if (state.sel !== 'n:' + id) return; // another selection came first
  const a = d.actor;
  if (!a) {
    setPanel(el('p', {}, `No actor ${id}.`));
    return;
  }
  const k = KINDS[a.kind] || { label: a.kind, color: '#6b7280' };
  const claims = a.relationships.flatMap((r) => r.claims);
  const seen = new Set();
  const unique = claims.filter((c) => !seen.has(c.id) && seen.add(c.id)).sort((x, y) => x.start - y.start);
  setPanel(
    el('h2', {}, a.name),
    el('div', { class: 'meta' }, el('span', { class: 'kindtag', style: `background:${k.color}` }, k.label),
      ` · ${a.degree} relationships`, a.aliases.length ? ` · also: ${a.aliases.join(', ')}` : ''),
    a.description ? el('p', {}, a.description) : null,
    el('p', {}, el('button', { onclick: () => expand(a.id) }, 'Expand neighbourhood'), ' ',
      el('button', { onclick: () => { setPathPick(true); pickForPath(a.id); } }, 'Path from here…')),
    el('h3', {}, 'Relationships'),
    el('ul', { class: 'rels' }, a.relationships.map((r) => el('li', {},
      el('a', { onclick: () => selectEdgeFromPanel(r) },
        r.from.id === a.id ? `→ ${r.type} → ${r.to.name}` : `${r.from.name} → ${r.type} →`),
      ' ', certaintyBadge(r.certainty), ` ${r.claimCount}`))),
    el('h3', {}, `Claims (${unique.length})`),
    unique.map((c, i) => claimCard(c, i === 0)),
  );
}

async function selectEdgeFromPanel(r) {
  if (cy.getElementById(r.id).empty()) {
    add({ nodes: [
      { id: r.from.id, label: r.from.name, kind: 'GROUP' }, { id: r.to.id, label: r.to.name, kind: 'GROUP' },
    ].filter((n) => cy.getElementById(n.id).empty()), edges: [{ ...r, source: r.from.id, target: r.to.id }] });
  }
  await select('e:' + r.id);
}

// select shows an element in the panel and marks it in the graph.
async function select(sel, write = true) {
  state.sel = sel;
  if (write) writeURL();
  cy.elements().unselect();
  if (!sel) {
    panel.innerHTML = hint;
    return;
  }
  const id = sel.slice(2);
  const ele = cy.getElementById(id);
  if (!ele.empty()) ele.select();
  try {
    if (sel.startsWith('e:')) await showEdge(id);
    else await showNode(id);
  } catch (err) {
    setPanel(el('p', { class: 'error' }, err.message));
  }
}

// ---------------------------------------------------------------- filters --

function buildFilters(types) {
  const certs = document.getElementById('certainty-filters');
  for (const [c, v] of Object.entries(CERTAINTIES)) {
    const swatch = el('span', { class: 'swatch', style: `border-top: 3px ${v.style} ${v.color}` });
    certs.append(el('label', {}, el('input', { type: 'checkbox', 'data-cert': c, checked: '' }), swatch, v.label));
  }
  const box = document.getElementById('type-filters');
  for (const t of types) {
    box.append(el('label', { title: t.meaning }, el('input', { type: 'checkbox', 'data-type': t.type, checked: '' }), t.type));
  }
  document.getElementById('filters').addEventListener('change', (ev) => {
    const b = ev.target;
    if (b.dataset.cert) {
      const all = Object.keys(CERTAINTIES);
      const cur = new Set(state.certs || all);
      b.checked ? cur.add(b.dataset.cert) : cur.delete(b.dataset.cert);
      state.certs = cur.size === all.length ? null : all.filter((c) => cur.has(c));
    } else if (b.dataset.type) {
      const all = types.map((t) => t.type);
      const cur = new Set(state.types || all);
      b.checked ? cur.add(b.dataset.type) : cur.delete(b.dataset.type);
      state.types = cur.size === all.length ? null : all.filter((t) => cur.has(t));
    }
    writeURL();
    applyFilters();
  });
  document.getElementById('alltypes').onclick = () => { state.types = null; writeURL(); applyFilters(); };
  document.getElementById('notypes').onclick = () => { state.types = []; writeURL(); applyFilters(); };
}

function buildLegend() {
  const ns = 'http://www.w3.org/2000/svg';
  const shapes = {
    'round-rectangle': '<rect x="1" y="2" width="12" height="10" rx="2"/>',
    diamond: '<polygon points="7,0 14,7 7,14 0,7"/>',
    ellipse: '<circle cx="7" cy="7" r="6"/>',
    hexagon: '<polygon points="3.5,1 10.5,1 14,7 10.5,13 3.5,13 0,7"/>',
    'round-triangle': '<polygon points="7,1 13,13 1,13"/>',
  };
  const legend = document.getElementById('legend');
  legend.append(el('h2', {}, 'Actors'));
  for (const k of Object.values(KINDS)) {
    const s = document.createElementNS(ns, 'svg');
    s.setAttribute('width', 14);
    s.setAttribute('height', 14);
    s.setAttribute('fill', k.color);
    s.innerHTML = shapes[k.shape];
    legend.append(el('div', { class: 'row' }, s, k.label));
  }
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
    const d = await gql('query($text: String!) { search(text: $text, first: 8) { actor { id name kind aliases } } }', { text });
    if (seq !== searchSeq) return;
    results.replaceChildren(...(d.search.length ? d.search.map((h, i) => el('li', {
      role: 'option', 'data-id': h.actor.id, class: i === 0 ? 'current' : '',
      onmousedown: (ev) => { ev.preventDefault(); pick(h.actor.id); },
    }, el('span', {}, h.actor.name), el('span', { class: 'kind' }, KINDS[h.actor.kind]?.label || h.actor.kind)))
      : [el('li', { class: 'empty' }, 'No actor matches.')]));
    results.hidden = false;
  } catch (err) {
    results.replaceChildren(el('li', { class: 'empty' }, err.message));
    results.hidden = false;
  }
}

async function pick(id) {
  results.hidden = true;
  search.blur();
  if (pathPick) {
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

cy.on('tap', 'node', (ev) => {
  const id = ev.target.id();
  if (pathPick) {
    pickForPath(id);
  } else if (ev.originalEvent && ev.originalEvent.shiftKey && state.sel.startsWith('n:') && state.sel.slice(2) !== id) {
    showPath(state.sel.slice(2), id);
  } else {
    select('n:' + id);
  }
});
cy.on('tap', 'edge', (ev) => select('e:' + ev.target.id()));
cy.on('tap', (ev) => {
  if (ev.target === cy) {
    if (state.path.length) {
      state.path = [];
      clearPath();
      updateStatus();
    }
    select('');
  }
});
// Cytoscape reports a double tap for two quick taps anywhere; expand only
// when both hit the same node, and not while picking a path.
const taps = [];
cy.on('tap', (ev) => {
  taps.push(ev.target === cy ? '' : ev.target.id());
  if (taps.length > 2) taps.shift();
});
cy.on('dbltap', 'node', (ev) => {
  const id = ev.target.id();
  if (!pathPick && taps.length === 2 && taps[0] === id && taps[1] === id) expand(id);
});

document.getElementById('fit').onclick = () => cy.fit(undefined, 40);
document.getElementById('relayout').onclick = () => relayout();
document.getElementById('whole').onclick = () => {
  Object.assign(state, { focus: '', expand: [], path: [], sel: '' });
  writeURL();
  load();
};
pathBtn.onclick = () => setPathPick(!pathPick);
document.getElementById('png').onclick = () => {
  const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
  const a = el('a', { href: URL.createObjectURL(blob), download: 'actorgraph' + (state.focus ? '-' + state.focus : '') + '.png' });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
};

const exportSel = document.getElementById('export');
exportSel.onchange = () => {
  const f = exportSel.value;
  exportSel.value = '';
  if (!f) return;
  const q = state.focus ? `?neighbourhood=${encodeURIComponent(state.focus)}&depth=1` : '';
  const a = el('a', { href: `export/${f}${q}`, download: '' });
  document.body.append(a);
  a.click();
  a.remove();
};

// ------------------------------------------------------------------ start --

// window.explorer lets scripts and tests drive and inspect the view.
window.explorer = { cy, state, cytoscape, ready: null };

async function start() {
  readURL();
  buildLegend();
  const d = await gql('{ relationTypes { type meaning } }');
  buildFilters(d.relationTypes);
  await load();
}
window.explorer.ready = start();
