// Unit tests of the review page's offset logic: `npm test` (node --test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpLength, unitToCp, cpToUnit, cpSlice, Index, trimSpan, occurrences, locate, segments, slug, uniqueID } from './text.js';

// A text with characters outside the Basic Multilingual Plane (two UTF-16
// units each) before the phrases, so UTF-16 and code-point offsets differ.
const TEXT = 'Tehran 🇮🇷 said the group 𝐊𝐇 would respond. The group denied it; thegroup is no word.';

test('code-point length and conversions', () => {
  const cases = [
    { s: '', len: 0 },
    { s: 'abc', len: 3 },
    { s: '𝐊𝐇', len: 2 },
    { s: 'a🇮🇷b', len: 4 },
    { s: '\ud800x', len: 2 }, // a lone surrogate counts as one
  ];
  for (const c of cases) {
    assert.equal(cpLength(c.s), c.len, c.s);
    assert.equal(new Index(c.s).length, c.len, c.s);
    for (let cp = 0; cp <= c.len; cp++) {
      assert.equal(unitToCp(c.s, cpToUnit(c.s, cp)), cp, `${c.s} round trip ${cp}`);
    }
  }
  assert.equal(cpToUnit('𝐊𝐇x', 2), 4);
  assert.equal(unitToCp('𝐊𝐇x', 4), 2);
  assert.equal(cpSlice('a𝐊𝐇b', 1, 3), '𝐊𝐇');
});

test('Index agrees with the plain conversions everywhere', () => {
  const idx = new Index(TEXT);
  assert.equal(idx.length, cpLength(TEXT));
  for (let cp = 0; cp <= idx.length; cp++) {
    assert.equal(idx.unit(cp), cpToUnit(TEXT, cp), `unit(${cp})`);
    assert.equal(idx.cp(idx.unit(cp)), cp, `cp(unit(${cp}))`);
  }
  for (let u = 0; u <= TEXT.length; u++) {
    // Inside a surrogate pair the unit belongs to the next code point's
    // start for the selection end, the pair itself for unitToCp: both are
    // consistent with slicing, which never splits the pair.
    assert.ok(Math.abs(idx.cp(u) - unitToCp(TEXT, u)) <= 1, `cp(${u})`);
  }
  assert.equal(idx.slice(0, 6), 'Tehran');
  assert.equal(idx.cp(TEXT.indexOf('said')), 10); // "Tehran " 7 + 2 flags + space
});

test('trimSpan drops white space a drag overshoots', () => {
  const idx = new Index('  the group  said');
  const cases = [
    { in: [0, 11], want: { start: 2, end: 11, text: 'the group' } },
    { in: [11, 0], want: { start: 2, end: 11, text: 'the group' } },
    { in: [0, 2], want: { start: 2, end: 2, text: '' } },
    { in: [-5, 99], want: { start: 2, end: 17, text: 'the group  said' } },
  ];
  for (const c of cases) assert.deepEqual(trimSpan(idx, ...c.in), c.want, JSON.stringify(c.in));
});

test('occurrences are word-bounded, in code points', () => {
  const idx = new Index(TEXT);
  const group = occurrences(idx, 'group');
  assert.deepEqual(group.map((p) => idx.slice(p, p + 5)), ['group', 'group']); // not "thegroup"
  assert.equal(group[0], cpLength('Tehran 🇮🇷 said the '));
  assert.deepEqual(occurrences(idx, 'he'), []);
  assert.deepEqual(occurrences(idx, 'the group'), [cpLength('Tehran 🇮🇷 said ')]);
  assert.deepEqual(occurrences(idx, '𝐊𝐇'), [cpLength('Tehran 🇮🇷 said the group ')]);
  assert.deepEqual(occurrences(idx, ''), []);
  assert.deepEqual(occurrences(idx, 'Hezbollah'), []);
});

test('locate follows the loader: inside the quote, else nearest before, else nearest after', () => {
  const text = 'The group met. Then the group said the group would go. Later the group left.';
  const idx = new Index(text);
  const all = occurrences(idx, 'the group');
  assert.equal(all.length, 3); // "The group" differs in case
  const quote = (q) => { const s = cpLength(text.slice(0, text.indexOf(q))); return [s, s + cpLength(q)]; };
  const cases = [
    { name: 'inside: the first inside', q: 'the group said the group would go', want: all[0], where: 'inside' },
    { name: 'before: the nearest', q: 'would go', want: all[1], where: 'before' },
    { name: 'after: the nearest', q: 'The group met', want: all[0], where: 'after' },
    { name: 'overlapping the start counts as before', q: 'group left', want: all[2], where: 'before' },
  ];
  for (const c of cases) {
    const got = locate(idx, 'the group', ...quote(c.q));
    assert.deepEqual(got, { start: c.want, end: c.want + 9, where: c.where }, c.name);
  }
  assert.equal(locate(idx, 'the militia', 0, 5), null);
});

test('segments cut the text at every mark edge, overlapping marks included', () => {
  const text = 'a 𝐊𝐇 threatens b.';
  const idx = new Index(text);
  const marks = [
    { start: 2, end: 16 }, // the quote "𝐊𝐇 threatens b"
    { start: 2, end: 4 }, // the subject "𝐊𝐇"
    { start: 15, end: 16 }, // the object "b"
    { start: 5, end: 5 }, // empty: ignored
  ];
  const segs = segments(idx, marks);
  assert.deepEqual(segs.map((s) => [s.text, s.marks]), [
    ['a ', []],
    ['𝐊𝐇', [0, 1]],
    [' threatens ', [0]],
    ['b', [0, 2]],
    ['.', []],
  ]);
  assert.equal(segs.map((s) => s.text).join(''), text);
  for (const s of segs) assert.equal(idx.slice(s.start, s.end), s.text);
  assert.deepEqual(segments(new Index(''), []), []);
});

test('slugs and unique ids', () => {
  const cases = [
    ['Kataib Hezbollah THREATENS United States', 'kataib-hezbollah-threatens-united-states'],
    ['  Ḥamīdāwī — al-Ḥumaydāwī! ', 'hamidawi-al-humaydawi'],
    ['', ''],
    ['---', ''],
  ];
  for (const [in_, want] of cases) assert.equal(slug(in_), want, in_);
  assert.equal(slug('a'.repeat(40) + ' ' + 'b'.repeat(40), 60), 'a'.repeat(40)); // cut at a hyphen
  assert.ok(slug('x'.repeat(100)).length <= 60);
  assert.equal(uniqueID('c', new Set()), 'c');
  assert.equal(uniqueID('c', new Set(['c', 'c-2'])), 'c-3');
  assert.equal(uniqueID('', new Set()), 'claim');
});
