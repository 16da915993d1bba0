// Batch exceptions, export for the vendor and "verify as the vendor will", over the demo's blocked
// change set under a rostered, published contract: one exception/v2 lists every deny finding,
// verify (the CLI's code, over the exported files on disk, trusting only the contract owner)
// fails with reasons before the quorum and passes after.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RosterEntry } from '../base/roster';
import { parseContract } from '../engine';
import { PolicyRefusal } from './errors';
import { evaluationRef, readAttestations, signApproval, signRejection } from '../signing';
import { currentAuditHead } from '../store';
import { importAttestations } from './import-attestations';
import { unlockKey } from './key-service';
import { initWorkspace } from '../store';
import type { Workspace } from '../store';
import { repoRoot } from '../testing/corpus';
import { verifyRelease } from '../verify';
import { approveChangeSet, createKey, exportKey, importChangeSet, importContract, publishContract, requestException, signBundle, signException } from './index';
import { reviewer } from '../testing/release-fixture';
import { addLegacyReviewerKey } from '../testing/legacy-keys';
import { findingDtos, ReviewSession } from './review';
import { exportForVendor, verifyAsVendor } from './vendor-export';
import { selectFindingsForWaiver } from './waiver-selection';
import { blockedDenyPoliciesAt } from '../testing/maintenance-window';

const DEMO = join(repoRoot, 'electron/demo');
const PASS = 'a long enough passphrase';
const DAY = 24 * 3600_000;
const dir = mkdtempSync(join(tmpdir(), 'countersign-vendor-export-'));
const outboxDir = join(dir, 'outbox');
let ws: Workspace;
let digest: string;
let owner: { id: string; name: string };
let alice: { id: string; name: string };
let bob: { id: string; name: string };

const v3 = (): string => readFileSync(join(DEMO, 'contract.yaml'), 'utf8').replace('countersign.dev/v2', 'countersign.dev/v3');
const entry = (k: { id: string; name: string }, roles: RosterEntry['roles']): RosterEntry => ({ name: k.name, email: '', fingerprint: k.id, publicKey: exportKey(ws, k.id).pem, roles });

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  owner = await createKey(ws, { name: 'Olivia Owner', passphrase: PASS });
  alice = await addLegacyReviewerKey(ws, { name: 'Alice', passphrase: PASS });
  bob = await addLegacyReviewerKey(ws, { name: 'Bob', passphrase: PASS });
  writeFileSync(join(dir, 'contract.yaml'), `${v3()}roster: ${JSON.stringify([entry(owner, ['contract-owner']), entry(alice, ['approver', 'exception-signer']), entry(bob, ['approver', 'exception-signer'])])}\n`);
  importContract(ws, join(dir, 'contract.yaml'), 'test');
  digest = (await importChangeSet(ws, [join(DEMO, 'bundles/acme-2.14.0-blocked')])).digest;
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `countersign verify` over a folder, as the vendor runs it: the contract file, every envelope there, the owner's key. */
function vendorVerify(folder: string) {
  const contractName = readdirSync(folder).find((n) => n.endsWith('.contract.yaml'))!;
  const contract = parseContract(contractName, readFileSync(join(folder, contractName), 'utf8'));
  const session = new ReviewSession(ws);
  return verifyRelease({ changeSet: session.changeSet(digest), contract, attestations: readAttestations(folder), trustedKeys: [{ pem: exportKey(ws, owner.id).pem, source: 'owner.pem' }], now: new Date() });
}

