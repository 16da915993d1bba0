// Batch exceptions and `countersign export` through the BUILT CLI: one exception/v2 lists every
// deny finding of the demo's blocked bundle (shown before the passphrase), and the exported
// folder is refused by the vendor's verify before the quorum and accepted after.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';
import { addLegacyReviewerKeyAt } from '../core/testing/legacy-keys';

const BUNDLE = join(repoRoot, 'electron/demo/bundles/acme-2.14.0-blocked');
const PASSPHRASE = 'correct horse battery staple';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-batch-cli-'));
const WS = join(tmp, 'ws', 'countersign.db');
const OUT = join(tmp, 'out');
const CONTRACT = `apiVersion: countersign.dev/v1
kind: Contract
metadata: {name: acme-production, vendor: Acme Analytics}
spec:
  extends: [baseline]
  approvals: {quorum: 1, exceptionQuorum: 2, maxExceptionDays: 30}
`;

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }
function cli(args: readonly string[]): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: WS, COUNTERSIGN_PASSPHRASE: PASSPHRASE },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function ok(args: readonly string[]): string {
  const r = cli(args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}
const state = { digest: '', alice: '', bob: '', pems: [] as string[] };
const expires = () => new Date(Date.now() + 7 * 86_400_000).toISOString();
const request = (...selection: string[]) => cli(['exception', 'request', state.digest, ...selection, '--justification', 'migration window', '--expires', expires(), '--key', state.alice, '--out', OUT]);

before(async () => {
  ensureCliBuilt();
  writeFileSync(join(tmp, 'contract.yaml'), CONTRACT);
  ok(['workspace', 'init']);
  ok(['contract', 'import', join(tmp, 'contract.yaml')]);
  state.alice = ok(['keys', 'create', '--name', 'alice']);
  // A second person's key in the same workspace, as builds before the one-personal-key rule allowed.
  state.bob = await addLegacyReviewerKeyAt(WS, { name: 'bob', passphrase: PASSPHRASE });
  for (const id of [state.alice, state.bob]) {
    const pem = join(tmp, `${id.slice(7, 19)}.pem`);
    writeFileSync(pem, ok(['keys', 'export', id]));
    state.pems.push(pem);
  }
  state.digest = ok(['changeset', 'import', BUNDLE]);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('exception request: batch options', () => {
  test('a selection that mixes kinds, or a pattern with a hidden character, is refused (exit 2) and signs nothing', () => {
    for (const args of [['--all-deny', '--policy', 'db-no-replace'], ['--resource', 'x', '--severity', 'high', '--policy', 'db-no-replace'], ['--match', 'module.\u202e*'], ['--severity', 'urgent'], ['--match', 'a', '--match', 'b']]) {
      const r = request(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    }
    assert.deepEqual(readdirSafe(OUT), []);
  });

  test('export before any signature: written, and the vendor\'s verify would refuse it with reasons (exit 1)', () => {
    const dir = join(tmp, 'before');
    const r = cli(['export', state.digest, '--dir', dir]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /verify as the vendor .*BLOCKED/);
    assert.match(r.stderr, /unwaived-finding/);
    assert.match(r.stderr, /quorum-not-met/);
  });

  test('--all-deny: ONE exception/v2 lists every deny finding, shown before the passphrase; after co-signing and approval the export verifies', () => {
    const r = request('--all-deny');
    assert.equal(r.code, 0, r.stderr);
    const shown = /the exception will waive (\d+) finding\(s\)/.exec(r.stderr);
    assert.ok(shown, r.stderr);
    const file = r.stdout.trim();
    const statement = JSON.parse(Buffer.from((JSON.parse(readFileSync(file, 'utf8')) as { payload: string }).payload, 'base64').toString('utf8')) as { predicateType: string; predicate: { waives: { policy: string; address?: string; pattern?: string }[] } };
    assert.match(statement.predicateType, /exception\/v2$/);
    assert.equal(statement.predicate.waives.length, Number(shown[1]));
    assert.ok(statement.predicate.waives.length >= 2 && statement.predicate.waives.every((w) => w.address !== undefined && w.pattern === undefined), 'exact addresses only');
    for (const w of statement.predicate.waives) assert.ok(r.stderr.includes(`    ${w.address}`), `listed before signing: ${w.address}`);
    assert.equal(cli(['exception', 'sign', file, '--key', state.bob, '--out', OUT]).code, 0);
    ok(['approve', state.digest, '--key', state.alice, '--out', OUT]);

    const dir = join(tmp, 'for-vendor');
    const exported = cli(['export', state.digest, '--dir', dir]);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stderr, /passes/);
    const files = readdirSync(dir);
    assert.equal(files.filter((f) => f.startsWith('exception-')).length, 1);
    const contract = join(dir, files.find((f) => f.endsWith('.contract.yaml'))!);
    const verify = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), 'verify', '--changeset', BUNDLE, '--contract', contract, '--attestations', dir, ...state.pems.flatMap((p) => ['--trust', p])], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(verify.status, 0, `${verify.stdout}\n${verify.stderr}`);

    // A second export into the same folder is the same set; a folder with other attestations is refused.
    writeFileSync(join(dir, 'approval-0123456789ab.dsse.json'), '{}');
    const busy = cli(['export', state.digest, '--dir', dir]);
    assert.equal(busy.code, 2, busy.stderr);
    assert.match(busy.stderr, /already holds other attestation or contract files/);
  });

  test('with nothing left to waive, a batch is refused with the reason', () => {
    const r = request('--all-deny');
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /no waivable finding matches/);
  });
});

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
