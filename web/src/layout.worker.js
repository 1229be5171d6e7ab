// The network view's layout worker: ForceAtlas2 and Louvain communities,
// off the main thread, so laying out thousands of actors never freezes the
// page. It is deterministic: the same actors, relationships and seed give
// the same positions and communities, so a link (which carries the seed)
// reopens the same picture.
//
// In:  {job, nodes: [id], edges: [[sourceIndex, targetIndex, weight]], seed}
// Out: {job, kind: 'communities', communities: Int32Array, count, modularity}
//      {job, kind: 'positions', xy: Float32Array, done: bool} (several)
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import louvain from 'graphology-communities-louvain';

// mulberry32 is a small seeded random generator: the layout's starting
// positions and Louvain's tie-breaks come from it, never from Math.random.
function mulberry32(a) {
  return function next() {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// hash gives a string's 32-bit FNV-1a hash: an actor's starting position
// depends on its id and the seed only, so adding actors (an expansion)
// leaves the others' starts where they were.
function hash(s, seed) {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// iterations is how long ForceAtlas2 runs: enough to settle a small graph
// well, bounded for a large one (each iteration costs more there).
function iterations(n) {
  if (n <= 200) return 500;
  if (n <= 1000) return 250;
  if (n <= 3000) return 150;
  return 100;
}

// chunk is how many iterations run between two checks for a newer job;
// progress is posted at most every progressMs, since each message makes
// the page draw the graph again, which costs a large graph a frame's time.
const chunk = 5;
const progressMs = 400;

let current = 0; // the job being worked on; a newer one cancels it

self.onmessage = (ev) => {
  const { job, nodes, edges, seed } = ev.data;
  current = job;
  const g = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  const radius = Math.sqrt(nodes.length) * 10 + 10;
  nodes.forEach((id) => {
    const r = mulberry32(hash(id, seed));
    const a = r() * 2 * Math.PI;
    const d = radius * Math.sqrt(r());
    g.addNode(id, { x: d * Math.cos(a), y: d * Math.sin(a) });
  });
  for (const [s, t, w] of edges) {
    if (s === t) continue;
    const a = nodes[s];
    const b = nodes[t];
    if (g.hasEdge(a, b)) g.updateEdgeAttribute(a, b, 'weight', (x) => x + w);
    else g.addEdge(a, b, { weight: w });
  }

  const comm = new Int32Array(nodes.length);
  let count = 0;
  let modularity = 0;
  if (g.size > 0) {
    const res = louvain.detailed(g, { rng: mulberry32(seed), getEdgeWeight: 'weight' });
    const ids = new Map();
    nodes.forEach((id, i) => {
      const c = res.communities[id];
      if (!ids.has(c)) ids.set(c, ids.size);
      comm[i] = ids.get(c);
    });
    count = ids.size;
    modularity = res.modularity;
  }
  self.postMessage({ job, kind: 'communities', communities: comm, count, modularity }, [comm.buffer]);

  const settings = {
    ...forceAtlas2.inferSettings(g),
    barnesHutOptimize: g.order > 500,
    edgeWeightInfluence: 1,
    getEdgeWeight: 'weight',
  };
  const total = g.size === 0 ? 0 : iterations(g.order);
  let done = 0;
  const post = (last) => {
    const xy = new Float32Array(nodes.length * 2);
    nodes.forEach((id, i) => {
      xy[2 * i] = g.getNodeAttribute(id, 'x');
      xy[2 * i + 1] = g.getNodeAttribute(id, 'y');
    });
    self.postMessage({ job, kind: 'positions', xy, done: last, iterations: done }, [xy.buffer]);
  };
  post(total === 0);
  let posted = Date.now();
  // Each chunk is its own task, so a newer job (the next message) is seen
  // between chunks and this one stops.
  const step = () => {
    if (current !== job) return;
    const n = Math.min(chunk, total - done);
    forceAtlas2.assign(g, { iterations: n, settings });
    done += n;
    if (done >= total || Date.now() - posted >= progressMs) {
      post(done >= total);
      posted = Date.now();
    }
    if (done < total) setTimeout(step, 0);
  };
  if (total > 0) setTimeout(step, 0);
};
