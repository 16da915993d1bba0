// Resource details stored after import (migration 10): after a restart, opening one resource of
// a change set reads its stored masked detail instead of rebuilding the whole change set from
// its files, and shows exactly what the rebuilt change set would.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { repoRoot } from '../../testing/corpus';
import { initWorkspace, openWorkspace } from '../../store';
import type { Workspace } from '../../store';
import type { ResourceChange } from '../../model/resource-change';
import { importChangeSet, importContract } from '../index';
import { resourceDetail, ReviewSession } from './index';
import type { LoadedChangeSet } from './review-session';
import { findingExplanations } from './finding-explanations';
import { decodeResourceDetail, encodeResourceDetail, RESOURCE_DETAIL_VERSION } from './stored-details';

const DEMO = join(repoRoot, 'electron/demo');
const dir = mkdtempSync(join(tmpdir(), 'countersign-stored-details-'));
const file = join(dir, 'countersign.db');
let ws: Workspace;
const digests: string[] = [];

/** A session that counts rebuilds of change sets from their stored files. */
class CountingSession extends ReviewSession {
  rebuilds = 0;
  override load(d: string): LoadedChangeSet {
    this.rebuilds++;
    return super.load(d);
  }
}

before(async () => {
  ws = initWorkspace(file);
  importContract(ws, join(DEMO, 'contract.yaml'), 'test');
  // Terraform (replace, drift, sensitive, unknown), Kubernetes and images between them.
  for (const bundle of ['acme-2.14.0-blocked', 'acme-2.13.2-chart-bump', 'acme-2.13.3-peering']) {
    const imported = await importChangeSet(ws, [join(DEMO, 'bundles', bundle)]);
    const importing = new ReviewSession(ws);
    importing.remember(imported.digest, imported.changeSet);
    await importing.detailsStored(imported.digest);
    digests.push(imported.digest);
  }
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

function reopen(): void {
  ws.close();
  ws = openWorkspace(file);
}

describe('stored resource details', () => {
  test('every resource is stored once the background write settles', () => {
    for (const digest of digests) {
      assert.equal(ws.resourceDetails.count(digest, RESOURCE_DETAIL_VERSION), ws.changeSets.getChangeSet(digest)!.resourceCount);
    }
  });

  test('after a restart every resource opens from its stored detail, without a rebuild, exactly as from the rebuilt change set', () => {
    const expected = digests.map((digest) => {
      const rebuilt = new ReviewSession(ws);
      rebuilt.load(digest);
      return Array.from({ length: ws.changeSets.getChangeSet(digest)!.resourceCount }, (_, i) => resourceDetail(rebuilt, digest, i));
    });
    reopen();
    const session = new CountingSession(ws);
    digests.forEach((digest, d) => {
      expected[d]!.forEach((detail, i) => assert.deepEqual(resourceDetail(session, digest, i), detail, `${digest} #${i}`));
    });
    assert.equal(session.rebuilds, 0, 'no change set rebuilt from its files');
    assert.ok(expected.flat().some((d) => d.findings.some((f) => f.explanation)), 'findings are explained from the stored detail too');
  });

  test('a stored detail of another version, undecodable or of another resource is not used: the change set is rebuilt', () => {
    const digest = digests[0]!;
    const expected = resourceDetail(new ReviewSession(ws), digest, 1);
    const other = ws.resourceDetails.get(digest, 2, RESOURCE_DETAIL_VERSION)!;
    for (const [version, bytes] of [[RESOURCE_DETAIL_VERSION + 1, encodeResourceDetail({} as ResourceChange)], [RESOURCE_DETAIL_VERSION, Buffer.from('not v8')], [RESOURCE_DETAIL_VERSION, other]] as const) {
      ws.resourceDetails.putMany(digest, version, [[1, bytes]]);
      const session = new CountingSession(ws);
      assert.deepEqual(resourceDetail(session, digest, 1), expected);
      assert.equal(session.rebuilds, 1, `version ${version}, ${bytes.length} bytes`);
    }
  });

  test('explaining a resource compiles only its findings\' policies when the whole contract is not compiled yet, and explains the same', () => {
    const session = new ReviewSession(ws);
    let explained = 0;
    for (const digest of digests) {
      const judged = session.judge(digest);
      const loaded = session.load(digest);
      const whole = findingExplanations(loaded, judged, judged.findings);
      // A contract object no evaluation in this process compiled (as after a restart).
      const fresh = { ...judged, active: { ...judged.active, contract: { ...judged.active.contract } } };
      assert.deepEqual(findingExplanations(loaded, fresh, judged.findings), whole, digest);
      explained += whole.filter((e) => e !== null).length;
    }
    assert.ok(explained > 0, 'some findings are explained');
  });

  test('an index past the end is not found, whether stored or rebuilt', () => {
    assert.throws(() => resourceDetail(new ReviewSession(ws), digests[0]!, 10_000), /has no resource 10000/);
  });
});

describe('encoding a resource detail', () => {
  const special = fc.oneof(fc.constant(Number.NaN), fc.constant(-0), fc.constant(Number.POSITIVE_INFINITY), fc.constant(Number.NEGATIVE_INFINITY), fc.double(), fc.string({ unit: 'binary' }));
  const key = fc.oneof(fc.constant('__proto__'), fc.constant('constructor'), fc.string({ unit: 'binary' }));
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.jsonValue(), special, fc.array(tie('v')), fc.dictionary(key, tie('v'), { noNullPrototype: true })),
  })).v;
  const resource = (before: unknown, after: unknown): ResourceChange => ({
    source: 'kubernetes', address: 'ConfigMap/ns/x', type: 'ConfigMap', name: 'x', namespace: 'ns', clusterScoped: false,
    apiVersion: 'v1', action: 'update', actions: ['update'], mode: 'managed', before, after, unknownPaths: ['a.b'], sensitivePaths: [],
    drift: false, location: { file: 'k.yaml', line: 3, column: 1 }, component: '', module: '', actionReason: '',
  });

  test('any value (NaN, -0, infinities, keys named __proto__, any text) decodes to what was encoded', () => {
    fc.assert(fc.property(value, value, (b, a) => {
      const r = resource(b, a);
      assert.deepStrictEqual(decodeResourceDetail(encodeResourceDetail(r), r.address), r);
    }));
  });

  test('only the enumerable model is kept: never a function such as locate', () => {
    const r = resource({ a: 1 }, { a: 2 });
    Object.defineProperty(r, 'locate', { value: () => undefined, enumerable: false });
    const decoded = decodeResourceDetail(encodeResourceDetail(r), r.address)!;
    assert.equal(decoded.locate, undefined);
    assert.equal(decodeResourceDetail(encodeResourceDetail(r), 'ConfigMap/ns/other'), null);
  });
});
