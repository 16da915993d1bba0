// Writes the golden engine outputs (issue 13). Run ONCE, on the commit before an engine speed
// change, never to make a failing golden test pass: a changed output is a changed verdict or
// finding, which needs an ENGINE_VERSION bump and a note in docs/versioning.md, not new goldens.
//   node --import tsx electron/testing/golden/write-goldens.ts
// Rewritten once since, for engine 5 / JSON report 3 / baseline 5 (issue 14): a script compared
// every old and new corpus report with reportVersion, engine.version, the contract digest and
// the evaluation digest left out (0 of 43 differed), and every verdict and finding count.
// Rewritten for JSON report 4 (drift counted apart in the summary): with reportVersion left
// out, 39 of 43 reports are identical and the 4 plans with resource_drift differ only in
// summary.byAction and summary.drift; every verdict, finding and evaluation digest is unchanged.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../core/testing/corpus';
import { BENCH_INPUTS, corpusInputs, generateBenchInput, withGeneratedFile } from './golden-inputs';
import { GOLDEN_AT, goldenReport } from './golden-report';
import type { GoldenFigures } from './golden-report';

const here = dirname(fileURLToPath(import.meta.url));
const corpus: Record<string, GoldenFigures> = {};
for (const input of corpusInputs()) {
  const g = await goldenReport([input.path], repoRoot);
  const out = join(here, 'corpus', `${input.name}.report.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, g.report);
  corpus[input.name] = g.figures;
}
const bench: Record<string, GoldenFigures & { readonly generator: string; readonly inputSha256: string }> = {};
for (const input of BENCH_INPUTS) {
  const text = await generateBenchInput(input);
  const g = await withGeneratedFile(input.file, text, (path, dir) => goldenReport([path], `${dir}/`));
  bench[input.file] = { generator: input.generator, inputSha256: createHash('sha256').update(text).digest('hex'), ...g.figures };
}
writeFileSync(join(here, 'golden.json'), `${JSON.stringify({ at: GOLDEN_AT.toISOString(), contract: 'default', corpus, bench }, null, 2)}\n`);
