import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError, NotFoundError } from '../../model/errors';
import { DEMO_CONTRACT, STORED_AT, draftOf, impactWorkspace, tableCounts } from '../../testing/impact-fixtures';
import type { ImpactWorkspace } from '../../testing/impact-fixtures';
import { rebuildStored } from '../change-set-service';
import { explainFinding } from './explain-finding';
import type { FindingExplanation } from './explain-finding';

let t: ImpactWorkspace;
let web: number;
let api: number;
before(async () => {
  t = await impactWorkspace();
  const resources = rebuildStored(t.ws, t.release).resources;
  web = resources.findIndex((r) => r.address === 'Deployment/shop/web');
  api = resources.findIndex((r) => r.address === 'Deployment/shop/api');
});
after(() => t.cleanup());

const own = (id: string, condition: string, match: object = {}) => ({ id, title: id, severity: 'low', enforcement: 'deny', condition, match });

function explain(text: string, digest: string, resourceIndex: number, policy: string): FindingExplanation {
  const result = explainFinding(t.ws, { contract: DEMO_CONTRACT, text, digest, resourceIndex, policy });
  assert.ok(result.ok, result.ok ? '' : result.problem.message);
  return result.explanation;
}

const IMAGES = 'object.spec.template.spec.containers.all(c, c.image.startsWith("ghcr.io/"))';
const draft = draftOf({
  policies: [
    own('shop-images', `resource.action != "delete" &&\n  object.metadata.namespace == "shop" && (${IMAGES})`),
    own('replicas', 'object.spec.replicas > 1'),
    own('false-beats-error', 'object.spec.replicas > 1 && resource.namespace == "elsewhere"'),
    own('statefulsets', 'false', { types: ['StatefulSet'] }),
  ],
});

describe('explainFinding', () => {
  test('names the top-level clause that is false and the values of the fields it reads', () => {
    const e = explain(draft, t.release, web, 'shop-images');
    assert.equal(e.outcome, 'fail');
    assert.equal(e.clause?.text, IMAGES);
    assert.deepEqual(e.values.map((v) => v.expression), ['object.spec.template.spec.containers']);
    assert.match(e.values[0]!.value, /"image": "docker\.io\/library\/nginx:1\.27"/);
    assert.equal(e.at, STORED_AT);
    assert.equal(e.message, 'shop-images');
  });

  test('a resource the policy passes, or does not look at, has no clause', () => {
    assert.deepEqual(explain(draft, t.release, api, 'shop-images'), { outcome: 'pass', enabled: true, at: STORED_AT, clause: null, values: [], message: '' });
    assert.equal(explain(draft, t.release, web, 'statefulsets').outcome, 'not-matched');
  });

  test('a clause that errs is named with the error as the value it read', () => {
    const e = explain(draft, t.release, web, 'replicas');
    assert.equal(e.outcome, 'error');
    assert.equal(e.clause?.text, 'object.spec.replicas > 1');
    assert.deepEqual(e.values.map((v) => v.expression), ['object.spec.replicas']);
    assert.match(e.values[0]!.value, /^<.*replicas.*>$/);
    assert.match(e.message, /condition could not be evaluated/);
  });

  test('a false clause is named before one that errs (CEL: false && error is false)', () => {
    const e = explain(draft, t.release, web, 'false-beats-error');
    assert.equal(e.outcome, 'fail');
    assert.equal(e.clause?.text, 'resource.namespace == "elsewhere"');
    assert.deepEqual(e.values, [{ expression: 'resource.namespace', value: '"shop"' }]);
  });

  test('a maintenance window is explained at the stored evaluation time', () => {
    const plan = rebuildStored(t.ws, t.plan).resources.findIndex((r) => r.action === 'delete');
    const e = explain(draftOf({ parameters: { 'maintenance-window': { windows: [] } } }), t.plan, plan, 'maintenance-window');
    assert.equal(e.outcome, 'fail');
    assert.deepEqual(e.values.find((v) => v.expression === 'now'), { expression: 'now', value: STORED_AT });
    assert.deepEqual(e.values.find((v) => v.expression === 'params.windows'), { expression: 'params.windows', value: '[]' });
  });

  test('a disabled policy is explained as if enabled, and says so', () => {
    const e = explain(draftOf({ overrides: { 'images-approved-registries': { enabled: false } }, parameters: { 'images-approved-registries': { registries: ['ghcr.io/acme/'] } } }), t.release, web, 'images-approved-registries');
    assert.equal(e.enabled, false);
    assert.equal(e.outcome, 'fail');
  });

  test('a bad draft is a problem; an unknown policy, digest or resource is a clear error; nothing is stored', () => {
    const counts = tableCounts(t.ws);
    const bad = explainFinding(t.ws, { contract: DEMO_CONTRACT, text: 'apiVersion: [', digest: t.release, resourceIndex: web, policy: 'x' });
    assert.equal(bad.ok, false);
    assert.throws(() => explain(draft, t.release, web, 'no-such-policy'), (e: unknown) => e instanceof InputError && /no policy "no-such-policy"/.test(e.message));
    for (const index of [-1, 10_000, 1.5, Number.NaN]) {
      assert.throws(() => explain(draft, t.release, index, 'shop-images'), (e: unknown) => e instanceof NotFoundError && /has no resource/.test(e.message));
    }
    assert.throws(() => explain(draft, `sha256:${'0'.repeat(64)}`, 0, 'shop-images'), NotFoundError);
    assert.deepEqual(tableCounts(t.ws), counts);
  });
});
