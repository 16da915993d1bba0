// Vendor release signatures in the app: a signed bundle's signatures/ files are stored at import
// (a bad one never blocks it), and the review header and the inbox show the state and signer,
// judged when read under the contract that judges the change set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RosterEntry } from '../base/roster';
import { repoRoot } from '../testing/corpus';
import { reviewer } from '../testing/release-fixture';
import { initWorkspace } from '../store';
import type { Workspace } from '../store';
import { changeSetDetail, inbox, ReviewSession } from './review';
import { importChangeSet, importContract, judgeInWorkspace, signBundle, trustKey } from './index';
import { judgeCurrent, workspaceContext } from './review-context';

const DEMO = join(repoRoot, 'electron/demo');
const dir = mkdtempSync(join(tmpdir(), 'countersign-vendor-sig-'));
const vendorKey = reviewer('Acme CI (as the vendor wrote it)');
const stranger = reviewer('Mallory');
let ws: Workspace;
let bundle: string;

before(() => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  bundle = join(dir, 'bundle');
  cpSync(join(DEMO, 'bundles/acme-2.13.2-chart-bump'), bundle, { recursive: true });
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const itemOf = (digest: string) => inbox(ws).groups.flatMap((g) => g.items).find((i) => i.digest === digest)!;

describe('vendor signatures at import and in the review', () => {
  let digest = '';

  test('a signed bundle imports with its signature stored; an untrusted vendor key shows as untrusted', async () => {
    const signed = await signBundle({ bundle, signer: vendorKey.signer });
    assert.match(signed.path, /signatures\/[0-9a-f]{16}\.release\.dsse\.json$/);
    const r = await importChangeSet(ws, [bundle]);
    digest = r.digest;
    assert.equal(r.digest, signed.changeSetDigest);
    assert.equal(r.signaturesStored, 1);
    assert.equal(ws.releaseSignatures.list(digest).length, 1);
    assert.equal(r.vendorSignature.state, 'untrusted');
    assert.equal(changeSetDetail(new ReviewSession(ws), digest).vendorSignature, 'untrusted');
    assert.equal(itemOf(digest).vendorSignature, 'untrusted');
  });

  test('once the vendor key is trusted with role vendor, detail and inbox say verified and name the trusted key', () => {
    trustKey(ws, { pem: vendorKey.pem, source: 'acme.pem', name: 'Acme Release', role: 'vendor' });
    const d = changeSetDetail(new ReviewSession(ws), digest);
    assert.equal(d.vendorSignature, 'verified');
    assert.deepEqual(d.vendorSigners, [{ keyId: vendorKey.keyId, name: 'Acme Release' }]);
    assert.deepEqual(d.vendorSignatureReasons, []);
    assert.deepEqual([itemOf(digest).vendorSignature, itemOf(digest).vendorSigners.map((s) => s.name)], ['verified', ['Acme Release']]);
  });

  test('the judgement gets the status (judgeRelease input) from what the workspace holds', () => {
    const j = judgeCurrent(ws, workspaceContext(ws), digest, new Date());
    assert.ok(j.verification);
    const again = judgeInWorkspace(ws, { changeSetDigest: digest, contract: j.active.contract, evaluation: j.verification.evaluation, evaluationDigest: j.verification.evaluationDigest, now: new Date() });
    assert.equal(again.ok, j.verification.ok);
  });

  test('a key trusted as a reviewer does not sign releases; garbage beside a good signature is reported, never blocks the import', async () => {
    trustKey(ws, { pem: stranger.pem, source: 'mallory.pem', name: 'Mallory', role: 'reviewer' });
    await signBundle({ bundle, signer: stranger.signer });
    writeFileSync(join(bundle, 'signatures', 'junk.release.dsse.json'), '{"payloadType": ');
    const r = await importChangeSet(ws, [bundle]);
    assert.deepEqual([r.digest, r.created, r.signaturesStored], [digest, false, 2]);
    const d = changeSetDetail(new ReviewSession(ws), digest);
    assert.equal(d.vendorSignature, 'verified');
    assert.equal(d.vendorSignatureReasons.length, 2);
    assert.match(d.vendorSignatureReasons.join('\n'), /junk\.release\.dsse\.json: is not valid JSON/);
    assert.match(d.vendorSignatureReasons.join('\n'), /not a trusted vendor key/);
    // Importing the same files again stores nothing new.
    assert.equal((await importChangeSet(ws, [bundle])).signaturesStored, 0);
  });

  test('a bundle signed for another change set is invalid in the app too', async () => {
    const other = join(dir, 'other');
    cpSync(join(DEMO, 'bundles/acme-2.13.3-peering'), other, { recursive: true });
    const sigDir = join(bundle, 'signatures');
    const [ours] = ws.releaseSignatures.list(digest).filter((s) => 'envelope' in s.loaded);
    cpSync(sigDir, join(other, 'signatures'), { recursive: true });
    writeFileSync(join(other, 'signatures', 'copied.release.dsse.json'), JSON.stringify((ours!.loaded as { envelope: unknown }).envelope));
    const r = await importChangeSet(ws, [other]);
    assert.equal(r.vendorSignature.state, 'invalid');
    assert.match(r.vendorSignature.reasons.map((x) => x.message).join('\n'), /signs another change set/);
    assert.equal(itemOf(r.digest).vendorSignature, 'invalid');
  });
});

describe('under a contract with a roster', () => {
  test('only the roster\'s unrevoked vendor-release entries count, named as the roster names them', async () => {
    const roster = (roles: RosterEntry['roles'], revoked?: string): RosterEntry[] => [{ name: 'Acme Release (roster)', email: '', fingerprint: vendorKey.keyId, publicKey: vendorKey.pem, roles: [...roles], ...(revoked ? { revoked } : {}) }];
    const contractFile = join(dir, 'rostered.yaml');
    const base = readFileSync(join(DEMO, 'contract.yaml'), 'utf8');
    const fresh = join(dir, 'fresh');
    cpSync(join(DEMO, 'bundles/acme-2.14.0-blocked'), fresh, { recursive: true });
    await signBundle({ bundle: fresh, signer: vendorKey.signer });
    const digest = (await importChangeSet(ws, [fresh])).digest;
    const states: string[] = [];
    for (const r of [roster(['vendor-release']), roster(['approver']), roster(['vendor-release'], '2026-01-01T00:00:00Z')]) {
      writeFileSync(contractFile, `${base}roster: ${JSON.stringify(r)}\n`);
      importContract(ws, contractFile, 'test');
      const d = changeSetDetail(new ReviewSession(ws), digest);
      states.push(`${d.vendorSignature} ${d.vendorSigners.map((s) => s.name).join()}`);
      // The inbox judges under the same revision.
      assert.equal(itemOf(digest).vendorSignature, d.vendorSignature);
    }
    // The workspace's trusted vendor key does not count once the contract has a roster.
    assert.deepEqual(states, ['verified Acme Release (roster)', 'untrusted ', 'untrusted ']);
  });
});

describe('under a countersign.dev/v4 contract that requires the vendor signature', () => {
  test('detail and inbox say it is required (optional under v3); a change set without a good signature reads as blocked by it', async () => {
    // The peering release holds only the signature copied from another release (above): it does not count.
    const unsigned = join(dir, 'unsigned');
    cpSync(join(DEMO, 'bundles/acme-2.13.3-peering'), unsigned, { recursive: true });
    const digest = (await importChangeSet(ws, [unsigned])).digest;
    assert.equal(changeSetDetail(new ReviewSession(ws), digest).vendorSignatureRequired, false);
    assert.equal(itemOf(digest).vendorSignatureRequired, false);
    const v4 = readFileSync(join(DEMO, 'contract.yaml'), 'utf8')
      .replace('apiVersion: countersign.dev/v3', 'apiVersion: countersign.dev/v4')
      .replace('  approvals: {quorum: 1, exceptionQuorum: 2, maxExceptionDays: 30}', '  approvals: {quorum: 1, exceptionQuorum: 2, maxExceptionDays: 30}\n  vendorSignature: required');
    const file = join(dir, 'required.yaml');
    writeFileSync(file, v4);
    importContract(ws, file, 'test');
    const d = changeSetDetail(new ReviewSession(ws), digest);
    assert.deepEqual([d.vendorSignature, d.vendorSignatureRequired], ['invalid', true]);
    assert.deepEqual([itemOf(digest).vendorSignature, itemOf(digest).vendorSignatureRequired], ['invalid', true]);
    const judged = judgeCurrent(ws, workspaceContext(ws), digest, new Date());
    assert.ok(judged.verification.reasons.some((r) => r.code === 'vendor-signature-invalid'), 'the judgement names the vendor signature that does not hold');
  });
});
