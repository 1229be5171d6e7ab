// The /review page: a curator signs in with an API token, pastes an article
// (or opens a draft claims file), has its claims drafted, accepts, edits or
// rejects each draft, adds claims by selecting text, and commits the
// result in one commitArticle call. It talks only to actorgraph's GraphQL
// API. Offsets are code points, computed from the text (review/text.js);
// the claims' state and what the commit sends are in review/model.js.
import { Index, segments, slug, trimSpan, cpLength } from './review/text.js';
import {
  ACCEPTED, DRAFT, REJECTED, articleInput, claimLink, exploreLink, fromSelection, mapProblems, marks, progress, toCommit, validate,
} from './review/model.js';
import { draftActorIDs, fromDraft, readDraftFiles } from './review/drafts.js';

const TOKEN_KEY = 'actorgraph:review-token';
const $ = (id) => document.getElementById(id);

const state = {
  principal: null, // {name, role} once signed in
  article: null, // {id, title, publishedAt, dateline, source, url, note, text}
  idx: null, // Index over article.text
  claims: [],
  newActors: [], // actors created here: {id, name, kind, aliases, description, isNew: true}
  current: '', // key of the current claim
  editing: new Set(), // keys of claims whose editor is open
  committing: false,
};

// ---------------------------------------------------------------- GraphQL --

// APIError is a failed call: the HTTP status, the GraphQL errors, and a
// message fit to show.
class APIError extends Error {
  constructor(message, status, errors) {
    super(message);
    this.status = status;
    this.errors = errors || [];
  }

  get code() {
    return (this.errors[0] && this.errors[0].extensions && this.errors[0].extensions.code) || '';
  }
}

async function gql(query, variables = {}, token = sessionStorage.getItem(TOKEN_KEY)) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch('graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  } catch (err) {
    throw new APIError(`The server did not answer (${err.message}). Check that actorgraph is running, then try again.`, 0);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    throw new APIError(`The server answered HTTP ${res.status} without a GraphQL response.`, res.status);
  }
  if (body.errors && body.errors.length) {
    let msg = body.errors.map((e) => e.message).join('\n');
    if (res.status === 401) msg = `Not signed in, or the token is not valid any more: ${msg}`;
    else if (res.status === 403) msg = `Your token's role may not do this: ${msg}`;
    throw new APIError(msg, res.status, body.errors);
  }
  return body.data;
}

// ---------------------------------------------------------------- sign in --

async function signIn(token) {
  const status = $('signin-status');
  status.className = '';
  status.textContent = 'Checking the token…';
  try {
    const d = await gql('query Whoami { whoami { name role anonymous } }', {}, token);
    if (d.whoami.anonymous) throw new APIError('The server took the token for an anonymous reader.', 200);
    sessionStorage.setItem(TOKEN_KEY, token);
    state.principal = d.whoami;
    $('token').value = '';
    showSignedIn();
    if (d.whoami.role === 'READER') {
      status.className = 'error';
      status.textContent = 'This token is a reader’s: drafting and committing need an editor’s or an admin’s token.';
    } else {
      status.textContent = '';
    }
  } catch (err) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.principal = null;
    showSignedIn();
    status.className = 'error';
    status.textContent = err.status === 401 ? 'That token was refused: it is unknown, revoked or mistyped.' : err.message;
  }
}

function showSignedIn() {
  const p = state.principal;
  $('signin').hidden = !!p;
  $('whoami').hidden = !p;
  $('who').textContent = p ? `Signed in as ${p.name} (${p.role.toLowerCase()})` : '';
  updateProgress();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  state.principal = null;
  showSignedIn();
  $('signin-status').textContent = 'Signed out.';
  $('token').focus();
}

function needSignIn(where) {
  if (state.principal) return false;
  where.className = 'error';
  where.textContent = 'Sign in with an editor’s API token first (top of the page).';
  $('token').focus();
  return true;
}

// ---------------------------------------------------------- article form --

function readArticleForm() {
  return {
    id: $('a-id').value.trim(),
    title: $('a-title').value.trim(),
    publishedAt: $('a-published').value.trim(),
    dateline: $('a-dateline').value.trim(),
    source: $('a-source').value.trim(),
    url: $('a-url').value.trim(),
    note: $('a-note').value.trim(),
    text: $('a-text').value,
  };
}

function fillArticleForm(a) {
  $('a-title').value = a.title || '';
  $('a-id').value = a.id || '';
  $('a-id').dataset.auto = a.id ? '' : '1';
  $('a-published').value = a.publishedAt || '';
  $('a-dateline').value = a.dateline || '';
  $('a-source').value = a.source || '';
  $('a-url').value = a.url || '';
  $('a-note').value = a.note || '';
  $('a-text').value = a.text || '';
}

