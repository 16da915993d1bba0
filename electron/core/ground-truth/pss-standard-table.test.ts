// Each PSS pack against the committed table of the standard's controls (its pack.yaml
// `standard:` block: source URL, pinned version, one row per control). No control is silently
// missing, no policy claims a control the table does not have, every restricted field the
// table lists is quoted in the implementing policy's description, and the restricted pack
// holds the baseline policies byte for byte, minus exactly the controls restricted replaces.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { loadPack } from '../engine';
import { STANDARD_PARAM, standardName, standardOptionOf } from '../engine/contract/standard-version';
import { packsRoot } from '../io/packs-root';
import type { Policy } from '../model/policy';

interface Row {
  readonly control: string;
  readonly name: string;
  readonly fields: readonly string[];
  readonly allowed: readonly string[];
  readonly since?: string;
  readonly replaces?: string;
  readonly windowsExempt?: boolean;
}

interface StandardTable {
  readonly name: string;
  readonly source: string;
  readonly implementation: string;
  readonly latest: string;
  readonly versions: readonly [string, string];
  readonly profile: 'baseline' | 'restricted';
  readonly controls: readonly Row[];
}

const root = packsRoot();
const tableOf = (pack: string): StandardTable => (parse(readFileSync(join(root, pack, 'pack.yaml'), 'utf8')) as { standard: StandardTable }).standard;

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)).map((f) => join(n, f)) : [n]));
}

/** The policies of `policies` that implement `control`. */
const implementing = (policies: readonly Policy[], control: string) => policies.filter((p) => p.controls?.includes(control));

