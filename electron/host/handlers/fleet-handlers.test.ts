// Issue 13 (fleet preview): the desktop API that previews one release against many customers'
// published contracts. Browser mode takes raw-byte uploads, the desktop app paths; nothing is
// stored in the workspace; bad input is an error value naming the user's file (and line).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import { createKey } from '../../core/app';
import { repoRoot } from '../../core/testing/corpus';
import { contractOwner, fleetContractYaml, publicationText } from '../../core/testing/fleet-fixtures';
import type { FleetExportDto, FleetPreviewDto } from '../../shared/api-types';
import { callApi, createApiHandlers } from '../api-handlers';
import type { ApiHandlers } from '../api-handlers';
import { openAppContext } from '../app-context';
import type { AppContext } from '../app-context';
import { MAX_KEPT_PREVIEWS } from '../fleet/kept-previews';
import { uploadStoreFor } from '../upload-store';

const DEMO = join(repoRoot, 'electron/demo');
const RELEASE = join(DEMO, 'bundles/acme-2.14.0-blocked');
const DEMO_CONTRACT = readFileSync(join(DEMO, 'contract.yaml'), 'utf8');
/** The demo contract with the release's deny policies lowered to approval: that install needs approval, not a block. */
const LENIENT = DEMO_CONTRACT.replace('name: acme-prod-eu', 'name: globex-prod')
  .replace('  approvals:', '  overrides:\n    db-no-replace: {enforcement: approval}\n    maintenance-window: {enforcement: approval}\n    k8s-resource-limits: {enforcement: approval}\n  approvals:');
const dir = mkdtempSync(join(tmpdir(), 'countersign-fleet-handlers-'));
// The staging folders this process makes go to a temp folder of its own: the "staging folder is
// removed" check then sees only this file's folders, not those of tests running beside it.
process.env.TMPDIR = join(dir, 'tmp');
mkdirSync(process.env.TMPDIR);
let ctx: AppContext;
let api: ApiHandlers;
let desktop: AppContext;
let desktopApi: ApiHandlers;
/** The titles the desktop app's save dialog was opened with. */
const saveTitles: (string | undefined)[] = [];

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: false, demoDir: DEMO, watch: false });
  api = createApiHandlers(ctx);
  desktop = await openAppContext({ mode: 'electron', version: 'test', workspaceDir: join(dir, 'ws-desktop'), seedDemo: false, demoDir: DEMO, watch: false });
  desktopApi = createApiHandlers({ ...desktop, pickSavePath: async (name, title) => {
    saveTitles.push(title);
    return join(dir, 'saved', name);
  } });
});
after(() => {
  ctx.ws.close();
  desktop.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

async function upload(bytes: Buffer | string): Promise<string> {
  const r = await uploadStoreFor(ctx).receive(Readable.from([Buffer.from(bytes)]));
  assert.ok(r.ok);
  return r.id;
}

/** A bundle folder as a folder drop sends it: one upload per file, under `<folder>/<relative path>`. */
async function folderUploads(folder: string): Promise<{ upload: string; path: string }[]> {
  const out: { upload: string; path: string }[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name));
      else out.push({ upload: await upload(readFileSync(join(d, e.name))), path: `${folder.split('/').at(-1)}/${relative(folder, join(d, e.name))}` });
    }
  };
  await walk(folder);
  return out;
}

async function contractUploads(files: Readonly<Record<string, string>>): Promise<{ upload: string; path: string }[]> {
  const out: { upload: string; path: string }[] = [];
  for (const [path, text] of Object.entries(files)) out.push({ upload: await upload(text), path });
  return out;
}

function stored(c: AppContext): string {
  return JSON.stringify([c.ws.listInbox({}).total, c.ws.contracts.listRevisions().length, c.ws.audit.count()]);
}

