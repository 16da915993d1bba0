import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../testing/corpus';
import { checkDraftExpression } from './draft-expressions';

const demo = readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8');
const own = `apiVersion: countersign.dev/v2
kind: Contract
metadata: {name: t}
spec:
  policies:
    - id: ports
      title: Ports
      severity: low
      enforcement: deny
      parameters:
        allowed: {default: [443]}
      condition: object.port in params.allowed
`;

test('a draft policy\'s parameters are known to the check; an unknown one is flagged at its place', () => {
  assert.deepEqual(checkDraftExpression(own, 'ports', 'condition', 'object.port in params.allowed'), []);
  const [d] = checkDraftExpression(own, 'ports', 'condition', 'object.port in params.alowed');
  assert.ok(d, 'expected a diagnostic');
  assert.equal(d.severity, 'error');
  assert.equal(d.startLine, 1);
  assert.equal(d.startColumn, 'object.port in '.length + 1, 'underlines params.alowed');
  assert.match(d.message, /alowed/);
});

test('while the draft does not load, parameters are still read from its YAML', () => {
  const broken = own.replace('enforcement: deny', 'enforcement: sometimes');
  assert.deepEqual(checkDraftExpression(broken, 'ports', 'condition', 'object.port in params.allowed'), []);
  assert.equal(checkDraftExpression(broken, 'ports', 'condition', 'object.port in params.other').length, 1);
});

test('a pack policy of the demo contract: a type error is reported, never thrown', () => {
  const ds = checkDraftExpression(demo, 'images-approved-registries', 'condition', 'resource.image.registry +');
  assert.equal(ds.length, 1);
  assert.equal(checkDraftExpression('not: [yaml', 'x', 'message', 'Replicas {{ object.spec.replicas }}').length, 0);
});