for (const pack of ['pss-baseline', 'pss-restricted'] as const) {
  describe(`${pack} against its table of the standard's controls`, () => {
    const table = tableOf(pack);
    const policies = loadPack(pack, root);

    test('the table names the standard, its source, and the version this pack version pins', () => {
      assert.equal(table.name, 'Kubernetes Pod Security Standards');
      assert.equal(table.source, 'https://kubernetes.io/docs/concepts/security/pod-security-standards/');
      assert.match(table.implementation, /^https:\/\/github\.com\/kubernetes\/kubernetes\/tree\/release-1\.\d+\/staging\/src\/k8s\.io\/pod-security-admission\/policy$/);
      assert.equal(table.profile, pack === 'pss-baseline' ? 'baseline' : 'restricted');
      assert.ok(table.controls.length >= (pack === 'pss-baseline' ? 12 : 19));
      assert.equal(new Set(table.controls.map((r) => r.control)).size, table.controls.length, 'one row per control');
    });

    test('every row is implemented by a policy of the pack', () => {
      const missing = table.controls.filter((r) => implementing(policies, r.control).length === 0).map((r) => r.control);
      assert.deepEqual(missing, []);
    });

    test('every policy implements rows of the table, and names its own profile\'s control first', () => {
      const known = new Set(table.controls.map((r) => r.control));
      for (const p of policies) {
        assert.ok(p.controls && p.controls.length > 0, `${p.id} names its controls`);
        for (const c of p.controls) assert.ok(known.has(c), `${p.id}: ${c} is not in the table`);
        // pss-baseline-host-ports implements pss:baseline/host-ports, pss-restricted-seccomp pss:restricted/seccomp.
        const [, profile, control] = /^pss-(baseline|restricted)-(.+)$/.exec(p.id) ?? [];
        assert.equal(p.controls[0], `pss:${profile}/${control}`, p.id);
      }
    });

    test('a control the restricted profile replaces is implemented by the replacing policy', () => {
      for (const r of table.controls.filter((x) => x.replaces !== undefined)) {
        const replacing = implementing(policies, r.control);
        assert.ok(replacing.every((p) => p.controls?.includes(r.replaces!)), `${r.control} also names ${r.replaces}`);
      }
    });

    test('each policy\'s description quotes the restricted fields of its controls and links the section', () => {
      for (const r of table.controls) {
        const p = implementing(policies, r.control)[0]!;
        // A replaced baseline control is quoted by the replacing policy, under its own name.
        if (p.controls?.[0] === r.control) assert.match(p.description, new RegExp(`Pod Security Standards, (Baseline|Restricted), "?${r.name.replace(/[/()+.]/g, '\\$&')}`), `${p.id} names the control ${r.name}`);
        assert.match(p.description, /https:\/\/kubernetes\.io\/docs\/concepts\/(security\/pod-security-standards\/#(baseline|restricted)|workloads\/pods\/user-namespaces\/)/, `${p.id} links the standard`);
        for (const f of r.fields.filter((x) => !x.includes(' '))) assert.ok(p.description.includes(f), `${p.id} quotes ${f}`);
      }
    });

    test('Windows exemptions are where the standard puts them (restricted, from v1.25: privilege escalation, seccomp, capabilities)', () => {
      for (const p of policies) {
        const exempt = table.controls.some((r) => r.windowsExempt === true && p.controls?.[0] === r.control);
        assert.equal(p.condition.includes('lookup(resource.podSpec, "os.name", "") == "windows"'), exempt, p.id);
      }
    });

    test('the standard-version option covers exactly the versions the table pins', () => {
      const option = standardOptionOf(pack, policies);
      assert.ok(option);
      assert.deepEqual([standardName(option.oldest), standardName(option.latest)], table.versions);
      assert.equal(standardName(option.latest), table.latest);
      // The controls that changed between versions read it; the others do not declare it.
      const readers = policies.filter((p) => p.parameters[STANDARD_PARAM] !== undefined).map((p) => p.id);
      for (const id of readers) assert.match(policies.find((p) => p.id === id)!.condition, /params\.standardMinor/, id);
      for (const p of policies) if (!readers.includes(p.id)) assert.doesNotMatch(p.condition, /params\.standardMinor/, p.id);
    });
  });
}

describe('pss-restricted includes pss-baseline', () => {
  const baseline = tableOf('pss-baseline');
  const restricted = tableOf('pss-restricted');

  test('the restricted table holds the baseline rows unchanged, then its own', () => {
    assert.deepEqual(restricted.controls.slice(0, baseline.controls.length), baseline.controls);
    assert.ok(restricted.controls.slice(baseline.controls.length).every((r) => r.control.startsWith('pss:restricted/')));
    const { controls: _b, profile: _bp, ...baseMeta } = baseline;
    const { controls: _r, profile: _rp, ...restrictedMeta } = restricted;
    assert.deepEqual(restrictedMeta, baseMeta, 'same standard, source and versions');
  });

  test('its baseline policies are the pss-baseline folders byte for byte, minus the replaced controls', () => {
    const replaced = new Set(restricted.controls.flatMap((r) => (r.replaces ? [r.replaces] : [])));
    const expected = loadPack('pss-baseline', root).filter((p) => !p.controls?.some((c) => replaced.has(c))).map((p) => p.id);
    const copies = readdirSync(join(root, 'pss-restricted')).filter((n) => n.startsWith('pss-baseline-')).sort();
    assert.deepEqual(copies, expected);
    assert.deepEqual([...replaced].sort(), ['pss:baseline/capabilities', 'pss:baseline/hostpath-volumes', 'pss:baseline/proc-mount', 'pss:baseline/seccomp']);
    for (const id of copies) {
      const from = join(root, 'pss-baseline', id);
      const to = join(root, 'pss-restricted', id);
      assert.deepEqual(filesUnder(to).sort(), filesUnder(from).sort(), id);
      for (const f of filesUnder(from)) assert.ok(readFileSync(join(to, f)).equals(readFileSync(join(from, f))), `${relative(root, join(to, f))} differs from pss-baseline's`);
    }
  });
});

test('docs/policies.md has one table per PSS pack: every control, its policy and default enforcement', () => {
  const doc = readFileSync(join(root, '..', 'docs', 'policies.md'), 'utf8');
  for (const pack of ['pss-baseline', 'pss-restricted'] as const) {
    const start = doc.indexOf(`\n### \`${pack}\`\n`);
    assert.ok(start >= 0, `a "### \`${pack}\`" table`);
    const next = doc.indexOf('\n### ', start + 1);
    const rows = doc.slice(start, next < 0 ? undefined : next).split('\n').filter((l) => l.startsWith('| `pss:'));
    const policies = loadPack(pack, root);
    assert.deepEqual(rows.map((l) => /^\| `([^`]+)`/.exec(l)?.[1]), tableOf(pack).controls.map((r) => r.control), `${pack}: one row per control, in table order`);
    for (const row of rows) {
      const control = /^\| `([^`]+)`/.exec(row)![1]!;
      const p = implementing(policies, control)[0]!;
      assert.ok(row.includes(`\`${p.id}\``), `${control} row names ${p.id}`);
      assert.ok(row.endsWith(`| ${p.enforcement}, ${p.severity} |`), `${control} row: default ${p.enforcement}, ${p.severity}`);
      assert.match(row, /\]\(https:\/\/kubernetes\.io\/docs\/concepts\//, `${control} row links the standard`);
    }
  }
});

test('the baseline pack\'s Pod Security ids are rows of the PSS tables (the same control, one home)', () => {
  const rows = new Set(['pss-baseline', 'pss-restricted'].flatMap((pack) => tableOf(pack).controls.map((r) => r.control)));
  const named = loadPack('baseline', root).flatMap((p) => (p.controls ?? []).filter((c) => c.startsWith('pss:')));
  assert.ok(named.length >= 4, named.join(' '));
  assert.deepEqual(named.filter((c) => !rows.has(c)), []);
});
