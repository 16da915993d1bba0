// `countersign changeset sign` and `verify`'s vendor signature report, with the BUILT CLI: a
// workspace key or a PKCS#8 key file signs the bundle folder; verify reads signatures/ and
// judges it under the contract (--vendor-key without a roster; the roster's vendor-release keys).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { c as tarCreate } from 'tar';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { exportPublicKey } from '../core/signing/keys';

const DEMO = join(repoRoot, 'electron/demo');
const PASSPHRASE = 'correct horse battery staple';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-sign-cli-'));
const WS = join(tmp, 'vendor-ws', 'countersign.db');

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8',
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

const bundle = (name: string, from = 'acme-2.13.2-chart-bump'): string => {
  const dir = join(tmp, name);
  cpSync(join(DEMO, 'bundles', from), dir, { recursive: true });
  return dir;
};

interface VerifyJson { readonly ok: boolean; readonly changeSet: string; readonly vendorSignature: { readonly state: string; readonly signers: readonly { readonly name: string }[]; readonly reasons: readonly { readonly code: string; readonly message: string }[] } }

/** verify as the vendor's CI runs it; the vendor signature part of its JSON. */
function verify(changeset: string, extra: readonly string[], contract = join(DEMO, 'contract.yaml')): VerifyJson {
  const attestations = join(tmp, 'no-attestations');
  mkdirSync(attestations, { recursive: true });
  const r = cli(['verify', '--changeset', changeset, '--contract', contract, '--attestations', attestations, '--trust', state.pem, ...extra, '--format', 'json'], { COUNTERSIGN_WORKSPACE: '' });
  assert.ok(r.code === 0 || r.code === 1, `verify: ${r.stderr}`);
  return JSON.parse(r.stdout) as VerifyJson;
}

const state = { keyId: '', pem: join(tmp, 'vendor.pem'), otherPem: join(tmp, 'other.pem'), keyFile: join(tmp, 'vendor-key.pem'), keyFilePub: join(tmp, 'vendor-key.pub.pem') };

