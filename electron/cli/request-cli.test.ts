// The co-signing flow with the BUILT CLI, for teams that script it: request export on one
// workspace, request import and exception sign on another, attestations import back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtCli, ensureCliBuilt } from '../core/testing/built-cli';
import { COSIGN_PASS, twoWorkspaces } from '../core/testing/cosign-fixtures';
import type { TwoWorkspaces } from '../core/testing/cosign-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'countersign-request-cli-'));
let w: TwoWorkspaces;
let alice: string;
let bob: string;
let exceptionFile: string;

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }
function cli(args: readonly string[], workspace: 'a' | 'b'): Run {
  const r = spawnSync(process.execPath, [builtCli, ...args], {
    cwd: dir, encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: join(dir, `${workspace}.db`), COUNTERSIGN_PASSPHRASE: COSIGN_PASS },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function ok(args: readonly string[], workspace: 'a' | 'b'): Run {
  const r = cli(args, workspace);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r;
}

before(async () => {
  ensureCliBuilt();
  w = await twoWorkspaces(dir);
  alice = w.alice.id;
  bob = w.bob.id;
  exceptionFile = w.exception.path;
  w.a.close();
  w.b.close();
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('countersign request / attestations', () => {
  test('export, import on the other workspace, co-sign, import the signed file back: 2 of 2', () => {
    const exported = ok(['request', 'export', w.digest.slice(0, 20), '--note', 'please co-sign'], 'a');
    const name = exported.stdout.trim();
    assert.match(name, /^\.\/Acme_Analytics-2\.14\.0-[0-9a-f]{12}\.countersign-request\.json$|^Acme_Analytics-2\.14\.0-[0-9a-f]{12}\.countersign-request\.json$/);
    assert.equal(statSync(join(dir, name)).mode & 0o777, 0o600, 'owner-only');
    assert.match(exported.stderr, /exception sha256:[0-9a-f]{64}: 1 signature\(s\)/);
    const imported = ok(['request', 'import', join(dir, name)], 'b');
    assert.equal(imported.stdout.trim(), w.digest);
    assert.match(imported.stderr, /signing request from Alice \(sha256:[0-9a-f]{64}\): please co-sign/);
    ok(['exception', 'sign', exceptionFile, '--key', bob, '--out', join(dir, 'out-b')], 'b');
    const signed = join(dir, 'out-b', readdirSync(join(dir, 'out-b'))[0]!);
    const back = ok(['attestations', 'import', signed], 'a');
    assert.match(back.stdout, /: 1 signature recorded: exception sha256:[0-9a-f]{12}… now 2 of 2/);
    assert.ok(alice);
  });

  test('a tampered request is refused with the reason, exit 2, nothing stored', () => {
    const file = join(dir, readdirSync(dir).find((n) => n.endsWith('.countersign-request.json'))!);
    const r = JSON.parse(readFileSync(file, 'utf8')) as { contract: { text: string } };
    r.contract.text = r.contract.text.replace('quorum: 2,', 'quorum: 1,');
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(r));
    const refused = cli(['request', 'import', join(dir, 'tampered.json')], 'b');
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /its text resolves to sha256:[0-9a-f]+, not the sha256:[0-9a-f]+ it states/);
    const notEnvelope = cli(['attestations', 'import', join(dir, 'tampered.json')], 'a');
    assert.equal(notEnvelope.code, 2);
    assert.match(notEnvelope.stderr, /is a signing request, not a signed attestation/);
  });
});
