// The fuzz runner's watchdog: a case that never ends is a hang and a child that dies is a crash;
// either way the run goes on with a fresh child and reports every case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { runCases } from './fuzz-pool';
import type { CaseResult } from './fuzz-pool';

test('hangs and dead children are reported, and the run continues', async () => {
  const results: CaseResult[] = [];
  const requests = [0, 1, 2, 3].map((index) => ({ loader: 'terraform' as const, seed: 1, index }));
  await runCases(requests, 1, (r) => results.push(r), { limitMs: 1500, child: fileURLToPath(new URL('./stand-in-child.ts', import.meta.url)) });
  const by = new Map(results.map((r) => [r.index, r]));
  assert.deepEqual([...by.keys()].sort(), [0, 1, 2, 3]);
  assert.equal(by.get(0)!.outcome.result, 'verdict');
  assert.equal(by.get(1)!.hang, true);
  assert.equal(by.get(1)!.label, 'stand-in 1');
  assert.equal(by.get(2)!.hang, false);
  assert.deepEqual(by.get(2)!.outcome.problems.map((p) => p.kind), ['crash']);
  assert.equal(by.get(3)!.outcome.result, 'verdict', 'a fresh child runs the cases after');
});
