// Offsets in the article text. The API and claims files count Unicode code
// points; JavaScript strings index UTF-16 code units. Every offset the
// review page sends is a code-point offset computed here from the text or
// from the reader's selection, never typed by hand.

// cpLength is the number of code points in s.
export function cpLength(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

// unitToCp turns a UTF-16 index into s into a code-point offset. An index
// between the halves of a surrogate pair counts the whole pair as before it.
export function unitToCp(s, unit) {
  return cpLength(s.slice(0, Math.max(0, Math.min(unit, s.length))));
}

// cpToUnit turns a code-point offset into a UTF-16 index into s; offsets
// past the end give s.length.
export function cpToUnit(s, cp) {
  let i = 0;
  for (let n = 0; n < cp && i < s.length; n++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return i;
}

// cpSlice is s between two code-point offsets.
export function cpSlice(s, start, end) {
  return s.slice(cpToUnit(s, start), cpToUnit(s, end));
}

// Index maps code-point offsets to UTF-16 indexes and back in constant time
// for one text, for pages that convert many offsets of a long article.
export class Index {
  constructor(text) {
    this.text = text;
    this.units = []; // units[cp] = UTF-16 index of code point cp; units[length] = text.length
    this.cps = new Array(text.length + 1); // cps[unit] = code point containing or starting at unit
    let cp = 0;
    for (let i = 0; i < text.length;) {
      this.units.push(i);
      const c = text.charCodeAt(i);
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      for (let k = 0; k < w; k++) this.cps[i + k] = cp + (k > 0 ? 1 : 0);
      i += w;
      cp++;
    }
    this.units.push(text.length);
    this.cps[text.length] = cp;
    this.length = cp;
  }

  unit(cp) {
    if (cp <= 0) return 0;
    if (cp >= this.length) return this.text.length;
    return this.units[cp];
  }

  cp(unit) {
    if (unit <= 0) return 0;
    if (unit >= this.text.length) return this.length;
    return this.cps[unit];
  }

  slice(start, end) {
    return this.text.slice(this.unit(start), this.unit(end));
  }
}

const SPACE = /\s/u;

// trimSpan narrows [start, end) (code points) so it neither starts nor
// ends with white space, as a reader's drag usually overshoots; an
// all-white-space span becomes empty at start.
export function trimSpan(idx, start, end) {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(idx.length, Math.max(start, end));
  while (s < e && SPACE.test(idx.slice(s, s + 1))) s++;
  while (e > s && SPACE.test(idx.slice(e - 1, e))) e--;
  return { start: s, end: e, text: idx.slice(s, e) };
}

// isWordChar says whether the code point at cp is a letter or digit.
function isWordChar(idx, cp) {
  if (cp < 0 || cp >= idx.length) return false;
  return /[\p{L}\p{N}]/u.test(idx.slice(cp, cp + 1));
}

// occurrences lists the code-point offsets where phrase occurs in the text
// word-bounded (not inside a longer word), as the loader finds phrases.
export function occurrences(idx, phrase) {
  const out = [];
  if (!phrase) return out;
  const len = cpLength(phrase);
  for (let u = idx.text.indexOf(phrase); u >= 0; u = idx.text.indexOf(phrase, u + 1)) {
    const cp = idx.cp(u);
    if (idx.unit(cp) !== u) continue; // starts inside a surrogate pair
    const startsWord = isWordChar(idx, cp) && isWordChar(idx, cp - 1);
    const endsWord = isWordChar(idx, cp + len - 1) && isWordChar(idx, cp + len);
    if (!startsWord && !endsWord) out.push(cp);
  }
  return out;
}

// locate finds where a phrase the claim uses (a mention, a condition, a
// time cue) is, by the loader's rule: its first occurrence inside the
// quote [qStart, qEnd); otherwise the nearest one before the quote;
// otherwise the nearest one after. It returns null when the phrase does not
// occur.
export function locate(idx, phrase, qStart, qEnd) {
  const len = cpLength(phrase);
  let before = null;
  let after = null;
  for (const p of occurrences(idx, phrase)) {
    if (p >= qStart && p + len <= qEnd) return { start: p, end: p + len, where: 'inside' };
    if (p + len <= qStart || p < qStart) before = p;
    else if (after === null) after = p;
  }
  if (before !== null) return { start: before, end: before + len, where: 'before' };
  if (after !== null) return { start: after, end: after + len, where: 'after' };
  return null;
}

// segments cuts the text at every edge of the given marks ({start, end}
// in code points, possibly overlapping or nested) and returns the pieces in
// order, each with the indexes of the marks covering it, so a page can draw
// every mark in place without nesting elements across each other.
export function segments(idx, marks) {
  const cuts = new Set([0, idx.length]);
  for (const m of marks) {
    if (m.end <= m.start) continue;
    cuts.add(Math.max(0, Math.min(idx.length, m.start)));
    cuts.add(Math.max(0, Math.min(idx.length, m.end)));
  }
  const at = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < at.length; i++) {
    const start = at[i];
    const end = at[i + 1];
    if (end <= start) continue;
    const covering = [];
    marks.forEach((m, k) => {
      if (m.start <= start && end <= m.end && m.end > m.start) covering.push(k);
    });
    out.push({ start, end, text: idx.slice(start, end), marks: covering });
  }
  return out;
}

// slug turns words into a lowercase slug (letters, digits, single
// hyphens), as ids of articles, actors and claims must be; max bounds its
// length at a hyphen where it can.
export function slug(words, max = 60) {
  let s = String(words || '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length > max) {
    s = s.slice(0, max);
    const cut = s.lastIndexOf('-');
    if (cut > max / 2) s = s.slice(0, cut);
    s = s.replace(/-+$/, '');
  }
  return s;
}

// uniqueID returns base, or base-2, base-3 … whichever is not in taken.
export function uniqueID(base, taken) {
  const b = base || 'claim';
  if (!taken.has(b)) return b;
  for (let n = 2; ; n++) {
    if (!taken.has(`${b}-${n}`)) return `${b}-${n}`;
  }
}