describe('export for the vendor', () => {
  test('a rostered contract that is not published is refused: the vendor could never verify it', () => {
    assert.throws(() => exportForVendor(ws, { digest, dir: join(dir, 'unpublished') }), (e: unknown) => e instanceof PolicyRefusal && /is not published/.test((e as Error).message));
    assert.throws(() => verifyAsVendor(ws, { digest }), /is not published/);
  });

  test('before the exception and approvals: verify as the vendor fails, and says why', async () => {
    const contract = ws.contracts.latestRevision('acme-prod-eu')!;
    await publishContract(ws, { contract: contract.contract, revision: contract.revision, signers: [{ keyId: owner.id, passphrase: PASS }], notAfter: new Date(Date.now() + 30 * DAY) });
    const r = verifyAsVendor(ws, { digest });
    assert.equal(r.ok, false);
    assert.equal(r.trust, 'contract-owners');
    assert.deepEqual(r.trustedKeys, ['Olivia Owner']);
    const codes = new Set(r.reasons.map((x) => x.code));
    assert.ok(codes.has('unwaived-finding'), [...codes].join(', '));
    assert.ok(codes.has('quorum-not-met'), [...codes].join(', '));
  });

  test('one exception/v2 waives every deny finding; after quorum, the export verifies as the vendor will, and verify over the folder agrees', async () => {
    const session = new ReviewSession(ws);
    const findings = findingDtos(session.load(digest), session.judge(digest));
    const deny = findings.filter((f) => f.enforcement === 'deny' && !f.waived && f.status !== 'unknown' && !f.shadow);
    assert.ok(deny.length >= 2, 'the demo change set is blocked by several deny findings');
    const selection = selectFindingsForWaiver(findings, { allDeny: true });
    assert.equal(selection.total, new Set(deny.map((f) => `${f.policy} ${f.address}`)).size);
    const requested = await requestException(ws, { digest, waives: selection.waives, justification: 'migration window', expires: new Date(Date.now() + 7 * DAY), keyId: alice.id, passphrase: PASS, outboxDir }, session);
    assert.deepEqual(requested.waives, selection.waives, 'the signed list is the previewed list');
    const signed = await signException(ws, { envelopeText: requested.file.text, source: 'exception', keyId: bob.id, passphrase: PASS, outboxDir }, session);
    assert.deepEqual(signed.covers.map((c) => `${c.policy} ${c.address}`).sort(), selection.waives.map((w) => `${w.policy} ${w.address}`).sort(), 'every waived finding is listed as covered');
    await approveChangeSet(ws, { digest, keyId: alice.id, passphrase: PASS, outboxDir }, session);

    const r = verifyAsVendor(ws, { digest }, session);
    assert.deepEqual(r.reasons, []);
    assert.equal(r.ok, true);
    assert.equal(r.files.filter((n) => n.startsWith('exception-')).length, 1, 'ONE exception file for the whole batch');

    const folder = join(dir, 'for-vendor');
    const written = exportForVendor(ws, { digest, dir: folder }, session);
    assert.deepEqual(readdirSync(folder).sort(), [...written.export.files.map((f) => f.name)].sort());
    const onDisk = vendorVerify(folder);
    assert.deepEqual(onDisk.reasons, []);
    assert.equal(onDisk.ok, true);
    assert.equal(onDisk.exceptionsApplied.length, 1);
    // Verify judges at the apply moment (now): inside a maintenance window that policy's finding is not there to waive.
    assert.deepEqual(onDisk.exceptionsApplied[0]!.waived.map((x) => x.policy).sort(), blockedDenyPoliciesAt());
  });

  test('a folder holding other attestation files is refused; the app\'s own folder is cleaned instead', () => {
    const folder = join(dir, 'busy');
    exportForVendor(ws, { digest, dir: folder });
    writeFileSync(join(folder, 'approval-0123456789ab.dsse.json'), '{}');
    assert.throws(() => exportForVendor(ws, { digest, dir: folder }), /already holds other attestation or contract files \(approval-0123456789ab\.dsse\.json\)/);
    const r = exportForVendor(ws, { digest, dir: folder, replace: true });
    assert.deepEqual(r.removed, ['approval-0123456789ab.dsse.json']);
    assert.equal(vendorVerify(folder).ok, true);
  });

  test("a person's conflicting decisions travel with the export: verify as the vendor fails closed, as verify over everything does", async () => {
    // Bob approves AND rejects (signed elsewhere, imported here): neither counts, and the release fails.
    const session = new ReviewSession(ws);
    const judged = session.judge(digest);
    const { privateKey } = await unlockKey(ws, bob.id, PASS);
    const req = {
      auditHead: currentAuditHead(ws)!, changeSetDigest: digest, contract: judged.active.contract, evaluation: evaluationRef(judged.verification.evaluation),
      reviewer: { privateKey, name: bob.name }, exceptions: judged.verification.exceptionsApplied.map((e) => e.digest),
    };
    const approval = signApproval({ ...req, comment: 'ok' });
    const rejection = signRejection({ ...req, comment: 'no: public DB' });
    importAttestations(ws, [
      { name: 'bob-approval.dsse.json', text: JSON.stringify(approval.envelope) },
      { name: 'bob-rejection.dsse.json', text: JSON.stringify(rejection.envelope) },
    ], { context: session });
    const all = session.judge(digest).verification;
    assert.ok(all.reasons.some((x) => x.code === 'conflicting-decisions'), 'verify over every decision held fails closed');
    const r = verifyAsVendor(ws, { digest }, session);
    assert.equal(r.ok, false);
    assert.ok(r.reasons.some((x) => x.code === 'conflicting-decisions'), r.reasons.map((x) => x.code).join(', '));
    const folder = join(dir, 'conflict');
    exportForVendor(ws, { digest, dir: folder }, session);
    assert.equal(vendorVerify(folder).ok, false);
  });
});

