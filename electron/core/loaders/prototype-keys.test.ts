// A resource type or kind the vendor names after an Object.prototype member ("constructor",
// "toString", …) must be read as an unknown type, never looked up on the prototype of a
// lookup table (found by the fuzzer: `TypeError: path is not iterable`).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileContract, defaultContract, evaluateChangeSet } from '../engine';
import { readCorpus } from '../testing/corpus';
import { tempDir } from '../testing/test-archives';
import { loadChangeSet } from './load-change-set';

const PROTOTYPE_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf', '__defineGetter__'];
const dir = tempDir('countersign-proto-');
after(() => rmSync(dir, { recursive: true, force: true }));
const baseline = compileContract(defaultContract());
const AT = new Date('2026-03-02T10:00:00Z');

async function loadsAndEvaluates(file: string, name: string): Promise<void> {
  const cs = await loadChangeSet([file]);
  assert.ok(cs.resources.some((r) => r.type === name), `a resource of type ${name}`);
  const evaluation = evaluateChangeSet(cs, baseline, { at: AT });
  // Before the fix the evaluator caught the TypeError and showed it as an error finding.
  assert.deepEqual(evaluation.findings.filter((f) => f.status === 'error').map((f) => f.message), []);
}

describe('resource types named after Object.prototype members', () => {
  for (const name of PROTOTYPE_NAMES) {
    test(`Terraform resource type ${name}`, async () => {
      const plan = JSON.parse(readCorpus('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json')) as { resource_changes: { type: string; address: string }[] };
      for (const rc of plan.resource_changes) {
        rc.address = rc.address.replace(rc.type, name);
        rc.type = name;
      }
      const file = join(dir, `plan-${name}.json`);
      writeFileSync(file, JSON.stringify(plan));
      await loadsAndEvaluates(file, name);
    });

    test(`Kubernetes kind ${name}`, async () => {
      const file = join(dir, `kind-${name}.yaml`);
      writeFileSync(file, `apiVersion: v1\nkind: ${name}\nmetadata: {name: x, namespace: default}\nspec:\n  containers: [{name: c, image: nginx}]\n`);
      await loadsAndEvaluates(file, name);
    });
  }
});
