// Issue 14, the pack shelf: adding a built-in pack to a draft is one edit of spec.extends that
// leaves every other byte alone; removing it takes the overrides and parameters of its policies
// with it, so the draft still loads.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { editDraft } from './edit-draft';
import { packShelf } from './pack-catalog';
import { livePackVersion } from '../../engine/contract/pack-version';
import { packsRoot } from '../../io/packs-root';

const V2 = `apiVersion: countersign.dev/v2   # keep me
kind: Contract
metadata: {name: acme}
spec:
  extends: []
  # own rules
  policies:
    - id: own-rule
      title: Own rule
      severity: low
      enforcement: advisory
      condition: "true"
`;

describe('addPack / removePack', () => {
  const latest = livePackVersion('baseline', packsRoot());

  test('adds {pack, version} to spec.extends; the draft loads with the pack\'s policies; comments stay', () => {
    const d = editDraft(V2, [{ op: 'addPack', pack: 'baseline', version: latest }]);
    assert.deepEqual(d.problems, []);
    assert.match(d.text, /extends: \[\{ ?pack: baseline, version: \d+ ?\}\]|extends:\n\s+- \{?pack: baseline/);
    assert.ok(d.text.includes('# keep me') && d.text.includes('# own rules'));
    assert.ok(d.resolved?.policies.some((p) => p.id === 'k8s-no-privileged' && p.pack === 'baseline'));
    assert.deepEqual(d.resolved?.packs?.map((e) => [e.pack, e.version]), [['baseline', latest]]);
  });

  test('a pack already extended is refused with the line of its entry, and nothing changes', () => {
    const once = editDraft(V2, [{ op: 'addPack', pack: 'baseline', version: latest }]).text;
    const twice = editDraft(once, [{ op: 'addPack', pack: 'baseline', version: 1 }]);
    assert.equal(twice.changed, false);
    assert.equal(twice.text, once);
    assert.match(twice.problems[0]?.message ?? '', /already extends pack "baseline"/);
    assert.equal(typeof twice.problems[0]?.line, 'number');
  });

  test('a v1 contract is upgraded so the new entry can be pinned; its bare names mean version 1 as before', () => {
    const v1 = 'apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: acme}\nspec:\n  extends: [baseline]\n';
    const d = editDraft(v1, [{ op: 'removePack', pack: 'baseline' }, { op: 'addPack', pack: 'baseline', version: 1 }]);
    assert.deepEqual(d.problems, []);
    assert.deepEqual(d.resolved?.packs?.map((e) => [e.pack, e.version]), [['baseline', 1]]);
  });

  test('an unknown pack is a load problem of the draft, not a crash', () => {
    const d = editDraft(V2, [{ op: 'addPack', pack: 'no-such-pack', version: 1 }]);
    assert.equal(d.resolved, null);
    assert.match(d.problems[0]?.message ?? '', /unknown policy pack "no-such-pack"/);
  });

  test('removePack drops the overrides and parameters of its policies, so the draft still loads', () => {
    const added = editDraft(V2, [
      { op: 'addPack', pack: 'baseline', version: latest },
      { op: 'setOverride', policy: 'iam-no-admin', enabled: false },
      { op: 'setParameter', policy: 'required-tags', name: 'tags', value: ['owner'] },
    ]);
    assert.deepEqual(added.problems, []);
    const removed = editDraft(added.text, [{ op: 'removePack', pack: 'baseline' }]);
    assert.deepEqual(removed.problems, []);
    assert.doesNotMatch(removed.text, /iam-no-admin|required-tags/);
    assert.deepEqual(removed.resolved?.policies.map((p) => p.id), ['own-rule']);
  });

  test('pack names that are not folder names are refused by the edit schema', () => {
    for (const pack of ['../etc', 'Baseline', '', 'a/b', '__proto__']) {
      const d = editDraft(V2, [{ op: 'addPack', pack, version: 1 }]);
      assert.equal(d.changed, false, pack);
      assert.match(d.problems[0]?.message ?? '', /invalid edit/, pack);
    }
  });

  test('setPackVersion moves a pinned pack to another version: its digest pin goes, overrides and comments stay', () => {
    const demo = `apiVersion: countersign.dev/v3
kind: Contract
metadata: {name: acme}
spec:
  extends:
    - {pack: baseline, version: 4, digest: "sha256:12c2ea770eab9399dddfa092b1fb8df07112d51fcdbc786e8718a579314366ca"}   # pinned
  overrides:
    k8s-run-as-non-root: {enforcement: deny}
`;
    const d = editDraft(demo, [{ op: 'setPackVersion', pack: 'baseline', version: latest }]);
    assert.deepEqual(d.problems, []);
    assert.doesNotMatch(d.text, /digest/);
    assert.match(d.text, /# pinned/);
    assert.deepEqual(d.resolved?.packs?.map((e) => [e.pack, e.version]), [['baseline', latest]]);
    assert.equal(d.resolved?.policies.find((p) => p.id === 'k8s-run-as-non-root')?.enforcement, 'deny');
    const missing = editDraft(demo, [{ op: 'setPackVersion', pack: 'pss-baseline', version: 1 }]);
    assert.equal(missing.changed, false);
    assert.match(missing.problems[0]?.message ?? '', /does not extend pack "pss-baseline"/);
  });

  test('cloud-hardening 1 → 2 on the shelf: every released version is offered, the move adds the bucket policy, version 1 still resolves as released', () => {
    const pinned = 'apiVersion: countersign.dev/v5\nkind: Contract\nmetadata: {name: acme}\nspec:\n  extends: [{pack: cloud-hardening, version: 1}]\n';
    const card = packShelf(pinned, undefined).find((p) => p.name === 'cloud-hardening');
    // 3 (the newest) corrects control ids only; 2 added the bucket policy.
    assert.equal(card?.version, 3);
    assert.deepEqual(card?.versions, [1, 2, 3]);
    assert.equal(card?.inSaved, 1);
    const before = editDraft(pinned, []);
    assert.equal(before.resolved?.policies.some((p) => p.id === 'aws-s3-bucket-public-access-block'), false);
    const moved = editDraft(pinned, [{ op: 'setPackVersion', pack: 'cloud-hardening', version: 2 }]);
    assert.deepEqual(moved.problems, []);
    assert.deepEqual(moved.resolved?.packs?.map((e) => [e.pack, e.version]), [['cloud-hardening', 2]]);
    assert.equal(moved.resolved?.policies.find((p) => p.id === 'aws-s3-bucket-public-access-block')?.enforcement, 'deny');
    assert.deepEqual(packShelf(pinned, moved.text).find((p) => p.name === 'cloud-hardening')?.inDraft, 2);
  });
});
