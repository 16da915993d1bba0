// The workspace and signing commands end to end: the BUILT CLI, a real SQLite workspace file,
// the demo bundle that the default rules block, and `verify` as the vendor's CI runs it.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';
// Alice and Bob in one workspace: one made before the one-personal-key rule.
import { addLegacyReviewerKeyAt } from '../core/testing/legacy-keys';
import { blockedDenyPoliciesAt } from '../core/testing/maintenance-window';

const BUNDLE = join(repoRoot, 'electron/demo/bundles/acme-2.14.0-blocked');
const PASSPHRASE = 'correct horse battery staple';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-ws-cli-'));
const WS = join(tmp, 'ws', 'countersign.db');
const OUT = join(tmp, 'attestations');

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: WS, COUNTERSIGN_PASSPHRASE: PASSPHRASE, ...env },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: readonly string[], env: Record<string, string | undefined> = {}): string {
  const r = cli(args, env);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

function badInput(r: Run, mention: RegExp): void {
  assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, `one line: ${r.stderr}`);
  assert.match(r.stderr, mention);
}

const CONTRACT = `apiVersion: countersign.dev/v1
kind: Contract
metadata: {name: acme-production, vendor: Acme Analytics}
spec:
  extends: [baseline]
  approvals: {quorum: 1, exceptionQuorum: 2, maxExceptionDays: 30}
`;

const state = { digest: '', alice: '', bob: '', contract: join(tmp, 'contract.yaml'), exported: join(tmp, 'exported.yaml'), pems: [] as string[] };

function verify(changeset: string, contract: string, attestations: string, trust: readonly string[], format = 'text'): Run {
  return cli(['verify', '--changeset', changeset, '--contract', contract, '--attestations', attestations, ...trust.flatMap((t) => ['--trust', t]), '--format', format], { COUNTERSIGN_WORKSPACE: '' });
}

before(() => {
  ensureCliBuilt();
  writeFileSync(state.contract, CONTRACT);
});

