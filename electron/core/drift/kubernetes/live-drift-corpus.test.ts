import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { corpusDir, readCorpus } from '../../testing/corpus';
import { approvedChangeSet, liveListJson, rawObjects, serverView } from '../../testing/kubernetes-live';
import { propertyRuns } from '../../testing/property-runs';
import { kubernetesDrift } from './live-drift';

type Json = Record<string, unknown>;

const files = readdirSync(`${corpusDir}/kubernetes`).filter((f) => f.endsWith('.yaml'));
const corpus = files.map((file) => {
  const text = readCorpus('kubernetes', file);
  return { file, approved: approvedChangeSet(file, text), raw: rawObjects(file, text) };
});

/** Paths of the scalar leaves a manifest sets and drift compares (not identity, not server fields, not Secret values). */
function leaves(o: Json): (string | number)[][] {
  if (typeof o.kind === 'string' && o.kind.toLowerCase() === 'secret') return [];
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]): void => {
    if (v === null || v === undefined) return;
    if (typeof v !== 'object') {
      out.push(path);
      return;
    }
    for (const [k, child] of Array.isArray(v) ? v.entries() : Object.entries(v)) walk(child, [...path, k]);
  };
  for (const [k, v] of Object.entries(o)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'status') continue;
    if (k === 'metadata') {
      for (const [mk, mv] of Object.entries(v as Json)) if (mk === 'labels' || mk === 'annotations') walk(mv, ['metadata', mk]);
      continue;
    }
    walk(v, [k]);
  }
  return out;
}

function setAt(o: unknown, path: readonly (string | number)[], value: unknown): void {
  let node = o as Record<string | number, unknown>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

describe('Kubernetes live drift on every corpus manifest', () => {
  it('each corpus file as the API server returns it (defaults, status, managedFields) has no drift', () => {
    for (const { file, approved, raw } of corpus) {
      const live = liveListJson(raw.map((o) => serverView(o, { namespace: 'vendor' })));
      assert.deepEqual(kubernetesDrift(approved, 'live.json', live).items, [], file);
    }
  });

  it('property: any value the manifest sets, changed live, is drift of that object, showing the new value', () => {
    // CRDs (megabytes of schema) are left to the test above, to keep each run fast.
    const candidates = corpus.flatMap(({ file, approved, raw }) => raw.flatMap((o, i) => (o.kind === 'CustomResourceDefinition' ? [] : leaves(o).map((path) => ({ file, approved, raw, i, path })))));
    assert.ok(candidates.length > 1000, `${candidates.length} leaves`);
    fc.assert(fc.property(fc.nat(candidates.length - 1), fc.boolean(), (n, asNumber) => {
      const { approved, raw, i, path } = candidates[n]!;
      // Only the object under test is live (the others are then "removed", and ignored here).
      const o = serverView(raw[i]!, { namespace: 'vendor' });
      const marker = asNumber ? 987654 : 'drifted-value';
      setAt(o, path, marker);
      const items = kubernetesDrift(approved, 'live.json', liveListJson([o])).items.filter((x) => x.kind !== 'removed');
      const item = items[0];
      if (!item || item.kind !== 'changed' || items.length !== 1 || item.type !== o.kind) return false;
      // A changed merge key (a container's name) shows in the path (`name=<new>`); the item's whole
      // value may be cut short for display, so the new key is not always inside `live`.
      return item.fields.some((f) => f.live.includes(String(marker)) || f.path.some((p) => String(p).includes(String(marker))));
    }), { numRuns: propertyRuns(150) });
  });
});
