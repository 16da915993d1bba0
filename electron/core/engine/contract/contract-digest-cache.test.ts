import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { sha256Digest } from '../../hashing/canonical-digest';
import { repoRoot } from '../../testing/corpus';
import { configurationSpec, fleetContractYaml, ownPolicy } from '../../testing/fleet-fixtures';
import { InputError } from '../../model/errors';
import { contractDigest, policyContent } from './contract-digest';
import { GOLDEN_CONTRACTS } from './digest-golden-contracts';
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

// Computed by the code before the digest was hashed in pieces (commit ed03b1e): revisions,
// approvals and publications name these, so they never change.
const PINNED: Readonly<Record<string, string>> = {
  'v1 bare baseline': 'sha256:67a059b3d3661586617a17f5a2b1daee6ca227d77914eec7dcb641729e212a33',
  'v1 own policies, overrides, parameters': 'sha256:3d1b361fae9e8fa487c781ef73723057450a97d44b3afb814212637aca65d33a',
  'v1 no packs': 'sha256:4ac0114a640ca6723b8177b3df2b73531dbadaf1e6d8a9d791dce2795422b6a1',
  'v2 baseline 3': 'sha256:1f5fac750607dc55ee1f9c1bb1315d3bc1818b672a13ad93d2b33dc3d3e72f16',
  'v2 baseline 4 with overrides': 'sha256:189ae773cbd766f514c3fbb94a0e1f71f5641614f7f1bb2329afc5989de8bd37',
  'v3 install and roster': 'sha256:ada3ee30cd4584c6e034c1cad0bd40e8da1d02a49bcb8f535555f1210844cf03',
  'v3 cloud-hardening and baseline': 'sha256:f5a0907bd34f194d0c685ee81506d7aca243d5b2bceb489efcc1dc0a991d3fcc',
  'v4 vendor signature': 'sha256:2cae94a6f1d885c1f2573c6d194983b328f23e4ba2b7444895751cab6f360a60',
  'v4 separation of duties': 'sha256:5a396c2081f070ce7a318c1667d98d9b70d7fff2e4228f4a9c68bd6e1752d305',
  'v5 pss-restricted v1.30': 'sha256:2528e6138b364df863e6a790d18f7d37fb019d6934515d10e54d95d1bccaa210',
  'v5 pss-baseline latest, own controls': 'sha256:bc4b1fb3dcd0fa7957a810eb37b2d3944f95ab01894652303f729bb35e7fce07',
};

const VERSIONS = ['v1', 'v2', 'v3', 'v4', 'v5'] as const;

/** A contract of apiVersion `v` with arbitrary names, parameter values, overrides and own policy text. */
function randomContract(v: (typeof VERSIONS)[number], name: string, install: string, tags: readonly string[], title: string, own: boolean, baseline: number): string {
  const pin = v === 'v1' ? 'baseline' : JSON.stringify({ pack: 'baseline', version: baseline });
  const extra = v === 'v5' ? `, ${JSON.stringify({ pack: 'pss-restricted', version: 1, standard: 'v1.30' })}` : '';
  const policy = { id: 'own', title, severity: 'high', enforcement: 'deny', match: { sources: ['terraform'] }, condition: `resource.type != ${JSON.stringify(title)}` };
  return [
    `apiVersion: countersign.dev/${v}`,
    'kind: Contract',
    `metadata: ${JSON.stringify({ name, ...(v === 'v1' || v === 'v2' ? {} : { install }) })}`,
    'spec:',
    `  extends: [${pin}${extra}]`,
    `  parameters: ${JSON.stringify({ 'required-tags': { tags } })}`,
    `  overrides: ${JSON.stringify({ 'db-no-replace': { enforcement: 'advisory' } })}`,
    ...(own ? [`  policies: [${JSON.stringify(policy)}]`] : []),
    ...(v === 'v4' || v === 'v5' ? ['  vendorSignature: required'] : []),
  ].join('\n');
}

describe('contract digests stay byte-identical (every apiVersion)', () => {
  test('the pinned digest of each golden contract, v1 to v5, with and without shared pack policies', () => {
    assert.deepEqual(Object.keys(PINNED).sort(), GOLDEN_CONTRACTS.map((g) => g.name).sort());
    for (const g of GOLDEN_CONTRACTS) assert.equal(parseContract('c.yaml', g.text).digest, PINNED[g.name], g.name);
    withPackResolutionMemo(() => {
      for (const round of [1, 2]) for (const g of GOLDEN_CONTRACTS) assert.equal(parseContract('c.yaml', g.text).digest, PINNED[g.name], `${g.name} (memo, round ${round})`);
    });
  });

  test('random v1–v5 contracts digest as the whole canonical JSON does', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const versions = new Set<string>();
    withPackResolutionMemo(() => {
      fc.assert(fc.property(fc.constantFrom(...VERSIONS), text, text, fc.array(text, { maxLength: 3 }), text, fc.boolean(), fc.constantFrom(3, 4, 5), (v, name, install, tags, title, own, baseline) => {
        let c;
        try {
          c = parseContract('r.yaml', randomContract(v, name, install, tags, title, own, baseline));
        } catch (err) {
          // A name the schema refuses (empty, control characters…) is not a digest case.
          if (err instanceof InputError) return;
          throw err;
        }
        assert.equal(c.digest, reference(c));
        versions.add(v);
      }), { numRuns: 150 });
    });
    assert.deepEqual([...versions].sort(), [...VERSIONS], 'every version parsed at least once');
  });
});
