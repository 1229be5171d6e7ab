// Unit tests of the review page's claims model and drafts: `npm test`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Index, cpLength } from './text.js';
import {
  ACCEPTED, DRAFT, REJECTED, claimInput, exploreLink, fromSelection, mapProblems, marks, mention, newClaim, progress, reviewReason, toCommit, validate,
} from './model.js';
import { draftActorIDs, fromDraft, readDraftFiles } from './drafts.js';

// The article: an astral character up front so code points and UTF-16
// units differ for every offset after it.
const TEXT = '𝐁AGHDAD — Kataib Hezbollah threatened the United States on Sunday. The group said Iran backs it.';
const idx = new Index(TEXT);
const at = (s) => cpLength(TEXT.slice(0, TEXT.indexOf(s)));

const KH = { id: 'kataib-hezbollah', name: 'Kataib Hezbollah', kind: 'MILITIA' };
const US = { id: 'united-states', name: 'United States', kind: 'STATE' };
const IRAN = { id: 'iran', name: 'Iran', kind: 'STATE' };

function threat(fields = {}) {
  const quote = 'Kataib Hezbollah threatened the United States';
  return newClaim({
    id: 'kh-threatens-us', subject: KH, relation: 'THREATENS', object: US, certainty: 'ASSERTED',
    quote, start: at(quote), end: at(quote) + cpLength(quote), ...fields,
  });
}

test('mentions: recorded offsets when they hold, else the loader rule near the quote', () => {
  const quote = 'Iran backs it';
  const backs = newClaim({ subject: IRAN, object: KH, subjectText: 'Iran', objectText: 'The group', quote, start: at(quote), end: at(quote) + cpLength(quote) });
  const cases = [
    { name: 'subject inside the quote', claim: backs, role: 'subject', want: at('Iran backs') },
    { name: 'object before the quote', claim: backs, role: 'object', want: at('The group') },
    { name: 'stale offset falls back to the rule', claim: { ...backs, subjectStart: 3 }, role: 'subject', want: at('Iran backs') },
    { name: 'recorded offset kept', claim: { ...threat(), subjectText: 'Kataib Hezbollah', subjectStart: at('Kataib') }, role: 'subject', want: at('Kataib') },
    { name: 'no words: the actor name', claim: threat(), role: 'object', want: at('United States') },
  ];
  for (const c of cases) {
    const m = mention(idx, c.claim, c.role);
    assert.ok(m, c.name);
    assert.equal(m.start, c.want, c.name);
    assert.equal(idx.slice(m.start, m.end), c.claim[`${c.role}Text`] || c.claim[c.role].name, c.name);
  }
  assert.equal(mention(idx, newClaim({ subjectText: 'Hezbollah al-Nujaba', start: 0, end: 5 }), 'subject'), null);
  // Without words, the name or alias the article uses: inside the quote
  // first, then the nearest before it.
  const group = { id: 'kataib-hezbollah', name: 'Kataib Hezbollah', aliases: ['KH', 'The group'] };
  const q = 'said Iran backs it';
  const byAlias = newClaim({ subject: group, object: { id: 'iran', name: 'Islamic Republic', aliases: ['Iran', 'Tehran'] }, quote: q, start: at(q), end: at(q) + cpLength(q) });
  assert.deepEqual(mention(idx, byAlias, 'object'), { start: at('Iran backs'), end: at('Iran backs') + 4, text: 'Iran' });
  assert.deepEqual(mention(idx, byAlias, 'subject'), { start: at('The group'), end: at('The group') + 9, text: 'The group' });
  assert.deepEqual(claimInput(idx, { ...byAlias, relation: 'SUPPORTS', certainty: 'REPORTED' }).subjectStart, at('The group'));
});

test('marks cover quotes and mentions of claims not rejected', () => {
  const a = threat();
  const b = threat({ id: 'other', status: REJECTED });
  const ms = marks(idx, [a, b]);
  assert.deepEqual(ms.map((m) => [m.key, m.role, idx.slice(m.start, m.end)]), [
    [a.key, 'quote', 'Kataib Hezbollah threatened the United States'],
    [a.key, 'subject', 'Kataib Hezbollah'],
    [a.key, 'object', 'United States'],
  ]);
});

