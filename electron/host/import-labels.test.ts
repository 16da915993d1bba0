// Issue 11 (imports): dropped bare files keep their own names (audit, origin, inbox title);
// display labels through the API; watched-folder failures say where the file went and can be
// dismissed; "the inbox changed" reaches the screen (events, and the browser host's event
// stream opened by a single-use ticket).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import type { ChangeSetDisplayDto, Inbox, WatchProblemDto } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';
import { startBrowserHost } from './browser-host';
import type { BrowserHost } from './browser-host';
import type { InboxChange } from './inbox-events';
import { watchInbox } from './inbox-watcher';

const RELEASE = join(repoRoot, 'electron/demo/bundles/acme-2.13.2-chart-bump/k8s/release.yaml');
const dir = mkdtempSync(join(tmpdir(), 'countersign-import-labels-'));
let ctx: AppContext;
let api: ApiHandlers;
let host: BrowserHost;
const changes: InboxChange[] = [];

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: false, demoDir: '' });
  api = createApiHandlers(ctx);
  ctx.inboxEvents.subscribe((c) => changes.push(c));
  host = await startBrowserHost({ handlers: api, rendererDir: join(dir, 'no-renderer'), token: 'test-token', events: { changes: ctx.inboxEvents, tickets: ctx.eventTickets } });
});
after(async () => {
  await host.close();
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ok<T>(method: Parameters<typeof callApi>[1], input: unknown): Promise<T> {
  const r = await callApi(api, method, input);
  assert.ok(r.ok, JSON.stringify(r));
  return r.value as T;
}

let digest = '';

describe('bare files dropped on the app', () => {
  test('the audit entry and the change set record the file name, never the temporary folder', async () => {
    const r = await ok<{ digest: string }>('importFiles', { files: [{ path: 'release.yaml', dataBase64: readFileSync(RELEASE).toString('base64') }] });
    digest = r.digest;
    const entry = ctx.ws.audit.page(0, 1000).find((e) => e.action === 'changeset.import' && e.subject === digest)!;
    assert.equal(entry.details.origin, 'release.yaml');
    assert.doesNotMatch(JSON.stringify(entry), /countersign-import-|\/tmp\//);
    assert.equal(ctx.ws.changeSets.getChangeSet(digest)!.origin, 'release.yaml');
  });

  test('the inbox names it after its file', async () => {
    const inbox = await ok<Inbox>('listInbox', {});
    const item = inbox.groups.flatMap((g) => g.items).find((i) => i.digest === digest)!;
    assert.equal(item.display.title, 'release.yaml');
  });

  test('labels through the API: set, shown in the inbox and header, hostile text refused as a value', async () => {
    const shown = await ok<ChangeSetDisplayDto>('setChangeSetLabels', { digest, labels: { vendor: 'Acme', release: '2.13.2' } });
    assert.deepEqual([shown.vendor, shown.release, shown.title], ['Acme', '2.13.2', 'release.yaml']);
    assert.equal(changes.at(-1), 'labelled');
    const header = await ok<{ display: ChangeSetDisplayDto }>('getChangeSet', { digest });
    assert.deepEqual(header.display.labelled, ['vendor', 'release']);
    const bad = await callApi(api, 'setChangeSetLabels', { digest, labels: { app: 'evil\u202Egnp.exe' } });
    assert.ok(!bad.ok && bad.code === 'bad-request' && /labels\.app: the label contains .*U\+202E/.test(bad.message), JSON.stringify(bad));
    const unknownField = await callApi(api, 'setChangeSetLabels', { digest, labels: { contract: 'acme' } });
    assert.ok(!unknownField.ok && unknownField.code === 'bad-request');
  });
});

describe('watched inbox folder: notices and events', () => {
  test('a failure says where the file went (inbox/failed/…) and why; it can be dismissed; each step is an event', async () => {
    changes.length = 0;
    const watcher = watchInbox(ctx, { settleMs: 10_000, log: () => undefined });
    try {
      writeFileSync(join(ctx.watchDir!, 'broken.json'), '{"format_version": "1.2", "resource_changes": [');
      writeFileSync(join(ctx.watchDir!, 'plan.yaml'), readFileSync(RELEASE).toString().replace('replicas: 3', 'replicas: 4'));
      await watcher.scan();
      await watcher.scan();
    } finally {
      watcher.close();
    }
    assert.deepEqual([...changes].sort(), ['failed', 'imported']);
    const info = await ok<{ watchProblems: WatchProblemDto[] }>('appInfo', {});
    const problem = info.watchProblems.find((p) => p.file === 'broken.json')!;
    assert.match(problem.movedTo, /^inbox\/failed\/\d{4}-\d\d-\d\dT[\d-]+Z-broken\.json$/);
    assert.ok(existsSync(join(ctx.workspaceDir, problem.movedTo)), 'the file is where the notice says');
    // Why, named as the user finds it in the workspace folder: never the absolute path it had while being read.
    assert.match(problem.message, /^inbox\/broken\.json:1:\d+: /);
    assert.ok(!problem.message.includes(ctx.workspaceDir), problem.message);
    const imported = ctx.ws.audit.page(0, 1000).filter((e) => e.action === 'changeset.import').at(-1)!;
    assert.equal(imported.details.origin, 'inbox/plan.yaml');

    assert.deepEqual(await ok('dismissWatchProblem', { id: problem.id }), { dismissed: true });
    assert.equal(changes.at(-1), 'dismissed');
    assert.deepEqual((await ok<{ watchProblems: WatchProblemDto[] }>('appInfo', {})).watchProblems, []);
    assert.deepEqual(await ok('dismissWatchProblem', { id: problem.id }), { dismissed: false });
  });
});

/** Opens the event stream; resolves with the response (status, headers) and a reader of what arrived so far. */
function openStream(path: string): Promise<{ res: IncomingMessage; text: () => string }> {
  return new Promise((resolve, reject) => {
    const req = get(`${host.baseUrl.slice(0, -1)}${path}`, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      resolve({ res, text: () => text });
    });
    req.on('error', reject);
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  assert.ok(check());
}

async function ticket(token = 'test-token'): Promise<{ status: number; ticket?: string }> {
  const res = await fetch(`${host.baseUrl}api/openInboxEvents`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
  const body = (await res.json()) as { ok: boolean; value?: { ticket: string } };
  return { status: res.status, ...(body.value ? { ticket: body.value.ticket } : {}) };
}

describe('browser host: the inbox event stream', () => {
  test('a ticket needs the token; the stream needs a ticket, once; it carries the change kind only', async () => {
    assert.equal((await ticket('wrong')).status, 401);
    for (const bad of ['', '?ticket=', '?ticket=forged', '?token=test-token']) {
      const { res } = await openStream(`/events/inbox${bad}`);
      assert.equal(res.statusCode, 401, bad);
      res.destroy();
    }
    const t = (await ticket()).ticket!;
    // A DNS-rebinding page (another Host) or another site (Origin) is refused before the ticket is looked at.
    for (const headers of [{ host: `evil.example:${host.port}` }, { origin: 'http://evil.example' }]) {
      const status = await new Promise<number>((resolve, reject) => {
        get(`${host.baseUrl}events/inbox?ticket=${t}`, { headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject);
      });
      assert.equal(status, 403, JSON.stringify(headers));
    }
    const stream = await openStream(`/events/inbox?ticket=${t}`);
    try {
      assert.equal(stream.res.statusCode, 200);
      assert.match(String(stream.res.headers['content-type']), /^text\/event-stream/);
      await until(() => stream.text().includes('event: ready'));
      ctx.inboxEvents.emit('imported');
      await until(() => stream.text().includes('event: inbox\ndata: {"change":"imported"}\n\n'));
      const again = await openStream(`/events/inbox?ticket=${t}`);
      assert.equal(again.res.statusCode, 401, 'a ticket opens one stream only');
      again.res.destroy();
    } finally {
      stream.res.destroy();
    }
  });

  test('the Electron app has no event stream to open: openInboxEvents answers unsupported there', async () => {
    const electron = createApiHandlers({ ...ctx, mode: 'electron' });
    const r = await callApi(electron, 'openInboxEvents', {});
    assert.ok(!r.ok && r.code === 'unsupported');
  });
});

describe('event tickets', () => {
  test('expire after 30 s unused, and are bounded in number', async () => {
    const { EventTickets, TICKET_TTL_MS } = await import('./event-tickets');
    let now = 1_000;
    const tickets = new EventTickets(() => now);
    const late = tickets.issue().ticket;
    now += TICKET_TTL_MS;
    assert.equal(tickets.redeem(late), false);
    const first = tickets.issue().ticket;
    for (let i = 0; i < 100; i++) tickets.issue();
    assert.equal(tickets.redeem(first), false, 'the oldest outstanding tickets are dropped past the bound');
    const fresh = tickets.issue().ticket;
    assert.equal(tickets.redeem(fresh), true);
  });
});
