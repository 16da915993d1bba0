// The cloud-hardening pack against the committed table of the control ids it names
// (policies/cloud-hardening/pack.yaml `controls`, each row checked against a public source):
// no policy names an id the table does not hold, no row is stale, the baseline's shared ids are
// the same verified ids, every frozen version names only verified ids or ids listed as errata,
// and docs/policies.md gives each row its source and documents each erratum.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { loadPack } from '../engine';
import { readSnapshot, releasedVersions } from '../engine/contract/pack-version';
import { packsRoot } from '../io/packs-root';
import type { Policy } from '../model/policy';
import { repoRoot } from '../testing/corpus';

interface Row { readonly control: string; readonly title: string; readonly source: string }
interface Erratum { readonly control: string; readonly versions: readonly number[]; readonly policy: string; readonly reason: string }
interface Table {
  readonly standards: readonly { readonly id: string; readonly name: string; readonly source: string }[];
  readonly controls: readonly Row[];
  readonly errata: readonly Erratum[];
}

const root = packsRoot();
const table = parse(readFileSync(join(root, 'cloud-hardening', 'pack.yaml'), 'utf8')) as Table;
const verified = new Set(table.controls.map((r) => r.control));
const controlsOf = (policies: readonly Policy[]): Set<string> => new Set(policies.flatMap((p) => p.controls ?? []));

describe('cloud-hardening control ids, each checked against its source', () => {
  test('the table is well formed: one row per id, a known standard, a title and an https source', () => {
    assert.equal(verified.size, table.controls.length, 'no id twice');
    const standards = new Set(table.standards.map((s) => s.id));
    for (const s of table.standards) assert.match(s.source, /^https:\/\//, s.id);
    for (const r of table.controls) {
      assert.ok(standards.has(r.control.slice(0, r.control.indexOf(':'))), `${r.control}: a standard of the table`);
      assert.ok(r.title.trim().length > 10, `${r.control}: its title as the source words it`);
      assert.match(r.source, /^https:\/\//, r.control);
    }
  });

  test('every id the pack names is in the table', () => {
    const named = controlsOf(loadPack('cloud-hardening', root));
    assert.deepEqual([...named].filter((c) => !verified.has(c)).sort(), [], 'ids no source was checked for');
  });

  test('the baseline\'s cloud ids are verified too, and every row is named by one of the two packs', () => {
    const baselineIds = [...controlsOf(loadPack('baseline', root))].filter((c) => !c.startsWith('pss:'));
    assert.ok(baselineIds.length > 0);
    assert.deepEqual(baselineIds.filter((c) => !verified.has(c)).sort(), []);
    const named = new Set([...controlsOf(loadPack('cloud-hardening', root)), ...baselineIds]);
    assert.deepEqual([...verified].filter((c) => !named.has(c)).sort(), [], 'rows no policy names');
  });

  test('frozen versions name verified ids, or ids the errata list for exactly that version and policy', () => {
    const versions = releasedVersions('cloud-hardening', root);
    for (const version of versions) {
      const snapshot = readSnapshot('cloud-hardening', version, root);
      assert.ok(snapshot, `version ${version}`);
      const unverified = snapshot.policies.flatMap((p) => (p.controls ?? []).filter((c) => !verified.has(c)).map((c) => `${p.id} ${c}`)).sort();
      const listed = table.errata.filter((e) => e.versions.includes(version)).map((e) => `${e.policy} ${e.control}`).sort();
      assert.deepEqual(unverified, listed, `version ${version}`);
    }
    // The newest version carries no erratum: corrections land there.
    const newest = Math.max(...versions);
    assert.deepEqual(table.errata.filter((e) => e.versions.includes(newest)), []);
  });

  test('docs/policies.md: each cloud-hardening row cites a source, every source is linked, every erratum explained', () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'policies.md'), 'utf8');
    const section = doc.slice(doc.indexOf('# Built-in policy pack: `cloud-hardening`'));
    for (const p of loadPack('cloud-hardening', root)) {
      const row = section.split('\n').find((l) => l.startsWith(`| ${p.id} |`));
      assert.ok(row, p.id);
      const cells = row.split(' | ');
      // | policy | controls | standard reference | fields | source | default |
      assert.match(cells[4] ?? '', /\]\[[a-z0-9-]+\]/, `${p.id}: a source link`);
    }
    for (const s of table.standards) assert.ok(section.includes(s.source), `the source of ${s.id}`);
    const errata = section.slice(section.indexOf('### Control id errata'));
    assert.ok(errata.startsWith('### Control id errata'), 'an errata section');
    for (const e of table.errata) assert.ok(errata.includes(`\`${e.control}\``), `erratum ${e.control}`);
  });
});