describe('verify as the vendor will, under vendorSignature: required', () => {
  test("the bundle's release signature counts, as it does in the vendor's verify over the bundle", async () => {
    const sub = mkdtempSync(join(dir, 'vendor-sig-'));
    const w = initWorkspace(join(sub, 'countersign.db'));
    try {
      const olivia = await createKey(w, { name: 'Olivia Owner', passphrase: PASS });
      const carol = await addLegacyReviewerKey(w, { name: 'Carol', passphrase: PASS });
      const ci = reviewer('Acme CI');
      const rosterEntry = (k: { id: string; name: string }, roles: RosterEntry['roles']): RosterEntry => ({ name: k.name, email: '', fingerprint: k.id, publicKey: exportKey(w, k.id).pem, roles });
      const roster = [rosterEntry(olivia, ['contract-owner']), rosterEntry(carol, ['approver']), { name: 'Acme CI', email: '', fingerprint: ci.keyId, publicKey: ci.pem, roles: ['vendor-release'] } satisfies RosterEntry];
      const text = readFileSync(join(DEMO, 'contract.yaml'), 'utf8').replace('countersign.dev/v3', 'countersign.dev/v4')
        .replace(/(approvals: \{[^}]*\})/, '$1\n  vendorSignature: required');
      writeFileSync(join(sub, 'contract.yaml'), `${text}roster: ${JSON.stringify(roster)}\n`);
      importContract(w, join(sub, 'contract.yaml'), 'test');
      const head = w.contracts.latestRevision('acme-prod-eu')!;
      await publishContract(w, { contract: head.contract, revision: head.revision, signers: [{ keyId: olivia.id, passphrase: PASS }], notAfter: new Date(Date.now() + 30 * DAY) });
      const bundle = join(sub, 'bundle');
      cpSync(join(DEMO, 'bundles/acme-2.13.2-chart-bump'), bundle, { recursive: true });
      // Unsigned: blocked, so approving it is refused (the inbox would say approved while the review says blocked).
      const unsigned = await importChangeSet(w, [bundle]);
      assert.equal(unsigned.vendorSignature.state, 'unsigned');
      await assert.rejects(approveChangeSet(w, { digest: unsigned.digest, keyId: carol.id, passphrase: PASS, outboxDir: join(sub, 'outbox') }),
        (e: unknown) => e instanceof PolicyRefusal && /cannot approve .*vendor release signature/.test((e as Error).message));
      assert.equal(w.attestations.listApprovals(unsigned.digest).length, 0);
      await signBundle({ bundle, signer: ci.signer });
      const imported = await importChangeSet(w, [bundle]);
      assert.equal(imported.vendorSignature.state, 'verified');
      await approveChangeSet(w, { digest: imported.digest, keyId: carol.id, passphrase: PASS, outboxDir: join(sub, 'outbox') });
      const r = verifyAsVendor(w, { digest: imported.digest });
      assert.deepEqual(r.reasons.map((x) => x.code), []);
      assert.equal(r.ok, true);
    } finally {
      w.close();
    }
  });
});
