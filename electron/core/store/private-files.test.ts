// Issue 7 hole 9: the workspace file, its WAL and SHM, and the outbox files are owner-only,
// whatever the umask, and a workspace left world-readable by an older build is tightened on open.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attestationFile, writeAttestationFile } from '../app/workspace-judgement';
import { initWorkspace, openWorkspace } from './workspace';

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const dir = mkdtempSync(join(tmpdir(), 'countersign-private-'));
let umask: number;

// The loosest umask there is: the modes must come from the code, not from the environment.
before(() => { umask = process.umask(0); });
after(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

describe('owner-only workspace files (umask 000)', { skip: process.platform === 'win32' }, () => {
  test('a new workspace: its folder 0700, the file, WAL and SHM 0600', () => {
    const file = join(dir, 'new', 'deeper', 'countersign.db');
    const ws = initWorkspace(file);
    try {
      assert.ok(existsSync(`${file}-wal`) && existsSync(`${file}-shm`));
      for (const f of [file, `${file}-wal`, `${file}-shm`]) assert.equal(mode(f), '600', f);
      assert.equal(mode(join(dir, 'new', 'deeper')), '700');
    } finally {
      ws.close();
    }
  });

  test('an existing workspace left 0644 is tightened to 0600 when opened (file, WAL, SHM)', () => {
    const file = join(dir, 'old.db');
    const first = initWorkspace(file);
    try {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) chmodSync(f, 0o644);
      const second = openWorkspace(file);
      second.close();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) assert.equal(mode(f), '600', f);
    } finally {
      first.close();
    }
  });

  test('a read-only open tightens too; a folder the user named is left as it is', () => {
    const mine = join(dir, 'users-folder');
    mkdirSync(mine, { mode: 0o755 });
    chmodSync(mine, 0o755);
    const file = join(mine, 'countersign.db');
    initWorkspace(file).close();
    chmodSync(file, 0o644);
    openWorkspace(file, { readonly: true }).close();
    assert.equal(mode(file), '600');
    assert.equal(mode(mine), '755');
  });

  test('an attestation written to the outbox is 0600, in a folder created 0700', () => {
    const out = join(dir, 'outbox');
    const path = writeAttestationFile(out, attestationFile('a.intoto.jsonl', { payloadType: 'x', payload: '', signatures: [] }));
    assert.equal(mode(path), '600');
    assert.equal(mode(out), '700');
  });
});
