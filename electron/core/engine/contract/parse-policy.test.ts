import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/errors';
import { parsePolicyFile } from './parse-policy';

const VALID = `id: db-no-replace
title: Databases are not replaced or deleted
severity: critical
enforcement: deny
match:
  sources: [terraform]
  types: ["aws_db_*"]
  actions: [delete, replace]
parameters:
  allowed: {description: "Addresses allowed to be replaced", default: []}
condition: |
  !(resource.address in params.allowed)
message: "{{ resource.address }} would be {{ resource.action }}d"
`;

function inputError(text: string): InputError {
  try {
    parsePolicyFile('policies/p/x/policy.yaml', text, 'p');
  } catch (err) {
    assert.ok(err instanceof InputError, String(err));
    return err;
  }
  assert.fail('expected an InputError');
}

describe('parsePolicyFile', () => {
  test('a valid policy gets defaults, its pack, and where each expression starts', () => {
    const p = parsePolicyFile('policies/p/db-no-replace/policy.yaml', VALID, 'p');
    assert.equal(p.id, 'db-no-replace');
    assert.equal(p.enabled, true);
    assert.equal(p.pack, 'p');
    assert.deepEqual(p.match.actions, ['delete', 'replace']);
    assert.deepEqual(p.parameters.allowed, { description: 'Addresses allowed to be replaced', default: [] });
    assert.deepEqual(p.definedAt, { file: 'policies/p/db-no-replace/policy.yaml', line: 1, column: 1 });
    assert.deepEqual(p.expressionAt?.condition, { line: 12, column: 3, linesAligned: true });
    assert.deepEqual(p.expressionAt?.message, { line: 13, column: 11, linesAligned: false });
  });

  test('an unknown field is an error on its line', () => {
    const err = inputError(VALID.replace('severity: critical', 'severity: critical\nseverty: high'));
    assert.equal(err.line, 4);
    assert.match(err.reason, /unknown field "severty"/);
  });

  test('an invalid enforcement names the field and its line', () => {
    const err = inputError(VALID.replace('enforcement: deny', 'enforcement: block'));
    assert.equal(err.line, 4);
    assert.match(err.reason, /enforcement/);
  });

  test('a nested bad value points at the nested line', () => {
    const err = inputError(VALID.replace('actions: [delete, replace]', 'actions: [delete, destroy]'));
    assert.equal(err.line, 8);
    assert.match(err.reason, /match\.actions\[1\]/);
  });

  test('a missing condition is reported as missing', () => {
    const err = inputError(VALID.replace(/condition: \|\n.*\n/, ''));
    assert.match(err.reason, /missing required field "condition"/);
  });

  test('a bad id is rejected', () => {
    assert.match(inputError(VALID.replace('id: db-no-replace', 'id: DB_No')).reason, /^id:/);
  });

  test('invalid YAML and non-mappings are InputErrors with a line', () => {
    const err = inputError('id: [x\ntitle: y\n');
    assert.ok(err.line !== undefined);
    assert.match(inputError('- just\n- a list\n').reason, /must be a mapping/);
    assert.match(inputError('').reason, /must be a mapping/);
  });

  test('alias bombs are refused', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(',')}]`)].join('\n');
    assert.match(inputError(bomb).reason, /invalid YAML/);
  });
});
