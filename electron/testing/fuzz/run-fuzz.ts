/**
 * `npm run fuzz`: generative fuzzing of every loader (see electron/testing/fuzz/).
 *   --cases N     total cases, split evenly over the loaders (default 10000)
 *   --seed S      run seed (default: random, printed)
 *   --loader L    only this loader (one of LOADERS in loaders.ts)
 *   --case I      replay one case (with --loader and --seed) and print its outcome in full
 *   --jobs J      child processes (default 1: the machine is shared)
 *   --log         one line per case (result, error, what was mutated): for tuning the mutators
 * Prints per loader: cases, crashes, hangs, leaks, workspace writes on error, the verdict
 * share (overall and for mutated corpus files) and the slowest case. Exits 1 on any failure.
 */
import { parseArgs } from 'node:util';
import { runCases } from './fuzz-pool';
import { FuzzSummary } from './fuzz-summary';
import { isLoaderName, LOADERS } from './loaders';
import type { LoaderName } from './loaders';
import type { RunRequest } from './fuzz-child';

const { values } = parseArgs({
  options: { cases: { type: 'string' }, seed: { type: 'string' }, loader: { type: 'string' }, case: { type: 'string' }, jobs: { type: 'string' }, log: { type: 'boolean' } },
});
const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const total = values.cases !== undefined ? Number(values.cases) : 10_000;
const jobs = values.jobs !== undefined ? Number(values.jobs) : 1;
if (values.loader !== undefined && !isLoaderName(values.loader)) {
  console.error(`unknown loader ${values.loader} (one of ${LOADERS.join(', ')})`);
  process.exit(2);
}
if (![seed, total, jobs].every(Number.isSafeInteger)) {
  console.error('--seed, --cases and --jobs take integers');
  process.exit(2);
}
const loaders: readonly LoaderName[] = values.loader ? [values.loader as LoaderName] : LOADERS;

let requests: RunRequest[];
if (values.case !== undefined) {
  requests = loaders.map((loader) => ({ loader, seed, index: Number(values.case) }));
} else {
  const per = Math.ceil(total / loaders.length);
  // Interleaved, so a slow loader does not leave the others unrun when the run is cut short.
  requests = Array.from({ length: per }, (_, index) => loaders.map((loader) => ({ loader, seed, index }))).flat();
}

const summary = new FuzzSummary();
const t0 = performance.now();
let done = 0;
await runCases(requests, jobs, (r) => {
  summary.add(r);
  done++;
  if (values.case !== undefined) console.log(JSON.stringify(r, null, 2));
  else if (values.log) console.log(`${r.loader} #${r.index} ${r.kind} ${r.hang ? 'HANG' : r.outcome.result} ${r.ms.toFixed(0)}ms ${r.outcome.summary} | ${r.label.slice(0, 160)}`);
  else if (done % 500 === 0) process.stderr.write(`  ${done}/${requests.length} cases, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
});
process.stdout.write(summary.render(seed));
console.log(`time ${((performance.now() - t0) / 1000).toFixed(1)} s`);
process.exit(summary.failed ? 1 : 0);
