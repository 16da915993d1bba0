import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/errors';
import { readCorpus } from '../../testing/corpus';
import { loadKubernetesManifests } from './index';

/** Asserts an InputError naming the file, the line (and column when given), and a reason. */
function rejects(text: string, reason: RegExp, line?: number, column?: number, file = 'bad.yaml'): InputError {
  let caught: unknown;
  try {
    loadKubernetesManifests(file, text);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof InputError, `expected an InputError, got ${String(caught)}`);
  assert.equal(caught.file, file);
  assert.match(caught.reason, reason);
  if (line !== undefined) assert.equal(caught.line, line, caught.message);
  if (column !== undefined) assert.equal(caught.column, column, caught.message);
  assert.ok(caught.message.startsWith(`${file}:`), caught.message);
  return caught;
}

const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n';

describe('bad Kubernetes input is an InputError with file and line', () => {
  test('YAML syntax error, with line and column', () => {
    rejects(`${pod}spec:\n  containers:\n  - name: a\n     image: x\n`, /not valid YAML or JSON: bad indentation/, 8);
    rejects('apiVersion: v1\nkind: "Pod\n', /not valid YAML or JSON/);
  });

  test('truncated JSON', () => {
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, null, 2);
    rejects(json.slice(0, json.length - 8), /not valid YAML or JSON/, undefined, undefined, 'pod.json');
  });

  test('duplicate keys point at the second occurrence', () => {
    rejects(`${pod}  labels:\n    app: a\n    app: b\n`, /duplicated mapping key/, 7);
  });

  test('a document that is not a mapping', () => {
    rejects(`${pod}---\n- just\n- a list\n`, /document 2 is a list, not a Kubernetes object/, 6, 1);
    rejects(`${pod}---\n42\n`, /document 2 is a number/, 6);
  });

  test('objects without apiVersion, kind or metadata.name', () => {
    rejects('kind: Pod\nmetadata: {name: p}\n', /apiVersion is missing/, 1, 1);
    rejects(`${pod}---\napiVersion: v1\nmetadata: {name: q}\n`, /document 2: not a Kubernetes object: kind is missing/, 6, 1);
    rejects('apiVersion: v1\nkind: Pod\nspec: {}\n', /Pod has no metadata mapping/, 1);
    rejects('apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {a: b}\n', /Pod has no metadata.name/, 3, 1);
    rejects('apiVersion: v1\nkind: List\nitems:\n- kind: Pod\n  metadata: {name: p}\n', /items\[0\]: not a Kubernetes object: apiVersion is missing/, 4, 3);
  });

  test('a file that is neither YAML nor JSON Kubernetes manifests', () => {
    rejects('This is a README, not a manifest.\nIt has two lines.\n', /neither Kubernetes YAML nor JSON/, 1, 1, 'README');
    rejects('[section]\nkey=value\n', /not valid YAML or JSON|not a Kubernetes object/, undefined, undefined, 'settings.ini');
    rejects('\u0001\u0002\u0003binary', /not valid YAML or JSON/, undefined, undefined, 'blob.bin');
  });

  test('a Terraform plan given as manifests says so', () => {
    const plan = readCorpus('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json');
    rejects(plan, /Terraform plan/, 1, undefined, 'plan.json');
  });

  test('billion laughs alias bomb fails fast with a clear message', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    rejects(bomb, /aliases would expand this document by \d+ nodes.*alias bomb/, 1);
  });

  test('a recursive alias is refused', () => {
    rejects(`${pod}spec: &s\n  self: *s\n`, /refers to the node that contains it/);
  });

  test('absurd nesting depth is refused before it exhausts the stack', () => {
    rejects(`${pod}spec: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /nesting deeper than 256 levels/, 5);
    let deep = `${pod}spec:\n`;
    for (let i = 1; i <= 300; i++) deep += `${'  '.repeat(i)}k${i}:\n`;
    rejects(deep, /nesting deeper than 256 levels/);
  });

  test('reasonable nesting (a deep CRD schema) still loads', () => {
    let text = `${pod}spec:\n`;
    for (let i = 1; i <= 100; i++) text += `${'  '.repeat(i)}k${i}:\n`;
    assert.equal(loadKubernetesManifests('deep.yaml', text).length, 1);
  });

  test('a bad previous file is reported under its own name', () => {
    assert.throws(
      () => loadKubernetesManifests('new.yaml', pod, { previous: { file: 'old.yaml', text: 'a: [\n' } }),
      (e: unknown) => e instanceof InputError && e.file === 'old.yaml',
    );
  });
});
