// The review page's claims, apart from the page: each claim under review,
// what the commit sends, how the server's validation problems map back to
// the claims they concern, and the link that opens the result in /explore.
// Pure functions over plain objects, so they are unit-tested without a
// browser (model.test.js).
import { Index, cpLength, locate, slug, uniqueID } from './text.js';

// Review states of a claim. A draft becomes accepted (as drafted or
// edited) or rejected; a claim made from a selection starts accepted.
export const DRAFT = 'draft';
export const ACCEPTED = 'accepted';
export const REJECTED = 'rejected';

let counter = 0;

// newClaim returns a claim under review with every field present.
export function newClaim(fields = {}) {
  counter++;
  return {
    key: `c${counter}`, // the page's handle; stable while the page lives
    id: '',
    status: DRAFT,
    origin: 'draft', // 'draft' (from draftArticle or a file) or 'selection'
    edited: false,
    subject: null, // {id, name, kind, isNew}
    subjectText: '',
    subjectStart: null,
    relation: '',
    object: null,
    objectText: '',
    objectStart: null,
    certainty: '',
    ownStatement: false,
    condition: '',
    timeStatus: 'ONGOING',
    timeCue: '',
    timeFrom: '',
    timeTo: '',
    attributedTo: null, // null: the article's own voice
    quote: '',
    start: 0,
    end: 0,
    confidence: null,
    note: '',
    errors: [],
    ...fields,
  };
}

// fromSelection makes an accepted claim whose quote is the selected span.
// Its id is unique among the others'; the reader picks the actors.
export function fromSelection(span, claims) {
  const taken = new Set(claims.map((c) => c.id));
  return newClaim({
    id: uniqueID(slug(span.text, 40) || 'claim', taken),
    status: ACCEPTED,
    origin: 'selection',
    quote: span.text,
    start: span.start,
    end: span.end,
    certainty: 'ASSERTED',
  });
}

// mention says where the claim's words for its subject or object are: the
// recorded offset when it still selects the words, else by the loader's
// rule near the quote. Without words, the actor's name or one of its
// aliases, whichever the loader's rule finds best (inside the quote, then
// nearest before, then nearest after), so a claim made from a selection
// names its actors by the article's own words. Null when none is in the
// text.
export function mention(idx, claim, role) {
  const words = claim[`${role}Text`];
  if (words) {
    const at = claim[`${role}Start`];
    const len = cpLength(words);
    if (at !== null && at !== undefined && idx.slice(at, at + len) === words) return { start: at, end: at + len, text: words };
    const found = locate(idx, words, claim.start, claim.end);
    return found && { start: found.start, end: found.end, text: words };
  }
  const actor = claim[role];
  if (!actor) return null;
  const rank = { inside: 0, before: 1, after: 2 };
  let best = null;
  for (const name of [actor.name, ...(actor.aliases || [])]) {
    const found = name && locate(idx, name, claim.start, claim.end);
    if (!found) continue;
    const better = !best || rank[found.where] < rank[best.where]
      || (found.where === best.where && (found.where === 'before' ? found.start > best.start : found.start < best.start))
      || (found.where === best.where && found.start === best.start && found.end > best.end);
    if (better) best = { ...found, text: name };
  }
  return best && { start: best.start, end: best.end, text: best.text };
}

// marks lists what the article view highlights for the claims: each
// claim's quote and its subject and object mentions, rejected claims left
// out.
export function marks(idx, claims) {
  const out = [];
  for (const c of claims) {
    if (c.status === REJECTED) continue;
    out.push({ key: c.key, role: 'quote', start: c.start, end: c.end });
    for (const role of ['subject', 'object']) {
      const m = mention(idx, c, role);
      if (m) out.push({ key: c.key, role, start: m.start, end: m.end });
    }
  }
  return out;
}

