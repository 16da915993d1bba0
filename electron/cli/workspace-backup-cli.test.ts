// Issue 12 (BK): `countersign workspace backup|restore` (built CLI): exit codes, the passphrase
// never on the command line, refusals that replace nothing.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot } from '../core/testing/corpus';
import { ensureCliBuilt } from '../core/testing/built-cli';

const PASSPHRASE = 'correct horse battery staple';
const BACKUP_PASSPHRASE = 'a different backup passphrase';
const tmp = mkdtempSync(join(tmpdir(), 'countersign-backup-cli-'));
const WS = join(tmp, 'laptop', 'countersign.db');
const BACKUP = join(tmp, 'laptop.csbackup');

interface Run { readonly code: number | null; readonly stdout: string; readonly stderr: string }

function cli(args: readonly string[], env: Record<string, string | undefined> = {}): Run {
  const r = spawnSync(process.execPath, [join(repoRoot, 'electron/cli/countersign.mjs'), ...args], {
    cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', COUNTERSIGN_DEBUG: '', COUNTERSIGN_WORKSPACE: WS, COUNTERSIGN_PASSPHRASE: PASSPHRASE, COUNTERSIGN_BACKUP_PASSPHRASE: BACKUP_PASSPHRASE, ...env },
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
function listing(folder: string): string[] {
  return readdirSync(folder).sort();
}

before(() => ensureCliBuilt());

describe('workspace backup / restore (built CLI)', () => {
  let key = '';
  test('backup: exit 0, an encrypted file; never a passphrase on the command line', () => {
    ok(['workspace', 'init']);
    key = ok(['keys', 'create', '--name', 'Alice']);
    badInput(cli(['workspace', 'backup', '--out', BACKUP, '--passphrase', BACKUP_PASSPHRASE]), /unknown option '--passphrase'/);
    // No passphrase in the environment and no terminal (stdin is not one; CI has no /dev/tty).
    badInput(cli(['workspace', 'backup', '--out', BACKUP], { COUNTERSIGN_BACKUP_PASSPHRASE: undefined }), /no passphrase: set COUNTERSIGN_BACKUP_PASSPHRASE/);
    assert.equal(existsSync(BACKUP), false);
    badInput(cli(['workspace', 'backup', '--out', BACKUP], { COUNTERSIGN_BACKUP_PASSPHRASE: 'short' }), /at least 12 characters/);
    badInput(cli(['workspace', 'backup']), /needs --out FILE/);
    assert.match(ok(['workspace', 'backup', '--out', BACKUP]), /^backed up to .*laptop\.csbackup: schema \d+, \d+ audit entries/);
    assert.equal(readFileSync(BACKUP).subarray(0, 8).toString('latin1'), 'CSBACKUP');
    badInput(cli(['workspace', 'backup', '--out', BACKUP]), /already exists \(pass --force/);
    ok(['workspace', 'backup', '--out', BACKUP, '--force']);
    assert.deepEqual(listing(dirname(WS)).filter((n) => !n.startsWith('countersign.db')), [], 'no clear copy next to the workspace');
  });

  test('restore on a new machine: exit 0; the chain verifies; the key travelled', () => {
    const target = join(tmp, 'new-machine', 'countersign.db');
    assert.match(ok(['workspace', 'restore', BACKUP, '--workspace', target]), /^restored .*: audit log ok \(\d+ entries, 0 recorded head\(s\) found\)/);
    assert.match(ok(['audit', 'verify', '--workspace', target]), /audit log ok/);
    assert.match(ok(['keys', 'list', '--workspace', target]), new RegExp(`own\\s+${key}`));
  });

  test('every refusal: exit 2, one line naming the file, nothing replaced', () => {
    const target = join(tmp, 'kept', 'countersign.db');
    ok(['workspace', 'init', '--workspace', target]);
    const before = readFileSync(target);
    const files = listing(dirname(target));
    // An existing workspace is refused before the passphrase is asked for.
    badInput(cli(['workspace', 'restore', BACKUP, '--workspace', target], { COUNTERSIGN_BACKUP_PASSPHRASE: undefined }), /a workspace exists here: pass --force/);
    const bytes = readFileSync(BACKUP);
    const variant = (name: string, b: Buffer): string => {
      const f = join(tmp, name);
      writeFileSync(f, b);
      return f;
    };
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 40] = flipped[flipped.length - 40]! ^ 0x01;
    const newer = Buffer.from(bytes);
    newer.writeUInt16BE(7, 8);
    const cases: readonly [string, string, Record<string, string>, RegExp][] = [
      ['wrong passphrase', BACKUP, { COUNTERSIGN_BACKUP_PASSPHRASE: 'not the backup passphrase' }, /laptop\.csbackup: wrong passphrase/],
      ['tampered', variant('tampered.csbackup', flipped), {}, /tampered\.csbackup: was changed or truncated/],
      ['truncated', variant('truncated.csbackup', bytes.subarray(0, bytes.length - 1000)), {}, /truncated\.csbackup: was changed or truncated/],
      ['newer version', variant('newer.csbackup', newer), {}, /newer\.csbackup: was written by a newer Countersign \(backup format version 7/],
      ['not a backup', target, {}, /is not a Countersign workspace backup/],
      ['missing', join(tmp, 'nope.csbackup'), {}, /nope\.csbackup: cannot read the backup \(ENOENT\)/],
    ];
    for (const [name, file, env, message] of cases) {
      const r = cli(['workspace', 'restore', file, '--workspace', target, '--force'], env);
      badInput(r, message);
      assert.deepEqual(readFileSync(target), before, `${name}: the workspace is unchanged`);
      assert.deepEqual(listing(dirname(target)), files, `${name}: nothing added or left`);
    }
  });

  test('--force keeps the old workspace aside', () => {
    const target = join(tmp, 'kept', 'countersign.db');
    const before = readFileSync(target);
    const r = cli(['workspace', 'restore', BACKUP, '--workspace', target, '--force']);
    assert.equal(r.code, 0, r.stderr);
    const aside = /kept at (\S+)/.exec(r.stderr)?.[1];
    assert.ok(aside && existsSync(aside), r.stderr);
    assert.deepEqual(readFileSync(aside), before);
  });

  test('an authentic backup of a workspace whose audit log was edited: exit 1, nothing restored', () => {
    const edited = join(tmp, 'edited', 'countersign.db');
    ok(['workspace', 'init', '--workspace', edited]);
    ok(['keys', 'create', '--name', 'Eve', '--workspace', edited]);
    const db = new Database(edited);
    db.exec('DROP TRIGGER audit_log_append_only');
    db.prepare("UPDATE audit_log SET actor = 'os:mallory' WHERE seq = 1").run();
    db.close();
    const file = join(tmp, 'edited.csbackup');
    ok(['workspace', 'backup', '--out', file, '--workspace', edited]);
    const target = join(tmp, 'edited-restored', 'countersign.db');
    const r = cli(['workspace', 'restore', file, '--workspace', target]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /audit log is broken at entry 1 \(edited\).*nothing was restored/);
    assert.equal(existsSync(target), false);
  });
});
