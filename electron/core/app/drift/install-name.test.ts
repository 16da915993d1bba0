// Install names of drift (issue 12, D3): typed, dropped as drift/<install>/ folder names or given
// to the CLI. The class of unsafe names is refused; whatever is accepted reaches the outbox as one
// segment under _drift/, never outside it and never as a vendor's folder.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { checkedInstallName } from './install-name';
import { DRIFT_OUTBOX_FOLDER, driftOutboxDir } from './drift-outbox';
import { outboxSegment } from '../outbox-layout';

const UNSAFE = ['\u0000', '\u0007', '\n', '\r', '\t', '\u001b', '\u007f', '\u0085', '\u009b', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069', '\ufeff'];

describe('drift install names', () => {
  test('a name holding any control, line-separator or direction character is refused, wherever it is', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), fc.constantFrom(...UNSAFE), fc.string({ maxLength: 40 }), (a, bad, b) => {
      const name = `x${a}${bad}${b}x`;
      assert.throws(() => checkedInstallName(name), /install name/);
    }));
  });

  test('empty, blank and over-long names are refused; others are trimmed', () => {
    for (const n of ['', '   ', '\u3000', 'a'.repeat(257)]) assert.throws(() => checkedInstallName(n), /install name/);
    assert.equal(checkedInstallName('  prod-eu '), 'prod-eu');
  });

  test('any accepted name is one folder below outbox/_drift, never another vendor\'s folder or outside', () => {
    const outbox = join('/tmp', 'outbox');
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 300, unit: 'binary' }), (raw) => {
      let name: string;
      try {
        name = checkedInstallName(raw);
      } catch {
        return;
      }
      const dir = driftOutboxDir(outbox, name);
      const rel = relative(outbox, dir).split(sep);
      assert.equal(rel.length, 2, dir);
      assert.equal(rel[0], DRIFT_OUTBOX_FOLDER);
      assert.equal(rel[1], outboxSegment(name));
      assert.notEqual(rel[1], '..');
      assert.notEqual(rel[1], '.');
      // No vendor's folder can be _drift (a leading _ is escaped for vendor names).
      assert.notEqual(outboxSegment(raw), DRIFT_OUTBOX_FOLDER);
    }), { numRuns: 500 });
  });
});
