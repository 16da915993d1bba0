// Issue 11 (speed): reopening a change set, the review's first rows are read from the head of
// the stored 5 MB list of facts. The head must give exactly the first rows of the whole list,
// whatever the text in them (braces, quotes, escapes in addresses), and fall back to the whole
// list when it cannot (too short, cut inside a row, a shared address whose other resources are
// too far on, or stored without saying where they are).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { importChangeSet, importContract } from '..';
import { initWorkspace, openWorkspace } from '../../store';
import type { Workspace } from '../../store';
import { repoRoot } from '../../testing/corpus';
import { resourceRows } from './resources';
import { ReviewSession } from './review-session';
import { endOfElements } from './stored-facts';

const DEMO = join(repoRoot, 'electron/demo');

describe('endOfElements', () => {
  const row = fc.record({ index: fc.nat(), address: fc.string({ unit: 'binary' }), file: fc.string(), line: fc.nat(), drift: fc.boolean() }, { noNullPrototype: true });

  test('the first n elements of any list of objects, through any text in their strings', () => {
    fc.assert(fc.property(fc.array(row, { maxLength: 12 }), fc.nat(14), (rows, n) => {
      const text = JSON.stringify(rows);
      const end = endOfElements(text, n);
      if (n === 0 || n > rows.length) {
        assert.equal(end, null);
        return;
      }
      assert.notEqual(end, null);
      assert.deepEqual(JSON.parse(`${text.slice(0, end!)}]`), rows.slice(0, n));
    }));
  });

  test('a head cut anywhere gives the first n elements or nothing, never a part of one', () => {
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.nat(8), fc.nat(2000), (rows, n, cut) => {
      const text = JSON.stringify(rows);
      const head = text.slice(0, cut % (text.length + 1));
      const end = endOfElements(head, n);
      if (end !== null) assert.deepEqual(JSON.parse(`${head.slice(0, end)}]`), rows.slice(0, n));
    }));
  });
});