// articleProblems lists what the form lacks, each naming its field.
function articleProblems(a) {
  const out = [];
  if (!a.title) out.push(['a-title', 'Give the article a title.']);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(a.id)) out.push(['a-id', 'The id must be a lowercase slug: letters, digits and single hyphens.']);
  if (!/^(\d{4}-\d{2}-\d{2}|unknown)$/.test(a.publishedAt)) out.push(['a-published', 'Published must be a date (YYYY-MM-DD) or “unknown”.']);
  if (!a.text.trim()) out.push(['a-text', 'Paste the article text.']);
  return out;
}

async function draft(ev) {
  ev.preventDefault();
  const status = $('start-status');
  status.className = '';
  for (const el of document.querySelectorAll('#article-form [aria-invalid]')) el.removeAttribute('aria-invalid');
  const a = readArticleForm();
  const problems = articleProblems(a);
  if (problems.length) {
    status.className = 'error';
    status.textContent = problems.map((p) => p[1]).join(' ');
    for (const [id] of problems) $(id).setAttribute('aria-invalid', 'true');
    $(problems[0][0]).focus();
    return;
  }
  if (needSignIn(status)) return;
  const decided = state.claims.filter((c) => c.status !== DRAFT).length;
  if (decided && !window.confirm(`Drafting again starts a new review: the ${decided} claim${decided > 1 ? 's' : ''} you decided on will be dropped. Draft again?`)) return;
  status.textContent = 'Drafting claims…';
  $('draft').disabled = true;
  try {
    const d = await gql(DRAFT_QUERY, { input: articleInput(a) });
    const known = await resolveActors(draftActorIDs(d.draftArticle));
    const drafted = fromDraft(d.draftArticle, a.text, known);
    status.textContent = '';
    startReview(a, drafted.claims, drafted.actors);
    if (!drafted.claims.length) {
      $('commit-status').textContent = d.draftArticle.drafter === 'none'
        ? 'This server has no extractor, so nothing was drafted: create each claim from a selection of the text.'
        : 'The extractor drafted no claims for this article: create them from selections of the text.';
    }
  } catch (err) {
    status.className = 'error';
    status.textContent = `Drafting failed: ${err.message}`;
  } finally {
    $('draft').disabled = false;
  }
}

async function openFiles(ev) {
  const status = $('start-status');
  status.className = '';
  const files = [...ev.target.files];
  ev.target.value = '';
  if (!files.length) return;
  try {
    const read = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
    const d = readDraftFiles(read);
    if (needSignIn(status)) return;
    const decided = state.claims.filter((c) => c.status !== DRAFT).length;
    if (decided && !window.confirm(`Opening a file starts a new review: the ${decided} claim${decided > 1 ? 's' : ''} you decided on will be dropped. Open it?`)) return;
    fillArticleForm(d.article);
    // The file names actors by id, name or alias; the graph says which exist.
    const known = await resolveActors(d.actors.map((a) => a.id));
    const drafted = d.build(known);
    startReview(d.article, drafted.claims, drafted.actors);
  } catch (err) {
    status.className = 'error';
    status.textContent = err.message;
  }
}

// resolveActors returns the graph's actors among ids, by id.
async function resolveActors(ids) {
  const out = {};
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 20) {
    const batch = unique.slice(i, i + 20);
    // One aliased field per id, each id a variable: ids from an opened
    // file never become query text.
    const params = batch.map((_, k) => `$a${k}: ID!`).join(', ');
    const fields = batch.map((_, k) => `a${k}: actor(id: $a${k}) { id name kind aliases }`).join('\n');
    const vars = Object.fromEntries(batch.map((id, k) => [`a${k}`, id]));
    const d = await gql(`query ResolveActors(${params}) {\n${fields}\n}`, vars);
    for (const k of Object.keys(d)) if (d[k]) out[d[k].id] = d[k];
  }
  return out;
}

// ----------------------------------------------------------------- review --

function startReview(article, claims, actors = []) {
  state.article = article;
  state.idx = new Index(article.text);
  state.claims = claims;
  state.newActors = actors.filter((a) => a.isNew);
  state.editing = new Set();
  state.current = claims.length ? claims[0].key : '';
  $('start').hidden = true;
  $('done').hidden = true;
  $('resume').hidden = true;
  $('review').hidden = false;
  $('article-title').textContent = article.title;
  $('article-meta').textContent = [article.dateline, article.source, article.publishedAt === 'unknown' ? 'date unknown' : article.publishedAt, article.id].filter(Boolean).join(' · ');
  $('commit-status').textContent = '';
  $('commit-status').className = '';
  renderArticle();
  renderClaims();
  renderNewActors();
  const first = claimCard(state.current);
  if (first) first.focus();
  else $('article').focus();
}

function claimByKey(key) {
  return state.claims.find((c) => c.key === key);
}

