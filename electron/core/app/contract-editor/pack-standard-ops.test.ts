// Issue 14, the pack shelf's standard-version selector: adding a pack at a chosen Pod Security
// Standards version, and changing it later, are edits of one extends entry that are checked
// against the versions the pack declares. `v1.N` writes `standard:` (the contract becomes
// countersign.dev/v5); `latest` writes nothing (an entry without `standard` follows latest).
// Anything else is refused with the pack's range, and the text stays as it was.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { editDraft } from './edit-draft';
import { packStandardOption, standardVersions } from './pack-catalog';
import { livePackVersion } from '../../engine/contract/pack-version';
import { upgradeToV5 } from '../../engine/contract/edit/upgrade-v5';
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

const PACK = 'pss-restricted';
const version = livePackVersion(PACK, packsRoot());
const option = packStandardOption(PACK, version)!;
const oldest = `v1.${option.oldest}`;
const latest = `v1.${option.latest}`;

/** The extends entry of PACK in `text`, as data. */
const entryOf = (text: string): Record<string, unknown> | undefined =>
  ((parse(text) as { spec: { extends: Record<string, unknown>[] } }).spec.extends).find((e) => e.pack === PACK);

/** The resolved minor version the policies of PACK that read it follow (their parameter values). */
const minors = (d: ReturnType<typeof editDraft>): number[] =>
  [...new Set(d.resolved?.policies.filter((p) => p.pack === PACK && p.parameters.standardMinor).map((p) => d.resolved!.parameters[p.id]!.standardMinor as number))];

