// Which snapshot a file is: a refresh-only plan, state, or a kubectl List; anything else (or
// anything that could be two of them) is refused with the file and line.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readCorpus } from '../testing/corpus';
import { liveStateJson, refreshPlanJson } from '../testing/drift-fixtures';
import { InputError } from '../model/errors';
import { loadDriftSnapshot } from './load-snapshot';

const FIXED = { approvedPassword: 'a', livePassword: 'b', liveToken: 'c' };

function kind(text: string | Uint8Array): string {
  return loadDriftSnapshot('snap', typeof text === 'string' ? Buffer.from(text) : text).kind;
}

describe('loadDriftSnapshot', () => {
  test('recognises each kind, in the shapes the tools write', () => {
    const cases: [string, string][] = [
      [refreshPlanJson(FIXED), 'terraform-refresh-plan'],
      [readCorpus('terraform', 'opentofu-resource-drift.plan.json'), 'terraform-refresh-plan'],
      [liveStateJson(FIXED), 'terraform-state'],
      ['{"format_version":"1.0"}', 'terraform-state'],
      ['{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{}}}', 'terraform-state'],
      ['apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: a, namespace: n}\nkind: List\nmetadata:\n  resourceVersion: ""\n', 'kubernetes-live'],
      ['{"apiVersion":"v1","kind":"List","items":[],"metadata":{"resourceVersion":""}}', 'kubernetes-live'],
      ['{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"acme"}}', 'kubernetes-live'],
      ['apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: n}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n', 'kubernetes-live'],
    ];
    for (const [text, expected] of cases) assert.equal(kind(text), expected, text.slice(0, 60));
  });

  test('a UTF-16 file with a BOM (PowerShell redirection) is read like UTF-8', () => {
    const text = liveStateJson(FIXED);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    assert.equal(kind(utf16), 'terraform-state');
  });

  test('the sha256 is of the bytes as given', () => {
    const bytes = Buffer.from('\ufeff{"format_version":"1.0"}');
    const s = loadDriftSnapshot('s', bytes);
    assert.equal(s.sha256, createHash('sha256').update(bytes).digest('hex'));
    assert.notEqual(loadDriftSnapshot('s', Buffer.from('{"format_version":"1.0" }')).sha256, s.sha256);
  });

  test('anything else, or anything ambiguous, is refused with the file and a line', () => {
    const refused: Record<string, string | Uint8Array> = {
      empty: '',
      whitespace: '  \n ',
      'a JSON list': '[1, 2]',
      'a JSON string': '"x"',
      'no format_version': '{"values": {}}',
      'plan keys and state values': '{"format_version":"1.0","resource_drift":[],"values":{}}',
      'a List that is also Terraform output': '{"kind":"List","items":[],"format_version":"1.0"}',
      'an object that is also Terraform output': '{"apiVersion":"v1","kind":"ConfigMap","format_version":"1.0","values":{}}',
      'state with an unknown key': '{"format_version":"1.0","values":{},"resource_drift_x":[]}',
      'YAML that is no Kubernetes object': 'name: a\nitems: [1]\n',
      'plain text': 'hello\n',
      'binary': new Uint8Array([0, 1, 2, 3]),
      'invalid UTF-8': new Uint8Array([0x7b, 0xff, 0x7d]),
      'a duplicate key': '{"format_version":"1.0",\n"format_version":"1.1"}',
      'truncated JSON': '{"format_version":"1.0", "values": {',
    };
    for (const [name, text] of Object.entries(refused)) {
      assert.throws(() => kind(text), (err: unknown) => {
        assert.ok(err instanceof InputError, `${name}: ${String(err)}`);
        assert.equal(err.file, 'snap', name);
        return true;
      }, name);
    }
  });
});