// renderArticle draws the text with every quote and mention highlighted in
// place; the current claim's marks stand out.
function renderArticle() {
  const el = $('article');
  const ms = marks(state.idx, state.claims);
  const frag = document.createDocumentFragment();
  for (const seg of segments(state.idx, ms)) {
    if (!seg.marks.length) {
      frag.append(seg.text);
      continue;
    }
    const span = document.createElement('mark');
    const on = seg.marks.map((i) => ms[i]);
    const keys = [...new Set(on.map((m) => m.key))];
    span.dataset.keys = keys.join(' ');
    span.className = [...new Set(on.map((m) => m.role))].join(' ');
    if (keys.includes(state.current)) span.classList.add('current');
    const status = keys.map((k) => claimByKey(k).status);
    if (status.every((s) => s === ACCEPTED)) span.classList.add('accepted');
    span.title = keys.map((k) => summary(claimByKey(k))).join('\n');
    span.textContent = seg.text;
    frag.append(span);
  }
  el.replaceChildren(frag);
}

function actorLabel(a) {
  return a ? a.name : '?';
}

function summary(c) {
  return `${actorLabel(c.subject)} ${c.relation || '?'} ${actorLabel(c.object)}`;
}

function renderClaims() {
  const list = $('claims');
  if (!state.claims.length) {
    const p = document.createElement('p');
    p.className = 'empty';
    p.textContent = 'No drafted claims for this article. Select a passage in the text and press “New claim from selection” (n) to add one.';
    list.replaceChildren(p);
  } else {
    list.replaceChildren(...state.claims.map(renderCard));
  }
  updateProgress();
}

function replaceCard(c) {
  const old = claimCard(c.key);
  const card = renderCard(c);
  if (old) old.replaceWith(card);
  else $('claims').append(card);
  updateProgress();
  return card;
}

function claimCard(key) {
  return key ? document.querySelector(`.card[data-key="${key}"]`) : null;
}

const STATUS_LABEL = { [DRAFT]: 'Draft', [ACCEPTED]: 'Accepted', [REJECTED]: 'Rejected' };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  e.append(...children.filter((x) => x !== null && x !== undefined));
  return e;
}

function renderCard(c) {
  const n = state.claims.indexOf(c) + 1;
  const label = `Claim ${n} of ${state.claims.length}: ${STATUS_LABEL[c.status]}${c.edited ? ', edited' : ''}. ${summary(c)}`;
  const card = el('section', {
    class: `card ${c.status}${c.key === state.current ? ' current' : ''}`,
    tabindex: '0',
    'aria-label': label,
    dataset: { key: c.key },
    onfocus: () => setCurrent(c.key),
  });
  const badge = el('span', { class: `status ${c.status}`, text: STATUS_LABEL[c.status] + (c.edited ? ' · edited' : '') + (c.origin === 'selection' ? ' · from selection' : '') });
  const conf = c.confidence !== null && c.confidence !== undefined ? el('span', { class: 'confidence', title: 'The extractor’s confidence in the draft', text: `${Math.round(c.confidence * 100)}%` }) : null;
  card.append(el('div', { class: 'cardhead' }, badge, conf, el('span', { class: 'claimid', text: c.id })));
  card.append(el('p', { class: 'triple' },
    el('b', { class: 'subject', text: actorLabel(c.subject) }), ' ',
    el('span', { class: 'relation', text: c.relation || '?' }), ' ',
    el('b', { class: 'object', text: actorLabel(c.object) })));
  card.append(el('blockquote', { text: c.quote }));
  const facts = [c.certainty, c.ownStatement ? 'own statement' : '', c.condition ? `if “${c.condition}”` : '', c.timeStatus,
    c.attributedTo ? `according to ${c.attributedTo.name}` : 'in the article’s own voice'].filter(Boolean);
  card.append(el('p', { class: 'facts', text: facts.join(' · ') }));
  if (c.errors.length) {
    const ul = el('ul', { class: 'errors', role: 'alert', id: `errors-${c.key}` });
    for (const e of c.errors) ul.append(el('li', { text: e }));
    card.append(ul);
    card.setAttribute('aria-describedby', `errors-${c.key}`);
    card.classList.add('invalid');
  }
  const actions = el('div', { class: 'actions' });
  if (c.status !== ACCEPTED || state.editing.has(c.key)) {
    actions.append(el('button', { type: 'button', class: 'accept', title: 'Accept (a)', text: 'Accept', onclick: () => accept(c.key) }));
  }
  if (!state.editing.has(c.key)) actions.append(el('button', { type: 'button', class: 'edit', title: 'Edit (e)', text: 'Edit', onclick: () => edit(c.key) }));
  if (c.status !== REJECTED) actions.append(el('button', { type: 'button', class: 'reject', title: 'Reject (x)', text: 'Reject', onclick: () => reject(c.key) }));
  if (c.status !== DRAFT && c.origin === 'draft') actions.append(el('button', { type: 'button', class: 'undo', title: 'Back to a draft (u)', text: 'Undo', onclick: () => undo(c.key) }));
  card.append(actions);
  if (state.editing.has(c.key)) card.append(renderEditor(c));
  return card;
}

