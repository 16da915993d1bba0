// countersign.dev/v5: the standard-version option, one per pack (`extends: [{pack:
// pss-restricted, version: 1, standard: v1.30}]`). The policies of that pack whose control
// changed between versions read it as their `standardMinor` parameter; nothing else can set
// it. The resolved version is digest content (an explicit `latest` digests as the version it
// names, and as no option at all); v1–v4 files digest as before and may not write it.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/errors';
import { compileContract } from '../compile/compile-contract';
import { evaluateChangeSet } from '../evaluate/evaluate-changeset';
import { loadChangeSet } from '../../loaders/load-change-set';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseContract } from './parse-contract';

const contract = (version: string, extendsItem: string, spec = '') => `apiVersion: countersign.dev/${version}
kind: Contract
metadata: {name: acme, vendor: acme-vendor}
spec:
  extends:
    - ${extendsItem}
${spec}`;

function inputError(text: string): InputError {
  try {
    parseContract('contract.yaml', text);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  assert.fail('expected an InputError');
}

describe('countersign.dev/v5: the Pod Security Standards version, one option per pack', () => {
  test('v1.30 on the pack reaches every policy of the pack that reads it, and only those', () => {
    const c = parseContract('c.yaml', contract('v5', '{pack: pss-restricted, version: 1, standard: v1.30}'));
    const readers = c.policies.filter((p) => p.parameters.standardMinor !== undefined).map((p) => p.id).sort();
    assert.deepEqual(readers, ['pss-baseline-host-probes', 'pss-baseline-selinux', 'pss-baseline-sysctls', 'pss-restricted-running-as-non-root', 'pss-restricted-running-as-non-root-user']);
    for (const id of readers) assert.equal(c.parameters[id]?.standardMinor, 30, id);
    assert.equal(c.parameters['pss-baseline-host-ports']?.standardMinor, undefined);
    assert.deepEqual(c.packs?.map((p) => [p.pack, p.version, p.standard]), [['pss-restricted', 1, 'v1.30']]);
  });

  test('latest, absent and the newest version this pack pins are the same contract', () => {
    const latest = parseContract('c.yaml', contract('v5', '{pack: pss-baseline, version: 1, standard: latest}'));
    const absent = parseContract('c.yaml', contract('v5', '{pack: pss-baseline, version: 1}'));
    const pinned = parseContract('c.yaml', contract('v5', '{pack: pss-baseline, version: 1, standard: v1.36}'));
    assert.equal(latest.parameters['pss-baseline-sysctls']?.standardMinor, 36);
    assert.equal(latest.digest, absent.digest);
    assert.equal(latest.digest, pinned.digest);
    assert.equal(absent.packs?.[0]?.standard, 'v1.36');
  });

  test('each standard version is a different contract digest', () => {
    const digests = ['v1.25', 'v1.30', 'v1.31', 'v1.36'].map((v) => parseContract('c.yaml', contract('v5', `{pack: pss-baseline, version: 1, standard: ${v}}`)).digest);
    assert.equal(new Set(digests).size, 4);
  });

  test('a v4 contract extending a PSS pack follows latest and digests without the option', () => {
    const v4 = parseContract('c.yaml', contract('v4', '{pack: pss-baseline, version: 1}'));
    assert.equal(v4.parameters['pss-baseline-sysctls']?.standardMinor, 36);
    assert.equal(v4.packs?.[0]?.standard, undefined, 'v2–v4 pins carry no standard member: their digests are what they were');
    assert.notEqual(v4.digest, parseContract('c.yaml', contract('v5', '{pack: pss-baseline, version: 1}')).digest);
  });

  test('the option changes verdicts: tcp_rmem is safe from v1.32, not at v1.31', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'countersign-v5-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'pod.yaml');
    writeFileSync(file, 'apiVersion: v1\nkind: Pod\nmetadata: {name: tuned, namespace: shop}\nspec:\n  securityContext:\n    sysctls: [{name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}]\n  containers:\n    - {name: app, image: registry.example.com/shop/app:1.0.0}\n');
    const cs = await loadChangeSet([file]);
    const failing = (standard: string) => {
      const c = parseContract('c.yaml', contract('v5', `{pack: pss-baseline, version: 1, standard: ${standard}}`));
      return evaluateChangeSet(cs, compileContract(c), { at: new Date('2026-01-05T03:00:00Z') }).findings.map((f) => f.policy);
    };
    assert.deepEqual(failing('v1.32'), []);
    assert.deepEqual(failing('v1.31'), ['pss-baseline-sysctls']);
  });

  const errors: [string, string, number, RegExp][] = [
    ['a version this pack does not pin (newer)', contract('v5', '{pack: pss-restricted, version: 1, standard: v1.37}'), 6, /standard "v1\.37" is not a Pod Security Standards version pss-restricted version 1 follows: write latest or v1\.25 … v1\.36/],
    ['a version older than the pack supports', contract('v5', '{pack: pss-baseline, version: 1, standard: v1.24}'), 6, /standard "v1\.24" is not/],
    ['a version without the v', contract('v5', '{pack: pss-baseline, version: 1, standard: "1.30"}'), 6, /standard "1\.30" is not/],
    ['a version with a patch number', contract('v5', '{pack: pss-baseline, version: 1, standard: v1.30.1}'), 6, /standard "v1\.30\.1" is not/],
    ['a leading zero', contract('v5', '{pack: pss-baseline, version: 1, standard: v1.030}'), 6, /standard "v1\.030" is not/],
    ['a number instead of a string', contract('v5', '{pack: pss-baseline, version: 1, standard: 1.30}'), 6, /string/],
    ['Latest (case matters)', contract('v5', '{pack: pss-baseline, version: 1, standard: Latest}'), 6, /standard "Latest" is not/],
    ['a pack without the option', contract('v5', '{pack: baseline, version: 4, standard: v1.30}'), 6, /policy pack "baseline" version 4 has no standard-version option/],
    ['the option in a v4 file', contract('v4', '{pack: pss-baseline, version: 1, standard: v1.30}'), 6, /spec\.extends\[0\]\.standard needs countersign\.dev\/v5 \(this contract is countersign\.dev\/v4\)/],
    ['the option in a v2 file', contract('v2', '{pack: pss-baseline, version: 1, standard: latest}'), 6, /needs countersign\.dev\/v5/],
    ['the version set per policy', contract('v5', '{pack: pss-baseline, version: 1}', '  parameters:\n    pss-baseline-sysctls: {standardMinor: 30}\n'), 8, /the Pod Security Standards version is one option per pack: write standard: v1\.N on spec\.extends\[0\] \(pss-baseline\), not a parameter of pss-baseline-sysctls/],
    ['the same pack twice at two standard versions', contract('v5', '{pack: pss-baseline, version: 1, standard: v1.30}\n    - {pack: pss-baseline, version: 1, standard: v1.31}'), 7, /policy pack "pss-baseline" is extended twice, at different versions, digests or standard versions/],
    ['the version set per policy, in a v4 file', contract('v4', '{pack: pss-baseline, version: 1}', '  parameters:\n    pss-baseline-selinux: {standardMinor: 30}\n'), 8, /one option per pack/],
  ];
  for (const [label, text, line, reason] of errors) {
    test(`${label} is an InputError on line ${line}`, () => {
      const err = inputError(text);
      assert.equal(err.file, 'contract.yaml');
      assert.equal(err.line, line, err.message);
      assert.match(err.reason, reason);
    });
  }

  test('pss-baseline and pss-restricted together are refused: restricted includes baseline', () => {
    const err = inputError(contract('v5', '{pack: pss-baseline, version: 1}\n    - {pack: pss-restricted, version: 1}'));
    assert.equal(err.line, 7);
    assert.match(err.reason, /packs "pss-baseline" and "pss-restricted" both define policy "pss-baseline-apparmor"; extend only one of them \(pss-restricted, for one, already holds the pss-baseline policies\)/);
  });
});
