// Issue 12 (BK): "Back up workspace" from the app: browser mode writes into the workspace's
// backups/ folder (owner-only), the desktop app where the save dialog says (cancel: nothing).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreWorkspace } from '../../core/app';
import { callApi, createApiHandlers } from '../api-handlers';
import { openAppContext } from '../app-context';
import type { BackupDto } from '../../shared/api-types';

const dir = mkdtempSync(join(tmpdir(), 'countersign-backup-host-'));
const PASS = 'a backup passphrase from the app';
after(() => rmSync(dir, { recursive: true, force: true }));

async function contextIn(name: string, pickSavePath?: (n: string) => Promise<string | null>) {
  return openAppContext({ mode: pickSavePath ? 'electron' : 'browser', version: 'test', workspaceDir: join(dir, name), seedDemo: false, demoDir: dir, watch: false, ...(pickSavePath ? { pickSavePath } : {}) });
}

describe('backupWorkspace (host API)', () => {
  test('browser mode: an encrypted backup in backups/, owner-only, that restores; a weak passphrase is refused as a value', async () => {
    const ctx = await contextIn('browser');
    try {
      const api = createApiHandlers(ctx);
      const weak = await callApi(api, 'backupWorkspace', { passphrase: 'short' });
      assert.equal(!weak.ok && weak.code, 'bad-input');
      const r = await callApi(api, 'backupWorkspace', { passphrase: PASS });
      assert.ok(r.ok && r.value, JSON.stringify(r));
      const value = r.value as BackupDto;
      const file = value.file;
      assert.equal(join(file, '..'), join(dir, 'browser', 'backups'));
      assert.equal(readFileSync(file).subarray(0, 8).toString('latin1'), 'CSBACKUP');
      if (process.platform !== 'win32') assert.equal(statSync(file).mode & 0o777, 0o600);
      const restored = await restoreWorkspace({ file, target: join(dir, 'restored', 'countersign.db'), passphrase: PASS });
      assert.equal(restored.auditEntries, value.auditEntries);
    } finally {
      ctx.ws.close();
    }
  });

  test('desktop: written where the dialog says; cancelled: nothing written, null', async () => {
    const target = join(dir, 'chosen.csbackup');
    let answer: string | null = null;
    const ctx = await contextIn('desktop', async () => answer);
    try {
      const api = createApiHandlers(ctx);
      const cancelled = await callApi(api, 'backupWorkspace', { passphrase: PASS });
      assert.deepEqual(cancelled, { ok: true, value: null });
      assert.equal(existsSync(join(dir, 'desktop', 'backups')), false);
      answer = target;
      const r = await callApi(api, 'backupWorkspace', { passphrase: PASS });
      assert.ok(r.ok && (r.value as BackupDto | null)?.file === target);
      assert.deepEqual(readdirSync(join(dir, 'desktop')).filter((n) => n.startsWith('.countersign-')), [], 'no clear copy left');
    } finally {
      ctx.ws.close();
    }
  });
});