test('fromSelection makes an accepted claim with a unique id', () => {
  const quote = 'The group said Iran backs it';
  const span = { start: at(quote), end: at(quote) + cpLength(quote), text: quote };
  const existing = [threat({ id: 'the-group-said-iran-backs-it' })];
  const c = fromSelection(span, existing);
  assert.equal(c.status, ACCEPTED);
  assert.equal(c.origin, 'selection');
  assert.equal(c.id, 'the-group-said-iran-backs-it-2');
  assert.equal(idx.slice(c.start, c.end), quote);
});

test('validate names each missing or wrong field', () => {
  const cases = [
    { name: 'complete', claim: threat(), want: [] },
    { name: 'no actors', claim: threat({ subject: null, object: null }), want: ['subject', 'object'] },
    { name: 'same actor', claim: threat({ object: KH }), want: ['object'] },
    { name: 'bad id', claim: threat({ id: 'Bad Id' }), want: ['id'] },
    { name: 'no relation, no certainty', claim: threat({ relation: '', certainty: '' }), want: ['relation', 'certainty'] },
    { name: 'quote off its offsets', claim: threat({ start: 0 }), want: ['quote'] },
  ];
  for (const c of cases) {
    assert.deepEqual(validate(idx, c.claim).map((p) => p.split(':')[0]), c.want, c.name);
  }
});

test('claimInput sends code-point offsets computed from the text', () => {
  const c = threat({ subjectText: 'Kataib Hezbollah', objectText: 'the United States', attributedTo: IRAN, timeCue: 'on Sunday', timeStatus: 'PAST', ownStatement: true });
  const input = claimInput(idx, c);
  assert.deepEqual(input, {
    key: 'kh-threatens-us', subject: 'kataib-hezbollah', type: 'THREATENS', object: 'united-states', certainty: 'ASSERTED',
    ownStatement: true, quote: 'Kataib Hezbollah threatened the United States', start: at('Kataib'),
    subjectText: 'Kataib Hezbollah', subjectStart: at('Kataib'), objectText: 'the United States', objectStart: at('the United'),
    timeStatus: 'PAST', timeCue: 'on Sunday', attributedTo: 'iran',
  });
  // The astral first character makes UTF-16 offsets one more: they are not sent.
  assert.equal(TEXT.indexOf('Kataib'), input.start + 1);
});

test('toCommit sends accepted claims, the new actors they use, and the review as the reason', () => {
  const newActor = { id: 'the-group', name: 'The Group', kind: 'GROUP', aliases: ['the group'], isNew: true };
  const unused = { id: 'unused', name: 'Unused', kind: 'GROUP', aliases: [], isNew: true };
  const quote = 'The group said Iran backs it';
  const claims = [
    threat(),
    threat({ id: 'edited-one', status: ACCEPTED, edited: true }),
    threat({ id: 'rejected-one', status: REJECTED }),
    threat({ id: 'undecided', status: DRAFT }),
    newClaim({ id: 'made-here', origin: 'selection', status: ACCEPTED, subject: newActor, object: IRAN, relation: 'COMMENTS_ON', certainty: 'REPORTED', quote, start: at(quote), end: at(quote) + cpLength(quote) }),
  ];
  claims[0].status = ACCEPTED;
  const article = { id: 'a', title: 'T', publishedAt: '2026-01-14', dateline: 'BAGHDAD', source: '', text: TEXT };
  const { input, sent, actorsSent } = toCommit(article, claims, [newActor, unused]);
  assert.deepEqual(input.article, { id: 'a', title: 'T', text: TEXT, publishedAt: '2026-01-14', dateline: 'BAGHDAD' });
  assert.deepEqual(input.claims.map((c) => c.key), ['kh-threatens-us', 'edited-one', 'made-here']);
  assert.deepEqual(sent, [claims[0].key, claims[1].key, claims[4].key]);
  assert.deepEqual(input.actors, [{ id: 'the-group', name: 'The Group', kind: 'GROUP', aliases: ['the group'] }]);
  assert.deepEqual(actorsSent, ['the-group']);
  assert.equal(input.reason, 'Reviewed on /review: accepted kh-threatens-us; edited edited-one; rejected rejected-one; undecided undecided; from selection made-here');
  assert.equal(input.replace, undefined);
  assert.equal(toCommit(article, claims, [], true).input.replace, true);
});

