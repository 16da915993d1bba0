import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileContract, evaluateChangeSet, parseContract, verdictOf } from '../engine';
import { loadChangeSet } from '../loaders/load-change-set';
import type { ChangeSet } from '../model/changeset';
import { InputError } from '../model/errors';
import { corpusPath, repoRoot } from '../testing/corpus';
import { configurationSpec, fleetContractYaml, ownPolicy } from '../testing/fleet-fixtures';
import type { FleetContractSpec } from '../testing/fleet-fixtures';
import { decisionsOf } from './decisions';
import { evaluateFleet } from './evaluate-fleet';
import type { FleetMatrix } from './fleet-matrix';
import { fleetJson, parseFleetJson } from './fleet-json';
import type { FleetContract } from './load-fleet-contracts';
import { mergeFleet } from './merge-fleet';

const AT = new Date('2026-11-28T03:00:00Z');
let releases: ChangeSet[] = [];

before(async () => {
  releases = [
    await loadChangeSet([`${repoRoot}electron/demo/bundles/acme-2.14.0-blocked`]),
    await loadChangeSet([`${repoRoot}electron/demo/bundles/acme-2.13.3-peering`]),
    await loadChangeSet([corpusPath('terraform', 'checkov-terragoat-aws-55-resources-rds-public-sg-open.tfplan.json')]),
    await loadChangeSet([corpusPath('kubernetes', 'helm-render-linkerd-control-plane-ha.yaml')]),
  ];
});

/** A table of contract variants that reach every weighing path: parameters, enforcement overrides, disabled, shadow, own policies. */
const VARIANTS: readonly FleetContractSpec[] = [
  { name: 'plain' },
  { name: 'c0', ...configurationSpec(0) },
  { name: 'c1', ...configurationSpec(1) },
  { name: 'c2', ...configurationSpec(2) },
  { name: 'all-advisory', overrides: Object.fromEntries(['db-no-replace', 'maintenance-window', 'k8s-resource-limits', 'storage-encryption', 'no-public-ingress', 'network-change-approval', 'k8s-no-privileged', 'k8s-run-as-non-root', 'iam-no-admin'].map((id) => [id, { enforcement: 'advisory' }])) },
  { name: 'shadowed', overrides: { 'db-no-replace': { shadow: true }, 'k8s-resource-limits': { shadow: true }, 'maintenance-window': { enabled: false } } },
  { name: 'mandatory', overrides: { 'network-change-approval': { enforcement: 'mandatory' }, 'no-public-ingress': { enforcement: 'deny' } } },
  { name: 'own', policies: [ownPolicy('no-buckets', 'a'), ownPolicy('no-buckets-2', 'b', 'approval'), ownPolicy('no-roles', 'c', 'deny', 'aws_iam_role')] },
  { name: 'namespaces', parameters: { 'namespace-scope': { namespaces: ['linkerd', 'acme-*'] }, 'images-approved-registries': { registries: ['cr.l5d.io/'] } } },
];

const contractOf = (spec: FleetContractSpec, i: number): FleetContract => ({ file: `contracts/${spec.name}-${i}.yaml`, text: fleetContractYaml({ ...spec, install: `${spec.name}-${i}` }) });

/** What `countersign evaluate --contract` decides for one contract, in a row's terms. */
function alone(cs: ChangeSet, text: string) {
  const evaluation = evaluateChangeSet(cs, compileContract(parseContract('alone.yaml', text)), { at: AT });
  const d = decisionsOf(evaluation.findings);
  assert.equal(d.verdict, verdictOf(evaluation.findings), 'the row weighing is verdictOf');
  return { verdict: d.verdict, deny: d.deny, approval: d.approval, findingsByPolicy: d.findingsByPolicy };
}

function withoutRunFields(m: FleetMatrix): Omit<FleetMatrix, 'work' | 'timings' | 'shard'> {
  const { work: _w, timings: _t, shard: _s, ...rest } = m;
  return rest;
}

