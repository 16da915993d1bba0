// docs/policies.md maps every cloud-hardening policy to its standard controls: one table row
// per policy naming each control id and the default enforcement and severity the pack ships.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadPack } from '../engine';
import { packsRoot } from '../io/packs-root';
import { repoRoot } from '../testing/corpus';

test('docs/policies.md has a cloud-hardening row per policy with its controls and default enforcement', () => {
  const doc = readFileSync(join(repoRoot, 'docs', 'policies.md'), 'utf8');
  const start = doc.indexOf('# Built-in policy pack: `cloud-hardening`');
  assert.ok(start >= 0, 'a cloud-hardening section');
  const rows = doc.slice(start).split('\n').filter((l) => l.startsWith('| '));
  const policies = loadPack('cloud-hardening', packsRoot());
  for (const p of policies) {
    const row = rows.find((l) => l.startsWith(`| ${p.id} |`));
    assert.ok(row, `a row for ${p.id}`);
    const cells = row.split(' | ');
    for (const c of p.controls ?? []) assert.ok((cells[1] ?? '').includes(`\`${c}\``), `${p.id}: control ${c} in the controls cell`);
    assert.ok(row.endsWith(`| ${p.enforcement}, ${p.severity} |`), `${p.id}: default ${p.enforcement}, ${p.severity}`);
  }
  const documented = rows.map((l) => /^\| ([a-z0-9-]+) \|/.exec(l)?.[1]).filter((id) => id?.includes('-') && /^(aws|gcp|azure)-/.test(id));
  assert.deepEqual(documented.sort(), policies.map((p) => p.id).sort(), 'no row for a policy the pack does not have');
});