test('reviewReason stays within the limit', () => {
  const many = Array.from({ length: 200 }, (_, i) => threat({ id: `claim-number-${i}`, status: ACCEPTED }));
  const r = reviewReason(many);
  assert.ok(cpLength(r) <= 1000);
  assert.equal(r, 'Reviewed on /review: 200 accepted');
  assert.equal(reviewReason([]), 'Reviewed on /review');
});

test('mapProblems sorts problems to the claims and actors they concern', () => {
  const sent = ['c1', 'c7', 'c9'];
  const errors = [{
    message: 'the article has 3 problems',
    extensions: {
      code: 'invalid',
      problems: [
        { path: 'claims[1].objectText', message: 'objectText "the militia" does not occur in the article text' },
        { path: 'claims[2]', message: 'subject and object are the same actor "iran"' },
        { path: 'actors[0].name', message: 'is also a name of actor "iran"' },
        { path: 'article.publishedAt', message: 'publishedAt "14 Jan" is not a date' },
        { path: 'claims[5].quote', message: 'out of range' },
        { path: '', message: 'something else' },
      ],
    },
  }, { message: 'claims[0].quote: quote not found verbatim in the article text\nplain line' }];
  const p = mapProblems(errors, sent, ['tehran-city']);
  assert.deepEqual(p.claims, {
    c7: ['objectText "the militia" does not occur in the article text'],
    c9: ['subject and object are the same actor "iran"'],
    c1: ['quote not found verbatim in the article text'],
  });
  assert.deepEqual(p.actors, { 'tehran-city': ['name: is also a name of actor "iran"'] });
  assert.deepEqual(p.article, ['publishedAt "14 Jan" is not a date']);
  assert.deepEqual(p.general, ['claims[5].quote: out of range', 'something else', 'plain line']);
  assert.deepEqual(mapProblems(undefined, []), { claims: {}, actors: {}, article: [], general: [] });
});

test('exploreLink focuses the first subject, expands the other actors, selects the first relationship', () => {
  const link = exploreLink([
    { subject: 'kataib-hezbollah', relation: 'THREATENS', object: 'united-states' },
    { subject: 'iran', relation: 'SUPPORTS', object: 'kataib-hezbollah' },
  ]);
  assert.equal(link, 'explore?focus=kataib-hezbollah&expand=united-states,iran&sel=e:kataib-hezbollah|THREATENS|united-states');
  assert.equal(exploreLink([]), 'explore');
});

test('progress counts claims by state', () => {
  assert.deepEqual(progress([threat(), threat({ status: ACCEPTED }), threat({ status: REJECTED })]), { draft: 1, accepted: 1, rejected: 1, total: 3 });
});

test('fromDraft reads draftArticle answers, naming actors from the graph or the proposals', () => {
  const quote = 'Kataib Hezbollah threatened the United States';
  const drafted = {
    drafter: 'test',
    actors: [{ id: 'the-group', name: 'The Group', kind: 'GROUP', aliases: [] }],
    claims: [{
      key: 'd1', subject: 'kataib-hezbollah', subjectSpan: { start: at('Kataib'), end: at('Kataib') + 16, text: 'Kataib Hezbollah' },
      type: 'THREATENS', object: 'united-states', objectSpan: { start: at('United'), end: at('United') + 13, text: 'United States' },
      certainty: 'ASSERTED', ownStatement: false, condition: null, timeStatus: 'PAST', timeCue: { start: at('on Sunday'), end: at('on Sunday') + 9, text: 'on Sunday' },
      attributedTo: null, quote, start: at(quote), end: at(quote) + cpLength(quote), confidence: 0.8,
    }, {
      key: 'd2', subject: 'the-group', subjectSpan: { start: at('The group'), end: at('The group') + 9, text: 'The group' },
      type: 'COMMENTS_ON', object: 'nobody', objectSpan: { start: 0, end: 1, text: '𝐁' },
      certainty: 'REPORTED', ownStatement: true, timeStatus: 'ONGOING', attributedTo: 'iran', quote: 'The group said', start: at('The group said'), end: at('The group said') + 14, confidence: 0.4,
    }],
  };
  assert.deepEqual(draftActorIDs(drafted).sort(), ['iran', 'kataib-hezbollah', 'nobody', 'united-states']);
  const { claims, actors } = fromDraft(drafted, TEXT, { 'kataib-hezbollah': KH, 'united-states': US, iran: IRAN });
  assert.deepEqual(actors.map((a) => [a.id, a.isNew]), [['the-group', true]]);
  assert.equal(claims.length, 2);
  const [c1, c2] = claims;
  assert.equal(c1.status, DRAFT);
  assert.deepEqual([c1.id, c1.subject.id, c1.relation, c1.object.id, c1.timeCue, c1.timeStatus, c1.confidence], ['d1', 'kataib-hezbollah', 'THREATENS', 'united-states', 'on Sunday', 'PAST', 0.8]);
  assert.equal(idx.slice(c1.start, c1.end), quote);
  assert.deepEqual(c1.errors, []);
  assert.equal(c2.subject.isNew, true);
  assert.equal(c2.object, null);
  assert.equal(c2.attributedTo.id, 'iran');
  assert.match(c2.errors[0], /^object: the draft names actor "nobody"/);
});

