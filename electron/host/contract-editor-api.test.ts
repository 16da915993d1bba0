// The contract editor through the desktop API (the same table Electron's IPC and the browser
// host use): a draft is edited in place, checked, and replayed over every stored change set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../core/testing/corpus';
import type { ContractDraftDto, ContractView, ImpactPageDto, ImpactStartDto } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';

const dir = mkdtempSync(join(tmpdir(), 'countersign-contract-editor-'));
let ctx: AppContext;
let api: ApiHandlers;
let view: ContractView & { readonly text: string };

async function ok<T>(method: Parameters<typeof callApi>[1], input: unknown): Promise<T> {
  const r = await callApi(api, method, input);
  assert.ok(r.ok, `${method}: ${JSON.stringify(r)}`);
  return r.value as T;
}

async function fail(method: Parameters<typeof callApi>[1], input: unknown): Promise<{ code: string; message: string; line?: number }> {
  const r = await callApi(api, method, input);
  assert.equal(r.ok, false, `${method} should fail`);
  return r as unknown as { code: string; message: string; line?: number };
}

async function replay(text: string): Promise<ImpactPageDto> {
  const { jobId, total } = await ok<ImpactStartDto>('startImpact', { contract: view.name, text });
  assert.ok(total > 0);
  for (;;) {
    const page = await ok<ImpactPageDto>('pollImpact', { jobId, cursor: 0 });
    if (page.done) return page;
    await new Promise((r) => setTimeout(r, 5));
  }
}

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: join(repoRoot, 'electron/demo'), watch: false });
  api = createApiHandlers(ctx);
  const got = await ok<ContractView>('getContract', {});
  assert.ok(got.text, 'getContract gives the revision text');
  view = { ...got, text: got.text };
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the contract editor API', () => {
  test('an edit comes back as the edited text and its view; a refused edit keeps the text and says why', async () => {
    const draft = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'setOverride', policy: 'required-tags', shadow: true }] });
    assert.equal(draft.changed, true);
    assert.ok(draft.digest && draft.digest !== view.digest);
    assert.equal(draft.view?.policies.find((p) => p.id === 'required-tags')?.shadow, true);
    const refused = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'setParameter', policy: 'nope', name: 'x', value: 1 }] });
    assert.equal(refused.text, view.text);
    assert.equal(refused.changed, false);
    assert.match(refused.problems[0]?.message ?? '', /nope/);
    const bad = await fail('editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'explode' }] });
    assert.equal(bad.code, 'bad-request');
  });

  test('the impact of disabling a policy lists the findings that would disappear from stored change sets', async () => {
    const flagged = view.policies.find((p) => p.affectedPending > 0);
    assert.ok(flagged, 'the demo has a policy with pending findings');
    const draft = await ok<ContractDraftDto>('editContractDraft', { contract: view.name, text: view.text, edits: [{ op: 'setOverride', policy: flagged.id, enabled: false }] });
    const page = await replay(draft.text);
    assert.ok(page.rows.length > 0);
    assert.ok(page.rows.every((r) => r.kind === 'verdict' || (r.kind === 'disappear' && r.policy === flagged.id)), JSON.stringify(page.rows.slice(0, 3)));
    assert.equal(page.summary.disappear, page.rows.filter((r) => r.kind === 'disappear').length);
    assert.deepEqual(page.rows.map((r) => r.id), page.rows.map((_, i) => i));
    const unchanged = await replay(view.text);
    assert.deepEqual(unchanged.rows, [], 'the saved contract itself changes nothing');
  });

  test('a newer draft supersedes the replay of the same contract; a draft that does not load starts nothing', async () => {
    const first = await ok<ImpactStartDto>('startImpact', { contract: view.name, text: view.text });
    await ok<ImpactStartDto>('startImpact', { contract: view.name, text: view.text });
    const gone = await fail('pollImpact', { jobId: first.jobId, cursor: 0 });
    assert.equal(gone.code, 'not-found');
    const broken = await fail('startImpact', { contract: view.name, text: view.text.replace('kind: Contract', 'kind: Contrakt') });
    assert.equal(broken.code, 'bad-input');
    assert.ok(broken.line, broken.message);
  });

  test('checkCel underlines an unknown function where it is', async () => {
    const r = await ok<{ diagnostics: { startColumn: number; message: string }[] }>('checkCel', {
      contract: view.name, text: view.text, policy: 'required-tags', field: 'condition', expression: 'resource.type == "x" && nosuch(object)',
    });
    assert.equal(r.diagnostics.length, 1);
    assert.equal(r.diagnostics[0]!.startColumn, 'resource.type == "x" && '.length + 1);
  });
});