describe('fleetPreviewUploads (browser mode)', () => {
  test('a dropped release folder against a dropped contracts folder: one row per install, a blocked one, an unsigned one; nothing stored', async () => {
    const before = stored(ctx);
    const r = await callApi(api, 'fleetPreviewUploads', {
      release: await folderUploads(RELEASE),
      contracts: await contractUploads({ 'customers/acme-prod-eu.yaml': DEMO_CONTRACT, 'customers/globex.yaml': LENIENT }),
    });
    assert.ok(r.ok, JSON.stringify(r));
    const p = r.value as FleetPreviewDto;
    assert.equal(p.releaseName, 'acme-2.14.0-blocked');
    assert.deepEqual(p.matrix.rows.map((row) => [row.install, row.verdict]), [['acme-prod-eu', 'blocked'], ['globex', 'needs-approval']]);
    const blocked = p.matrix.rows[0]!;
    assert.deepEqual(blocked.deny, ['db-no-replace', 'k8s-resource-limits', 'maintenance-window']);
    assert.ok(p.matrix.rows.every((row) => row.contractStatus === 'unsigned'), 'no publication beside either contract');
    assert.ok(p.notes.some((n) => /Exceptions and approvals are not applied/.test(n)));
    assert.equal(stored(ctx), before, 'the preview stores nothing in the workspace');
    assert.deepEqual(readdirSync(uploadStoreFor(ctx).folder()), [], 'every upload was taken');
    assert.deepEqual(readdirSync(tmpdir()).filter((n) => n.startsWith('countersign-fleet-') && existsSync(join(tmpdir(), n, 'release'))), [], 'the staging folder is removed');
  });

  test('loose contract files and bare release files work too; each upload is used once', async () => {
    const release = [{ upload: await upload(readFileSync(join(RELEASE, 'k8s/release.yaml'))), path: 'release.yaml' }];
    const contracts = await contractUploads({ 'acme.yaml': DEMO_CONTRACT });
    const r = await callApi(api, 'fleetPreviewUploads', { release, contracts });
    assert.ok(r.ok, JSON.stringify(r));
    assert.deepEqual((r.value as FleetPreviewDto).matrix.rows.map((row) => row.install), ['acme']);
    const again = await callApi(api, 'fleetPreviewUploads', { release, contracts });
    assert.equal(!again.ok && again.code, 'not-found');
    assert.match(!again.ok ? again.message : '', /^release\.yaml: its upload is unknown/);
  });

  test('class: a bad contract is an error value naming the dropped file and line, never the temporary folder; every upload is deleted', async () => {
    const bad: readonly (readonly [string, string, RegExp])[] = [
      ['customers/broken.yaml', 'apiVersion: countersign.dev/v3\nkind: Contract\nmetadata: {name: x\n', /^customers\/broken\.yaml:\d+/],
      ['customers/unknown-pack.yaml', DEMO_CONTRACT.replace('pack: baseline', 'pack: no-such-pack'), /^customers\/unknown-pack\.yaml(:\d+)?/],
      ['customers/bad-override.yaml', DEMO_CONTRACT.replace('  approvals:', '  overrides: {no-such-policy: {enabled: false}}\n  approvals:'), /^customers\/bad-override\.yaml:\d+/],
      ['loose.yaml', 'kind: Contract\n', /^loose\.yaml/],
      ['customers/not-yaml.json', '{"apiVersion": ', /^customers\/not-yaml\.json(:\d+)?/],
    ];
    for (const [path, text, expected] of bad) {
      const release = await folderUploads(RELEASE);
      const contracts = await contractUploads({ [path]: text });
      const r = await callApi(api, 'fleetPreviewUploads', { release, contracts });
      assert.equal(!r.ok && r.code, 'bad-input', `${path}: ${JSON.stringify(r)}`);
      if (r.ok) continue;
      assert.match(r.message, expected, JSON.stringify(r));
      assert.ok(!/countersign-(fleet|uploads)-|\/tmp\/|dropped contract folders/.test(JSON.stringify(r)), JSON.stringify(r));
      for (const f of [...release, ...contracts]) assert.equal(uploadStoreFor(ctx).take(f.upload), null);
    }
  });

  test('a bad release is an error value naming its file and line; unusable names are refused before anything is read', async () => {
    const broken = await callApi(api, 'fleetPreviewUploads', {
      release: [{ upload: await upload('{"format_version": "1.2", "resource_changes": [\n  {"address": }\n]}'), path: 'plans/plan.json' }],
      contracts: await contractUploads({ 'acme.yaml': DEMO_CONTRACT }),
    });
    assert.equal(!broken.ok && broken.code, 'bad-input', JSON.stringify(broken));
    assert.match(!broken.ok ? `${broken.file}:${broken.line}` : '', /^plans\/plan\.json:2$/);
    for (const path of ['../../etc/passwd', '/etc/passwd', 'line\nbreak.yaml', 'bidi\u202Eyaml.yaml']) {
      const contracts = await contractUploads({ [path]: DEMO_CONTRACT });
      const release = [{ upload: await upload('{}'), path: 'plan.json' }];
      const r = await callApi(api, 'fleetPreviewUploads', { release, contracts });
      assert.equal(!r.ok && r.code, 'bad-input', JSON.stringify(r));
      assert.ok(!r.ok && !/[\n\u202E]/.test(r.message));
      for (const f of [...release, ...contracts]) assert.equal(uploadStoreFor(ctx).take(f.upload), null, 'the upload is deleted');
    }
    const twice = await callApi(api, 'fleetPreviewUploads', {
      release: [{ upload: await upload('{}'), path: 'plan.json' }], contracts: await contractUploads({ 'a/Acme.yaml': DEMO_CONTRACT, 'a/acme.yaml': LENIENT }),
    });
    assert.match(!twice.ok ? twice.message : '', /is given twice/);
  });

  test('the same upload named twice is refused, and the paths method does not exist in browser mode', async () => {
    const id = await upload(DEMO_CONTRACT);
    const r = await callApi(api, 'fleetPreviewUploads', { release: [{ upload: id, path: 'plan.json' }], contracts: [{ upload: id, path: 'acme.yaml' }] });
    assert.equal(!r.ok && r.code, 'not-found', JSON.stringify(r));
    const paths = await callApi(api, 'fleetPreviewLocalPaths', { release: [RELEASE], contracts: ['/etc/passwd'] });
    assert.equal(!paths.ok && paths.code, 'unsupported');
  });

  test('bad request shapes are refused at the boundary', async () => {
    for (const input of [{}, { release: [], contracts: [] }, { release: [{ upload: 'x', path: 'a' }], contracts: [{ upload: 'x', path: 'a' }] }, { release: [{ upload: 'A'.repeat(32), path: 'a' }], contracts: [{ upload: 'A'.repeat(32), path: 'a' }], extra: 1 }]) {
      const r = await callApi(api, 'fleetPreviewUploads', input);
      assert.equal(!r.ok && r.code, 'bad-request', JSON.stringify(input));
    }
  });
});

