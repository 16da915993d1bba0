// The root of trust end to end with the BUILT CLI: a v3 contract with a roster is published by
// its owner; the vendor's CI verifies with only OWNER.pem and the publication; revoking a
// reviewer is a new published revision, after which that reviewer's approval no longer counts.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';
// Owner and approver in one workspace: one made before the one-personal-key rule.
import { addLegacyReviewerKeyAt } from '../core/testing/legacy-keys';

const BUNDLE = join(repoRoot, 'electron/demo/bundles/acme-2.13.3-peering');
const PASSPHRASE = 'correct horse battery staple';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-publish-cli-'));
const WS = join(tmp, 'ws', 'countersign.db');
const APPROVALS = join(tmp, 'approvals');
const DAY = 24 * 3600_000;

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: WS, COUNTERSIGN_PASSPHRASE: PASSPHRASE, ...env },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: readonly string[]): string {
  const r = cli(args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

const keys = { owner: '', alice: '' };
const pems = { owner: join(tmp, 'owner.pem'), alice: '' };

function contractWith(roster: readonly object[]): string {
  const demo = readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8').replace('countersign.dev/v2', 'countersign.dev/v3');
  return `${demo}roster: ${JSON.stringify(roster)}\n`;
}

function verify(contract: string, publication: readonly string[], attestations = APPROVALS): Run {
  return cli(['verify', '--changeset', BUNDLE, '--contract', contract, '--attestations', attestations, '--trust', pems.owner, ...publication.flatMap((p) => ['--publication', p])], { COUNTERSIGN_WORKSPACE: '' });
}

before(() => {
  ensureCliBuilt();
});

describe('contract publish → verify (built CLI)', () => {
  test('only the owner key and the publication: the roster approver counts; without the publication verify fails closed', async () => {
    ok(['workspace', 'init']);
    keys.owner = ok(['keys', 'create', '--name', 'Olivia Owner']);
    keys.alice = await addLegacyReviewerKeyAt(WS, { name: 'Alice', passphrase: PASSPHRASE });
    writeFileSync(pems.owner, ok(['keys', 'export', keys.owner]));
    const alicePem = ok(['keys', 'export', keys.alice]);
    const roster = [
      { name: 'Olivia Owner', fingerprint: keys.owner, publicKey: readFileSync(pems.owner, 'utf8'), roles: ['contract-owner'] },
      { name: 'Alice', fingerprint: keys.alice, publicKey: `${alicePem}\n`, roles: ['approver', 'exception-signer'] },
    ];
    writeFileSync(join(tmp, 'r1.yaml'), contractWith(roster));
    assert.match(ok(['contract', 'import', join(tmp, 'r1.yaml')]), /revision 1 /);
    const digest = ok(['changeset', 'import', BUNDLE]);
    ok(['approve', digest, '--key', keys.alice, '--out', APPROVALS]);

    // Not an owner: refused in one line, nothing published.
    const byAlice = cli(['contract', 'publish', '--key', keys.alice, '--not-after', new Date(Date.now() + 30 * DAY).toISOString(), '--out', join(tmp, 'nope')]);
    assert.equal(byAlice.code, 2, byAlice.stderr);
    assert.match(byAlice.stderr, /roster entry 2 \(Alice, sha256:[0-9a-f]{64}\) is not a contract-owner/);

    const out = join(tmp, 'r1');
    const published = cli(['contract', 'publish', '--key', keys.owner, '--not-after', new Date(Date.now() + 30 * DAY).toISOString(), '--out', out]);
    assert.equal(published.code, 0, published.stderr);
    assert.deepEqual(published.stdout.trim().split('\n'), [join(out, 'acme-prod-eu-r1.contract.yaml'), join(out, 'acme-prod-eu-r1.publication.json')]);
    assert.match(published.stderr, /published acme-prod-eu revision 1 .* signed by sha256:/);
    // Published once.
    const again = cli(['contract', 'publish', '--key', keys.owner, '--not-after', new Date(Date.now() + DAY).toISOString(), '--revision', '1', '--out', out]);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already published/);

    const contract = join(out, 'acme-prod-eu-r1.contract.yaml');
    const accepted = verify(contract, [join(out, 'acme-prod-eu-r1.publication.json')]);
    assert.equal(accepted.code, 0, accepted.stdout);
    assert.match(accepted.stdout, /VERIFIED\n[\s\S]*published +revision 1 at .*, valid until .*, by sha256:/);
    assert.match(accepted.stdout, /approvals +1 of 1: Alice/);

    // The publication may also sit in the attestations folder.
    copyFileSync(join(out, 'acme-prod-eu-r1.publication.json'), join(APPROVALS, 'acme-prod-eu-r1.publication.json'));
    assert.equal(verify(contract, []).code, 0);

    const without = verify(contract, [], join(APPROVALS, readdirSync(APPROVALS).find((n) => n.startsWith('approval-'))!));
    assert.equal(without.code, 1, without.stdout);
    assert.match(without.stdout, /NO VALID PUBLICATION/);
    assert.match(without.stdout, /no-valid-publication: /);
  });

  test('revoking Alice in a new published revision: her approval no longer verifies', () => {
    const r1 = readFileSync(join(tmp, 'r1.yaml'), 'utf8');
    const revoked = r1.replace('"roles":["approver","exception-signer"]', `"roles":["approver","exception-signer"],"revoked":"${new Date().toISOString()}"`);
    assert.notEqual(revoked, r1);
    writeFileSync(join(tmp, 'r2.yaml'), revoked);
    assert.match(ok(['contract', 'import', join(tmp, 'r2.yaml')]), /revision 2 /);
    const out = join(tmp, 'r2');
    ok(['contract', 'publish', '--key', keys.owner, '--not-after', new Date(Date.now() + 30 * DAY).toISOString(), '--out', out]);
    const r = verify(join(out, 'acme-prod-eu-r2.contract.yaml'), [join(out, 'acme-prod-eu-r2.publication.json')]);
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /published +revision 2/);
    assert.match(r.stdout, /revoked-key: .*Alice/);
    assert.match(r.stdout, /quorum-not-met/);
    // JSON names the roster rule. Only r1's publication is in the folder: it signed another roster than r2's file.
    const json = cli(['verify', '--changeset', BUNDLE, '--contract', join(out, 'acme-prod-eu-r2.contract.yaml'), '--attestations', APPROVALS, '--trust', pems.owner, '--format', 'json'], { COUNTERSIGN_WORKSPACE: '' });
    const parsed = JSON.parse(json.stdout) as { ok: boolean; roster: { publication: unknown }; reasons: { code: string }[] };
    assert.equal(parsed.ok, false);
    assert.equal(parsed.roster.publication, null);
    assert.ok(parsed.reasons.some((x) => x.code === 'roster-mismatch'), JSON.stringify(parsed.reasons));
  });

  test('verify refuses a contract whose roster key is not its fingerprint\'s key, naming the entry and its line', () => {
    const r1 = readFileSync(join(tmp, 'r1.yaml'), 'utf8');
    const ownerPem = readFileSync(pems.owner, 'utf8');
    // The owner's entry carries Alice's PEM: a well-formed key, but not the one its fingerprint names.
    const bad = r1.replace('roster: [', 'roster:\n  [').replace(JSON.stringify(ownerPem), JSON.stringify(ok(['keys', 'export', keys.alice])));
    assert.notEqual(bad, r1);
    writeFileSync(join(tmp, 'bad-roster.yaml'), bad);
    const r = verify(join(tmp, 'bad-roster.yaml'), []);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    const line = bad.split('\n').findIndex((l) => l.includes('"publicKey"')) + 1;
    assert.match(r.stderr, new RegExp(`bad-roster\\.yaml:${line}:\\d+: roster entry 1 \\(Olivia Owner, sha256:[0-9a-f]{64}\\)`));
  });
});