describe('first rows of a reopened change set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-facts-head-'));
  const file = join(dir, 'ws.db');
  let ws: Workspace;
  const digests: string[] = [];

  before(async () => {
    ws = initWorkspace(file);
    importContract(ws, join(DEMO, 'contract.yaml'), 'test');
    // A bare manifest whose second object shares the first one's address (two documents), then unique ones.
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: '${name}'\ndata:\n  a: "1"\n`;
    const shared = join(dir, 'shared.yaml');
    writeFileSync(shared, [cm('one'), cm('one'), cm('t{w}o"'), cm('th\\ree')].join('---\n'));
    // A Deployment name repeated at rows 0, 5 and 12 (findings on the privileged ones only), others unique.
    const deploy = (name: string, privileged: boolean) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: prod\nspec:\n  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n    spec:\n      containers:\n        - name: c\n          image: registry.example.com/app@sha256:${'a'.repeat(64)}\n          securityContext: {privileged: ${privileged}}\n`;
    const spread = join(dir, 'spread.yaml');
    writeFileSync(spread, ['web', 'a', 'b', 'c', 'd', 'web', 'e', 'f', 'g', 'h', 'i', 'j', 'web', 'k'].map((n, i) => deploy(n, n === 'web' ? i !== 5 : i % 3 === 0)).join('---\n'));
    for (const input of [join(DEMO, 'bundles/acme-2.14.0-blocked'), shared, spread]) {
      const r = await importChangeSet(ws, [input]);
      const session = new ReviewSession(ws);
      session.remember(r.digest, r.changeSet);
      await session.detailsStored(r.digest);
      digests.push(r.digest);
    }
    ws.close();
    ws = openWorkspace(file);
  });
  after(() => {
    ws.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('are the whole list\'s first rows for every page size, read without the whole list where addresses are unique', () => {
    for (const digest of digests) {
      const all = resourceRows(new ReviewSession(ws), digest);
      for (let first = 1; first <= all.length + 1; first++) {
        const session = new ReviewSession(ws);
        assert.deepEqual(resourceRows(session, digest, first), all.slice(0, first), `${digest} first ${first}`);
      }
    }
  });

  /** Counts the whole-list reads `fn` makes. */
  function wholeReadsOf(fn: () => void): number {
    const get = ws.resourceFacts.get.bind(ws.resourceFacts);
    let reads = 0;
    ws.resourceFacts.get = (...args) => {
      reads++;
      return get(...args);
    };
    try {
      fn();
    } finally {
      ws.resourceFacts.get = get;
    }
    return reads;
  }

  test('where the first rows\' addresses are unique, the whole list is not read for them', () => {
    const [blocked] = digests;
    assert.equal(wholeReadsOf(() => assert.equal(resourceRows(new ReviewSession(ws), blocked!, 3).length, 3)), 0);
    assert.equal(wholeReadsOf(() => resourceRows(new ReviewSession(ws), blocked!)), 1);
  });

  test('a shared address: the head reaches its last resource (its findings may point at any), without the whole list', () => {
    const [, , spread] = digests;
    const all = resourceRows(new ReviewSession(ws), spread!);
    assert.deepEqual(all.filter((r) => r.disambiguator !== '').map((r) => r.index), [0, 5, 12]);
    const counts = all.filter((r) => r.address === all[0]!.address).map((r) => r.findingCount);
    assert.ok(counts[0]! > counts[1]! && counts[2]! > counts[1]!, `the findings count where they point (the privileged ones have more): ${counts}`);
    // From 2 rows on, the head may grow 8 times to reach row 12: no whole read.
    for (let first = 2; first <= 12; first++) {
      assert.equal(wholeReadsOf(() => assert.deepEqual(resourceRows(new ReviewSession(ws), spread!, first), all.slice(0, first), `first ${first}`)), 0, `first ${first}`);
    }
    // One row would have to grow 13 times: the whole list is read (and gives the same row).
    assert.equal(wholeReadsOf(() => assert.deepEqual(resourceRows(new ReviewSession(ws), spread!, 1), all.slice(0, 1))), 1);
  });

  // Like every stored fact, lastIndex is derived data whoever can write the workspace can change
  // (one that still names a row of its address is used, as a forged disambiguator would be);
  // the session replaces the stored list once it builds the change set (stored-facts.test.ts).
  test('a shared address stored without lastIndex (a list stored before it was kept), or with one that does not hold, reads the whole list', () => {
    const [, , spread] = digests;
    const all = resourceRows(new ReviewSession(ws), spread!);
    const stored = ws.db.prepare<[string], { facts: string }>('SELECT facts FROM resource_facts WHERE change_set_digest = ?').get(spread!)!.facts;
    const rewrite = (change: (facts: Record<string, unknown>[]) => void): void => {
      const facts = JSON.parse(stored) as Record<string, unknown>[];
      change(facts);
      ws.db.prepare('UPDATE resource_facts SET facts = ? WHERE change_set_digest = ?').run(JSON.stringify(facts), spread!);
    };
    try {
      for (const [label, change] of [
        ['no lastIndex', (facts: Record<string, unknown>[]) => { for (const f of facts) delete f.lastIndex; }],
        ['lastIndex at a row of another address', (facts: Record<string, unknown>[]) => { facts[0]!.lastIndex = 3; }],
        ['lastIndex on an unshared row', (facts: Record<string, unknown>[]) => { facts[1]!.lastIndex = 1; }],
      ] as const) {
        rewrite(change);
        const reads = wholeReadsOf(() => assert.deepEqual(resourceRows(new ReviewSession(ws), spread!, 3), all.slice(0, 3), label));
        assert.ok(reads >= 1, `${label}: the whole list is read`);
      }
    } finally {
      ws.db.prepare('UPDATE resource_facts SET facts = ? WHERE change_set_digest = ?').run(stored, spread!);
    }
  });

  test('a forged unusable head reads the whole list', () => {
    const [, shared] = digests;
    const all = resourceRows(new ReviewSession(ws), shared!);
    assert.equal(all[0]!.disambiguator !== '', true, 'the first two share an address');
    assert.deepEqual(resourceRows(new ReviewSession(ws), shared!, 1), all.slice(0, 1));
    const stored = ws.db.prepare<[string], { facts: string }>('SELECT facts FROM resource_facts WHERE change_set_digest = ?').get(shared!)!.facts;
    ws.db.prepare('UPDATE resource_facts SET facts = ? WHERE change_set_digest = ?').run(`[{"index":7}${stored.slice(stored.indexOf('},') + 1)}`, shared!);
    // The head's first row is not a row of facts: not used; the whole list is not trusted either, so it is rebuilt.
    assert.deepEqual(resourceRows(new ReviewSession(ws), shared!, 2), all.slice(0, 2));
  });
});
