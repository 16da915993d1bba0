// The outbox write and its database commit (issue 8): the file is staged before the commit and
// put in place after it, so a failed commit leaves no file and an unwritable folder records nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../model/errors';
import { commitWithFile } from './outbox-files';
import type { OutboxStep } from './outbox-files';

const FILE = { name: 'approval-0123456789ab.dsse.json', text: '{"payload":"e30=","signatures":[]}\n' };

test('the steps run in order: staged (temporary file only), committed, published (file in place, nothing else)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-outbox-'));
  try {
    const seen: [OutboxStep, string[]][] = [];
    const r = commitWithFile(dir, FILE, () => 42, (step) => seen.push([step, readdirSync(dir).map((n) => n.replace(/\.\d+\.tmp$/, '.PID.tmp'))]));
    assert.equal(r.value, 42);
    assert.deepEqual(seen, [
      ['staged', [`.${FILE.name}.PID.tmp`]],
      ['committed', [`.${FILE.name}.PID.tmp`]],
      ['published', [FILE.name]],
    ]);
    assert.equal(readFileSync(r.path, 'utf8'), FILE.text);
    if (process.platform !== 'win32') assert.equal(statSync(r.path).mode & 0o777, 0o600);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a commit that fails leaves no file, staged or final', () => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-outbox-'));
  try {
    assert.throws(() => commitWithFile(dir, FILE, () => {
      throw new Error('constraint failed');
    }), /constraint failed/);
    assert.deepEqual(readdirSync(dir), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an outbox that cannot be written is an input error, and nothing is committed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-outbox-'));
  try {
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    let committed = false;
    assert.throws(() => commitWithFile(join(notAFolder, 'outbox'), FILE, () => (committed = true)),
      (e: unknown) => e instanceof InputError && /cannot write approval-0123456789ab\.dsse\.json here \(\w+\); nothing was recorded/.test(e.message));
    assert.equal(committed, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
