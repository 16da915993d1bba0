import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContract } from '../../engine';
import { repoRoot } from '../../testing/corpus';
import { editDraft } from './edit-draft';

const demo = readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8');
const demoDigest = parseContract('demo', demo).digest;

test('an edit to a loading draft loads, changes the digest, and leaves the other bytes alone', () => {
  const r = editDraft(demo, [{ op: 'setOverride', policy: 'required-tags', enforcement: 'advisory' }]);
  assert.deepEqual(r.problems, []);
  assert.ok(r.changed);
  assert.ok(r.resolved);
  assert.notEqual(r.resolved.digest, demoDigest);
  assert.equal(r.resolved.policies.find((p) => p.id === 'required-tags')?.enforcement, 'advisory');
  // Only lines were added or changed around the override: every comment of the demo survives.
  for (const comment of demo.split('\n').filter((l) => l.trim().startsWith('#'))) assert.ok(r.text.includes(comment), comment);
});

test('a refused edit leaves the draft as it was and says why', () => {
  const r = editDraft(demo, [{ op: 'setOverride', policy: 'no-such-policy', enabled: false }]);
  assert.equal(r.text, demo);
  assert.equal(r.changed, false);
  assert.match(r.problems[0]?.message ?? '', /no-such-policy/);
  assert.ok(r.resolved, 'the unchanged draft still loads');
});

test('while another part of the draft is broken, pack policies can still be overridden and forked', () => {
  const broken = `${demo.trimEnd()}\n  policies:\n    - id: half-written\n      title: Half\n      severity: low\n      enforcement: sometimes\n      condition: "true"\n`;
  const loaded = editDraft(broken, []);
  assert.equal(loaded.resolved, null);
  assert.ok(loaded.problems[0]?.line, 'the problem has a line');
  const r = editDraft(broken, [{ op: 'setOverride', policy: 'required-tags', shadow: true }]);
  assert.ok(r.changed, r.problems.map((p) => p.message).join('; '));
  assert.equal(r.resolved, null, 'still broken where it was broken');
});

test('forking a pack policy makes an own copy and disables the original', () => {
  const r = editDraft(demo, [{ op: 'forkPolicy', from: 'required-tags', id: 'our-required-tags' }]);
  assert.deepEqual(r.problems, []);
  const fork = r.resolved?.policies.find((p) => p.id === 'our-required-tags');
  const original = r.resolved?.policies.find((p) => p.id === 'required-tags');
  assert.equal(fork?.pack, '');
  assert.equal(fork?.enabled, true);
  assert.equal(original?.enabled, false);
  assert.equal(fork?.condition, original?.condition);
});