// validate finds what the page can tell before asking the server: a claim
// to commit needs its actors, relation and certainty, and its quote must
// be the text at its offsets. The server checks everything again.
export function validate(idx, claim) {
  const problems = [];
  if (!claim.id) problems.push('id: give the claim an id');
  else if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(claim.id)) problems.push(`id: "${claim.id}" is not a lowercase slug (letters, digits and single hyphens)`);
  if (!claim.subject) problems.push('subject: pick the actor the claim is about');
  if (!claim.object) problems.push('object: pick the actor on the receiving end');
  if (claim.subject && claim.object && claim.subject.id === claim.object.id) problems.push(`object: subject and object are the same actor "${claim.subject.id}"`);
  if (!claim.relation) problems.push('relation: pick a relation type');
  if (!claim.certainty) problems.push('certainty: pick a certainty');
  if (idx.slice(claim.start, claim.end) !== claim.quote || claim.end <= claim.start) problems.push('quote: the quote is not the text at its offsets');
  return problems;
}

// actorRef is how the commit names an actor: its id.
function actorRef(a) {
  return a ? a.id : null;
}

// claimInput is one claim as commitArticle takes it (ClaimInput): actors
// by id, offsets in code points computed from the text, never typed.
export function claimInput(idx, c) {
  const input = {
    key: c.id,
    subject: actorRef(c.subject),
    type: c.relation,
    object: actorRef(c.object),
    certainty: c.certainty,
    ownStatement: !!c.ownStatement,
    quote: c.quote,
    start: c.start,
  };
  for (const role of ['subject', 'object']) {
    const m = mention(idx, c, role);
    if (m) {
      input[`${role}Text`] = m.text;
      input[`${role}Start`] = m.start;
    } else if (c[`${role}Text`]) {
      input[`${role}Text`] = c[`${role}Text`]; // not in the text: the server says so
    }
  }
  if (c.condition) input.condition = c.condition;
  input.timeStatus = c.timeStatus || 'ONGOING';
  if (c.timeCue) input.timeCue = c.timeCue;
  if (c.timeFrom) input.timeFrom = c.timeFrom;
  if (c.timeTo) input.timeTo = c.timeTo;
  if (c.attributedTo) input.attributedTo = actorRef(c.attributedTo);
  if (c.note) input.note = c.note;
  return input;
}

// reviewReason says, for the commit's revision, what the review decided
// about each claim: which drafts were accepted as drafted, accepted after
// editing or rejected, and which claims were made from a selection. It
// stays within the API's 1000 characters, counting the rest when the
// lists are long.
export function reviewReason(claims, max = 1000) {
  const groups = [
    ['accepted', claims.filter((c) => c.origin === 'draft' && c.status === ACCEPTED && !c.edited)],
    ['edited', claims.filter((c) => c.origin === 'draft' && c.status === ACCEPTED && c.edited)],
    ['rejected', claims.filter((c) => c.origin === 'draft' && c.status === REJECTED)],
    ['undecided', claims.filter((c) => c.origin === 'draft' && c.status === DRAFT)],
    ['from selection', claims.filter((c) => c.origin === 'selection' && c.status === ACCEPTED)],
  ].filter(([, cs]) => cs.length);
  const head = 'Reviewed on /review';
  const full = `${head}: ${groups.map(([name, cs]) => `${name} ${cs.map((c) => c.id).join(', ')}`).join('; ')}`;
  if (cpLength(full) <= max) return groups.length ? full : head;
  return `${head}: ${groups.map(([name, cs]) => `${cs.length} ${name}`).join(', ')}`;
}

// toCommit is the commitArticle input: the article with its text, the new
// actors the committed claims use, the accepted claims in page order and
// the review as the reason; replace to replace an article of the same id.
// sent[i] is the key of the claim sent as
// claims[i], for mapping problems back.
export function toCommit(article, claims, newActors, replace = false) {
  const idx = new Index(article.text);
  const accepted = claims.filter((c) => c.status === ACCEPTED);
  const used = new Set();
  for (const c of accepted) {
    for (const a of [c.subject, c.object, c.attributedTo]) if (a && a.isNew) used.add(a.id);
  }
  const actors = newActors.filter((a) => used.has(a.id));
  const input = {
    article: articleInput(article),
    actors: actors.map((a) => ({
      id: a.id,
      name: a.name,
      kind: a.kind,
      aliases: a.aliases || [],
      ...(a.description ? { description: a.description } : {}),
    })),
    claims: accepted.map((c) => claimInput(idx, c)),
    reason: reviewReason(claims),
  };
  if (replace) input.replace = true;
  return { input, sent: accepted.map((c) => c.key), actorsSent: actors.map((a) => a.id) };
}

