// The pack shelf through the desktop API (issue 14): the built-in packs as the packs folder holds
// them, which version the draft and the saved revision extend, adding a pack to the draft, its
// impact on stored change sets before saving, and disabling one of its controls.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { packsRootWithTestPack, TEST_PACK } from '../core/testing/shelf-packs';
import type { ContractDraftDto, ContractView, ImpactPageDto, ImpactStartDto, PackShelfDto } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';

const dir = mkdtempSync(join(tmpdir(), 'countersign-pack-shelf-'));
const root = packsRootWithTestPack();
const previousRoot = process.env.COUNTERSIGN_POLICIES;
let ctx: AppContext;
let api: ApiHandlers;
let view: ContractView & { readonly text: string };

async function ok<T>(method: Parameters<typeof callApi>[1], input: unknown): Promise<T> {
  const r = await callApi(api, method, input);
  assert.ok(r.ok, `${method}: ${JSON.stringify(r)}`);
  return r.value as T;
}

async function replay(text: string): Promise<ImpactPageDto> {
  const { jobId } = await ok<ImpactStartDto>('startImpact', { contract: view.name, text });
  for (;;) {
    const page = await ok<ImpactPageDto>('pollImpact', { jobId, cursor: 0 });
    if (page.done) return page;
    await new Promise((r) => setTimeout(r, 5));
  }
}

before(async () => {
  process.env.COUNTERSIGN_POLICIES = root;
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: join(repoRoot, 'electron/demo'), watch: false });
  api = createApiHandlers(ctx);
  const got = await ok<ContractView>('getContract', {});
  view = { ...got, text: got.text ?? '' };
});
after(() => {
  ctx.ws.close();
  if (previousRoot === undefined) delete process.env.COUNTERSIGN_POLICIES;
  else process.env.COUNTERSIGN_POLICIES = previousRoot;
  rmSync(dir, { recursive: true, force: true });
  rmSync(dirname(root), { recursive: true, force: true });
});

describe('the pack shelf API', () => {
  test('lists every pack the packs folder holds, with version, controls, standards and what the contract extends', async () => {
    const shelf = await ok<PackShelfDto>('listPolicyPacks', { contract: view.name });
    // Whatever the folder holds (the built-in packs and the test pack), none hard-coded.
    const held = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'pack.yaml'))).map((e) => e.name).sort();
    assert.ok(held.includes('baseline') && held.includes(TEST_PACK));
    assert.deepEqual(shelf.packs.map((p) => p.name), held);
    const baseline = shelf.packs.find((p) => p.name === 'baseline')!;
    assert.equal(baseline.inSaved, 4, 'the demo contract pins baseline 4');
    assert.equal(baseline.inDraft, 4);
    assert.ok(baseline.version >= 5 && baseline.versions.includes(4));
    assert.ok(baseline.controlCount >= 7, 'baseline 5 names its standard controls');
    assert.ok(baseline.standards.includes('Kubernetes Pod Security Standards'));
    const pack = shelf.packs.find((p) => p.name === TEST_PACK)!;
    assert.deepEqual([pack.inDraft, pack.inSaved, pack.version, pack.controlCount, pack.policies.length], [null, null, 1, 2, 2]);
    assert.deepEqual(pack.standards, ['Test hardening standard', 'Kubernetes Pod Security Standards', 'test-std']);
    assert.equal(pack.sharedWithDraft, 0, 'baseline 4, as the draft pins it, names no controls');
  });

  test('add a pack to the draft, see its impact before saving, then disable one of its controls', async () => {
    const added = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'addPack', pack: TEST_PACK, version: 1 }] });
    assert.deepEqual(added.problems, []);
    assert.ok(added.view?.policies.some((p) => p.id === 'th-read-only-root' && p.pack === TEST_PACK));
    const shelf = await ok<PackShelfDto>('listPolicyPacks', { contract: view.name, text: added.text });
    assert.deepEqual(shelf.packs.filter((p) => p.inDraft !== null || p.inSaved !== null).map((p) => [p.name, p.inDraft, p.inSaved]), [['baseline', 4, 4], [TEST_PACK, 1, null]]);

    const impact = await replay(added.text);
    const appear = impact.rows.filter((r) => r.kind === 'appear');
    assert.ok(appear.length > 0 && appear.every((r) => r.policy === 'th-read-only-root'), JSON.stringify(impact.rows.slice(0, 3)));
    assert.equal(ctx.ws.contracts.latestRevision(view.name)?.content, view.text, 'nothing was saved');

    const tuned = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: added.text, edits: [{ op: 'setOverride', policy: 'th-read-only-root', enabled: false }] });
    assert.deepEqual(tuned.problems, []);
    const after = await replay(tuned.text);
    assert.deepEqual(after.rows.filter((r) => r.kind === 'appear'), [], 'a disabled control adds nothing');
  });

  test('upgrading baseline to 5 beside the test pack: the shared control shows on the shelf', async () => {
    const text = view.text.replace(/- \{pack: baseline, version: 4, digest: "[^"]+"\}/, '- {pack: baseline, version: 5}');
    const added = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text, edits: [{ op: 'addPack', pack: TEST_PACK, version: 1 }] });
    assert.deepEqual(added.problems, []);
    const shelf = await ok<PackShelfDto>('listPolicyPacks', { contract: view.name, text: added.text });
    assert.equal(shelf.packs.find((p) => p.name === TEST_PACK)?.sharedWithDraft, 1);
    assert.equal(shelf.packs.find((p) => p.name === 'baseline')?.sharedWithDraft, 1);
  });

  test('a draft that is not YAML extends nothing; an unknown contract name still lists the packs', async () => {
    const shelf = await ok<PackShelfDto>('listPolicyPacks', { contract: 'no-such-contract', text: '{{{ not yaml' });
    assert.ok(shelf.packs.every((p) => p.inDraft === null && p.inSaved === null));
  });
});
