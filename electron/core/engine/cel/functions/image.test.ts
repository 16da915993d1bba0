import { test } from 'node:test';
import assert from 'node:assert/strict';
import { image } from './image';

test('Docker Hub defaults: registry docker.io and library/ prefix', () => {
  assert.deepEqual(image('nginx'), { reference: 'nginx', registry: 'docker.io', repository: 'library/nginx', tag: '', digest: '' });
});

test('a registry port is not a tag', () => {
  const ref = image('openpolicyagent:443/opa');
  assert.equal(ref.registry, 'openpolicyagent:443');
  assert.equal(ref.repository, 'opa');
  assert.equal(ref.tag, '');
});

test('tag and digest together', () => {
  const ref = image('registry.k8s.io/ingress-nginx/controller:v1.1.1@sha256:0bc88eb15f9e7f84e8e56c14fa5735aaa488b840983f87bd79b1054190e660de');
  assert.equal(ref.registry, 'registry.k8s.io');
  assert.equal(ref.tag, 'v1.1.1');
  assert.ok(ref.digest.startsWith("sha256:0bc8"), ref.digest);
});

test('an invalid reference is an error naming it', () => {
  assert.throws(() => image('has space:1'), { name: 'CelFunctionError', message: /has space/ });
});