describe('fleetPreviewLocalPaths (desktop app)', () => {
  test('previews by paths: a release folder and a contracts folder; links and relative paths are refused', async () => {
    const customers = join(dir, 'customers');
    mkdirSync(customers, { recursive: true });
    writeFileSync(join(customers, 'acme-prod-eu.yaml'), DEMO_CONTRACT);
    writeFileSync(join(customers, 'globex.yaml'), LENIENT);
    const before = stored(desktop);
    const r = await callApi(desktopApi, 'fleetPreviewLocalPaths', { release: [RELEASE], contracts: [customers] });
    assert.ok(r.ok, JSON.stringify(r));
    const p = r.value as FleetPreviewDto;
    assert.equal(p.releaseName, 'acme-2.14.0-blocked');
    assert.deepEqual(p.matrix.rows.map((row) => row.verdict), ['blocked', 'needs-approval']);
    assert.equal(stored(desktop), before);
    symlinkSync(customers, join(dir, 'link'));
    for (const contracts of [[join(dir, 'link')], ['customers'], [join(dir, 'missing')]]) {
      const bad = await callApi(desktopApi, 'fleetPreviewLocalPaths', { release: [RELEASE], contracts });
      assert.equal(!bad.ok && bad.code, 'bad-input', JSON.stringify(bad));
    }
    const uploads = await callApi(desktopApi, 'fleetPreviewUploads', { release: [{ upload: 'A'.repeat(32), path: 'a' }], contracts: [{ upload: 'A'.repeat(32), path: 'b' }] });
    assert.equal(!uploads.ok && uploads.code, 'unsupported');
  });
});