before(() => {
  ensureCliBuilt();
  ok(['workspace', 'init']);
  state.keyId = ok(['keys', 'create', '--name', 'Acme Release CI']).split(/\s+/)[0]!;
  writeFileSync(state.pem, ok(['keys', 'export', state.keyId]));
  const other = generateKeyPairSync('ed25519');
  writeFileSync(state.otherPem, exportPublicKey(other.publicKey).pem);
  const fileKey = generateKeyPairSync('ed25519');
  writeFileSync(state.keyFile, fileKey.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(state.keyFilePub, exportPublicKey(fileKey.publicKey).pem);
});

describe('countersign changeset sign', () => {
  test('signs a bundle folder with a workspace key; verify --vendor-key says verified, the digest unchanged', async () => {
    const dir = bundle('signed');
    const before = verify(dir, ['--vendor-key', state.pem]);
    assert.equal(before.vendorSignature.state, 'unsigned');
    const written = ok(['changeset', 'sign', dir, '--key', state.keyId]);
    assert.match(written, /signatures\/[0-9a-f]{16}\.release\.dsse\.json$/);
    assert.deepEqual(readdirSync(join(dir, 'signatures')), [written.split('/').pop()]);
    const after = verify(dir, ['--vendor-key', state.pem]);
    assert.equal(after.changeSet, before.changeSet);
    assert.deepEqual([after.vendorSignature.state, after.vendorSignature.signers.map((s) => s.name)], ['verified', ['']]);
    // Packed after signing, the archive verifies the same.
    const tgz = join(tmp, 'signed.tgz');
    await tarCreate({ gzip: true, file: tgz, cwd: dir, portable: true }, ['.']);
    assert.equal(verify(tgz, ['--vendor-key', state.pem]).vendorSignature.state, 'verified');
    // Without the vendor's key, or with another one: untrusted.
    assert.equal(verify(dir, []).vendorSignature.state, 'untrusted');
    assert.equal(verify(dir, ['--vendor-key', state.otherPem]).vendorSignature.state, 'untrusted');
  });

  test('signs with a PKCS#8 key file; a tampered artifact or copied signature is invalid with the reason', () => {
    const dir = bundle('keyfile');
    ok(['changeset', 'sign', dir, '--key-file', state.keyFile, '--name', 'CI bot']);
    assert.equal(verify(dir, ['--vendor-key', state.keyFilePub]).vendorSignature.state, 'verified');
    // The same signature beside another change set: for another digest.
    const other = bundle('other', 'acme-2.13.3-peering');
    cpSync(join(dir, 'signatures'), join(other, 'signatures'), { recursive: true });
    const copied = verify(other, ['--vendor-key', state.keyFilePub]).vendorSignature;
    assert.deepEqual([copied.state, copied.reasons.map((r) => r.code)], ['invalid', ['digest-mismatch']]);
    // Metadata edited after signing changes the digest too: the signature is for another change set.
    writeFileSync(join(dir, 'changeset.yaml'), readFileSync(join(dir, 'changeset.yaml'), 'utf8').replace('release: 2.13.2', 'release: 2.13.9'));
    assert.equal(verify(dir, ['--vendor-key', state.keyFilePub]).vendorSignature.state, 'invalid');
  });

  test('text output names the signer and escapes hostile file names; a garbage file is reported, not fatal', () => {
    const dir = bundle('text');
    ok(['changeset', 'sign', dir, '--key', state.keyId]);
    writeFileSync(join(dir, 'signatures', 'x\u001b]0;pwned\u0007.json'), 'garbage');
    const attestations = join(tmp, 'no-attestations');
    const r = cli(['verify', '--changeset', dir, '--contract', join(DEMO, 'contract.yaml'), '--attestations', attestations, '--trust', state.pem, '--vendor-key', state.pem], { COUNTERSIGN_WORKSPACE: '' });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /Vendor signature: verified, signed by \(unnamed\) \(sha256:/);
    assert.match(r.stdout, /malformed-envelope: signatures\/x\\x1b\]0;pwned\\x07\.json: /);
    assert.doesNotMatch(r.stdout, /[\u001b\u0007]/);
  });

  test('under a roster only its vendor-release entry counts; --vendor-key is then not used', () => {
    const dir = bundle('roster');
    ok(['changeset', 'sign', dir, '--key', state.keyId]);
    const base = readFileSync(join(DEMO, 'contract.yaml'), 'utf8');
    const entry = (roles: string[]) => ({ name: 'Acme (roster)', email: '', fingerprint: state.keyId, publicKey: readFileSync(state.pem, 'utf8'), roles });
    const contract = join(tmp, 'rostered.yaml');
    writeFileSync(contract, `${base}roster: ${JSON.stringify([entry(['vendor-release'])])}\n`);
    const v = verify(dir, ['--vendor-key', state.otherPem], contract).vendorSignature;
    assert.deepEqual([v.state, v.signers.map((s) => s.name)], ['verified', ['Acme (roster)']]);
    writeFileSync(contract, `${base}roster: ${JSON.stringify([entry(['approver'])])}\n`);
    const w = verify(dir, ['--vendor-key', state.pem], contract).vendorSignature;
    assert.deepEqual([w.state, w.reasons.map((r) => r.code)], ['untrusted', ['role-missing']]);
  });

  test('bad uses are one-line errors: an archive, both or no key, a key file that is not a private key', async () => {
    const dir = bundle('bad');
    const tgz = join(tmp, 'bad.tgz');
    await tarCreate({ gzip: true, file: tgz, cwd: dir, portable: true }, ['.']);
    for (const [args, pattern] of [
      [['changeset', 'sign', tgz, '--key', state.keyId], /cannot be signed in place: sign the folder, then pack it/],
      [['changeset', 'sign', dir], /exactly one of --key KEYID .* or --key-file/],
      [['changeset', 'sign', dir, '--key', state.keyId, '--key-file', state.keyFile], /exactly one of/],
      [['changeset', 'sign', dir, '--key-file', state.pem], /not one PKCS#8 PEM private key/],
    ] as const) {
      const r = cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.match(r.stderr, pattern);
    }
    // signatures as a file: signing refuses to write through it; verify reports it as invalid.
    writeFileSync(join(dir, 'signatures'), 'x');
    assert.match(cli(['changeset', 'sign', dir, '--key', state.keyId]).stderr, /signatures: is not a real folder/);
    const v = verify(dir, ['--vendor-key', state.pem]).vendorSignature;
    assert.deepEqual([v.state, v.reasons[0]?.message], ['invalid', 'signatures: is a file, not a folder; release signatures go in a signatures/ folder']);
  });

  test('the workspace import shows the vendor signature state', () => {
    const dir = bundle('imported');
    ok(['changeset', 'sign', dir, '--key', state.keyId]);
    // The customer's workspace trusts the vendor's public key with role vendor.
    const customer = { COUNTERSIGN_WORKSPACE: join(tmp, 'customer-ws', 'countersign.db') };
    ok(['workspace', 'init'], customer);
    ok(['keys', 'trust', state.pem, '--name', 'Acme vendor', '--role', 'vendor'], customer);
    const r = cli(['changeset', 'import', dir, '--format', 'json'], customer);
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as { signaturesStored: number; vendorSignature: { state: string; signers: { name: string }[] } };
    assert.deepEqual([j.signaturesStored, j.vendorSignature.state, j.vendorSignature.signers.map((s) => s.name)], [1, 'verified', ['Acme vendor']]);
  });
});
