// Issue 10 with the BUILT CLI: `countersign verify` under a countersign.dev/v4 contract with a
// roster names each sign-off rule a file set breaks (people not keys, final decisions,
// withdrawals, separation of duties, the vendor-signature rule), and passes a set that keeps them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RosterEntry } from '../../core/base/roster';
import type { ResolvedContract } from '../../core/engine';
import { envelopeFileText } from '../../core/signing/attestation-files';
import { signContractPublication } from '../../core/signing/publication';
import { addSignature, createException, signApproval, signRejection, signWithdrawal } from '../../core/signing/sign';
import type { SignedAttestation } from '../../core/signing/sign';
import type { DsseEnvelope } from '../../core/signing/dsse';
import { builtCli, ensureCliBuilt } from '../../core/testing/built-cli';
import { repoRoot } from '../../core/testing/corpus';
import { contractYaml, loadContract, reviewer, TEST_AUDIT_HEAD, writeBundle } from '../../core/testing/release-fixture';
import type { Reviewer } from '../../core/testing/release-fixture';

const HOUR = 3600_000;
// verify judges at the real clock: every time is relative to it.
const at = (offset: number) => new Date(Date.now() + offset);
const tmp = mkdtempSync(join(tmpdir(), 'countersign-verify-rules-'));
const owner = reviewer('Olivia Owner');
const alice = reviewer('Alice');
const alice2 = reviewer('Alice (second key)');
const bob = reviewer('Bob');
const carol = reviewer('Carol');
let bundle: string;

const entry = (r: Reviewer, email: string, roles: RosterEntry['roles'] = ['approver', 'exception-signer']): RosterEntry => ({ name: r.signer.name, email, fingerprint: r.keyId, publicKey: r.pem, roles });
const ROSTER = [entry(owner, 'owner@example.com', ['contract-owner']), entry(alice, 'alice@example.com'), entry(alice2, 'ALICE@example.com'), entry(bob, 'bob@example.com'), entry(carol, 'carol@example.com')];

function contract(vendorSignature: 'optional' | 'required'): { file: string; c: ResolvedContract } {
  const yaml = `${contractYaml({ privileged: 'deny', quorum: 2, exceptionQuorum: 2 })
    .replace('countersign.dev/v1', 'countersign.dev/v4')
    .replace(/maxExceptionDays: 30\}/, `maxExceptionDays: 30, separationOfDuties: {requesterMayWaiveAlone: false, approverMaySignReliedExceptions: false}}\n  vendorSignature: ${vendorSignature}`)}roster: ${JSON.stringify(ROSTER)}\n`;
  const file = join(tmp, `contract-${vendorSignature}.yaml`);
  writeFileSync(file, yaml);
  return { file, c: loadContract(tmp, yaml) };
}

function decide(kind: 'approve' | 'reject', r: Reviewer, c: ResolvedContract, changeSetDigest: string, exceptions: readonly string[] = []): SignedAttestation {
  const req = {
    auditHead: TEST_AUDIT_HEAD, changeSetDigest, contract: c, exceptions, reviewer: r.signer, comment: kind === 'reject' ? 'not now' : 'ok', time: at(-HOUR),
    evaluation: { digest: `sha256:${'e'.repeat(64)}`, verdict: 'blocked' as const, engineVersion: 'test', at: at(-HOUR).toISOString() },
  };
  return kind === 'approve' ? signApproval(req) : signRejection(req);
}

function waiveAll(c: ResolvedContract, changeSetDigest: string, requester: Reviewer, cosigners: readonly Reviewer[]): { digest: string; envelope: DsseEnvelope } {
  const created = createException({
    auditHead: TEST_AUDIT_HEAD, contract: c, changeSetDigest, expires: at(7 * 24 * HOUR), justification: 'agreed', requester: requester.signer, time: at(-2 * HOUR),
    waives: [{ policy: 'rds-not-public', pattern: 'aws_db_instance.*' }, { policy: 'sg-rule-not-world', pattern: 'aws_security_group_rule.*' }, { policy: 'no-privileged', pattern: 'Pod/*' }],
  });
  return { digest: created.digest, envelope: cosigners.reduce((env, s) => addSignature(env, s.privateKey), created.envelope) };
}

