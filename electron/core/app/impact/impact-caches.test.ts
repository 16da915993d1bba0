import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseContract } from '../../engine';
import { DEMO_CONTRACT, draftOf, impactWorkspace } from '../../testing/impact-fixtures';
import type { ImpactWorkspace } from '../../testing/impact-fixtures';
import { ChangeSetCache } from './change-set-cache';
import { startImpactJob } from './impact-job';
import type { ImpactJobOptions, ImpactRow } from './impact-job';
import { PolicyCompileCache } from './policy-compile-cache';

let t: ImpactWorkspace;
before(async () => {
  t = await impactWorkspace();
});
after(() => t.cleanup());

async function rows(text: string, options: ImpactJobOptions = {}): Promise<readonly ImpactRow[]> {
  const started = startImpactJob(t.ws, { contract: DEMO_CONTRACT, text }, options);
  assert.ok(started.ok, started.ok ? '' : started.problem.message);
  await started.job.whenDone();
  return started.job.poll(0, 5000).rows;
}

/** No cache at all: every policy compiled, every change set parsed, and one engine run per change set. */
const uncached = (): ImpactJobOptions => ({ policyCache: new PolicyCompileCache(0), changeSetCache: new ChangeSetCache({ maxEntries: 0, maxSourceBytes: 0 }), reusePolicyResults: false });

const POLICIES = ['images-approved-registries', 'images-no-latest', 'k8s-resource-limits', 'k8s-run-as-non-root', 'maintenance-window', 'db-no-replace', 'required-tags'] as const;
const draftArb = fc.record({
  overrides: fc.dictionary(fc.constantFrom(...POLICIES), fc.record({ enabled: fc.boolean(), enforcement: fc.constantFrom('advisory', 'approval', 'deny', 'mandatory') }, { requiredKeys: [] }), { maxKeys: 4 }),
  registries: fc.subarray(['ghcr.io/acme/', 'docker.io/library/', 'ghcr.io', 'docker.io/library/nginx', 'registry.example.com/*']),
  window: fc.option(fc.record({ days: fc.subarray(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'], { minLength: 1 }), start: fc.constantFrom('00:00', '02:30', '03:00'), end: fc.constantFrom('03:01', '04:00', '23:59'), timezone: fc.constantFrom('UTC', 'Europe/Paris') })),
}).map((d) => draftOf({
  overrides: d.overrides,
  parameters: { 'images-approved-registries': { registries: d.registries }, ...(d.window ? { 'maintenance-window': { windows: [d.window] } } : {}) },
}));

describe('impact caches', () => {
  test('cached and uncached replays give the same rows, whatever drafts came before (property)', async () => {
    // The shared caches stay warm across runs: every draft meets policies compiled for earlier ones.
    await fc.assert(fc.asyncProperty(draftArb, async (text) => {
      assert.deepEqual(await rows(text), await rows(text, uncached()));
    }), { numRuns: 25 });
  });

  test('a draft changing several policies on several resources: same rows, in the same order, cached or not', async () => {
    const text = draftOf({
      overrides: { 'k8s-resource-limits': { enforcement: 'advisory' }, 'images-no-latest': { enabled: false } },
      parameters: { 'images-approved-registries': { registries: ['quay.io/'] }, 'maintenance-window': { windows: [] } },
    });
    const cached = await rows(text);
    assert.ok(new Set(cached.map((r) => r.policy)).size >= 3 && new Set(cached.map((r) => r.resourceIndex)).size >= 3, 'several policies and resources');
    assert.deepEqual(cached, await rows(text, uncached()));
    assert.deepEqual(await rows(text), cached, 'and again from the kept per-policy results');
  });

  test('editing one policy\'s parameter recompiles that policy only; an override reuses the programs', () => {
    const cache = new PolicyCompileCache();
    const first = cache.compileContract(parseContract('a', draftOf({ parameters: { 'images-approved-registries': { registries: ['a/'] } } })));
    const compiled = cache.misses;
    assert.equal(compiled, first.policies.length);
    cache.compileContract(parseContract('b', draftOf({ parameters: { 'images-approved-registries': { registries: ['b/'] } } })));
    assert.equal(cache.misses, compiled + 1);
    const overridden = cache.compileContract(parseContract('c', draftOf({ overrides: { 'images-no-latest': { enforcement: 'advisory', enabled: false } }, parameters: { 'images-approved-registries': { registries: ['b/'] } } })));
    assert.equal(cache.misses, compiled + 1);
    const p = overridden.policies.find((cp) => cp.policy.id === 'images-no-latest')!;
    assert.equal(p.policy.enforcement, 'advisory');
    assert.equal(p.policy.enabled, false);
  });

  test('a condition edited to the text of another policy\'s is that policy\'s program; a distinct one is compiled', () => {
    const cache = new PolicyCompileCache();
    const own = (condition: string) => parseContract('d', draftOf({ policies: [{ id: 'own', title: 'Own', severity: 'low', enforcement: 'deny', condition }] }));
    const a = cache.compileContract(own('object.spec.replicas > 1')).policies.at(-1)!;
    const b = cache.compileContract(own('object.spec.replicas > 2')).policies.at(-1)!;
    const activation = { resource: {}, object: { spec: { replicas: 2n } }, oldObject: null, params: {}, changeset: {}, now: new Date() };
    assert.equal(a.condition.run(activation), true);
    assert.equal(b.condition.run(activation), false);
  });
});

describe('change-set cache', () => {
  test('keeps at most its byte budget, dropping the least recently used', () => {
    // Room for either change set, not both.
    const budget = Math.max(t.ws.changeSets.getChangeSet(t.release)!.totalBytes, t.ws.changeSets.getChangeSet(t.plan)!.totalBytes) + 1;
    const cache = new ChangeSetCache({ maxEntries: 10, maxSourceBytes: budget });
    cache.load(t.ws, t.release);
    cache.load(t.ws, t.release);
    assert.deepEqual([cache.hits, cache.misses, cache.size], [1, 1, 1]);
    cache.load(t.ws, t.plan);
    assert.ok(cache.sourceBytes <= budget);
    assert.equal(cache.size, 1);
    cache.load(t.ws, t.release);
    assert.equal(cache.misses, 3, 'the release was dropped for the plan');
  });
});

describe('a replay over more change sets than the cache keeps', () => {
  test('reuses every kept change set, whatever their states (kept ones are read before a miss evicts them)', async () => {
    const many = await impactWorkspace(20);
    try {
      const digests = many.ws.listInbox({ state: 'pending', limit: 100 }).items.map((i) => i.digest);
      digests.forEach((d, i) => i % 2 === 1 && many.ws.changeSets.setChangeSetState(d, i % 4 === 1 ? 'approved' : 'rejected'));
      const cache = new ChangeSetCache({ maxEntries: 10, maxSourceBytes: 1e9 });
      const hitsPerReplay: number[] = [];
      for (let i = 0; i < 3; i++) {
        const hits = cache.hits;
        const started = startImpactJob(many.ws, { contract: DEMO_CONTRACT, text: draftOf() }, { changeSetCache: cache });
        assert.ok(started.ok);
        await started.job.whenDone();
        assert.equal(started.job.poll().progress.done, 22);
        hitsPerReplay.push(cache.hits - hits);
      }
      assert.deepEqual(hitsPerReplay, [0, 10, 10]);
    } finally {
      many.cleanup();
    }
  });
});
