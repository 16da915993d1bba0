import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldOwners } from './field-owners';

/** A live object whose managedFields are `entries` ([manager, fieldsV1]). */
function owners(...entries: [string, unknown][]): FieldOwners {
  return new FieldOwners({ metadata: { managedFields: entries.map(([manager, fieldsV1]) => ({ manager, operation: 'Update', fieldsType: 'FieldsV1', fieldsV1 })) } });
}

const containers = [{ field: 'spec' }, { field: 'template' }, { field: 'spec' }, { field: 'containers' }] as const;

describe('field owners from managedFields (FieldsV1)', () => {
  it('fields (f:), list items by key (k:, numbers and strings distinct), leaves owning their subtree', () => {
    const o = owners(
      ['helm', { 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { '.': {}, 'f:image': {}, 'f:args': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } } } } } } }],
      ['kube-controller-manager', { 'f:spec': { 'f:replicas': {} } }],
      ['kubectl-edit', { 'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"web"}': { 'f:image': {} } } } } } }],
    );
    assert.deepEqual(o.ownersOf([{ field: 'spec' }, { field: 'replicas' }]), ['kube-controller-manager']);
    assert.deepEqual(o.ownersOf([...containers, { key: { name: 'web' } }, { field: 'image' }]), ['helm', 'kubectl-edit']);
    assert.deepEqual(o.ownersOf([...containers, { key: { name: 'web' } }, { field: 'args' }, { index: 2 }]), ['helm'], 'an atomic list is owned whole');
    assert.deepEqual(o.ownersOf([...containers, { key: { name: 'web' } }, { field: 'ports' }, { key: { protocol: 'TCP', containerPort: 80 } }, { field: 'containerPort' }]), ['helm']);
    assert.deepEqual(o.ownersOf([...containers, { key: { name: 'web' } }, { field: 'ports' }, { key: { protocol: 'TCP', containerPort: '80' } }]), [], '"80" is not 80');
    assert.deepEqual(o.ownersOf([...containers, { key: { name: 'sidecar' } }]), []);
    assert.deepEqual(o.ownersOf([...containers, { key: { name: 'web' } }, { field: 'env' }]), [], 'a node with children owns only them');
  });

  it('malformed entries attribute nothing', () => {
    const bad = new FieldOwners({ metadata: { managedFields: [
      { manager: 'a', fieldsType: 'FieldsV2', fieldsV1: { 'f:spec': {} } },
      { manager: '', fieldsV1: { 'f:spec': {} } },
      { manager: 'b', fieldsV1: ['f:spec'] },
      { manager: 'c', fieldsV1: { 'f:spec': 'x' } },
      { manager: 'd', fieldsV1: { 'f:spec': { 'k:{bad json': {} } } },
      'not an entry',
    ] } });
    assert.deepEqual(bad.ownersOf([{ field: 'spec' }, { key: { name: 'x' } }]), []);
    assert.deepEqual(bad.ownersOf([{ field: 'spec' }, { field: 'replicas' }]), []);
    assert.deepEqual(new FieldOwners({ metadata: { managedFields: 'x' } }).ownersOf([{ field: 'spec' }]), []);
    assert.deepEqual(new FieldOwners(null).ownersOf([{ field: 'spec' }]), []);
  });
});
