// Explaining findings with the activations the evaluation kept (what `countersign evaluate`
// does, issue 13) must give exactly what explaining them from scratch gives (the app's path):
// every corpus input, the default contract.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileContract, defaultContract, evaluateChangeSet, explainFindings } from '../../core/engine';
import type { ResourceActivation } from '../../core/engine/evaluate/evaluate-changeset';
import { loadChangeSet } from '../../core/loaders/load-change-set';
import type { ResourceChange } from '../../core/model/resource-change';
import { corpusInputs } from './golden-inputs';
import { GOLDEN_AT } from './golden-report';

describe('explanations from kept activations', () => {
  const compiled = compileContract(defaultContract());
  for (const input of corpusInputs()) {
    test(input.name, async () => {
      const cs = await loadChangeSet([input.path]);
      const kept = new Map<ResourceChange, ResourceActivation>();
      const e = evaluateChangeSet(cs, compiled, { at: GOLDEN_AT, keepActivations: kept });
      // Kept for exactly the resources with a policy finding.
      const withFindings = new Set(e.findings.filter((f) => f.policy !== '' && compiled.policies.some((cp) => cp.policy.id === f.policy)).map((f) => f.resource.address));
      assert.deepEqual(new Set([...kept.keys()].map((r) => r.address)), withFindings);
      // The `path` runs of located findings are kept too (the explanation's `field` reuses them).
      const located = e.findings.some((f) => compiled.policies.some((cp) => cp.policy.id === f.policy && cp.policy.path));
      assert.equal([...kept.values()].some((a) => a.paths.size > 0), located);
      assert.deepEqual(explainFindings(cs, compiled, e.findings, GOLDEN_AT, kept), explainFindings(cs, compiled, e.findings, GOLDEN_AT));
    });
  }
});
