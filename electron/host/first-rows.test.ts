// Issue 11 (speed): the review paints the first rows of a big change set while the whole list
// loads (listResources with `first`), and the import leaves its 5 MB list of rows and the
// resources' details to a background write: a host stopped before that write still reopens the
// change set with the same rows (rebuilt once from its stored files). A dropped file's upload
// compiles the stored default contract meanwhile, storing nothing.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setImmediate as tick } from 'node:timers/promises';
import { compiledPolicies } from '../core/app/compiled-contract';
import { judgingRevision, resolveRevision } from '../core/app/current-contract';
import { ReviewSession } from '../core/app/review';
import { RESOURCE_FACTS_VERSION } from '../core/app/review/stored-facts';
import { importContract } from '../core/app';
import { defaultContractYaml } from '../core/engine/contract/load-contract';
import { repoRoot } from '../core/testing/corpus';
import { openWorkspace } from '../core/store';
import type { ImportResult, ResourceRow } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';
import { importPaths } from './import-files';
import { uploadStoreFor } from './upload-store';

const DEMO = join(repoRoot, 'electron/demo');
const BLOCKED = join(DEMO, 'bundles/acme-2.14.0-blocked');
const dir = mkdtempSync(join(tmpdir(), 'countersign-first-rows-test-'));
let ctx: AppContext;
let api: ApiHandlers;
let digest: string;

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: false, demoDir: DEMO, watch: false });
  api = createApiHandlers(ctx);
  const r = await importPaths(ctx, [BLOCKED]);
  assert.equal(r.kind, 'changeset');
  digest = (r as Extract<ImportResult, { kind: 'changeset' }>).digest;
});
after(() => {
  ctx.ws.close();
  uploadStoreFor(ctx).close();
  rmSync(dir, { recursive: true, force: true });
});

async function ok(p: Promise<{ ok: true; value: unknown } | { ok: false; message: string }>): Promise<ResourceRow[]> {
  const r = await p;
  if (!r.ok) assert.fail(r.message);
  return r.value as ResourceRow[];
}

describe('listResources with first', () => {
  test('answers the first rows of the whole list, counts included, for every page size', async () => {
    const all = await ok(callApi(api, 'listResources', { digest }));
    assert.ok(all.length > 3 && all.some((r) => r.findingCount > 0));
    for (let first = 1; first <= all.length + 2; first++) {
      assert.deepEqual(await ok(callApi(api, 'listResources', { digest, first })), all.slice(0, first), `first ${first}`);
    }
  });

  test('a page size that is not a positive integer (or is huge) is refused at the boundary', async () => {
    for (const first of [0, -1, 1.5, 10_001, '3', null]) {
      const r = await callApi(api, 'listResources', { digest, first } as never);
      assert.equal(r.ok, false, `first ${JSON.stringify(first)}`);
    }
  });
});

describe('the findings the import stored', () => {
  test('are the review\'s without reading them back, and the same as read from the store', async () => {
    const wsDir = mkdtempSync(join(dir, 'seeded-'));
    const c = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: wsDir, seedDemo: false, demoDir: DEMO, watch: false });
    try {
      const imported = await importPaths(c, [BLOCKED]) as Extract<ImportResult, { kind: 'changeset' }>;
      const reads = { n: 0 };
      const listFindings = c.ws.evaluations.listFindings.bind(c.ws.evaluations);
      c.ws.evaluations.listFindings = (...args) => {
        reads.n++;
        return listFindings(...args);
      };
      const api2 = createApiHandlers(c);
      const rows = await ok(callApi(api2, 'listResources', { digest: imported.digest, first: 5 }));
      const findings = await callApi(api2, 'listFindings', { digest: imported.digest });
      assert.equal(reads.n, 0, 'no finding row read back after the import');
      c.ws.evaluations.listFindings = listFindings;
      const fresh = new ReviewSession(c.ws);
      const { resourceRows } = await import('../core/app/review/resources');
      assert.deepEqual(rows, resourceRows(fresh, imported.digest, 5));
      const judged = fresh.judge(imported.digest);
      assert.ok(findings.ok && (findings.value as unknown[]).length === judged.findings.length && judged.findings.length > 0);
      assert.deepEqual(c.session.judge(imported.digest).findings, judged.findings);
    } finally {
      c.ws.close();
    }
  });
});

describe('rows stored after the import, in the background', () => {
  test('a host stopped before the background write reopens the change set with the same rows, rebuilt once and stored then', async () => {
    const wsDir = mkdtempSync(join(dir, 'crash-'));
    const first = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: wsDir, seedDemo: false, demoDir: DEMO, watch: false });
    const imported = await importPaths(first, [BLOCKED]) as Extract<ImportResult, { kind: 'changeset' }>;
    const expected = await ok(callApi(createApiHandlers(first), 'listResources', { digest: imported.digest }));
    // Stopped before the background write ran (it waits a second): the change set and its evaluation are stored, the rows not yet.
    assert.equal(first.ws.resourceFacts.has(imported.digest, RESOURCE_FACTS_VERSION), false);
    first.ws.close();

    const ws = openWorkspace(join(wsDir, 'countersign.db'));
    try {
      let rebuilds = 0;
      const session = new (class extends ReviewSession {
        override load(d: string) {
          rebuilds++;
          return super.load(d);
        }
      })(ws);
      const rows = (await import('../core/app/review/resources')).resourceRows(session, imported.digest);
      assert.deepEqual(rows, expected);
      assert.equal(rebuilds, 1, 'rebuilt once from the stored files');
      await session.detailsStored(imported.digest);
      assert.equal(ws.resourceFacts.get(imported.digest, RESOURCE_FACTS_VERSION)?.length, rows.length, 'and stored then');
    } finally {
      ws.close();
    }
  });
});

describe('the upload compiles the default contract meanwhile', () => {
  test('once an upload starts, the stored default contract is compiled whole; a workspace without one gets none stored', async () => {
    const wsDir = mkdtempSync(join(dir, 'warm-'));
    const fresh = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: wsDir, seedDemo: false, demoDir: DEMO, watch: false });
    try {
      createApiHandlers(fresh);
      const store = uploadStoreFor(fresh);
      assert.ok((await store.receive(Readable.from([Buffer.from('{}')]))).ok);
      await tick();
      assert.equal(fresh.ws.contracts.listRevisions().length, 0, 'warming stores no default contract');

      // The contract bare files are judged by (no vendor, no install): the default one.
      const file = join(wsDir, 'default.yaml');
      // Its own name, so its digest is one no other test of this process compiled already.
      writeFileSync(file, defaultContractYaml().replace('{name: default}', '{name: warm-by-upload}'));
      importContract(fresh.ws, file, 'test');
      const contract = resolveRevision(judgingRevision(fresh.ws, { vendor: '', install: '' })!).contract;
      assert.equal(compiledPolicies(contract, new Set()).policies.length, 0, 'not compiled before an upload');
      assert.ok((await store.receive(Readable.from([Buffer.from('{}')]))).ok);
      await tick();
      assert.equal(compiledPolicies(contract, new Set()).policies.length, contract.policies.length, 'compiled whole by the upload');
    } finally {
      fresh.ws.close();
      uploadStoreFor(fresh).close();
    }
  });
});
