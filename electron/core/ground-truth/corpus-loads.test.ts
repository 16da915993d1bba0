// Every real public input in the corpus loads, and the built-in pack with its defaults (the
// contract used without --contract) evaluates all of it without a single CEL error: the
// policies hold up against real plans and manifests, not just their own small tests.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileContract, defaultContract, evaluateChangeSet } from '../engine';
import { corpusDir } from '../testing/corpus';
import { AT, corpusChangeSet } from '../testing/baseline-run';

const compiled = compileContract(defaultContract());

for (const dir of ['terraform', 'kubernetes'] as const) {
  const files = readdirSync(join(corpusDir, dir)).sort();
  describe(`corpus/${dir}`, () => {
    for (const file of files) {
      test(`${file} loads and evaluates under the default contract without errors`, async () => {
        const cs = await corpusChangeSet(dir, file);
        assert.ok(cs.resources.length > 0, 'has resources');
        assert.ok(cs.resources.some((r) => r.source === (dir === 'terraform' ? 'terraform' : 'kubernetes')), `has ${dir} resources`);
        const e = evaluateChangeSet(cs, compiled, { at: AT });
        const errors = e.findings.filter((f) => f.status === 'error').map((f) => `${f.policy} ${f.resource.address}: ${f.message}`);
        assert.deepEqual(errors, []);
        for (const f of e.findings) {
          assert.ok(f.message.length > 0 && !f.message.includes('<error'), `${f.policy} ${f.resource.address}: ${f.message}`);
          assert.ok(!f.message.includes('\n'), `${f.policy}: one-line message`);
        }
      });
    }
  });
}
