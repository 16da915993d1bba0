// Issue 13: speed work must leave every verdict, finding, explanation and summary of the
// engine byte-identical. The JSON report of every corpus input under the default contract is
// compared with the one written on the commit before the first engine speed change.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../core/testing/corpus';
import { corpusInputs } from './golden-inputs';
import { goldenReport } from './golden-report';
import type { GoldenFigures } from './golden-report';

const here = dirname(fileURLToPath(import.meta.url));
const golden = JSON.parse(readFileSync(join(here, 'golden.json'), 'utf8')) as { corpus: Record<string, GoldenFigures> };

describe('golden engine outputs of the corpus (default contract)', () => {
  test('every corpus input has a golden report, and every golden report an input', () => {
    assert.deepEqual(Object.keys(golden.corpus).sort(), corpusInputs().map((i) => i.name).sort());
  });

  for (const input of corpusInputs()) {
    test(input.name, async () => {
      const { report, figures } = await goldenReport([input.path], repoRoot);
      const expected = readFileSync(join(here, 'corpus', `${input.name}.report.json`), 'utf8');
      // Parsed first, for a readable difference; then every byte.
      assert.deepEqual(JSON.parse(report), JSON.parse(expected));
      assert.equal(report, expected);
      assert.deepEqual(figures, golden.corpus[input.name]);
    });
  }
});