describe('evaluateFleet', () => {
  test('every row is the verdict, blocking and approval policies and finding counts that evaluating its contract alone gives', () => {
    for (const cs of releases) {
      const contracts = VARIANTS.map(contractOf);
      const m = evaluateFleet(cs, contracts, { at: AT });
      assert.equal(m.rows.length, VARIANTS.length);
      for (const row of m.rows) {
        const c = contracts.find((x) => x.file === row.contractFile)!;
        const { verdict, deny, approval, findingsByPolicy } = row;
        assert.deepEqual({ verdict, deny, approval, findingsByPolicy }, alone(cs, c.text), `${cs.origin}: ${row.install}`);
      }
      assert.ok(m.rows.some((r) => r.verdict !== m.rows[0]!.verdict) || cs === releases[3], 'the variants disagree somewhere');
    }
  });

  test('any mix of configurations: each row equals its contract evaluated alone (property)', () => {
    fc.assert(fc.property(fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 6 }), fc.nat({ max: releases.length - 1 }), (ks, r) => {
      const cs = releases[r]!;
      const contracts = ks.map((k, i) => ({ file: `c${i}.yaml`, text: fleetContractYaml({ name: `c${i}`, install: `i${i}`, ...configurationSpec(k) }) }));
      const m = evaluateFleet(cs, contracts, { at: AT });
      for (const row of m.rows) {
        const { verdict, deny, approval, findingsByPolicy } = row;
        assert.deepEqual({ verdict, deny, approval, findingsByPolicy }, alone(cs, contracts.find((c) => c.file === row.contractFile)!.text));
      }
    }), { numRuns: 15 });
  });

  test('identical configurations are counted once and evaluated once, whatever the names, installs and files', () => {
    const cs = releases[0]!;
    const contracts = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ file: `f${i}.yaml`, text: fleetContractYaml({ name: `customer-${i}`, install: `install-${i}`, ...configurationSpec(i % 3) }) }));
    const m = evaluateFleet(cs, contracts, { at: AT });
    assert.equal(m.configurations, 3);
    const one = evaluateFleet(cs, contracts.slice(0, 1), { at: AT });
    assert.equal(m.distinctPolicies, one.distinctPolicies, 'parameters are bound at evaluation: the same texts compile once');
    for (const row of m.rows) {
      const twin = m.rows.find((r) => r.install === `install-${Number(row.install.slice(8)) % 3}`)!;
      assert.equal(row.configuration, twin.configuration);
      assert.equal(row.configurationDigest, twin.configurationDigest);
    }
    assert.deepEqual(new Set(m.rows.map((r) => r.configuration)), new Set([0, 1, 2]));
    // 9 installs, but each policy runs once per resource for each distinct parameter value only.
    const same = evaluateFleet(cs, [0, 1, 2, 3].map((i) => ({ file: `s${i}.yaml`, text: fleetContractYaml({ name: `s${i}`, install: `s${i}`, ...configurationSpec(0) }) })), { at: AT });
    assert.equal(same.configurations, 1);
    assert.equal(same.work!.checksPerformed, one.work!.checksPerformed, 'four identical contracts cost one evaluation');
    assert.equal(same.work!.checksRepresented, 4 * one.work!.checksRepresented);
  });

  test('shards of any count merge to the unsharded result (and through their JSON)', () => {
    const cs = releases[1]!;
    fc.assert(fc.property(fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 11 }), fc.integer({ min: 1, max: 6 }), (ks, n) => {
      const contracts = ks.map((k, i) => ({ file: `d/c${i}.yaml`, text: fleetContractYaml({ name: `c${i}`, install: `inst-${(i * 7919) % 101}-${i}`, ...configurationSpec(k) }) }));
      const whole = evaluateFleet(cs, contracts, { at: AT });
      const shards = [...Array(n).keys()].map((i) => evaluateFleet(cs, [...contracts].reverse(), { at: AT, shard: { index: i + 1, count: n } }));
      assert.equal(shards.reduce((s, m) => s + m.rows.length, 0), contracts.length);
      const merged = mergeFleet(shards.map((matrix, i) => ({ file: `shard-${i + 1}.json`, matrix: parseFleetJson(fleetJson(matrix), `shard-${i + 1}.json`) })));
      assert.deepEqual(merged, withoutRunFields(whole));
    }), { numRuns: 12 });
  });

  test('one contract per install: a second contract for the same install is refused, naming both files', () => {
    const text = fleetContractYaml({ name: 'a', install: 'prod' });
    assert.throws(() => evaluateFleet(releases[0]!, [{ file: 'one.yaml', text }, { file: 'two.yaml', text: fleetContractYaml({ name: 'b', install: 'prod' }) }], { at: AT }),
      (e: unknown) => e instanceof InputError && e.file === 'two.yaml' && /also the install of one\.yaml/.test(e.message));
  });

  test('a bad contract anywhere in the fleet is an InputError with its file and line, in every shard', () => {
    const good = contractOf(VARIANTS[0]!, 0);
    const bad = { file: 'broken.yaml', text: fleetContractYaml({ name: 'broken', install: 'z', policies: [{ ...ownPolicy('bad-cel', 'x'), condition: 'resource.type ==' }] }) };
    for (const shard of [undefined, { index: 1, count: 2 }, { index: 2, count: 2 }]) {
      assert.throws(() => evaluateFleet(releases[0]!, [good, bad], { at: AT, ...(shard ? { shard } : {}) }), (e: unknown) => e instanceof InputError && e.file === 'broken.yaml' && typeof e.line === 'number');
    }
    assert.throws(() => evaluateFleet(releases[0]!, [good, { file: 'yaml.yaml', text: 'apiVersion: countersign.dev/v3\nkind: Contract\nmetadata: {name: x\n' }], { at: AT }), (e: unknown) => e instanceof InputError && e.file === 'yaml.yaml');
  });

  test('installs are named by metadata.install, else by the file name without its contract extension', () => {
    const m = evaluateFleet(releases[0]!, [
      { file: 'dir/acme-prod-r3.contract.yaml', text: fleetContractYaml({ name: 'x' }) },
      { file: 'dir/eu.yml', text: fleetContractYaml({ name: 'y' }) },
      { file: 'dir/whatever.json', text: fleetContractYaml({ name: 'z', install: 'named' }) },
    ], { at: AT });
    assert.deepEqual(m.rows.map((r) => r.install), ['acme-prod-r3', 'eu', 'named']);
  });
});
