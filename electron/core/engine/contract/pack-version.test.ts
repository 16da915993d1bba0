// Pack versions: a released pack version is frozen, and a contract evaluates the version it
// names (v1: `extends: [baseline]` is version 1, what 0.1.0 shipped) or refuses, naming the
// version it needs. A later edit of the baseline never changes a stored contract's digest.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packsRoot } from '../../io/packs-root';
import { InputError } from '../../model/errors';
import { repoRoot } from '../../testing/corpus';
import { listPacks } from './load-pack';
import { parseContract } from './parse-contract';
import { livePackVersion, packDigest, readSnapshot, releasedVersions, snapshotFile, snapshotOfLivePack } from './pack-version';

/**
 * Every pack version ever released, with its digest. This list only grows: a released version
 * is what stored contracts and signed approvals were resolved against.
 */
const RELEASED: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  baseline: { 1: 'sha256:c556663eb464798ef639f7b8d4a609f1d72c8f50d88c01e1f89bd29cb673b776', 2: 'sha256:1b8bb1cdc2f42203179339a26cc7436a5fe7ef506a8b4c2848824d1a28b254f0',
    3: 'sha256:19fff42a05ab54af4df9576ff1957e25b74fba155c5818d4fd410de7a5a038fe',
    4: 'sha256:12c2ea770eab9399dddfa092b1fb8df07112d51fcdbc786e8718a579314366ca',
    // 5 (issue 14): controls on k8s-no-privileged, k8s-run-as-non-root, iam-no-admin, storage-encryption.
    5: 'sha256:84f89041ffddbb15c73e8158ac517e3329441b44141730e28f3ffcfc75b46543' },
  'pss-baseline': { 1: 'sha256:aed1e4bb3ebeffc5a5299484d2249b9ef48b2dc4154d324c8bf39019908568a2' },
  'pss-restricted': { 1: 'sha256:f5b07bca06d5e950ffec85f102fa2019dbedee60ed6ce6a4f5043d80a957592e' },
  'cloud-hardening': { 1: 'sha256:569b0849096354ec322552bc1d771e14c9756db3ac24a831d24382e8abb43825',
    // 2 (issue 14): aws-s3-bucket-public-access-block; aws-s3-public-access-block also judges unchanged blocks.
    2: 'sha256:5e8da88a8d26d92cc10630dd44ec88715c6a1c233e9bd1d2eb19ff4be4fa269f',
    // 3: control ids checked against their sources (docs/policies.md#control-id-errata): aws-fsbp:EC2.13,
    // EC2.14 and KMS.4 are not in the FSBP standard and go; aws-ec2-imdsv2 adds aws-fsbp:EC2.170 and CIS 5.6.
    3: 'sha256:17b95323760bc5dc48cebc2e39c0fb0523a1fe77a839a33b341b5db1244271d0' },
};

const FIXTURE_CONTRACT = readFileSync(join(repoRoot, 'electron/testing/fixtures/workspace-0.1.0/contract.yaml'), 'utf8');
/** The digest 0.1.0 stored for FIXTURE_CONTRACT (its countersign.db, contract revision 1). */
const FIXTURE_DIGEST = 'sha256:5d0d721f74e168cb1cd6751fcddb126f5be5fb0c847d18528eb36a0f66ce70f8';

describe('the built-in packs are frozen per version', () => {
  const root = packsRoot();
  for (const pack of listPacks(root)) {
    test(`${pack}: its folders equal the snapshot of their version (edit = new version + new snapshot)`, () => {
      const live = snapshotOfLivePack(pack, root);
      const frozen = readSnapshot(pack, live.version, root);
      assert.ok(frozen, `no snapshot for ${pack} version ${live.version}: run node --import tsx build/packs/release-pack.ts ${pack}`);
      assert.equal(live.digest, frozen.digest, `policies/${pack} changed what it decides but is still version ${live.version}: bump version in pack.yaml and run node --import tsx build/packs/release-pack.ts ${pack}`);
      assert.equal(Math.max(...releasedVersions(pack, root)), live.version, 'the folders are the newest released version');
    });

    test(`${pack}: every released version is still there, unchanged`, () => {
      for (const [version, digest] of Object.entries(RELEASED[pack] ?? {})) {
        assert.equal(readSnapshot(pack, Number(version), root)?.digest, digest, `${pack} version ${version}`);
      }
      assert.deepEqual(releasedVersions(pack, root).filter((v) => RELEASED[pack]?.[v] === undefined), [], 'a new snapshot is listed in RELEASED');
    });
  }

  test('the fixture contract written by 0.1.0 still resolves to its stored digest', () => {
    assert.equal(parseContract('contract.yaml', FIXTURE_CONTRACT).digest, FIXTURE_DIGEST);
  });

  test('an edited snapshot is refused, never evaluated', () => {
    const copy = mkdtempSync(join(tmpdir(), 'countersign-snapshot-'));
    after(() => rmSync(copy, { recursive: true, force: true }));
    cpSync(root, copy, { recursive: true });
    const file = snapshotFile('baseline', 1, copy);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"enforcement": "deny"', '"enforcement": "advisory"'));
    assert.throws(() => readSnapshot('baseline', 1, copy), (err: unknown) => err instanceof InputError && /does not match its digest/.test(err.reason));
  });
});

