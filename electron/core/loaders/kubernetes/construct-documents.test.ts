import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { InputError } from '../../model/errors';
import { loadKubernetesManifests } from './index';

// Pieces that reach every branch of the kubectl reading: resolution, tags, anchors and aliases,
// merges, duplicate-after-resolution keys, directives, line-break look-alikes.
const SCALARS = ['yes', 'on', 'y', '~', '', '0x1F', '0644', '08', '1e3', '.inf', '9223372036854775807', '2001-12-14', '"true"',
  "'1'", '!!str on', '!!int "7"', '!!bool x', '!!binary aGk=', '!foo', '<<', '*a', '&a on', '&b {x: 1}', '[1, *a]', '{<<: *b}',
  'x\u2028y', '"\\ud800"', '1_000', '-0b11', '!!set {a}', 'NULL', 'Off'];
const KEYS = ['on', 'true', '"true"', '1', '"1"', '0x1', 'y', 'Y', '~', '1.5', '<<', 'a', 'b', '*a', '18446744073709551615'];

const entry = fc.tuple(fc.constantFrom(...KEYS), fc.constantFrom(...SCALARS)).map(([k, v]) => `${k}: ${v}`);
const body = fc.oneof(
  fc.uniqueArray(entry, { maxLength: 6, selector: (e) => e.slice(0, e.indexOf(": ")) }).map((es) => es.map((e) => `  ${e}\n`).join('')),
  fc.uniqueArray(entry, { maxLength: 6, selector: (e) => e.slice(0, e.indexOf(": ")) }).map((es) => `  flow: {${es.join(', ')}}\n`),
);
const documents = fc.tuple(fc.array(body, { minLength: 1, maxLength: 3 }), fc.constantFrom('---\n', '...\n---\n', '...\n'))
  .map(([bodies, separator]) => bodies.map((b, i) => `apiVersion: v1\nkind: Thing\nmetadata: {name: n${i}}\nspec:\n${b}`).join(separator));

describe('constructDocuments on generated manifests', () => {
  test('every input gives objects (with located problems) or one InputError naming the file, never a crash', () => {
    let loaded = 0;
    fc.assert(fc.property(documents, (text) => {
      let changes;
      try {
        changes = loadKubernetesManifests('gen.yaml', text);
      } catch (error) {
        assert.ok(error instanceof InputError, `not an InputError: ${String(error)}\n${text}`);
        assert.equal(error.file, 'gen.yaml');
        return;
      }
      loaded++;
      for (const c of changes) {
        JSON.stringify(c.after);
        for (const p of c.inputProblems ?? []) {
          assert.equal(p.location.file, 'gen.yaml');
          assert.ok(p.location.line >= 1 && p.location.line <= text.split('\n').length, `${p.location.line}: ${p.message}`);
        }
      }
    }), { seed: 7, numRuns: 400 });
    // The generator must reach the reader, not only its first error.
    assert.ok(loaded > 100, `only ${loaded} of 400 inputs loaded`);
  });
});