describe('the standard version of a pack: add, change, back to latest', () => {
  test('the PSS packs declare a range; the shelf offers it newest first, and packs without one have none', () => {
    assert.ok(option && option.oldest < option.latest, 'pss-restricted has a standard-version option');
    const offered = standardVersions(option);
    assert.equal(offered.latest, latest);
    assert.equal(offered.versions[0], latest);
    assert.equal(offered.versions.at(-1), oldest);
    assert.equal(offered.versions.length, option.latest - option.oldest + 1);
    assert.equal(packStandardOption('baseline', livePackVersion('baseline', packsRoot())), null);
    assert.equal(packStandardOption(PACK, 999), null, 'a version this build does not hold');
  });

  test('adding at v1.30 writes standard: v1.30, makes the contract v5, and its policies follow v1.30', () => {
    const d = editDraft(V2, [{ op: 'addPack', pack: PACK, version, standard: 'v1.30' }]);
    assert.deepEqual(d.problems, []);
    assert.match(d.text, /^apiVersion: countersign\.dev\/v5 {3}# keep me$/m);
    assert.ok(d.text.includes('# own rules'));
    assert.deepEqual(entryOf(d.text), { pack: PACK, version, standard: 'v1.30' });
    assert.deepEqual(d.resolved?.packs?.map((p) => [p.pack, p.standard]), [[PACK, 'v1.30']]);
    assert.deepEqual(minors(d), [30]);
  });

  test('adding at latest writes no standard and leaves the apiVersion alone', () => {
    const d = editDraft(V2, [{ op: 'addPack', pack: PACK, version, standard: 'latest' }]);
    assert.deepEqual(d.problems, []);
    assert.match(d.text, /^apiVersion: countersign\.dev\/v2 /m);
    assert.deepEqual(entryOf(d.text), { pack: PACK, version });
    assert.deepEqual(d.text, editDraft(V2, [{ op: 'addPack', pack: PACK, version }]).text, 'latest is the same as no choice');
    assert.deepEqual(minors(d), [option.latest]);
  });

  test('changing it later: v1.30 is written in place, latest removes it, other members and comments stay', () => {
    const added = editDraft(V2, [{ op: 'addPack', pack: PACK, version }]).text;
    const pinned = editDraft(added, [{ op: 'setPackStandard', pack: PACK, standard: 'v1.30' }]);
    assert.deepEqual(pinned.problems, []);
    assert.deepEqual(entryOf(pinned.text), { pack: PACK, version, standard: 'v1.30' });
    assert.deepEqual(minors(pinned), [30]);
    const moved = editDraft(pinned.text, [{ op: 'setPackStandard', pack: PACK, standard: oldest }]);
    assert.deepEqual(entryOf(moved.text), { pack: PACK, version, standard: oldest });
    const back = editDraft(moved.text, [{ op: 'setPackStandard', pack: PACK, standard: 'latest' }]);
    assert.deepEqual(back.problems, []);
    assert.equal(back.text, upgradeToV5(added), 'latest removes standard; only the apiVersion line differs from before');
    assert.deepEqual(minors(back), [option.latest]);
    const again = editDraft(back.text, [{ op: 'setPackStandard', pack: PACK, standard: 'latest' }]);
    assert.equal(again.changed, false, 'latest on an entry without standard changes no byte');
  });

  test('a v1 contract is upgraded (bare names pinned), and an entry with a digest pin keeps it', () => {
    const v1 = 'apiVersion: countersign.dev/v1\nkind: Contract\nmetadata: {name: acme}\nspec:\n  extends: [baseline]\n';
    const d = editDraft(v1, [{ op: 'addPack', pack: PACK, version, standard: 'v1.30' }]);
    assert.deepEqual(d.problems, []);
    assert.deepEqual((parse(d.text) as { spec: { extends: unknown[] } }).spec.extends, [{ pack: 'baseline', version: 1 }, { pack: PACK, version, standard: 'v1.30' }]);
    const digest = d.resolved!.packs!.find((p) => p.pack === PACK)!.digest;
    const withDigest = d.text.replace('standard: v1.30', `digest: "${digest}"`);
    const set = editDraft(withDigest, [{ op: 'setPackStandard', pack: PACK, standard: 'v1.28' }]);
    assert.deepEqual(set.problems, []);
    assert.deepEqual(entryOf(set.text), { pack: PACK, version, digest, standard: 'v1.28' });
  });

  test('any version the pack does not declare is refused, naming the range; nothing changes', () => {
    const added = editDraft(V2, [{ op: 'addPack', pack: PACK, version }]).text;
    const hostile = [
      `v1.${option.latest + 1}`, `v1.${option.oldest - 1}`, 'v1.0', 'v1.030', 'V1.30', 'v1.30.0', 'v1.30 ', ' v1.30', 'v1.3O', '1.30', 'v2.30',
      'LATEST', 'Latest', 'latest ', 'newest', 'v1.30\n', 'v1.30\u0000', 'v1.٣٠', 'v1.30 # x', '*', '../v1.30', 'v1.99999',
    ];
    for (const standard of hostile) {
      for (const [text, e] of [[V2, { op: 'addPack' as const, pack: PACK, version, standard }], [added, { op: 'setPackStandard' as const, pack: PACK, standard }]] as const) {
        const d = editDraft(text, [e]);
        assert.equal(d.changed, false, `${e.op} ${JSON.stringify(standard)}`);
        assert.equal(d.text, text);
        assert.match(d.problems[0]?.message ?? '', new RegExp(`is not a Pod Security Standards version ${PACK} version ${version} follows: write latest or ${oldest} … ${latest}`), `${e.op} ${JSON.stringify(standard)}`);
      }
    }
    // Not a string, too long, empty: refused by the edit's shape before the pack is asked.
    for (const standard of [30, 1.3, null, true, ['v1.30'], { v: 'v1.30' }, '', 'v'.repeat(33)]) {
      const d = editDraft(added, [{ op: 'setPackStandard', pack: PACK, standard } as never]);
      assert.equal(d.changed, false, JSON.stringify(standard));
      assert.match(d.problems[0]?.message ?? '', /invalid edit/, JSON.stringify(standard));
    }
  });

  test('a pack without the option, and a pack the contract does not extend, are refused', () => {
    const baseline = livePackVersion('baseline', packsRoot());
    for (const standard of ['latest', 'v1.30']) {
      const d = editDraft(V2, [{ op: 'addPack', pack: 'baseline', version: baseline, standard }]);
      assert.equal(d.changed, false);
      assert.match(d.problems[0]?.message ?? '', /policy pack "baseline" version \d+ has no standard-version option/);
    }
    const withBaseline = editDraft(V2, [{ op: 'addPack', pack: 'baseline', version: baseline }]).text;
    assert.match(editDraft(withBaseline, [{ op: 'setPackStandard', pack: 'baseline', standard: 'v1.30' }]).problems[0]?.message ?? '', /has no standard-version option/);
    assert.match(editDraft(withBaseline, [{ op: 'setPackStandard', pack: PACK, standard: 'v1.30' }]).problems[0]?.message ?? '', /does not extend pack "pss-restricted"/);
    const unknown = editDraft(V2, [{ op: 'addPack', pack: PACK, version: 999, standard: 'v1.30' }]);
    assert.equal(unknown.changed, false, 'a version this build does not hold has no standard versions to pick from');
  });
});
