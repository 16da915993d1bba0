// Issue 12 (D3): the watched inbox's drift/ folder imports snapshots as drift reports of the
// install its folder names; a file straight in drift/, a link, a nested folder or a broken
// snapshot is set aside with its reason and stores nothing; names are escaped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importChangeSet } from '../core/app';
import { driftInbox, listDriftReports } from '../core/app/drift';
import { liveStateJson, writeApprovedBundle } from '../core/testing/drift-fixtures';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';
import { watchInbox } from './inbox-watcher';

const dir = mkdtempSync(join(tmpdir(), 'countersign-drift-watch-'));
const secrets = { approvedPassword: 'pw-approved', livePassword: 'pw-live', liveToken: 'token-live' };
let ctx: AppContext;

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: false, demoDir: '' });
  const { digest } = await importChangeSet(ctx.ws, [writeApprovedBundle(join(dir, 'bundle'), secrets)]);
  ctx.ws.changeSets.setChangeSetState(digest, 'approved', { reason: 'test: approved by quorum' });
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function look(): Promise<string[]> {
  const lines: string[] = [];
  const watcher = watchInbox(ctx, { settleMs: 10_000, log: (l) => lines.push(l) });
  try {
    await watcher.scan();
    await watcher.scan();
  } finally {
    watcher.close();
  }
  return lines;
}

const driftDir = () => join(ctx.watchDir!, 'drift');

describe('watched inbox drift/ folder', () => {
  test('the folder is made at the first look, and a snapshot in drift/<install>/ becomes that install\'s drift item', async () => {
    await look();
    assert.ok(readdirSync(ctx.watchDir!).includes('drift'));
    mkdirSync(join(driftDir(), 'prod-eu'));
    writeFileSync(join(driftDir(), 'prod-eu', 'state.json'), liveStateJson(secrets));
    const lines = await look();
    assert.ok(lines.some((l) => l.includes('imported drift snapshot drift/prod-eu/state.json')), lines.join('\n'));
    const items = driftInbox(ctx.ws);
    assert.equal(items.length, 1);
    assert.equal(items[0]!.install, 'prod-eu');
    assert.equal(items[0]!.snapshotFile, 'inbox/drift/prod-eu/state.json', 'named as the user sees it, never an absolute path');
    assert.deepEqual(readdirSync(join(driftDir(), 'prod-eu')), [], 'moved on');
    assert.ok(readdirSync(join(ctx.watchDir!, 'imported')).some((n) => n.endsWith('-drift-prod-eu-state.json')));
  });

  test('refused: a file straight in drift/, a link, a nested folder, an install with no approved change set, a broken file; nothing stored', async () => {
    const before = listDriftReports(ctx.ws).length;
    const problems = ctx.watchProblems.length;
    writeFileSync(join(driftDir(), 'loose.json'), liveStateJson(secrets));
    symlinkSync(join(dir, 'bundle', 'infra', 'plan.json'), join(driftDir(), 'prod-eu', 'link.json'));
    mkdirSync(join(driftDir(), 'prod-eu', 'nested'));
    mkdirSync(join(driftDir(), 'unknown-install'));
    writeFileSync(join(driftDir(), 'unknown-install', 'state.json'), liveStateJson(secrets));
    writeFileSync(join(driftDir(), 'prod-eu', 'broken.json'), '{"format_version": "1.0", "values": {} x');
    await look();
    assert.equal(listDriftReports(ctx.ws).length, before);
    const shown = ctx.watchProblems.slice(0, ctx.watchProblems.length - problems);
    const byFile = new Map(shown.map((p) => [p.file, p.message]));
    assert.match(byFile.get('drift/loose.json') ?? '', /folder named after its install/);
    assert.match(byFile.get('drift/prod-eu/link.json') ?? '', /symbolic link/);
    assert.match(byFile.get('drift/prod-eu/nested') ?? '', /not a regular file/);
    assert.match(byFile.get('drift/unknown-install/state.json') ?? '', /no approved change set/);
    assert.match(byFile.get('drift/prod-eu/broken.json') ?? '', /broken\.json/);
    for (const p of shown) assert.match(p.movedTo, /^inbox\/failed\//);
  });

  test('an install folder named with control or direction characters is refused, and shown escaped', async () => {
    const name = 'prod\u202eue\u0007';
    mkdirSync(join(driftDir(), name));
    writeFileSync(join(driftDir(), name, 'state.json'), liveStateJson(secrets));
    await look();
    const p = ctx.watchProblems[0]!;
    assert.doesNotMatch(p.file, /[\u202e\u0007]/);
    assert.match(p.message, /install name holds a control or direction-changing character/);
  });
});
