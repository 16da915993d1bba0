// Issue 7 hole 9: the app's workspace folders are owner-only, also when an older build made them 0755.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAppContext } from './app-context';

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);
const dir = mkdtempSync(join(tmpdir(), 'countersign-ctx-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('workspace, outbox and inbox folders are 0700 and the database 0600, also when they existed 0755', { skip: process.platform === 'win32' }, async () => {
  const umask = process.umask(0o022);
  try {
    const ws = join(dir, 'ws');
    for (const d of [ws, join(ws, 'outbox'), join(ws, 'inbox')]) {
      mkdirSync(d, { recursive: true });
      chmodSync(d, 0o755);
    }
    const ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: ws, seedDemo: false, demoDir: '' });
    try {
      for (const d of [ws, ctx.outboxDir, ctx.watchDir!]) assert.equal(mode(d), '700', d);
      assert.equal(mode(ctx.ws.path), '600');
    } finally {
      ctx.ws.close();
    }
    const fresh = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'fresh'), seedDemo: false, demoDir: '' });
    try {
      for (const d of [join(dir, 'fresh'), fresh.outboxDir, fresh.watchDir!]) assert.equal(mode(d), '700', d);
    } finally {
      fresh.ws.close();
    }
  } finally {
    process.umask(umask);
  }
});