function setCurrent(key) {
  if (state.current === key) return;
  const prev = claimCard(state.current);
  if (prev) prev.classList.remove('current');
  state.current = key;
  const card = claimCard(key);
  if (card) card.classList.add('current');
  for (const m of document.querySelectorAll('#article mark')) {
    m.classList.toggle('current', m.dataset.keys.split(' ').includes(key));
  }
  const mark = document.querySelector('#article mark.current');
  if (mark) mark.scrollIntoView({ block: 'nearest' });
}

function focusCard(key) {
  const card = claimCard(key);
  if (!card) return;
  setCurrent(key);
  card.focus();
  card.scrollIntoView({ block: 'nearest' });
}

// ------------------------------------------------------------- decisions --

function decide(key, status) {
  const c = claimByKey(key);
  if (!c) return;
  c.status = status;
  c.errors = status === REJECTED ? [] : c.errors;
  state.editing.delete(key);
  renderArticle();
  replaceCard(c);
  focusCard(key);
}

function accept(key) {
  const c = claimByKey(key);
  if (!c) return;
  if (state.editing.has(key) && !saveEditor(c)) return;
  const problems = validate(state.idx, c);
  if (problems.length) {
    c.errors = problems;
    state.editing.add(key);
    replaceCard(c);
    focusCard(key);
    return;
  }
  c.errors = [];
  decide(key, ACCEPTED);
}

function reject(key) {
  const c = claimByKey(key);
  if (!c) return;
  if (c.origin === 'selection') {
    // A claim made here has no draft to keep: rejecting removes it.
    const i = state.claims.indexOf(c);
    state.claims.splice(i, 1);
    state.editing.delete(key);
    renderArticle();
    renderClaims();
    const next = state.claims[Math.min(i, state.claims.length - 1)];
    if (next) focusCard(next.key);
    else $('article').focus();
    return;
  }
  decide(key, REJECTED);
}

function undo(key) {
  const c = claimByKey(key);
  if (c && c.origin === 'draft') decide(key, DRAFT);
}

function edit(key) {
  state.editing.add(key);
  const c = claimByKey(key);
  const card = replaceCard(c);
  setCurrent(key);
  const first = card.querySelector('.editor input, .editor select');
  if (first) first.focus();
}

function move(step) {
  if (!state.claims.length) return;
  let i = state.claims.findIndex((c) => c.key === state.current);
  i = i < 0 ? 0 : Math.max(0, Math.min(state.claims.length - 1, i + step));
  focusCard(state.claims[i].key);
}

// ---------------------------------------------------------------- editor --