function writeSet(name: string, c: ResolvedContract, items: readonly { envelope: DsseEnvelope }[]): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  const publication = signContractPublication({
    contract: { name: c.name, vendor: c.vendor, install: c.install ?? '', digest: c.digest, packs: c.packs ?? [], roster: ROSTER },
    revision: 1, signers: [owner.signer], notAfter: at(30 * 24 * HOUR), time: at(-24 * HOUR),
  });
  [publication, ...items].forEach((x, i) => writeFileSync(join(dir, `a${i}.dsse.json`), envelopeFileText(x.envelope)));
  return dir;
}

function verify(contractFile: string, attestations: string, format: 'text' | 'json' = 'text') {
  const r = spawnSync(process.execPath, [builtCli, 'verify', '--changeset', bundle, '--contract', contractFile, '--attestations', attestations, '--trust', join(tmp, 'owner.pem'), '--format', format], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: '' },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let changeSetDigest: string;
before(async () => {
  ensureCliBuilt();
  bundle = writeBundle(tmp);
  writeFileSync(join(tmp, 'owner.pem'), owner.pem);
  const { loadChangeSet } = await import('../../core/loaders/load-change-set');
  changeSetDigest = (await loadChangeSet([bundle])).digest;
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('countersign verify: sign-off rules (built CLI)', () => {
  test('a file set breaking every rule: exit 1, and "Rules broken" names each one', () => {
    const { file, c } = contract('required');
    const ex = waiveAll(c, changeSetDigest, alice, [alice2]); // one person, two keys; the requester alone
    const aliceYes = decide('approve', alice, c, changeSetDigest, [ex.digest]);
    const dir = writeSet('broken', c, [
      ex, aliceYes, decide('approve', alice2, c, changeSetDigest, [ex.digest]),
      decide('approve', bob, c, changeSetDigest), decide('reject', bob, c, changeSetDigest),
      signWithdrawal({ auditHead: TEST_AUDIT_HEAD, changeSetDigest, withdraws: aliceYes.digest, decision: 'approve', reason: 'not mine to take', reviewer: carol.signer, time: at(-HOUR / 2) }),
    ]);
    const r = verify(file, dir);
    assert.equal(r.code, 1, r.stderr);
    const broken = r.stdout.slice(r.stdout.indexOf('Rules broken:'), r.stdout.indexOf('Reasons:'));
    for (const code of ['quorum-not-met', 'same-person', 'conflicting-decisions', 'separation-of-duties', 'withdrawal-not-own', 'exception-quorum-not-met', 'vendor-signature-missing', 'unwaived-finding']) {
      assert.match(broken, new RegExp(`^  ${code}: `, 'm'), `${code} missing from:\n${r.stdout}`);
    }
    assert.match(r.stdout, /requesterMayWaiveAlone: false: only its requester Alice/);
    assert.match(r.stdout, /approverMaySignReliedExceptions: false/);
    assert.match(r.stdout, /conflicts {3}Bob/);
    assert.match(r.stdout, /vendor sig {2}unsigned \(required\)/);
    const json = JSON.parse(verify(file, dir, 'json').stdout) as { ok: boolean; conflicts: unknown[]; separationOfDuties: unknown; vendorSignatureRule: string };
    assert.equal(json.ok, false);
    assert.equal(json.conflicts.length, 2);
    assert.deepEqual(json.separationOfDuties, { requesterMayWaiveAlone: false, approverMaySignReliedExceptions: false });
    assert.equal(json.vendorSignatureRule, 'required');
  });

  test('the same contract with vendorSignature optional and a set that keeps the rules: VERIFIED, exit 0', () => {
    const { file, c } = contract('optional');
    // Each approver relies on the exception (it waives the findings), listed or not: it reaches
    // exceptionQuorum (2) without either approver only when three people sign it.
    const ex = waiveAll(c, changeSetDigest, carol, [alice, bob]);
    const dir = writeSet('kept', c, [ex, decide('approve', alice, c, changeSetDigest), decide('approve', bob, c, changeSetDigest)]);
    const r = verify(file, dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /VERIFIED/);
    // In person order (lowest fingerprint first): the keys are random, so either order.
    assert.match(r.stdout, /approvals {3}2 of 2: (Alice, Bob|Bob, Alice) \(counted per person\)/);
    assert.match(r.stdout, /duties {6}a requester never waives alone; an approval counts only if its exceptions reach exceptionQuorum without the approver/);
  });
});