describe('a later baseline edit (the next version) leaves stored contracts on the version they name', () => {
  const root = mkdtempSync(join(tmpdir(), 'countersign-later-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  cpSync(packsRoot(), root, { recursive: true });
  // The edit a later release might make: db-no-replace only advises; baseline gets the next version.
  const CURRENT = livePackVersion('baseline', root);
  const NEXT = CURRENT + 1;
  const policyFile = join(root, 'baseline', 'db-no-replace', 'policy.yaml');
  writeFileSync(policyFile, readFileSync(policyFile, 'utf8').replace(/^enforcement: \w+$/m, 'enforcement: advisory'));
  const setVersion = (from: number, to: number) => writeFileSync(join(root, 'baseline', 'pack.yaml'), readFileSync(join(root, 'baseline', 'pack.yaml'), 'utf8').replace(new RegExp(`^version: ${from}$`, 'm'), `version: ${to}`));
  setVersion(CURRENT, NEXT);
  writeFileSync(snapshotFile('baseline', NEXT, root), JSON.stringify(snapshotOfLivePack('baseline', root)));
  const held = Array.from({ length: NEXT }, (_, i) => i + 1).join(', ');
  const enforcementOf = (c: { policies: readonly { id: string; enforcement: string }[] }) => c.policies.find((p) => p.id === 'db-no-replace')?.enforcement;

  test('the v1 contract 0.1.0 stored still resolves to version 1: same digest, same decisions', () => {
    assert.equal(livePackVersion('baseline', root), NEXT);
    const c = parseContract('contract.yaml', FIXTURE_CONTRACT, root);
    assert.equal(c.digest, FIXTURE_DIGEST);
    assert.equal(enforcementOf(c), 'deny');
    assert.deepEqual(c.packs?.map((p) => [p.pack, p.version, p.digest]), [['baseline', 1, RELEASED.baseline?.[1]]]);
  });

  const v2Contract = (extendsLine: string) => FIXTURE_CONTRACT.replace('countersign.dev/v1', 'countersign.dev/v2').replace('extends: [baseline]', extendsLine);

  test('a v2 contract evaluates the version it pins', () => {
    assert.equal(enforcementOf(parseContract('c.yaml', v2Contract(`extends: [{pack: baseline, version: ${NEXT}}]`), root)), 'advisory');
    const pinnedV1 = parseContract('c.yaml', v2Contract(`extends: [{pack: baseline, version: 1, digest: "${RELEASED.baseline?.[1]}"}]`), root);
    assert.equal(enforcementOf(pinnedV1), 'deny');
    assert.notEqual(pinnedV1.digest, FIXTURE_DIGEST, 'a v2 contract never shares a digest with a v1 one');
  });

  test('a version this build does not hold is refused, naming the version needed', () => {
    const err = (() => {
      try {
        parseContract('c.yaml', v2Contract(`extends: [{pack: baseline, version: ${NEXT + 1}}]`), root);
      } catch (e) {
        return e;
      }
      return null;
    })();
    assert.ok(err instanceof InputError);
    assert.equal(err.line, 8);
    assert.ok(err.reason.includes(`needs policy pack "baseline" version ${NEXT + 1}; this Countersign holds versions ${held} of it; upgrade to a Countersign that ships baseline version ${NEXT + 1}`), err.reason);
  });

  test('a pinned digest that differs from this build\'s copy of that version is refused', () => {
    assert.throws(() => parseContract('c.yaml', v2Contract(`extends: [{pack: baseline, version: ${NEXT}, digest: "${RELEASED.baseline?.[1]}"}]`), root), (err: unknown) => err instanceof InputError && /changed without a new version, refusing/.test(err.reason));
  });

  test('a build that dropped version 1 refuses the v1 contract rather than reading it as version 2', () => {
    const thin = mkdtempSync(join(tmpdir(), 'countersign-thin-'));
    after(() => rmSync(thin, { recursive: true, force: true }));
    cpSync(root, thin, { recursive: true });
    unlinkSync(snapshotFile('baseline', 1, thin));
    assert.throws(() => parseContract('contract.yaml', FIXTURE_CONTRACT, thin), (err: unknown) => err instanceof InputError && /needs policy pack "baseline" version 1; this Countersign holds versions? [\d, ]+ of it/.test(err.reason) && !/holds versions? 1[,\s]/.test(err.reason) && err.line === 8);
  });

  test('editing the folders without bumping the version cannot move a contract off the frozen version', () => {
    setVersion(NEXT, 1);
    after(() => setVersion(1, NEXT));
    const c = parseContract('contract.yaml', FIXTURE_CONTRACT, root);
    assert.equal(c.digest, FIXTURE_DIGEST);
    assert.equal(enforcementOf(c), 'deny');
    assert.notEqual(packDigest(snapshotOfLivePack('baseline', root).policies), RELEASED.baseline?.[1]);
  });
});
