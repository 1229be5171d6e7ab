// Drafts into claims under review: from draftArticle's answer, or from a
// draft claims file (format 2, as `actorgraph extract` writes it) opened
// with its article text.
import yaml from 'js-yaml';
import { Index, cpLength } from './text.js';
import { newClaim } from './model.js';

// firstAt is where a quote first occurs, as the loader takes it when a
// claim gives no start (0 when it does not occur: validation says so).
function firstAt(idx, quote) {
  const u = quote ? idx.text.indexOf(quote) : -1;
  return u < 0 ? 0 : idx.cp(u);
}

// spanStart is a span's start, or null.
function spanStart(sp) {
  return sp && typeof sp.start === 'number' ? sp.start : null;
}

function spanText(sp) {
  if (!sp) return '';
  return typeof sp === 'string' ? sp : sp.text || '';
}

// draftActorIDs lists the graph actors draftArticle's answer names (every
// actor id of its claims that is not a proposed new actor), for the page
// to fetch their names.
export function draftActorIDs(drafted) {
  const proposed = new Set(((drafted && drafted.actors) || []).map((a) => a.id));
  const ids = new Set();
  for (const d of (drafted && drafted.claims) || []) {
    for (const id of [d.subject, d.object, d.attributedTo]) if (id && !proposed.has(id)) ids.add(id);
  }
  return [...ids];
}

// fromDraft turns draftArticle's answer (ArticleDraft) into claims under
// review (drafts, undecided) and the new actors the drafts propose. known
// holds the graph's actors the claims name, by id; an id neither proposed
// nor known leaves the claim's actor to be picked.
export function fromDraft(drafted, text, known = {}) {
  const idx = new Index(text);
  const actors = ((drafted && drafted.actors) || []).map((a) => ({
    id: a.id, name: a.name || a.id, kind: a.kind || '', aliases: a.aliases || [], description: '', isNew: true,
  }));
  const byID = Object.fromEntries(actors.map((a) => [a.id, a]));
  const pick = (id) => {
    if (!id) return null;
    if (byID[id]) return byID[id];
    if (known[id]) return { ...known[id], isNew: false };
    return null;
  };
  const claims = ((drafted && drafted.claims) || []).map((d, i) => {
    const quote = d.quote || '';
    const at = typeof d.start === 'number' ? d.start : firstAt(idx, quote);
    const claim = newClaim({
      id: d.key || `draft-${i + 1}`,
      subject: pick(d.subject),
      subjectText: spanText(d.subjectSpan),
      subjectStart: spanStart(d.subjectSpan),
      relation: d.type || '',
      object: pick(d.object),
      objectText: spanText(d.objectSpan),
      objectStart: spanStart(d.objectSpan),
      certainty: d.certainty || '',
      ownStatement: !!d.ownStatement,
      condition: spanText(d.condition),
      timeStatus: d.timeStatus || 'ONGOING',
      timeCue: spanText(d.timeCue),
      attributedTo: pick(d.attributedTo),
      quote,
      start: at,
      end: typeof d.end === 'number' ? d.end : at + cpLength(quote),
      confidence: typeof d.confidence === 'number' ? d.confidence : null,
    });
    for (const role of ['subject', 'object', 'attributedTo']) {
      if (d[role] && !claim[role]) claim.errors.push(`${role}: the draft names actor "${d[role]}", which is neither in the graph nor proposed: pick one`);
    }
    return claim;
  });
  return { claims, actors };
}

// norm is how claims files match references: case-insensitive, repeated
// white space ignored.
function norm(s) {
  return String(s || '').toLowerCase().split(/\s+/).filter(Boolean).join(' ');
}

const textName = (f) => /\.(ya?ml)$/i.test(f.name);

