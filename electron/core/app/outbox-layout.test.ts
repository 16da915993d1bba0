import { test } from 'node:test';
import assert from 'node:assert/strict';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import fc from 'fast-check';
import { changeSetOutboxDir, outboxSegment } from './outbox-layout';

const OUTBOX = resolve('/tmp/countersign-outbox');
const DIGEST = `sha256:${'ab'.repeat(32)}`;

/** Names a vendor may write: any Unicode, path syntax, dots, device names, very long ones. */
const hostileName = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', '.', '..', '...', '/', '\\', '../..', '..\\..', '.hidden', '_', '__', '%', '%2E', 'a/b', 'CON', 'nul.txt', 'com1', 'acme.', 'acme ', '~', ' ', '\u0000', '\u202e', 'C:', 'x'.repeat(300)),
  fc.array(fc.constantFrom('.', '/', '\\', '%', '_', 'a', 'Z', '~', '\n', 'é', ':'), { maxLength: 90 }).map((a) => a.join('')),
);
const hostileKey = fc.record({ vendor: hostileName, install: hostileName, release: hostileName });

test('a change set folder never leaves the outbox, has exactly four plain segments and the digest last', () => {
  fc.assert(fc.property(hostileKey, (k) => {
    const dir = changeSetOutboxDir(OUTBOX, { ...k, digest: DIGEST });
    const rel = relative(OUTBOX, dir);
    const segments = rel.split(sep);
    assert.equal(segments.length, 4, rel);
    assert.equal(segments[3], 'ab'.repeat(32));
    assert.equal(basename(dir), 'ab'.repeat(32));
    assert.equal(dirname(dirname(dirname(dirname(dir)))), OUTBOX);
    for (const s of segments) {
      assert.match(s, /^[A-Za-z0-9._%~-]{1,64}$/, `printable ASCII only, bounded: ${JSON.stringify(s)}`);
      assert.ok(!s.startsWith('.'), `no hidden folder, never . or ..: ${s}`);
      assert.ok(!s.endsWith('.'), `Windows trims a trailing dot: ${s}`);
      assert.ok(!/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(s), `no Windows device name: ${s}`);
    }
  }), { numRuns: 2000 });
});

test('different names never share a segment (injective), whatever their bytes', () => {
  fc.assert(fc.property(hostileName, hostileName, (a, b) => {
    if (a !== b) assert.notEqual(outboxSegment(a), outboxSegment(b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
  }), { numRuns: 3000 });
  // The neighbours of every special rule, side by side.
  const names = ['', '_', '%5F', '.', '%2E', '..', 'acme', 'acme.', 'acme%2E', 'CON', '%43ON', 'con', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(66), `${'a'.repeat(31)}~x`, 'é', '%C3%A9', 'a b', 'a%20b', 'a/b', 'a%2Fb'];
  assert.equal(new Set(names.map(outboxSegment)).size, names.length);
});

test('vendor, install and release stay in their own place (no mixing across levels)', () => {
  const a = changeSetOutboxDir(OUTBOX, { vendor: 'acme/prod', install: 'x', release: '1', digest: DIGEST });
  const b = changeSetOutboxDir(OUTBOX, { vendor: 'acme', install: 'prod/x', release: '1', digest: DIGEST });
  assert.notEqual(a, b);
});

test('readable names stay readable', () => {
  assert.equal(outboxSegment('acme'), 'acme');
  assert.equal(outboxSegment('payments-prod_eu.1'), 'payments-prod_eu.1');
  assert.equal(outboxSegment('1.4.0'), '1.4.0');
  assert.equal(outboxSegment('a b'), 'a%20b');
  assert.equal(outboxSegment('..'), '%2E%2E');
  assert.equal(outboxSegment(''), '_');
  assert.equal(outboxSegment('_x'), '%5Fx');
});

test('a digest that is not sha256:<64 hex> is refused (it would be a path of the vendor\'s choosing)', () => {
  for (const digest of ['', 'sha256:../..', `sha256:${'AB'.repeat(32)}`, `sha256:${'ab'.repeat(32)}/x`, 'ab'.repeat(32)]) {
    assert.throws(() => changeSetOutboxDir(OUTBOX, { vendor: 'v', install: 'i', release: 'r', digest }), /not a change-set digest/);
  }
});
