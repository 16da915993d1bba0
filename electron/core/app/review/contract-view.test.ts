// The editor's contract view: parameters with their schema and value, "not configured" policies
// and the header's warning count, and how many stored change sets each policy flags now
// (pending and past), from the stored current evaluations. A draft shows the same way.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseContract } from '../../engine';
import { repoRoot } from '../../testing/corpus';
import { initWorkspace } from '../../store';
import type { Workspace } from '../../store';
import { importChangeSet, importContract } from '../index';
import { contractView, contractViewOf, ReviewSession } from './index';

const DEMO = join(repoRoot, 'electron/demo');
const dir = mkdtempSync(join(tmpdir(), 'countersign-contract-view-'));
let ws: Workspace;
let session: ReviewSession;
const digests: string[] = [];

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  for (const b of ['acme-2.14.0-blocked', 'acme-2.13.3-peering', 'acme-2.13.2-chart-bump']) digests.push((await importChangeSet(ws, [join(DEMO, 'bundles', b)])).digest);
  session = new ReviewSession(ws);
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Change sets in `state` whose latest stored evaluation has a finding of `policy`. */
function storedFlagging(policy: string, pending: boolean): number {
  return digests.filter((d) => (ws.changeSets.getChangeSet(d)!.state === 'pending') === pending).filter((d) => {
    const e = ws.evaluations.latestEvaluation(d)!;
    return ws.evaluations.listFindings(e.id, { policy, limit: 1 }).total > 0;
  }).length;
}

describe('contract view', () => {
  test('the empty registry allow-list and the required tags are "not configured"; the header counts them', () => {
    const view = contractView(session);
    assert.equal(view.apiVersion, 'countersign.dev/v3');
    assert.equal(view.warnings, 2);
    const byId = new Map(view.policies.map((p) => [p.id, p]));
    assert.deepEqual(view.policies.filter((p) => p.unconfigured).map((p) => p.id).sort(), ['images-approved-registries', 'required-tags']);
    const registries = byId.get('images-approved-registries')!;
    assert.deepEqual(registries.params, [{
      name: 'registries', description: registries.params![0]!.description, type: 'registry-list', value: [], default: [], set: false, noopWhenEmpty: true,
    }]);
    assert.equal(registries.paramsSummary, 'registries: (none)');
    const elevated = byId.get('elevated-access-approval')!;
    assert.deepEqual(elevated.params!.map((p) => [p.type, p.min, p.max, p.value]), [['integer', 1, 3650, 7]]);
    assert.equal(byId.get('maintenance-window')!.paramsSummary, 'windows: Tue,Wed,Thu 02:00-05:00 UTC');
    // A pack policy's CEL is in the view too, to be read (read-only) before trusting or forking it.
    assert.match(registries.condition ?? '', /params\.registries/);
  });

  test('flagged counts are those of the stored current evaluations, pending and past, and follow a state change', () => {
    const check = () => {
      const view = contractView(session);
      for (const p of view.policies) {
        assert.equal(p.flaggedPending, storedFlagging(p.id, true), `${p.id} pending`);
        assert.equal(p.flaggedPast, storedFlagging(p.id, false), `${p.id} past`);
      }
      return view;
    };
    const before = check();
    assert.ok(before.policies.some((p) => (p.flaggedPending ?? 0) > 0));
    assert.ok(before.policies.every((p) => p.flaggedPast === 0));
    ws.changeSets.setChangeSetState(digests[0]!, 'rejected');
    const after = check();
    assert.ok(after.policies.some((p) => (p.flaggedPast ?? 0) > 0));
  });

  test('a draft (never saved) shows the same way: set parameters, a shadow override, an own policy with its CEL and tests', () => {
    const text = readFileSync(join(DEMO, 'contract.yaml'), 'utf8').replace('  approvals:', `  parameters:
    images-approved-registries: {registries: ["ghcr.io/acme/", "quay.io/acme/"]}
  overrides:
    required-tags: {shadow: true}
  policies:
    - id: min-replicas
      title: Two replicas
      severity: low
      enforcement: advisory
      match: {types: [Deployment]}
      condition: "object.spec.replicas >= 2"
      tests:
        - {name: one fails, expect: fail, resource: {source: kubernetes, type: Deployment, address: Deployment/a/b, action: create, after: {spec: {replicas: 1}}}}
  approvals:`);
    const draft = parseContract('(draft)', text);
    const view = contractViewOf(ws, draft, { revision: 0, text });
    assert.equal(view.digest, draft.digest);
    assert.equal(view.revision, 0);
    assert.equal(view.text, text);
    assert.equal(view.warnings, 1);
    const byId = new Map(view.policies.map((p) => [p.id, p]));
    assert.deepEqual(byId.get('images-approved-registries')!.params!.map((p) => [p.set, p.value]), [[true, ['ghcr.io/acme/', 'quay.io/acme/']]]);
    assert.equal(byId.get('images-approved-registries')!.paramsSummary, 'registries: ghcr.io/acme/, +1');
    assert.equal(byId.get('required-tags')!.shadow, true);
    const own = byId.get('min-replicas')!;
    assert.deepEqual([own.pack, own.condition, own.testCount, own.match], ['', 'object.spec.replicas >= 2', 1, { types: ['Deployment'] }]);
  });
});
