// Issue 7 hole 9: the watched inbox folder never follows a link out of itself, and never
// reads a FIFO, socket or device (lstat, at the top and inside dropped folders).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';
import { watchInbox } from './inbox-watcher';

const BUNDLE = join(repoRoot, 'electron/demo/bundles/acme-2.13.3-peering');
const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: private-marker}\nspec: {containers: [{name: c, image: nginx:1.27}]}\n';
const dir = mkdtempSync(join(tmpdir(), 'countersign-inbox-'));
const outside = join(dir, 'outside');
let ctx: AppContext;

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: false, demoDir: '' });
  mkdirSync(outside);
  writeFileSync(join(outside, 'private.yaml'), POD);
  cpSync(BUNDLE, join(outside, 'bundle'), { recursive: true });
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Drops `name` into the inbox with `make`, lets the watcher look twice, and says where it went. */
async function drop(name: string, make: (path: string) => void): Promise<{ readonly failed: boolean; readonly problem: string | undefined; readonly imported: number }> {
  const before = ctx.ws.listInbox({ limit: 1000 }).total;
  const watcher = watchInbox(ctx, { settleMs: 10_000, log: () => undefined });
  try {
    make(join(ctx.watchDir!, name));
    await watcher.scan();
    await watcher.scan();
  } finally {
    watcher.close();
  }
  const failed = readdirSync(join(ctx.watchDir!, 'failed')).some((n) => n.endsWith(`-${name}`));
  const problem = ctx.watchProblems.find((p) => p.file === name)?.message;
  return { failed, problem, imported: ctx.ws.listInbox({ limit: 1000 }).total - before };
}

describe('watched inbox folder: links and special files', () => {
  test('a symbolic link to a file outside the inbox is set aside unread', async () => {
    const r = await drop('link.yaml', (p) => symlinkSync(join(outside, 'private.yaml'), p));
    assert.equal(r.imported, 0);
    assert.ok(r.failed);
    assert.match(r.problem ?? '', /link\.yaml is a symbolic link/);
  });

  test('a symbolic link to a bundle folder outside the inbox is set aside unread', async () => {
    const r = await drop('bundle-link', (p) => symlinkSync(join(outside, 'bundle'), p));
    assert.equal(r.imported, 0);
    assert.match(r.problem ?? '', /bundle-link is a symbolic link/);
  });

  test('a dropped bundle folder holding a link (even one that stays inside) is set aside', async () => {
    const r = await drop('linked-bundle', (p) => {
      cpSync(BUNDLE, p, { recursive: true });
      symlinkSync(join(outside, 'private.yaml'), join(p, 'notes.yaml'));
    });
    assert.equal(r.imported, 0);
    assert.match(r.problem ?? '', /linked-bundle\/notes\.yaml is a symbolic link/);
  });

  test('a FIFO is set aside without being opened (opening one blocks forever)', { timeout: 60_000 }, async () => {
    const r = await drop('plan.json', (p) => execFileSync('mkfifo', [p]));
    assert.equal(r.imported, 0);
    assert.match(r.problem ?? '', /not a regular file or folder/);
  });

  test('a real bundle folder is still imported', async () => {
    const r = await drop('peering', (p) => cpSync(BUNDLE, p, { recursive: true }));
    assert.equal(r.problem, undefined);
    assert.equal(r.imported, 1);
  });
});
