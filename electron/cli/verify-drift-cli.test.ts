// `countersign verify --drift` (issue 12, D3), the BUILT CLI: the vendor checks the customer's
// drift acknowledgements offline; forged, altered, untrusted or foreign files fail (exit 1),
// usage errors are exit 2.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importChangeSet } from '../core/app';
import { acknowledgeDrift, importDriftSnapshot } from '../core/app/drift';
import { createKey, exportKey } from '../core/app/key-service';
import { initWorkspace } from '../core/store';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { repoRoot } from '../core/testing/corpus';
import { liveStateJson, writeApprovedBundle } from '../core/testing/drift-fixtures';

const tmp = mkdtempSync(join(tmpdir(), 'countersign-verify-drift-'));
const ACKS = join(tmp, 'outbox', '_drift', 'prod-eu');
const PASS = 'correct horse battery staple';
const secrets = { approvedPassword: 'a', livePassword: 'b', liveToken: 'c' };
let trust = '';

function cli(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), 'verify', ...args], {
    cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: '' },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(async () => {
  ensureCliBuilt();
  const ws = initWorkspace(join(tmp, 'ws', 'countersign.db'));
  try {
    const { digest } = await importChangeSet(ws, [writeApprovedBundle(join(tmp, 'bundle'), secrets)]);
    ws.changeSets.setChangeSetState(digest, 'approved', { reason: 'test' });
    const key = await createKey(ws, { name: 'Alice\u001b[31m', passphrase: PASS });
    const [r] = importDriftSnapshot(ws, { install: 'prod-eu', files: [{ name: 'state.json', bytes: Buffer.from(liveStateJson(secrets)) }] });
    for (const [i, item] of r!.report.items.slice(0, 2).entries()) {
      await acknowledgeDrift(ws, { key: item.key, note: `note ${i}`, mode: i === 0 ? 'acknowledged' : 'revert-by-vendor', outboxDir: join(tmp, 'outbox') }, { keyId: key.id, passphrase: PASS });
    }
    trust = join(tmp, 'alice.pem');
    writeFileSync(trust, exportKey(ws, key.id).pem);
  } finally {
    ws.close();
  }
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function driftCli(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), 'drift', ...args], {
    cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('countersign drift counts the workspace\'s signed acknowledgements (exit-code input)', () => {
  test('open items left: exit 1; every item acknowledged or to be reverted: exit 0', async () => {
    const state = join(tmp, 'state.json');
    writeFileSync(state, liveStateJson(secrets));
    const wsPath = join(tmp, 'ws', 'countersign.db');
    const before = driftCli(['--install', 'prod-eu', '--workspace', wsPath, state]);
    assert.equal(before.code, 1, before.stdout + before.stderr);
    assert.match(before.stdout, /1 unacknowledged/);
    const ws = initWorkspace(wsPath);
    try {
      const [r] = importDriftSnapshot(ws, { install: 'prod-eu', files: [{ name: 'state.json', bytes: Buffer.from(liveStateJson(secrets)) }] });
      const keyId = ws.keys.listReviewerKeys()[0]!.id;
      for (const item of r!.report.items.slice(2)) {
        await acknowledgeDrift(ws, { key: item.key, note: 'accepted', mode: 'acknowledged', outboxDir: join(tmp, 'outbox2') }, { keyId, passphrase: PASS });
      }
    } finally {
      ws.close();
    }
    const after = driftCli(['--install', 'prod-eu', '--workspace', wsPath, state]);
    assert.equal(after.code, 0, after.stdout + after.stderr);
  });
});

describe('countersign verify --drift (built CLI)', () => {
  test('the outbox folder verifies with the reviewer\'s key: exit 0, each acknowledgement listed, names escaped', () => {
    const r = cli(['--drift', ACKS, '--trust', trust]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^VERIFIED: 2 drift acknowledgement\(s\)/);
    assert.match(r.stdout, /acknowledged: /);
    assert.match(r.stdout, /to be reverted by the vendor: /);
    assert.ok(!r.stdout.includes('\u001b'), 'no raw escape reaches the terminal');
    const json = cli(['--drift', ACKS, '--trust', trust, '--format', 'json']);
    assert.equal(json.code, 0);
    assert.equal((JSON.parse(json.stdout) as { acknowledgements: unknown[] }).acknowledgements.length, 2);
  });

  test('altered, untrusted-key and non-drift files fail with their reason codes (exit 1)', () => {
    const [name] = readdirSync(ACKS);
    const text = readFileSync(join(ACKS, name!), 'utf8');
    const env = JSON.parse(text) as { payload: string };
    const payload = Buffer.from(env.payload, 'base64').toString('utf8').replace(/"note ([01])"/, '"note changed"');
    const altered = join(tmp, 'altered');
    mkdirSync(altered);
    writeFileSync(join(altered, name!), JSON.stringify({ ...env, payload: Buffer.from(payload).toString('base64') }));
    const a = cli(['--drift', altered, '--trust', trust]);
    assert.equal(a.code, 1);
    assert.match(a.stdout, /bad-signature/);
    const other = join(tmp, 'other.pem');
    writeFileSync(other, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const u = cli(['--drift', ACKS, '--trust', other]);
    assert.equal(u.code, 1);
    assert.match(u.stdout, /untrusted-key/);
    const empty = join(tmp, 'empty');
    mkdirSync(empty);
    assert.equal(cli(['--drift', empty, '--trust', trust]).code, 1);
    const mixed = join(tmp, 'mixed');
    mkdirSync(mixed);
    copyFileSync(join(ACKS, name!), join(mixed, name!));
    writeFileSync(join(mixed, 'junk.dsse.json'), '{not json');
    assert.equal(cli(['--drift', mixed, '--trust', trust]).code, 1);
  });

  test('usage: no --trust, or change-set options beside --drift, is exit 2', () => {
    const r = cli(['--drift', ACKS]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /needs at least one --trust/);
    const m = cli(['--drift', ACKS, '--trust', trust, '--changeset', 'x']);
    assert.equal(m.code, 2);
    assert.match(m.stderr, /drop --changeset/);
    assert.equal(cli(['--drift', join(tmp, 'missing'), '--trust', trust]).code, 2);
  });
});
