// `countersign keys create` refuses a second personal key; `keys rotate` replaces it: the old key
// revoked, a new revision of the contract naming the new key, published by it (built CLI).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';

const PASSPHRASE = 'correct horse battery staple';
const NEW_PASSPHRASE = 'another horse, another staple';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-rotate-cli-'));
const WS = join(tmp, 'ws', 'countersign.db');
const OUTBOX = join(tmp, 'ws', 'outbox');
const DAY = 24 * 3600_000;

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: WS, COUNTERSIGN_PASSPHRASE: PASSPHRASE, COUNTERSIGN_NEW_PASSPHRASE: NEW_PASSPHRASE, ...env },
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

before(() => ensureCliBuilt());

describe('keys create / keys rotate (built CLI)', () => {
  let alice = '';
  test('a second personal key is refused before any passphrase is asked, naming the key to rotate', () => {
    ok(['workspace', 'init']);
    alice = ok(['keys', 'create', '--name', 'Alice']);
    // No passphrase in the environment and no terminal: the refusal still comes first.
    badInput(cli(['keys', 'create', '--name', 'Alice 2'], { COUNTERSIGN_PASSPHRASE: undefined }),
      new RegExp(`already holds your personal key Alice \\(${alice}\\); rotate it to replace it`));
    assert.equal((JSON.parse(ok(['keys', 'list', '--format', 'json'])) as { reviewer: unknown[] }).reviewer.length, 1);
  });

  test('rotate: new key, old revoked, revision 2 with both roster entries, published by the new key into the outbox', () => {
    const pem = ok(['keys', 'export', alice]);
    const demo = readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8').replace('countersign.dev/v2', 'countersign.dev/v3');
    writeFileSync(join(tmp, 'c.yaml'), `${demo}roster: ${JSON.stringify([{ name: 'Alice Example', email: 'alice@example.com', fingerprint: alice, publicKey: pem, roles: ['contract-owner', 'approver'] }])}\n`);
    ok(['contract', 'import', join(tmp, 'c.yaml')]);
    const notAfter = new Date(Date.now() + 30 * DAY).toISOString();
    ok(['contract', 'publish', '--key', alice, '--not-after', notAfter, '--out', join(tmp, 'published')]);

    const r = cli(['keys', 'rotate', alice.slice(7, 19)]);
    assert.equal(r.code, 0, r.stderr);
    const newKey = r.stdout.trim();
    assert.match(newKey, /^sha256:[0-9a-f]{64}$/);
    assert.match(r.stderr, new RegExp(`revoked ${alice}; new key "Alice" ${newKey}`));
    assert.match(r.stderr, /contract acme-prod-eu: saved and published revision 2, signed by the new key/);
    assert.deepEqual(readdirSync(OUTBOX).filter((f) => f.startsWith('acme-prod-eu-r2')).sort(), ['acme-prod-eu-r2.contract.yaml', 'acme-prod-eu-r2.publication.json']);
    const contract = readFileSync(join(OUTBOX, 'acme-prod-eu-r2.contract.yaml'), 'utf8');
    assert.ok(contract.includes(newKey) && contract.includes(alice) && /revoked:/.test(contract));

    const listed = JSON.parse(ok(['keys', 'list', '--format', 'json'])) as { reviewer: { id: string; revokedAt: string | null }[] };
    assert.deepEqual(listed.reviewer.map((k) => [k.id, k.revokedAt !== null]), [[alice, true], [newKey, false]]);
    // The old key can sign nothing any more; the new one opens with the new passphrase.
    assert.match(ok(['audit', 'verify']), /audit log ok: \d+ entries, hash chain intact/);
  });

  test('rotate refusals are one line, exit 2: a revoked key, a wrong passphrase, no new passphrase without a terminal', () => {
    badInput(cli(['keys', 'rotate', alice]), /revoked .*rotate the key in force/);
    const current = (JSON.parse(ok(['keys', 'list', '--format', 'json'])) as { reviewer: { id: string; revokedAt: string | null }[] }).reviewer.find((k) => k.revokedAt === null)!.id;
    badInput(cli(['keys', 'rotate', current], { COUNTERSIGN_PASSPHRASE: 'not the passphrase' }), /wrong passphrase/);
    const setsid = ['/usr/bin/setsid', '/bin/setsid'].find((p) => existsSync(p));
    if (setsid) {
      const env: NodeJS.ProcessEnv = { ...process.env, COUNTERSIGN_WORKSPACE: WS, COUNTERSIGN_PASSPHRASE: NEW_PASSPHRASE };
      delete env.COUNTERSIGN_NEW_PASSPHRASE;
      const r = spawnSync(setsid, ['--wait', process.execPath, join(repoRoot, 'electron/cli/countersign.mjs'), 'keys', 'rotate', current], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
      badInput({ code: r.status, stdout: r.stdout, stderr: r.stderr }, /no passphrase: set COUNTERSIGN_NEW_PASSPHRASE or run in a terminal/);
    }
  });
});
