import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import type { Node } from 'yaml';
import { corpusDir, readCorpus } from '../../testing/corpus';
import type { FieldPath, ResourceChange, SourceLocation } from '../../model/resource-change';
import { loadKubernetesManifests } from './index';

/**
 * Positions come from our own walk over js-yaml's event offsets. The `yaml` package is an
 * independent parser with its own node ranges: both must agree on every key and item.
 */
function expectedPositions(node: Node | null, path: FieldPath, lines: LineCounter, out: Array<[FieldPath, number, number]>): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key) || !pair.key.range) continue;
      const p = [...path, String(pair.key.value)];
      const { line, col } = lines.linePos(pair.key.range[0]);
      out.push([p, line, col]);
      expectedPositions(pair.value as Node | null, p, lines, out);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const n = item as Node;
      if (!n.range) return;
      const p = [...path, i];
      const { line, col } = lines.linePos(n.range[0]);
      out.push([p, line, col]);
      expectedPositions(n, p, lines, out);
    });
  }
}

/** A change's locate(), which the loader always provides. */
function locate(change: ResourceChange, path: FieldPath): SourceLocation {
  const at = change.locate?.(path);
  assert.ok(at, `no locate() on ${change.address}`);
  return at;
}

function crossCheck(name: string, text: string): number {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false }) as unknown as { contents: Node | null }[];
  const changes = loadKubernetesManifests(name, text);
  const objects = docs.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.value === null));
  assert.equal(changes.length, objects.length, name);
  let checked = 0;
  changes.forEach((change, i) => {
    const expected: Array<[FieldPath, number, number]> = [];
    expectedPositions(objects[i]!.contents, [], lines, expected);
    for (const [path, line, column] of expected) {
      const got = locate(change, path);
      assert.deepEqual([got.line, got.column], [line, column], `${name} ${change.address} ${JSON.stringify(path)}`);
      checked++;
    }
  });
  return checked;
}

describe('field positions agree with an independent YAML parser', () => {
  const files = readdirSync(`${corpusDir}/kubernetes`).filter((f) => /\.ya?ml$/.test(f));
  for (const f of files) {
    test(f, () => {
      assert.ok(crossCheck(f, readCorpus('kubernetes', f)) > 0);
    });
  }

  test('flow style, quoted keys, block scalars, CRLF line ends and JSON', () => {
    const yaml = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: "flow", labels: {"a.b/c": x, \'q\': y}}',
      'data:',
      '  script: |',
      '    echo "key: not a key"',
      '  "quoted key": v',
      '  list: [1, {n: 2}, [3]]',
      '  ? explicit',
      '  : value',
      '',
    ].join('\n');
    assert.ok(crossCheck('mixed.yaml', yaml) >= 10);
    assert.ok(crossCheck('crlf.yaml', yaml.replace(/\n/g, '\r\n')) >= 10);
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { 'x\\y': 'escaped key' } }, spec: { containers: [{ name: 'c', image: 'i' }] } }, null, 2);
    assert.ok(crossCheck('pod.json', json) >= 8);
  });
});