// readDraftFiles reads a claims file and its article text ([{name, text}],
// in any order). It returns the article, the ids of the actors the file
// declares, and build(known), which, given the graph's actors among those
// ids, returns the claims under review and the declared actors the graph
// lacks, as new actors. Errors name the file and what is wrong.
export function readDraftFiles(files) {
  const claimsFiles = files.filter(textName);
  if (claimsFiles.length !== 1) {
    throw new Error(`Open one claims file (.yaml) together with its article text; got ${claimsFiles.length} claims files among ${files.map((f) => f.name).join(', ') || 'no files'}.`);
  }
  const cf = claimsFiles[0];
  let doc;
  try {
    doc = yaml.load(cf.text);
  } catch (err) {
    throw new Error(`${cf.name}: malformed YAML: ${err.reason || err.message}${err.mark ? ` (line ${err.mark.line + 1})` : ''}`);
  }
  if (!doc || typeof doc !== 'object') throw new Error(`${cf.name}: not a claims file (no article, actors and claims)`);
  if (doc.format !== 2) throw new Error(`${cf.name}: claims file format ${JSON.stringify(doc.format)}; this page reads format 2 (convert older files with \`actorgraph migrate claims\`)`);
  const art = doc.article || {};
  if (!art.file) throw new Error(`${cf.name}: the article names no text file (article.file)`);
  const base = String(art.file).split('/').pop();
  const tf = files.find((f) => f !== cf && f.name === base) || (files.length === 2 ? files.find((f) => f !== cf) : null);
  if (!tf) throw new Error(`${cf.name}: open the article text “${art.file}” together with the claims file`);
  const text = tf.text;
  if (!text.trim()) throw new Error(`${tf.name}: the article text is empty`);
  const published = art.publishedAt instanceof Date ? art.publishedAt.toISOString().slice(0, 10) : String(art.publishedAt || '');
  const article = {
    id: String(art.id || ''),
    title: String(art.title || ''),
    publishedAt: published,
    dateline: art.dateline || '',
    source: art.source || '',
    url: art.url || '',
    note: art.note || '',
    text,
  };
  const declared = (doc.actors || []).map((a) => ({
    id: String(a.id || ''), name: String(a.name || ''), kind: String(a.kind || ''),
    aliases: (a.aliases || []).map(String), description: a.description ? String(a.description) : '',
  }));
  const refs = new Map();
  for (const a of declared) for (const n of [a.id, a.name, ...a.aliases]) if (!refs.has(norm(n))) refs.set(norm(n), a);
  const idx = new Index(text);
  const build = (known) => {
    const actor = (ref) => {
      if (ref === undefined || ref === null || ref === '') return null;
      const d = refs.get(norm(ref));
      const id = d ? d.id : String(ref);
      if (known[id]) return { ...known[id], isNew: false };
      if (d) return { ...d, isNew: true };
      return null;
    };
    const actors = declared.filter((a) => !known[a.id]).map((a) => ({ ...a, isNew: true }));
    const claims = (doc.claims || []).map((c, i) => {
      const quote = String(c.quote || '');
      let start = typeof c.start === 'number' ? c.start : null;
      if (start === null) start = firstAt(idx, quote);
      const time = c.time || {};
      const date = (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === undefined || v === null ? '' : String(v));
      const attributed = c.attributedTo && norm(c.attributedTo) !== 'article' ? actor(c.attributedTo) : null;
      const claim = newClaim({
        id: String(c.id || `claim-${i + 1}`),
        subject: actor(c.subject),
        subjectText: c.subjectText ? String(c.subjectText) : '',
        subjectStart: typeof c.subjectStart === 'number' ? c.subjectStart : null,
        relation: String(c.relation || ''),
        object: actor(c.object),
        objectText: c.objectText ? String(c.objectText) : '',
        objectStart: typeof c.objectStart === 'number' ? c.objectStart : null,
        certainty: String(c.certainty || ''),
        ownStatement: c.ownStatement === true,
        condition: c.condition ? String(c.condition) : '',
        timeStatus: String(time.status || 'ONGOING'),
        timeCue: time.cue ? String(time.cue) : '',
        timeFrom: date(time.from),
        timeTo: date(time.to),
        attributedTo: attributed,
        quote,
        start,
        end: start + cpLength(quote),
        confidence: typeof c.confidence === 'number' ? c.confidence : null,
        note: c.note ? String(c.note) : '',
      });
      const errors = [];
      for (const role of ['subject', 'object', 'attributedTo']) {
        if (c[role] && !claim[role] && !(role === 'attributedTo' && norm(c[role]) === 'article')) errors.push(`${role}: unknown actor or alias "${c[role]}" (not declared in the file nor in the graph)`);
      }
      if (idx.slice(claim.start, claim.end) !== quote) errors.push('quote: not found verbatim in the article text');
      claim.errors = errors;
      return claim;
    });
    return { claims, actors };
  };
  const ids = new Set(declared.map((a) => a.id));
  for (const c of doc.claims || []) {
    for (const r of [c.subject, c.object, c.attributedTo]) {
      if (r && norm(r) !== 'article' && !refs.has(norm(r)) && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(String(r))) ids.add(String(r));
    }
  }
  return { article, actors: [...ids].map((id) => ({ id })), build };
}
