import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { sha256Digest } from '../../hashing/canonical-digest';
import { repoRoot } from '../../testing/corpus';
import { configurationSpec, fleetContractYaml, ownPolicy } from '../../testing/fleet-fixtures';
import { contractDigest, policyContent } from './contract-digest';
import { parseContract } from './parse-contract';
import { withPackResolutionMemo } from './pack-version';
import type { ResolvedContract } from './resolved-contract';

/** The digest as it was computed before policies' canonical text was kept per object. */
function reference(c: Omit<ResolvedContract, 'digest'>): string {
  const v1 = {
    name: c.name, vendor: c.vendor, extends: c.extends, policies: c.policies.map(policyContent), parameters: c.parameters,
    approvals: { quorum: c.approvals.quorum, exceptionQuorum: c.approvals.exceptionQuorum, maxExceptionDays: c.approvals.maxExceptionDays },
  };
  if (c.apiVersion === undefined || c.apiVersion === 'countersign.dev/v1') return sha256Digest(v1);
  if (c.apiVersion === 'countersign.dev/v2') return sha256Digest({ ...v1, apiVersion: c.apiVersion, packs: c.packs ?? [] });
  const v3 = { ...v1, apiVersion: c.apiVersion, packs: c.packs ?? [], install: c.install ?? '' };
  if (c.apiVersion === 'countersign.dev/v3') return sha256Digest(v3);
  const sod = c.approvals.separationOfDuties!;
  return sha256Digest({ ...v3, approvals: { ...v3.approvals, separationOfDuties: { requesterMayWaiveAlone: sod.requesterMayWaiveAlone, approverMaySignReliedExceptions: sod.approverMaySignReliedExceptions } }, vendorSignature: c.vendorSignature ?? 'optional' });
}

describe('contract digest with per-policy canonical text', () => {
  test('the same digest as the whole canonical JSON, for every contract version, and when pack policy objects are shared', () => {
    const texts = [
      readFileSync(`${repoRoot}electron/demo/contract.yaml`, 'utf8'),
      'apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: v1}\nspec:\n  extends: [baseline]\n',
      'apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: v2}\nspec:\n  extends: [{pack: baseline, version: 3}]\n',
      'apiVersion: countersign.dev/v4\nkind: Contract\nmetadata: {name: v4, install: x}\nspec:\n  extends: [{pack: baseline, version: 4}]\n  vendorSignature: required\n',
    ];
    withPackResolutionMemo(() => {
      for (const text of texts) {
        const c = parseContract('c.yaml', text);
        assert.equal(c.digest, reference(c));
        assert.equal(contractDigest(c), c.digest, 'the second time (texts kept) too');
      }
      fc.assert(fc.property(fc.nat({ max: 50 }), fc.string(), fc.boolean(), (k, install, own) => {
        const c = parseContract('f.yaml', fleetContractYaml({ name: 'n', install, ...configurationSpec(k), ...(own ? { policies: [ownPolicy('mine', install)] } : {}) }));
        assert.equal(c.digest, reference(c));
      }), { numRuns: 40 });
    });
  });
});