describe('exportFleetPreview', () => {
  test('HTML escapes names from the contracts; JSON is the matrix; the desktop app saves where the user chose', async () => {
    const customers = join(dir, 'hostile');
    mkdirSync(customers, { recursive: true });
    writeFileSync(join(customers, '<img src=x onerror=alert(1)>.yaml'), DEMO_CONTRACT);
    const r = await callApi(desktopApi, 'fleetPreviewLocalPaths', { release: [RELEASE], contracts: [customers] });
    assert.ok(r.ok, JSON.stringify(r));
    const p = r.value as FleetPreviewDto;
    const html = await callApi(desktopApi, 'exportFleetPreview', { previewId: p.previewId, format: 'html' });
    assert.ok(html.ok, JSON.stringify(html));
    const h = html.value as FleetExportDto;
    assert.ok(!h.text.includes('<img'), 'the install name is escaped');
    const decoded = h.text.replace(/&#(\d+);|&#x([0-9a-f]+);|&(lt|gt|amp|quot|apos);/gi, (_m, dec: string, hex: string, name: string) =>
      dec ? String.fromCharCode(Number(dec)) : hex ? String.fromCharCode(parseInt(hex, 16)) : ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[name.toLowerCase()]!);
    assert.ok(decoded.includes('<img src=x onerror=alert(1)>'), 'the install name is shown, escaped');
    assert.match(h.fileName, /^fleet-[0-9a-f]{12}\.html$/);
    assert.equal(h.savedAs, join(dir, 'saved', h.fileName));
    assert.equal(readFileSync(h.savedAs!, 'utf8'), h.text);
    assert.equal(saveTitles.at(-1), 'Save the fleet matrix (HTML)', 'the dialog says what is saved');
    const json = await callApi(desktopApi, 'exportFleetPreview', { previewId: p.previewId, format: 'json' });
    assert.ok(json.ok, JSON.stringify(json));
    assert.deepEqual(JSON.parse((json.value as FleetExportDto).text).rows.map((row: { install: string }) => row.install), p.matrix.rows.map((row) => row.install));
  });

  test('browser mode answers the text (the page downloads it) and saves nothing; an unknown or forgotten preview is not-found', async () => {
    const ids: string[] = [];
    for (let i = 0; i <= MAX_KEPT_PREVIEWS; i++) {
      const r = await callApi(api, 'fleetPreviewUploads', { release: [{ upload: await upload(readFileSync(join(RELEASE, 'k8s/release.yaml'))), path: 'release.yaml' }], contracts: await contractUploads({ 'acme.yaml': DEMO_CONTRACT }) });
      assert.ok(r.ok, JSON.stringify(r));
      ids.push((r.value as FleetPreviewDto).previewId);
    }
    const latest = await callApi(api, 'exportFleetPreview', { previewId: ids.at(-1)!, format: 'json' });
    assert.ok(latest.ok && (latest.value as FleetExportDto).savedAs === null, JSON.stringify(latest));
    const forgotten = await callApi(api, 'exportFleetPreview', { previewId: ids[0]!, format: 'html' });
    assert.equal(!forgotten.ok && forgotten.code, 'not-found', 'the oldest preview beyond the limit is forgotten');
    const unknown = await callApi(api, 'exportFleetPreview', { previewId: 'A'.repeat(22), format: 'html' });
    assert.equal(!unknown.ok && unknown.code, 'not-found');
    const badFormat = await callApi(api, 'exportFleetPreview', { previewId: ids.at(-1)!, format: 'pdf' });
    assert.equal(!badFormat.ok && badFormat.code, 'bad-request');
  });
});

