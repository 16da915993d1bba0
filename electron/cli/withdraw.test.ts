// `countersign withdraw` (issue 10), the BUILT CLI over a real workspace: once approved, approve
// and reject are refused (exit 1, the refusal's words); withdraw needs a reason (exit 2, before
// any prompt), signs withdrawal/v1 into --out, and the change set is pending again, so the
// reviewer can decide again. Nobody withdraws what they did not sign (exit 1).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';

const BUNDLE = join(repoRoot, 'electron/demo/bundles/acme-2.13.3-peering');
const PASSPHRASE = 'correct horse battery staple';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-withdraw-cli-'));
const WS = join(tmp, 'ws', 'countersign.db');
const OUT = join(tmp, 'out');

function cli(args: readonly string[]) {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: WS, COUNTERSIGN_PASSPHRASE: PASSPHRASE },
  });
  assert.ok(!r.stderr.includes('    at '), `stack trace in stderr: ${r.stderr}`);
  return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr };
}
function ok(args: readonly string[]): string {
  const r = cli(args);
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

before(() => ensureCliBuilt());

describe('countersign withdraw', () => {
  test('approve → refused again → withdraw with a reason → pending → approve again', () => {
    ok(['workspace', 'init']);
    const alice = ok(['keys', 'create', '--name', 'alice']);
    const digest = ok(['changeset', 'import', BUNDLE]).split('\n')[0]!.match(/sha256:[0-9a-f]{64}/)![0];
    ok(['approve', digest, '--key', alice, '--out', OUT]);
    const again = cli(['reject', digest, '--key', alice, '--comment', 'changed my mind', '--out', OUT]);
    assert.equal(again.code, 1, again.stderr);
    assert.match(again.stderr, /already approved under revision 1 by alice: withdraw an approval first to change it/);

    for (const missing of [[], ['--reason', '  ']]) {
      const r = cli(['withdraw', digest, '--key', alice, '--out', OUT, ...missing]);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /withdraw needs --reason TEXT/);
    }
    const file = ok(['withdraw', digest, '--key', alice, '--reason', 'wrong peering target', '--out', OUT]);
    assert.match(file, /withdrawal-[0-9a-f]{12}\.dsse\.json$/);
    assert.ok(existsSync(file));
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as { payload: string };
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8')) as { predicateType: string; predicate: { reason: string; decision: string } };
    assert.equal(statement.predicateType, 'https://countersign.dev/attestations/withdrawal/v1');
    assert.deepEqual([statement.predicate.reason, statement.predicate.decision], ['wrong peering target', 'approve']);
    assert.match(ok(['changeset', 'show', digest]), /pending/);

    const nothing = cli(['withdraw', digest, '--key', alice, '--reason', 'again', '--out', OUT]);
    assert.equal(nothing.code, 1, nothing.stderr);
    assert.match(nothing.stderr, /no standing approval or rejection/);
    ok(['approve', digest, '--key', alice, '--out', OUT]);
  });
});
