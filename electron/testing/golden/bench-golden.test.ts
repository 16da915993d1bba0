// Issue 13: the engine's outputs on the generated bench inputs (a 15k-resource plan, two
// Kubernetes releases) stay byte-identical through speed work. Too big to commit, they are
// compared by sha256 of the JSON report, with the evaluation digest, verdict and counts beside.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_INPUTS, generateBenchInput, withGeneratedFile } from './golden-inputs';
import { goldenReport } from './golden-report';
import type { GoldenFigures } from './golden-report';

const here = dirname(fileURLToPath(import.meta.url));
type BenchGolden = GoldenFigures & { readonly generator: string; readonly inputSha256: string };
const golden = JSON.parse(readFileSync(join(here, 'golden.json'), 'utf8')) as { bench: Record<string, BenchGolden> };

describe('golden engine outputs of the bench inputs (default contract)', () => {
  for (const input of BENCH_INPUTS) {
    test(input.file, async () => {
      const expected = golden.bench[input.file];
      assert.ok(expected, `no golden for ${input.file}`);
      const text = await generateBenchInput(input);
      // The generator must still write the same bytes, or the comparison below means nothing.
      assert.equal(createHash('sha256').update(text).digest('hex'), expected.inputSha256, `${input.generator} no longer writes the input the goldens were made from`);
      const { figures } = await withGeneratedFile(input.file, text, (path, dir) => goldenReport([path], `${dir}/`));
      const { generator: _g, inputSha256: _s, ...expectedFigures } = expected;
      assert.deepEqual(figures, expectedFigures);
    });
  }
});
