import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { printable, terminalSafeJson, unprintableIn } from './printable-text';

const TERMINAL_ACTIVE = /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

describe('printable text', () => {
  test('escape sequences, C1, bidi controls, separators and lone surrogates become visible', () => {
    assert.equal(printable('a\u001b]0;t\u0007b'), 'a\\x1b]0;t\\x07b');
    assert.equal(printable('x\u009b2J\u0085'), 'x\\x9b2J\\x85');
    assert.equal(printable('l1\nl2\tend\r'), 'l1\\nl2 end\\x0d');
    assert.equal(printable('\u202eabc\u2066\u2069\u200b\ufeff'), '\\u{202E}abc\\u{2066}\\u{2069}\\u{200B}\\u{FEFF}');
    assert.equal(printable('\u2028\u2029'), '\\u{2028}\\u{2029}');
    assert.equal(printable('\ud800x\udc00'), '\\u{D800}x\\u{DC00}');
    assert.equal(printable('café 😀 日本 ü'), 'café 😀 日本 ü');
  });

  test('property: the result never holds a character a terminal acts on, and is a fixed point', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      const p = printable(s);
      assert.equal(TERMINAL_ACTIVE.test(p), false, JSON.stringify(p));
      assert.equal(printable(p), p);
      assert.equal(unprintableIn(p), undefined);
    }), { seed: 1, numRuns: 2000 });
  });

  test('property: terminal-safe JSON holds no raw active character and parses to the same value', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 20 }), (v, s) => {
      const value = { v, s };
      const json = terminalSafeJson(JSON.stringify(value, null, 2));
      assert.equal(TERMINAL_ACTIVE.test(json.replace(/\n/g, '')), false, json);
      assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(value)));
    }), { seed: 2, numRuns: 1000 });
  });

  // Issue 13: printable-ASCII JSON (nearly every report) skips the Unicode scan; the bytes must
  // be those of the full escape in every case, ASCII or not, control characters included.
  test('property: terminal-safe JSON is byte for byte the full escape of every character it must escape', () => {
    const fullEscape = (json: string) => json.replace(/[\u007f-\u009f\p{Cf}\u2028\u2029]/gu, (c) => [...Array(c.length).keys()].map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...'ab "\\{}\n\t\r\u007f\u0085\u00ad\u2026\u2028\u202e\ufeff\u0000\u001b'.split(''), '\u{e0001}'), maxLength: 30 }),
    );
    fc.assert(fc.property(text, fc.jsonValue(), (s, v) => {
      for (const json of [s, JSON.stringify({ s, v }, null, 2)]) assert.equal(terminalSafeJson(json), fullEscape(json), JSON.stringify(json));
    }), { seed: 3, numRuns: 3000 });
  });
});
