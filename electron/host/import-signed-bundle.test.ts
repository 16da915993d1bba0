// A vendor-signed bundle dropped or picked as a folder (importFiles: `bundle/changeset.yaml`,
// `bundle/…`, `bundle/signatures/<id>.release.dsse.json`) is a change set whose signatures/
// folder holds the vendor's release signatures: it imports as a change set, with them, and is
// never refused as "a signed attestation mixed with change-set files". Signed attestation
// files dropped WITHOUT a bundle manifest still go to the attestation import (mix refused).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { signBundle } from '../core/app/release-signing';
import { generateReviewerKey } from '../core/signing/keys';
import type { ApiResult, ChangeSetDetailDto, ImportResult } from '../shared/api-types';
import { callApi, createApiHandlers } from './api-handlers';
import type { ApiHandlers } from './api-handlers';
import { openAppContext } from './app-context';
import type { AppContext } from './app-context';

const DEMO = join(import.meta.dirname, '..', 'demo', 'bundles');
const dir = mkdtempSync(join(tmpdir(), 'countersign-signed-bundle-'));
let ctx: AppContext;
let api: ApiHandlers;

/** The files of a folder as the folder picker hands them over: paths relative to the folder's parent. */
function folderFiles(folder: string): { path: string; dataBase64: string }[] {
  const out: { path: string; dataBase64: string }[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push({ path: relative(join(folder, '..'), full), dataBase64: readFileSync(full).toString('base64') });
    }
  };
  walk(folder);
  return out;
}

before(async () => {
  ctx = await openAppContext({ mode: 'browser', version: 'test', workspaceDir: join(dir, 'ws'), seedDemo: true, demoDir: join(DEMO, '..') });
  api = createApiHandlers(ctx);
});
after(() => {
  ctx.ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importFiles: a vendor-signed bundle folder', () => {
  for (const [label, nested] of [['at the top of the drop', ''], ['inside a parent folder', 'releases/acme/']] as const) {
    test(`imports as a change set with its release signature (${label})`, async () => {
      const bundle = join(dir, `${nested}acme-2.13.2-signed-${label.length}`);
      cpSync(join(DEMO, 'acme-2.13.2-chart-bump'), bundle, { recursive: true });
      await signBundle({ bundle, signer: { privateKey: generateReviewerKey().privateKey, name: 'acme-ci' } });
      const files = folderFiles(bundle).map((f) => ({ ...f, path: `${nested}${f.path}` }));
      assert.ok(files.some((f) => f.path.includes('/signatures/')), 'the signature travels with the bundle');
      const r = await callApi(api, 'importFiles', { files }) as ApiResult<ImportResult>;
      assert.ok(r.ok, JSON.stringify(r));
      assert.equal(r.value.kind, 'changeset');
      const detail = await callApi(api, 'getChangeSet', { digest: r.value.digest }) as ApiResult<ChangeSetDetailDto>;
      assert.ok(detail.ok, JSON.stringify(detail));
      // The key is nobody's the workspace trusts: held and judged, so not "unsigned".
      assert.notEqual(detail.value.vendorSignature, 'unsigned');
    });
  }

  test('a signature file dropped next to a loose plan (no bundle manifest) is still refused as a mix', async () => {
    const bundle = join(dir, 'mix');
    cpSync(join(DEMO, 'acme-2.13.2-chart-bump'), bundle, { recursive: true });
    await signBundle({ bundle, signer: { privateKey: generateReviewerKey().privateKey, name: 'acme-ci' } });
    const files = folderFiles(bundle).filter((f) => !f.path.endsWith('/changeset.yaml'));
    const r = await callApi(api, 'importFiles', { files });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /import signed files apart from change-set files/);
  });
});