describe('workspace, keys, exceptions, approval and verify (built CLI, real SQLite)', () => {
  test('the full review flow on a blocked bundle ends in a release verify accepts', async () => {
    assert.match(ok(['workspace', 'init']), /^created workspace .*countersign\.db \(schema \d+\)$/);
    assert.match(ok(['workspace', 'init']), /^already exists: workspace/);
    assert.match(ok(['contract', 'import', state.contract]), /^saved contract acme-production revision 1 sha256:[0-9a-f]{64}$/);
    state.alice = ok(['keys', 'create', '--name', 'alice']);
    // One personal key per workspace: a second is refused, naming the key held (issue 10).
    badInput(cli(['keys', 'create', '--name', 'bob']), new RegExp(`this workspace already holds your personal key alice \\(${state.alice}\\); rotate it to replace it`));
    state.bob = await addLegacyReviewerKeyAt(WS, { name: 'bob', passphrase: PASSPHRASE });
    assert.match(state.alice, /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(state.alice, state.bob);

    // The digest is the one `evaluate` reports for the same bundle.
    const evaluated = cli(['evaluate', '--format', 'json', BUNDLE]);
    assert.equal(evaluated.code, 1);
    const report = JSON.parse(evaluated.stdout) as { changeSet: { digest: string } };
    const imported = cli(['changeset', 'import', BUNDLE]);
    assert.equal(imported.code, 0, imported.stderr);
    state.digest = imported.stdout.trim();
    assert.equal(state.digest, report.changeSet.digest);
    assert.match(imported.stderr, /imported .* \(blocked, 5 finding\(s\), state pending\)/);

    const shown = JSON.parse(ok(['changeset', 'show', state.digest.slice(7, 15), '--format', 'json'])) as {
      evaluation: { verdict: string }; findings: { policy: string; enforcement: string; resource: { address: string } }[];
    };
    assert.equal(shown.evaluation.verdict, 'blocked');
    const deny = shown.findings.filter((f) => f.enforcement === 'deny');
    assert.equal(deny.length, 3);

    // Approving while deny findings are unwaived is a policy outcome: exit 1, nothing signed.
    const early = cli(['approve', state.digest, '--key', state.alice, '--out', OUT]);
    assert.equal(early.code, 1, early.stderr);
    assert.match(early.stderr, /cannot approve .* 3 blocking finding\(s\)/);
    assert.equal(existsSync(OUT), false);

    const expires = new Date(Date.now() + 2 * 86_400_000).toISOString();
    for (const f of deny) {
      const file = ok(['exception', 'request', state.digest.slice(0, 20), '--policy', f.policy, '--resource', f.resource.address,
        '--justification', 'Agreed with the DBA team for the 2.14 migration', '--expires', expires, '--key', state.alice.slice(7, 17), '--out', OUT]);
      assert.match(file, /exception-[0-9a-f]{12}\.dsse\.json$/);
      const signed = cli(['exception', 'sign', file, '--key', state.bob, '--out', OUT]);
      assert.equal(signed.code, 0, signed.stderr);
      assert.equal(signed.stdout.trim(), file, 'co-signing rewrites the same file');
      assert.match(signed.stderr, /2 of 2 verified signature\(s\)/);
      // Every resource it waives is listed: exactly the one address asked for.
      assert.ok(signed.stderr.includes(`  covers 1 finding(s) in this change set:\n    ${f.policy} on ${f.resource.address}\n`), signed.stderr);
      assert.equal((JSON.parse(readFileSync(file, 'utf8')) as { signatures: unknown[] }).signatures.length, 2);
    }
    const approved = cli(['approve', state.digest, '--key', state.alice, '--comment', 'Reviewed with the DBA team', '--out', OUT]);
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stdout.trim(), /approval-[0-9a-f]{12}\.dsse\.json$/);
    assert.match(approved.stderr, /1 of 1 approval\(s\); state approved/);
    assert.match(ok(['changeset', 'list']), /approved\s+blocked \(5\)/);

    for (const [name, id] of [['alice', state.alice], ['bob', state.bob]] as const) {
      const pem = join(tmp, `${name}.pem`);
      writeFileSync(pem, ok(['keys', 'export', id]));
      state.pems.push(pem);
    }
    writeFileSync(state.exported, ok(['contract', 'export']));
    const v = verify(BUNDLE, state.exported, OUT, state.pems, 'json');
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const result = JSON.parse(v.stdout) as { ok: boolean; approvals: unknown[]; exceptionsApplied: unknown[] };
    assert.equal(result.ok, true);
    assert.equal(result.approvals.length, 1);
    assert.ok(result.exceptionsApplied.length >= 2);
    const text = verify(BUNDLE, state.exported, OUT, state.pems, 'text');
    // Verify judges at the apply moment (now): inside a maintenance window that policy does not fire, so there is nothing to waive.
    for (const f of deny.filter((x) => blockedDenyPoliciesAt().includes(x.policy))) assert.ok(text.stdout.includes(`      waived ${f.policy} on ${f.resource.address}\n`), text.stdout);
    // Every attestation in the outbox recorded an audit head that is still in the chain.
    assert.match(ok(['audit', 'verify', '--attestations', OUT]), /audit log ok: .*4 recorded head\(s\) found in the chain/);
  });

  test('a contract-wide exception covers the same finding in a later change set; a change-set one does not', () => {
    // The next release: same resources, different bundle (its description changed), so another digest.
    const next = join(tmp, 'acme-2.14.1');
    cpSync(BUNDLE, next, { recursive: true });
    const manifest = join(next, 'changeset.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('release: 2.14.0', 'release: 2.14.1'));
    const nextDigest = ok(['changeset', 'import', next]);
    assert.notEqual(nextDigest, state.digest);
    const out2 = join(tmp, 'attestations-next');
    // The exceptions signed for 2.14.0 name its digest: 2.14.1 stays blocked.
    const early = cli(['approve', nextDigest, '--key', state.alice, '--out', out2]);
    assert.equal(early.code, 1, early.stderr);

    const expires = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const shown = JSON.parse(ok(['changeset', 'show', nextDigest, '--format', 'json'])) as {
      findings: { policy: string; enforcement: string; resource: { address: string } }[];
    };
    for (const f of shown.findings.filter((x) => x.enforcement === 'deny')) {
      const file = ok(['exception', 'request', state.digest, '--contract-wide', '--policy', f.policy, '--resource', f.resource.address,
        '--justification', 'Accepted vendor limitation until the 2.15 redesign', '--expires', expires, '--key', state.alice, '--out', out2]);
      const exception = JSON.parse(Buffer.from((JSON.parse(readFileSync(file, 'utf8')) as { payload: string }).payload, 'base64').toString()) as {
        predicate: { changeSetDigest: string | null };
      };
      assert.equal(exception.predicate.changeSetDigest, null, 'contract-wide: no change set named');
      assert.equal(cli(['exception', 'sign', file, '--key', state.bob, '--out', out2]).code, 0);
    }
    const approved = cli(['approve', nextDigest, '--key', state.alice, '--comment', 'Covered by the standing exceptions', '--out', out2]);
    assert.equal(approved.code, 0, approved.stderr);
    const v = verify(next, state.exported, out2, state.pems, 'json');
    assert.equal(v.code, 0, v.stdout + v.stderr);
  });

  test('re-importing is idempotent: same digest, "already imported", no new audit entries', () => {
    const before = ok(['audit', 'export']).split('\n').length;
    const again = cli(['changeset', 'import', BUNDLE]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout.trim(), state.digest);
    assert.match(again.stderr, /already imported/);
    assert.equal(ok(['audit', 'export']).split('\n').length, before);
  });

  test('verify: a byte changed in the bundle after approval fails with digest-mismatch', () => {
    const copy = join(tmp, 'tampered-bundle');
    cpSync(BUNDLE, copy, { recursive: true });
    const manifest = join(copy, 'changeset.yaml');
    const bytes = readFileSync(manifest);
    const at = bytes.indexOf('Postgres');
    assert.ok(at > 0);
    bytes[at + 7] = 'z'.charCodeAt(0); // Postgres → Postgrez: still a valid bundle
    writeFileSync(manifest, bytes);
    const v = verify(copy, state.exported, OUT, state.pems);
    assert.equal(v.code, 1, v.stderr);
    assert.match(v.stdout, /NOT VERIFIED/);
    assert.match(v.stdout, /digest-mismatch: .*approval/);
    assert.match(v.stdout, /quorum-not-met/);
  });

  test('verify: without the co-signer trusted the exceptions lack their quorum; an untrusted key alone counts for nothing', () => {
    const v = verify(BUNDLE, state.exported, OUT, [state.pems[0]!]);
    assert.equal(v.code, 1);
    assert.match(v.stdout, /unwaived-finding: db-no-replace/);
    assert.match(v.stdout, /exception-quorum-not-met/);

    const stranger = join(tmp, 'stranger.pem');
    const otherWs = join(tmp, 'other.db');
    ok(['workspace', 'init', '--workspace', otherWs]);
    const id = ok(['keys', 'create', '--name', 'mallory', '--workspace', otherWs]);
    writeFileSync(stranger, ok(['keys', 'export', id, '--workspace', otherWs]));
    const u = verify(BUNDLE, state.exported, OUT, [stranger]);
    assert.equal(u.code, 1);
    assert.match(u.stdout, /quorum-not-met/);
    assert.match(u.stdout, /untrusted-key/);
  });

  test('verify: a changed contract and a corrupted envelope are named', () => {
    const changed = join(tmp, 'changed-contract.yaml');
    writeFileSync(changed, CONTRACT.replace('maxExceptionDays: 30', 'maxExceptionDays: 14'));
    const c = verify(BUNDLE, changed, OUT, state.pems);
    assert.equal(c.code, 1);
    assert.match(c.stdout, /contract-mismatch/);

    const corrupted = join(tmp, 'corrupted');
    cpSync(OUT, corrupted, { recursive: true });
    const approval = readdirSync(corrupted).find((n) => n.startsWith('approval-'))!;
    const env = JSON.parse(readFileSync(join(corrupted, approval), 'utf8')) as { payload: string };
    const payload = Buffer.from(env.payload, 'base64').toString('utf8').replace('Reviewed with', 'Reviewed w/o');
    writeFileSync(join(corrupted, approval), JSON.stringify({ ...env, payload: Buffer.from(payload).toString('base64') }));
    const e = verify(BUNDLE, state.exported, corrupted, state.pems);
    assert.equal(e.code, 1);
    assert.match(e.stdout, /bad-signature/);
    assert.match(e.stdout, /quorum-not-met/);

    writeFileSync(join(corrupted, approval), '{"payloadType": "application/vnd.in-toto+json", "payload": "!!"');
    assert.match(verify(BUNDLE, state.exported, corrupted, state.pems).stdout, /malformed-envelope/);
  });

  test('verify: bad input is exit 2 (missing trust, a private key as trust, no such bundle)', () => {
    badInput(cli(['verify', '--changeset', BUNDLE, '--contract', state.exported, '--attestations', OUT]), /needs at least one --trust/);
    const priv = join(tmp, 'private.pem');
    writeFileSync(priv, '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF\n-----END PRIVATE KEY-----\n');
    badInput(verify(BUNDLE, state.exported, OUT, [priv]), /private\.pem: this is a PRIVATE key/);
    badInput(verify(join(tmp, 'nope'), state.exported, OUT, state.pems), /nope/);
  });

  test('passphrases: a wrong one is exit 2, there is no flag for one, and none without a terminal or the variable', () => {
    badInput(cli(['approve', state.digest, '--key', state.bob, '--out', OUT], { COUNTERSIGN_PASSPHRASE: 'not the passphrase' }), /wrong passphrase/);
    badInput(cli(['approve', state.digest, '--key', state.bob, '--passphrase', PASSPHRASE, '--out', OUT]), /unknown option '--passphrase'/);
    const fresh = join(tmp, 'fresh.db');
    ok(['workspace', 'init', '--workspace', fresh]);
    badInput(cli(['keys', 'create', '--name', 'weak', '--workspace', fresh], { COUNTERSIGN_PASSPHRASE: 'short' }), /at least 12 characters/);
    // setsid: no controlling terminal, even when the tests run in one.
    const setsid = ['/usr/bin/setsid', '/bin/setsid'].find((p) => existsSync(p));
    const args = [join(repoRoot, 'electron/cli/countersign.mjs'), 'keys', 'create', '--name', 'carol'];
    const env: NodeJS.ProcessEnv = { ...process.env, COUNTERSIGN_WORKSPACE: fresh };
    delete env.COUNTERSIGN_PASSPHRASE;
    const r = setsid
      ? spawnSync(setsid, ['--wait', process.execPath, ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] })
      : spawnSync(process.execPath, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
    badInput({ code: r.status, stdout: r.stdout, stderr: r.stderr }, /no passphrase: set COUNTERSIGN_PASSPHRASE or run in a terminal/);
  });

  test('keys: the private key is never in the clear in the workspace file or any export', () => {
    const listed = JSON.parse(ok(['keys', 'list', '--format', 'json'])) as { reviewer: { id: string }[] };
    assert.deepEqual(listed.reviewer.map((k) => k.id), [state.alice, state.bob]);
    for (const pem of state.pems) assert.match(readFileSync(pem, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
    const db = readFileSync(WS);
    assert.equal(db.includes('PRIVATE KEY'), false);
    assert.equal(db.includes(Buffer.from('302e020100300506032b657004220420', 'hex')), false, 'no PKCS#8 Ed25519 header in the file');
  });

  test('workspace commands without a workspace, or with a prefix naming nothing: exit 2', () => {
    badInput(cli(['changeset', 'list'], { COUNTERSIGN_WORKSPACE: '' }), /no workspace: pass --workspace PATH or set COUNTERSIGN_WORKSPACE/);
    badInput(cli(['changeset', 'list', '--workspace', join(tmp, 'missing.db')]), /no workspace here/);
    badInput(cli(['changeset', 'show', 'ffffffff']), /no change set with this digest/);
    badInput(cli(['keys', 'frobnicate']), /unknown keys subcommand 'frobnicate'/);
    badInput(cli(['exception', 'request', state.digest, '--policy', 'db-no-replace', '--resource', '*', '--justification', 'x',
      '--expires', 'next week', '--key', state.alice, '--out', OUT]), /--expires 'next week'/);
    // An exception names what it waives explicitly: an exact --resource, or a --pattern.
    // (--policy alone is a batch selection of that policy's deny findings: see batch-export.test.ts.)
    badInput(cli(['exception', 'request', state.digest, '--justification', 'x',
      '--expires', '2030-01-01T00:00:00Z', '--key', state.alice, '--out', OUT]), /needs --resource ADDRESS \(exact\) or --pattern GLOB/);
  });

  test('audit verify passes, then names the entry edited behind its back (exit 1)', () => {
    assert.match(ok(['audit', 'verify']), /^audit log ok: \d+ entries/);
    const lines = ok(['audit', 'export']).split('\n').map((l) => JSON.parse(l) as { seq: number; action: string });
    const target = lines.find((e) => e.action === 'approval.approve')!;
    const db = new Database(WS);
    try {
      db.exec('DROP TRIGGER audit_log_append_only');
      db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = ?").run(target.seq);
    } finally {
      db.close();
    }
    const r = cli(['audit', 'verify']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, new RegExp(`BROKEN at entry ${target.seq} \\(edited\\)`));
    const file = join(tmp, 'audit.jsonl');
    ok(['audit', 'export', '--output', file]);
    assert.equal(readFileSync(file, 'utf8').trim().split('\n').length, lines.length);
  });
});