describe('contract signature status', () => {
  const DAY = 86_400_000;
  const owner = contractOwner('Olivia Owner');
  const signed = fleetContractYaml({ name: 'initech-prod', install: 'initech-prod', roster: [owner.entry] });
  const stale = fleetContractYaml({ name: 'umbrella-prod', install: 'umbrella-prod', roster: [owner.entry] });
  const files = {
    'customers/initech-prod-r1.contract.yaml': signed,
    'customers/initech-prod-r1.publication.json': publicationText(signed, owner, { time: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 30 * DAY) }),
    'customers/umbrella-prod-r1.contract.yaml': stale,
    'customers/umbrella-prod-r1.publication.json': publicationText(stale, owner, { time: new Date(Date.now() - 60 * DAY), notAfter: new Date(Date.now() - DAY) }),
    'customers/acme.yaml': DEMO_CONTRACT,
    'customers/README.md': '# not a contract: left out, as the CLI leaves it out of a folder\n',
    'customers/.DS_Store': '\u0000\u0001',
    // A sub-folder of the dropped folder: left out, as `countersign fleet --contracts customers` leaves it out.
    'customers/archive/initech-prod-r0.contract.yaml': signed,
  };

  test('signed, stale and unsigned contracts are told apart (each against its own roster by default)', async () => {
    const r = await callApi(api, 'fleetPreviewUploads', { release: await folderUploads(RELEASE), contracts: await contractUploads(files) });
    assert.ok(r.ok, JSON.stringify(r));
    const p = r.value as FleetPreviewDto;
    assert.equal(p.matrix.trust, 'own-roster');
    assert.deepEqual(p.matrix.rows.map((row) => [row.install, row.contractStatus]), [['acme', 'unsigned'], ['initech-prod', 'signed'], ['umbrella-prod', 'stale']]);
    assert.ok(p.notes.some((n) => /own roster/.test(n)));
  });

  test("trust 'workspace': checked against this workspace's contract-owner keys; a workspace without any is refused", async () => {
    const none = await callApi(api, 'fleetPreviewUploads', { release: await folderUploads(RELEASE), contracts: await contractUploads(files), trust: 'workspace' });
    assert.equal(!none.ok && none.code, 'bad-input', JSON.stringify(none));
    assert.match(!none.ok ? none.message : '', /holds no contract-owner key/);
    // A workspace whose own key is not the roster's owner: the publication is not signed by anyone it trusts.
    const dir2 = join(dir, 'own');
    mkdirSync(dir2, { recursive: true });
    for (const [name, text] of Object.entries(files)) if (name.startsWith('customers/initech')) writeFileSync(join(dir2, name.slice('customers/'.length)), text);
    await createKey(desktop.ws, { name: 'Vera Vendor', passphrase: 'a long enough passphrase' });
    const r = await callApi(desktopApi, 'fleetPreviewLocalPaths', { release: [RELEASE], contracts: [dir2], trust: 'workspace' });
    assert.ok(r.ok, JSON.stringify(r));
    const p = r.value as FleetPreviewDto;
    assert.equal(p.matrix.trust, 'trusted-keys');
    assert.deepEqual(p.matrix.rows.map((row) => row.contractStatus), ['bad-signature']);
    assert.ok(p.notes.some((n) => /Keys & trust/.test(n)));
  });
});