const CLAIMS_YAML = `format: 2
article:
  id: test-article
  title: "A test"
  file: article.txt
  publishedAt: 2026-01-14
  dateline: BAGHDAD
actors:
  - id: kataib-hezbollah
    name: Kataib Hezbollah
    kind: MILITIA
    aliases: [KH, the group]
  - id: new-militia
    name: New Militia
    kind: MILITIA
claims:
  - id: kh-threatens-us
    subject: KH
    subjectText: Kataib Hezbollah
    relation: THREATENS
    object: united-states
    certainty: ASSERTED
    time: { status: PAST, cue: on Sunday, from: 2026-01 }
    quote: Kataib Hezbollah threatened the United States
    draft: true
    confidence: 0.7
  - id: group-backed
    subject: Iran
    relation: SUPPORTS
    object: the GROUP
    certainty: REPORTED
    attributedTo: article
    quote: Iran backs it
  - id: bad
    subject: Nobody
    relation: SUPPORTS
    object: New Militia
    certainty: REPORTED
    quote: not in the text
`;

test('readDraftFiles reads a draft claims file with its text', () => {
  const d = readDraftFiles([{ name: 'claims.yaml', text: CLAIMS_YAML }, { name: 'article.txt', text: TEXT }]);
  assert.deepEqual(d.article, { id: 'test-article', title: 'A test', publishedAt: '2026-01-14', dateline: 'BAGHDAD', source: '', url: '', note: '', text: TEXT });
  assert.deepEqual(d.actors.map((a) => a.id).sort(), ['kataib-hezbollah', 'new-militia', 'united-states']);
  const { claims, actors } = d.build({ 'kataib-hezbollah': KH, 'united-states': US, iran: IRAN });
  assert.deepEqual(actors.map((a) => a.id), ['new-militia']);
  const [a, b, c] = claims;
  assert.deepEqual([a.subject.id, a.object.id, a.timeStatus, a.timeCue, a.timeFrom, a.confidence, a.start], ['kataib-hezbollah', 'united-states', 'PAST', 'on Sunday', '2026-01', 0.7, at('Kataib')]);
  assert.deepEqual(a.errors, []);
  assert.equal(b.subject, null, 'Iran is neither declared nor an id: the graph lookup by id does not find names');
  assert.equal(b.object.id, 'kataib-hezbollah');
  assert.equal(b.attributedTo, null);
  assert.equal(c.object.isNew, true);
  assert.deepEqual(c.errors.map((e) => e.split(':')[0]), ['subject', 'quote']);
});

test('readDraftFiles says what is wrong with the files', () => {
  const cases = [
    { files: [{ name: 'article.txt', text: TEXT }], want: /Open one claims file/ },
    { files: [{ name: 'claims.yaml', text: 'format: 2\narticle: [' }, { name: 'article.txt', text: TEXT }], want: /claims\.yaml: malformed YAML: .*\(line 3\)/ },
    { files: [{ name: 'claims.yaml', text: 'format: 1\narticle: {file: a.txt}' }, { name: 'a.txt', text: TEXT }], want: /format 1; this page reads format 2/ },
    { files: [{ name: 'claims.yaml', text: CLAIMS_YAML }], want: /open the article text “article.txt”/ },
    { files: [{ name: 'claims.yaml', text: CLAIMS_YAML }, { name: 'article.txt', text: '  \n' }], want: /article.txt: the article text is empty/ },
  ];
  for (const c of cases) assert.throws(() => readDraftFiles(c.files), c.want);
});