// articleInput is the article as the API takes it (ArticleInput), empty
// optional fields left out.
export function articleInput(a) {
  const out = { id: a.id, title: a.title, text: a.text, publishedAt: a.publishedAt };
  for (const k of ['dateline', 'source', 'url', 'note']) if (a[k]) out[k] = a[k];
  return out;
}

// A problem's path: claims[3].objectText, actors[0].name, article.title.
const PATH = /^\s*((claims|actors)\[(\d+)\](?:\.([\w.[\]]+))?|article(?:\.(\w+))?|text)\s*:\s*([\s\S]*)$/;

// mapProblems sorts the server's problems (GraphQL errors, each possibly
// listing several problems) to the claims and new actors they concern.
// Problems without a path, or naming one the page did not send, are
// general.
export function mapProblems(errors, sent, actorsSent = []) {
  const out = { claims: {}, actors: {}, article: [], general: [] };
  const add = (bucket, key, msg) => { (bucket[key] = bucket[key] || []).push(msg); };
  const one = (path, message) => {
    const line = path ? `${path}: ${message}` : message;
    const m = PATH.exec(line);
    if (!m) { out.general.push(line); return; }
    const [, , list, i, field, articleField, msg] = m;
    // Name the field unless the message starts with it already
    // ("objectText \"x\" does not occur…").
    const f = field || articleField;
    const text = f && !msg.toLowerCase().startsWith(f.toLowerCase()) ? `${f}: ${msg}` : msg;
    if (list === 'claims' && sent[+i] !== undefined) add(out.claims, sent[+i], text);
    else if (list === 'actors' && actorsSent[+i] !== undefined) add(out.actors, actorsSent[+i], text);
    else if (!list) out.article.push(text);
    else out.general.push(line);
  };
  for (const e of errors || []) {
    const list = problemsOf(e);
    if (list) {
      for (const p of list) one(p.path || '', p.message || String(p));
    } else {
      for (const line of String(e.message || '').split('\n')) if (line.trim()) one('', line);
    }
  }
  return out;
}

// problemsOf reads the list of problems an error carries in its
// extensions, under whichever of the usual names, or null.
function problemsOf(e) {
  const x = e && e.extensions;
  if (!x) return null;
  for (const k of ['problems', 'validation', 'details']) {
    if (Array.isArray(x[k]) && x[k].length) {
      return x[k].map((p) => (typeof p === 'string' ? { path: '', message: p } : { path: p.path || p.field || '', message: p.message || '' }));
    }
  }
  return null;
}

// relationshipID is the id /explore selects an edge by.
export function relationshipID(subject, relation, object) {
  return `${subject}|${relation}|${object}`;
}

// exploreLink opens the committed claims in /explore: the first claim's
// subject in focus, every other actor of the claims expanded, and the
// first claim's relationship selected.
export function exploreLink(claims) {
  if (!claims.length) return 'explore';
  const first = claims[0];
  const actors = [];
  for (const c of claims) for (const a of [c.subject, c.object]) if (a && !actors.includes(a) && a !== first.subject) actors.push(a);
  const q = [`focus=${encodeURIComponent(first.subject)}`];
  if (actors.length) q.push(`expand=${actors.map(encodeURIComponent).join(',')}`);
  q.push(`sel=e:${encodeURIComponent(relationshipID(first.subject, first.relation, first.object)).replaceAll('%7C', '|')}`);
  return `explore?${q.join('&')}`;
}

// claimLink opens one committed claim's relationship in /explore.
export function claimLink(c) {
  return `explore?focus=${encodeURIComponent(c.subject)}&sel=e:${encodeURIComponent(relationshipID(c.subject, c.relation, c.object)).replaceAll('%7C', '|')}`;
}

// progress counts the claims by review state.
export function progress(claims) {
  const n = { draft: 0, accepted: 0, rejected: 0, total: claims.length };
  for (const c of claims) n[c.status]++;
  return n;
}
