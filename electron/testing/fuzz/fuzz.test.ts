// The short seeded fuzz pass of `npm test` (the long one is `npm run fuzz`): a fixed seed and a
// few cases per loader, each in a child process with the 10 s watchdog.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runCases } from './fuzz-pool';
import type { CaseResult } from './fuzz-pool';
import { LOADERS } from './loaders';
import type { LoaderName } from './loaders';

const SEED = 20_261_130;
/**
 * Per loader; the sign-off inputs of issue 10 build two workspaces per process, so a handful each.
 * A backup case that reaches its passphrase check pays up to a second of scrypt: six keep the seeded
 * pass within CI's budget (`npm run fuzz -- --loader backup` runs thousands).
 */
const CASES: Record<LoaderName, number> = {
  terraform: 24, kubernetes: 24, bundle: 24, contract: 24, attestation: 24, 'signing-request': 8, 'received-attestation': 6, 'vendor-signature': 6,
  drift: 24, fleet: 16, backup: 6,
};

const results = new Map<LoaderName, CaseResult[]>();

before(async () => {
  const requests = Array.from({ length: Math.max(...Object.values(CASES)) }, (_, index) => LOADERS.filter((l) => index < CASES[l]).map((loader) => ({ loader, seed: SEED, index }))).flat();
  await runCases(requests, 1, (r) => {
    const list = results.get(r.loader) ?? [];
    list.push(r);
    results.set(r.loader, list);
  });
});

/** `kind` problems of a loader's cases, each with the command that replays it. */
function problems(loader: LoaderName): string[] {
  return (results.get(loader) ?? []).flatMap((r) => [
    ...(r.hang ? [`#${r.index} hang: ${r.label}`] : []),
    ...r.outcome.problems.map((p) => `#${r.index} ${p.kind}: ${p.detail.split('\n')[0]} (${r.label}; npm run fuzz -- --loader ${loader} --seed ${SEED} --case ${r.index})`),
  ]);
}

describe('seeded fuzz pass', () => {
  for (const loader of LOADERS) {
    test(`${loader}: every case is a verdict or one input error naming the file; no hang, no write on error, no secret in reports, errors or excerpts`, () => {
      assert.equal(results.get(loader)?.length, CASES[loader]);
      assert.deepEqual(problems(loader), []);
    });
  }

  test('the pass reaches the evaluator: most mutated corpus files get a verdict', () => {
    const corpus = ['terraform', 'kubernetes'].flatMap((l) => results.get(l as LoaderName) ?? []).filter((r) => r.kind === 'structure' || r.kind === 'text');
    const verdicts = corpus.filter((r) => r.outcome.result === 'verdict').length;
    assert.ok(verdicts * 2 >= corpus.length, `${verdicts} of ${corpus.length} mutated corpus files reached a verdict`);
  });
});
