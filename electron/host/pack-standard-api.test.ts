// The pack shelf's standard-version selector through the desktop API (issue 14): the shelf says
// which versions a pack follows and which one the draft and the saved revision pick; the impact
// replay follows the chosen version; a version the pack does not declare is refused at the
// boundary (the edit, and the save) and nothing is stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import { TUNED_POD_ADDRESS, tunedPodBundleFiles } from '../core/testing/shelf-packs';
import { livePackVersion } from '../core/engine/contract/pack-version';
import { packsRoot } from '../core/io/packs-root';
import type { ContractDraftDto, ContractView, ImpactPageDto, ImpactStartDto, ImportResult, PackShelfDto } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';

const dir = mkdtempSync(join(tmpdir(), 'countersign-pack-standard-'));
const PACK = 'pss-restricted';
const version = livePackVersion(PACK, packsRoot());
let ctx: AppContext;
let api: ApiHandlers;
let view: ContractView & { readonly text: string };
let keyId = '';

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

/** The sysctls control's findings on the tuned Pod that the draft adds. */
const sysctlRows = (page: ImpactPageDto) => page.rows.filter((r) => r.kind === 'appear' && r.policy === 'pss-baseline-sysctls' && r.address === TUNED_POD_ADDRESS);

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: join(repoRoot, 'electron/demo'), watch: false });
  api = createApiHandlers(ctx);
  const got = await ok<ContractView>('getContract', {});
  view = { ...got, text: got.text ?? '' };
  keyId = (await ok<{ keyId: string }>('createKey', { name: 'Alice (SecOps)', passphrase: 'a long enough passphrase' })).keyId;
  await ok<ImportResult>('importFiles', { files: tunedPodBundleFiles() });
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the standard version on the pack shelf', () => {
  test('the shelf offers a PSS pack\'s versions newest first; a pack without the option offers none', async () => {
    const shelf = await ok<PackShelfDto>('listPolicyPacks', { contract: view.name });
    const pss = shelf.packs.find((p) => p.name === PACK)!;
    assert.ok(pss.standard, 'pss-restricted has a standard-version option');
    assert.equal(pss.standard.versions[0], pss.standard.latest);
    assert.ok(pss.standard.versions.includes('v1.30'));
    assert.deepEqual([pss.standardInDraft, pss.standardInSaved], [null, null]);
    assert.equal(shelf.packs.find((p) => p.name === 'baseline')?.standard, null);
  });

  test('v1.30 against latest: the draft says which, and the impact follows the chosen version', async () => {
    const latest = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'addPack', pack: PACK, version }] });
    const v130 = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'addPack', pack: PACK, version, standard: 'v1.30' }] });
    assert.deepEqual([latest.problems, v130.problems], [[], []]);
    assert.match(v130.text, /standard: v1\.30/);
    const shelf = await ok<PackShelfDto>('listPolicyPacks', { contract: view.name, text: v130.text });
    assert.deepEqual(shelf.packs.filter((p) => p.name === PACK).map((p) => [p.inDraft, p.standardInDraft, p.standardInSaved]), [[version, 'v1.30', null]]);

    assert.deepEqual(sysctlRows(await replay(latest.text)), [], 'net.ipv4.tcp_rmem is safe at latest');
    assert.equal(sysctlRows(await replay(v130.text)).length, 1, 'and not in v1.30');
    // Changing it later on the extended pack, back and forth.
    const changed = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: latest.text, edits: [{ op: 'setPackStandard', pack: PACK, standard: 'v1.30' }] });
    assert.equal(sysctlRows(await replay(changed.text)).length, 1);
    const back = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: changed.text, edits: [{ op: 'setPackStandard', pack: PACK, standard: 'latest' }] });
    assert.doesNotMatch(back.text, /standard:/);
    assert.deepEqual(sysctlRows(await replay(back.text)), []);
    assert.equal(ctx.ws.contracts.latestRevision(view.name)?.content, view.text, 'nothing was saved');
  });

  test('saving writes standard: into the contract, and the shelf reads it back as saved', async () => {
    const v130 = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'addPack', pack: PACK, version, standard: 'v1.30' }] });
    await ok('saveContract', { contract: view.name, text: v130.text, comment: 'PSS restricted at v1.30', keyId });
    const saved = ctx.ws.contracts.latestRevision(view.name)!.content;
    assert.match(saved, /^apiVersion: countersign\.dev\/v5$/m);
    assert.match(saved, /\{ ?pack: pss-restricted, version: \d+, standard: v1\.30 ?\}/);
    const shelf = await ok<PackShelfDto>('listPolicyPacks', { contract: view.name });
    assert.equal(shelf.packs.find((p) => p.name === PACK)?.standardInSaved, 'v1.30');
    view = { ...view, text: saved };
  });

  test('a version the pack does not declare is refused with the pack\'s range, and nothing is stored', async () => {
    const revisions = async () => (await ok<readonly unknown[]>('listContractRevisions', { contract: view.name })).length;
    const before = await revisions();
    for (const standard of ['v1.99', 'v1.24', 'V1.30', 'v1.30.1', 'latest ', 'v1.3O']) {
      const set = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'setPackStandard', pack: PACK, standard }] });
      assert.equal(set.text, view.text, standard);
      assert.match(set.problems[0]?.message ?? '', /is not a Pod Security Standards version pss-restricted version \d+ follows: write latest or v1\.\d+ … v1\.\d+/, standard);
      // A hand-written draft with that version cannot be saved either: the save loads it and refuses it, naming the line.
      const text = view.text.replace('standard: v1.30', `standard: ${JSON.stringify(standard)}`);
      const save = await callApi(api, 'saveContract', { contract: view.name, text, comment: 'bad standard', keyId });
      assert.equal(save.ok, false, standard);
      assert.match(save.ok ? '' : save.message, /not a Pod Security Standards version/, standard);
    }
    // Not a string, or another pack: refused at the API's schema, or by the pack.
    const shape = await callApi(api, 'editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'setPackStandard', pack: PACK, standard: 30 }] });
    assert.equal(shape.ok, false);
    const baseline = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'setPackStandard', pack: 'baseline', standard: 'v1.30' }] });
    assert.match(baseline.problems[0]?.message ?? '', /has no standard-version option/);
    assert.equal(await revisions(), before, 'no revision was stored');
    assert.equal(ctx.ws.contracts.latestRevision(view.name)?.content, view.text);
  });
});