// renderEditor is the claim's form. Changes stay in the form until Accept
// (which saves them: an accepted draft whose fields changed is "edited").
function renderEditor(c) {
  const f = el('form', { class: 'editor', novalidate: true, onsubmit: (e) => { e.preventDefault(); accept(c.key); } });
  const id = (name) => `${c.key}-${name}`;
  const row = (name, label, control, extra) => {
    control.id = id(name);
    control.name = name;
    f.append(el('label', { for: id(name), text: label }), el('div', { class: 'control' }, control, extra));
  };
  const selectFrom = (template, value) => {
    const s = el('select');
    s.append(el('option', { value: '', text: '—' }));
    s.append($(template).content.cloneNode(true));
    s.value = value || '';
    return s;
  };
  const text = (value, attrs = {}) => el('input', { value: value || '', spellcheck: 'false', ...attrs });
  const useSelection = (name) => el('button', {
    type: 'button', class: 'small', title: 'Take the words selected in the article',
    text: 'Use selection', onclick: () => takeSelection(c, name),
  });

  row('id', 'Claim id', text(c.id));
  row('subject', 'Subject', actorPicker(c.subject, false));
  row('subjectText', 'Subject’s words', text(c.subjectText, { placeholder: 'default: its name or alias nearest the quote' }), useSelection('subjectText'));
  row('relation', 'Relation', selectFrom('relations', c.relation));
  row('object', 'Object', actorPicker(c.object, false));
  row('objectText', 'Object’s words', text(c.objectText, { placeholder: 'default: its name or alias nearest the quote' }), useSelection('objectText'));
  row('certainty', 'Certainty', selectFrom('certainties', c.certainty));
  const own = el('input', { type: 'checkbox' });
  own.checked = !!c.ownStatement;
  row('ownStatement', 'Own statement', own);
  row('condition', 'Condition', text(c.condition, { placeholder: 'the condition’s words, if conditional' }), useSelection('condition'));
  row('timeStatus', 'Time', selectFrom('time-statuses', c.timeStatus));
  row('timeCue', 'Time cue', text(c.timeCue, { placeholder: 'the words that place it in time' }), useSelection('timeCue'));
  row('timeFrom', 'From', text(c.timeFrom, { placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD' }));
  row('timeTo', 'To', text(c.timeTo, { placeholder: 'YYYY, YYYY-MM or YYYY-MM-DD' }));
  row('attributedTo', 'Attributed to', actorPicker(c.attributedTo, true));
  f.append(el('div', { class: 'actions' },
    el('button', { type: 'submit', class: 'primary', text: 'Save and accept' }),
    el('button', { type: 'button', text: 'Cancel', onclick: () => { state.editing.delete(c.key); replaceCard(c); focusCard(c.key); } })));
  return f;
}

const EDIT_FIELDS = ['id', 'subjectText', 'relation', 'objectText', 'certainty', 'condition', 'timeStatus', 'timeCue', 'timeFrom', 'timeTo'];

// saveEditor copies the form into the claim; it reports whether anything
// changed.
function saveEditor(c) {
  const f = claimCard(c.key).querySelector('form.editor');
  if (!f) return true;
  const before = JSON.stringify(editable(c));
  for (const name of EDIT_FIELDS) c[name] = f.elements[name].value.trim();
  c.ownStatement = f.elements.ownStatement.checked;
  for (const name of ['subject', 'object', 'attributedTo']) c[name] = f.querySelector(`#${c.key}-${name}`).actor || null;
  // Words typed by hand lose a recorded offset that no longer selects them.
  for (const role of ['subject', 'object']) {
    const s = c[`${role}Start`];
    const w = c[`${role}Text`];
    if (s !== null && (!w || state.idx.slice(s, s + cpLength(w)) !== w)) c[`${role}Start`] = null;
  }
  if (JSON.stringify(editable(c)) !== before && c.origin === 'draft') c.edited = true;
  renderArticle();
  return true;
}

function editable(c) {
  const o = {};
  for (const k of [...EDIT_FIELDS, 'ownStatement', 'subjectStart', 'objectStart']) o[k] = c[k];
  for (const k of ['subject', 'object', 'attributedTo']) o[k] = c[k] ? c[k].id : null;
  return o;
}

// takeSelection puts the words selected in the article into a field, with
// their offset where the claim records one.
function takeSelection(c, name) {
  const span = selectedSpan();
  const f = claimCard(c.key).querySelector('form.editor');
  if (!span || !span.text) {
    flash(f, 'Select the words in the article first.');
    return;
  }
  f.elements[name].value = span.text;
  if (name === 'subjectText') c.subjectStart = span.start;
  if (name === 'objectText') c.objectStart = span.start;
  f.elements[name].focus();
}

function flash(form, msg) {
  let p = form.querySelector('.formstatus');
  if (!p) {
    p = el('p', { class: 'formstatus error', role: 'alert' });
    form.prepend(p);
  }
  p.textContent = msg;
}

// ---------------------------------------------------------- actor picker --

let searchSeq = 0;

// actorPicker is a combobox over the typo-tolerant search and the actors
// created on this page; the picked actor is the input's .actor. With
// optional set, an empty field means none (the article's own voice).
function actorPicker(actor, optional) {
  const wrap = el('div', { class: 'picker' });
  const input = el('input', {
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', autocomplete: 'off', spellcheck: 'false',
    placeholder: optional ? 'the article’s own voice; or search actors' : 'search actors (typos welcome)',
  });
  const list = el('ul', { role: 'listbox', class: 'options', hidden: true });
  const listID = `lb-${Math.random().toString(36).slice(2)}`;
  list.id = listID;
  input.setAttribute('aria-controls', listID);
  const show = (a) => {
    input.actor = a;
    input.value = a ? a.name : '';
    input.title = a ? `${a.name} (${a.kind ? a.kind.toLowerCase() : 'actor'}) · ${a.id}${a.isNew ? ' · new' : ''}` : '';
    input.dataset.actor = a ? a.id : '';
  };
  show(actor);
  let options = [];
  let active = -1;
  const close = () => { list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1; input.removeAttribute('aria-activedescendant'); };
  const render = (failed = '') => {
    list.replaceChildren();
    if (failed) list.append(el('li', { class: 'none error', role: 'alert', text: failed }));
    else if (!options.length) list.append(el('li', { class: 'none', text: 'No actor found: add it under “New actor…”.' }));
    options.forEach((a, i) => {
      list.append(el('li', {
        role: 'option', id: `${listID}-${i}`, 'aria-selected': i === active ? 'true' : 'false', class: i === active ? 'active' : '',
        dataset: { id: a.id },
        onmousedown: (e) => { e.preventDefault(); pick(i); },
      }, el('span', { text: a.name }), el('span', { class: 'kind', text: `${a.isNew ? 'new · ' : ''}${(a.kind || '').toLowerCase()} · ${a.id}` })));
    });
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listID}-${active}`);
  };
  const pick = (i) => {
    show(options[i]);
    close();
  };
  let timer = null;
  input.addEventListener('input', () => {
    input.actor = null;
    input.dataset.actor = '';
    clearTimeout(timer);
    const q = input.value.trim();
    if (!q) { close(); return; }
    timer = setTimeout(async () => {
      const seq = ++searchSeq;
      const local = state.newActors.filter((a) => [a.name, a.id, ...(a.aliases || [])].some((n) => n.toLowerCase().includes(q.toLowerCase())));
      let found = [];
      let failed = '';
      try {
        const d = await gql('query SearchActors($text: String!) { search(text: $text, first: 8) { actor { id name kind aliases } } }', { text: q });
        found = d.search.map((h) => h.actor);
      } catch (err) {
        failed = `Search failed: ${err.message}`;
      }
      if (seq !== searchSeq || document.activeElement !== input) return;
      options = [...local, ...found.filter((a) => !local.some((l) => l.id === a.id))];
      active = options.length ? 0 : -1;
      render(failed);
    }, 150);
  });
  // Enter on a hit picks it and must not also submit the claim's form:
  // some keyboards' Enter still sends its keypress, whose default is the
  // form's implicit submission.
  let picked = false;
  input.addEventListener('keypress', (e) => {
    if (e.key === 'Enter' && picked) e.preventDefault();
    picked = false;
  });
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') picked = false;
    if (list.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!options.length) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length;
      render();
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      e.stopPropagation();
      picked = true;
      pick(active);
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      close();
    }
  });
  input.addEventListener('blur', () => {
    close();
    if (!input.actor && !optional && input.value.trim()) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
    if (optional && !input.value.trim()) show(null);
  });
  Object.defineProperty(wrap, 'actor', { get: () => input.actor || null });
  wrap.input = input;
  wrap.append(input, list);
  // The label points at the input: the wrapper's id moves to it.
  const setID = (v) => { input.id = v; };
  Object.defineProperty(wrap, 'id', { get: () => input.id, set: setID });
  Object.defineProperty(wrap, 'name', { get: () => input.name, set: (v) => { input.name = v; } });
  return wrap;
}

// -------------------------------------------------------------- new actor --

function renderNewActors() {
  const ul = $('new-actor-list');
  ul.replaceChildren(...state.newActors.map((a) => {
    const li = el('li', { dataset: { id: a.id } }, el('b', { text: a.name }), ` ${a.kind.toLowerCase()} · ${a.id}`);
    if (a.errors && a.errors.length) li.append(el('ul', { class: 'errors', role: 'alert' }, ...a.errors.map((e) => el('li', { text: e }))));
    return li;
  }));
  if (!state.newActors.length) ul.append(el('li', { class: 'empty', text: 'None yet. Actors not in the graph can be added here, then picked in a claim.' }));
}

async function addActor(ev) {
  ev.preventDefault();
  const status = $('na-status');
  status.className = 'error';
  const a = {
    id: $('na-id').value.trim(),
    name: $('na-name').value.trim(),
    kind: $('na-kind').value,
    aliases: $('na-aliases').value.split(',').map((s) => s.trim()).filter(Boolean),
    description: $('na-description').value.trim(),
    isNew: true,
    errors: [],
  };
  if (!a.name) { status.textContent = 'Give the actor a name.'; $('na-name').focus(); return; }
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(a.id)) { status.textContent = 'The id must be a lowercase slug: letters, digits and single hyphens.'; $('na-id').focus(); return; }
  if (!a.kind) { status.textContent = 'Pick the actor’s kind.'; $('na-kind').focus(); return; }
  if (state.newActors.some((x) => x.id === a.id)) { status.textContent = `An actor with id “${a.id}” was already added here.`; $('na-id').focus(); return; }
  try {
    const d = await gql('query ActorExists($id: ID!) { actor(id: $id) { id name } }', { id: a.id });
    if (d.actor) { status.textContent = `The graph already has “${d.actor.name}” with id ${a.id}: pick it in the claim instead.`; $('na-id').focus(); return; }
  } catch (err) {
    status.textContent = err.message;
    return;
  }
  state.newActors.push(a);
  status.className = '';
  status.textContent = `Added ${a.name}; pick it in a claim’s subject, object or attribution.`;
  $('new-actor-form').reset();
  $('na-id').dataset.auto = '1';
  renderNewActors();
}

// --------------------------------------------------------- from selection --

// selectedSpan is the reader's selection in the article as code-point
// offsets, trimmed of white space; null when nothing in the article is
// selected. The offsets come from the text before the selection's ends,
// so marks around the words do not matter.
function selectedSpan() {
  const sel = window.getSelection();
  const art = $('article');
  if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const r = sel.getRangeAt(0);
  if (!art.contains(r.startContainer) || !art.contains(r.endContainer)) return null;
  const unitsTo = (node, offset) => {
    const pre = document.createRange();
    pre.setStart(art, 0);
    pre.setEnd(node, offset);
    return pre.toString().length;
  };
  const start = state.idx.cp(unitsTo(r.startContainer, r.startOffset));
  const end = state.idx.cp(unitsTo(r.endContainer, r.endOffset));
  return trimSpan(state.idx, start, end);
}

function claimFromSelection() {
  const span = selectedSpan();
  if (!span || !span.text) {
    const st = $('commit-status');
    st.className = 'error';
    st.textContent = 'Select a passage of the article first (with the mouse, or Shift+arrows in the text), then create the claim.';
    return;
  }
  const c = fromSelection(span, state.claims);
  state.claims.push(c);
  state.editing.add(c.key);
  window.getSelection().removeAllRanges();
  $('commit-status').textContent = '';
  renderArticle();
  const emptyNote = $('claims').querySelector('p.empty');
  if (emptyNote) emptyNote.remove();
  replaceCard(c);
  state.current = '';
  setCurrent(c.key);
  const first = claimCard(c.key).querySelector('.editor input[name="subject"]');
  first.focus();
}

// ----------------------------------------------------------------- commit --

async function commit() {
  const st = $('commit-status');
  if (state.committing) return;
  st.className = '';
  if (needSignIn(st)) return;
  for (const key of [...state.editing]) {
    const c = claimByKey(key);
    if (c) saveEditor(c);
  }
  const accepted = state.claims.filter((c) => c.status === ACCEPTED);
  const undecided = state.claims.filter((c) => c.status === DRAFT).length;
  if (!accepted.length) {
    st.className = 'error';
    st.textContent = 'Accept at least one claim to commit: an article needs one.';
    return;
  }
  let local = 0;
  for (const c of accepted) {
    c.errors = validate(state.idx, c);
    local += c.errors.length ? 1 : 0;
  }
  if (local) {
    renderClaims();
    st.className = 'error';
    st.textContent = `${local} of the accepted claims need attention (marked below).`;
    focusCard(accepted.find((c) => c.errors.length).key);
    return;
  }
  if (undecided && !window.confirm(`${undecided} draft${undecided > 1 ? 's are' : ' is'} still undecided and will not be committed. Commit the ${accepted.length} accepted claim${accepted.length > 1 ? 's' : ''}?`)) return;
  const { input, sent, actorsSent } = toCommit(state.article, state.claims, state.newActors, $('replace').checked);
  state.committing = true;
  $('commit').disabled = true;
  st.textContent = `Committing ${accepted.length} claims…`;
  try {
    const d = await gql(COMMIT_QUERY, { input });
    committed(d.commitArticle, input);
  } catch (err) {
    if (err.status === 401) {
      // The token was revoked or the server restarted without it: the
      // review stays, the curator signs in again and commits.
      sessionStorage.removeItem(TOKEN_KEY);
      state.principal = null;
      showSignedIn();
      st.className = 'error';
      st.textContent = 'Nothing was written: the server no longer accepts your token. Sign in again (top of the page) and commit; your review is kept.';
      $('token').focus();
      return;
    }
    const p = mapProblems(err.errors, sent, actorsSent);
    for (const c of state.claims) c.errors = p.claims[c.key] || [];
    for (const a of state.newActors) a.errors = p.actors[a.id] || [];
    renderClaims();
    renderNewActors();
    const n = Object.keys(p.claims).length;
    const general = [...p.article.map((m) => `Article ${m}`), ...p.general];
    if (p.article.some((m) => m.includes('already in the graph')) && !input.replace) {
      general.push('Tick “Replace” beside the commit button to replace that article and its claims with these.');
    }
    st.className = 'error';
    st.textContent = `Nothing was written. ${n ? `${n} claim${n > 1 ? 's have' : ' has'} problems (marked below). ` : ''}${general.join(' ') || (n ? '' : err.message)}`;
    const bad = state.claims.find((c) => c.errors.length);
    if (bad) focusCard(bad.key);
    else st.focus();
  } finally {
    state.committing = false;
    $('commit').disabled = false;
  }
}

function committed(article, input) {
  const claims = article.claims;
  const flat = claims.map((c) => ({ id: c.id, subject: c.subject.id, relation: c.type, object: c.object.id, names: [c.subject.name, c.object.name] }));
  $('review').hidden = true;
  $('done').hidden = false;
  $('done-summary').textContent = `${article.title}: ${flat.length} claim${flat.length === 1 ? '' : 's'} written to the graph${input.actors.length ? `, with ${input.actors.length} new actor${input.actors.length > 1 ? 's' : ''}` : ''}.`;
  $('done-explore').href = exploreLink(flat);
  $('done-claims').replaceChildren(...flat.map((c) => el('li', {}, el('a', { href: claimLink(c), text: `${c.names[0]} ${c.relation} ${c.names[1]}` }), ` · ${c.id}`)));
  $('done-revision').textContent = '';
  $('done').focus();
  recordedAs(article.id);
}

// recordedAs shows the audit trail's record of the commit just made.
async function recordedAs(id) {
  try {
    const d = await gql('query CommitRecord($id: ID!) { history(id: $id, first: 1) { id at byName action reason } }', { id });
    const r = d.history[0];
    if (r) $('done-revision').textContent = `Recorded in the audit trail as ${r.id} (${r.action.toLowerCase().replace('_', ' ')}) by ${r.byName} at ${r.at}: ${r.reason || 'no reason given'}.`;
  } catch (err) {
    $('done-revision').textContent = `The commit went through; its record could not be read: ${err.message}`;
  }
}

// ------------------------------------------------------------ operations --

const SPAN = '{ start end text }';

const DRAFT_QUERY = `mutation DraftArticle($input: ArticleInput!) {
  draftArticle(input: $input) {
    drafter
    actors { id name kind aliases }
    claims {
      key subject subjectSpan ${SPAN} type object objectSpan ${SPAN} certainty ownStatement
      condition ${SPAN} timeStatus timeCue ${SPAN} attributedTo quote start end confidence
    }
  }
}`;

const COMMIT_QUERY = `mutation CommitArticle($input: CommitArticleInput!) {
  commitArticle(input: $input) {
    id title
    claims { id type subject { id name } object { id name } start end }
  }
}`;

// --------------------------------------------------------------- keyboard --

function inField(t) {
  return t && t.closest && t.closest('input, textarea, select, [role="combobox"]') !== null;
}

function onKey(e) {
  if (e.key === '?' && !inField(e.target)) {
    toggleHelp();
    e.preventDefault();
    return;
  }
  if ($('review').hidden) return;
  if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
    e.preventDefault();
    commit();
    return;
  }
  if (e.key === 'Escape' && e.target.closest && e.target.closest('.card')) {
    const card = e.target.closest('.card');
    if (card !== e.target) {
      e.preventDefault();
      card.focus();
    }
    return;
  }
  if (inField(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
  const acts = {
    j: () => move(1), k: () => move(-1), a: () => accept(state.current), x: () => reject(state.current),
    e: () => edit(state.current), u: () => undo(state.current), n: () => claimFromSelection(),
  };
  const act = acts[e.key];
  if (act && (state.current || e.key === 'n')) {
    e.preventDefault();
    act();
  }
}

function toggleHelp() {
  const h = $('help');
  h.hidden = !h.hidden;
  $('help-button').setAttribute('aria-expanded', String(!h.hidden));
}

// The article is contenteditable only so a keyboard can move a caret and
// select; nothing may change it.
function readOnly(e) {
  e.preventDefault();
}

// ------------------------------------------------------------------ setup --

function updateProgress() {
  const n = progress(state.claims);
  $('progress').textContent = n.total
    ? `${n.accepted} accepted · ${n.rejected} rejected · ${n.draft} to review`
    : 'No claims yet';
  $('commit').textContent = `Commit ${n.accepted} claim${n.accepted === 1 ? '' : 's'}`;
  $('commit').disabled = state.committing || n.accepted === 0;
}

function init() {
  $('na-kind').append(el('option', { value: '', text: '—' }), $('kinds').content.cloneNode(true));
  $('signin').addEventListener('submit', (e) => { e.preventDefault(); const t = $('token').value.trim(); if (t) signIn(t); else $('token').focus(); });
  $('signout').addEventListener('click', signOut);
  $('help-button').addEventListener('click', toggleHelp);
  $('article-form').addEventListener('submit', draft);
  $('a-title').addEventListener('input', () => { if ($('a-id').dataset.auto !== '') $('a-id').value = slug($('a-title').value); });
  $('a-id').dataset.auto = '1';
  $('a-id').addEventListener('input', () => { $('a-id').dataset.auto = ''; });
  $('open-file').addEventListener('change', openFiles);
  $('na-name').addEventListener('input', () => { if ($('na-id').dataset.auto !== '') $('na-id').value = slug($('na-name').value); });
  $('na-id').dataset.auto = '1';
  $('na-id').addEventListener('input', () => { $('na-id').dataset.auto = ''; });
  $('new-actor-form').addEventListener('submit', addActor);
  $('from-selection').addEventListener('click', claimFromSelection);
  $('commit').addEventListener('click', commit);
  $('back').addEventListener('click', () => {
    fillArticleForm(state.article);
    $('review').hidden = true;
    $('start').hidden = false;
    $('resume').hidden = false;
    $('a-title').focus();
  });
  $('resume').addEventListener('click', () => {
    $('start').hidden = true;
    $('review').hidden = false;
    const card = claimCard(state.current);
    if (card) card.focus();
    else $('article').focus();
  });
  $('another').addEventListener('click', () => {
    fillArticleForm({});
    state.claims = [];
    state.newActors = [];
    $('resume').hidden = true;
    $('done').hidden = true;
    $('start').hidden = false;
    $('a-title').focus();
  });
  const art = $('article');
  for (const ev of ['beforeinput', 'paste', 'drop', 'cut']) art.addEventListener(ev, readOnly);
  art.addEventListener('click', (e) => {
    const m = e.target.closest('mark');
    if (m && window.getSelection().isCollapsed) focusCard(m.dataset.keys.split(' ')[0]);
  });
  document.addEventListener('keydown', onKey);
  updateProgress();
  const token = sessionStorage.getItem(TOKEN_KEY);
  window.review.ready = token ? signIn(token) : Promise.resolve();
}

// The page's state, for the browser tests and for curious curators.
window.review = { state, ready: null };
init();
