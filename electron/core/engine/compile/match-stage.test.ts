import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { PolicyMatch } from '../../model/policy';
import type { ResourceChange } from '../../model/resource-change';
import { kubernetesObject, resourceChange } from '../../testing/engine-fixtures';
import { labelsBefore, labelsOf } from '../evaluate/resource-view';
import { compileMatcher, matchesResource } from './match-stage';

function matches(m: PolicyMatch, r: ResourceChange): boolean {
  return matchesResource(compileMatcher(m), r, () => labelsOf(r), () => labelsBefore(r));
}

const db = resourceChange({ address: 'aws_db_instance.main', type: 'aws_db_instance', action: 'replace', after: { tags_all: { team: 'data', env: 'prod' } } });
const deploy = kubernetesObject('Deployment', 'web', 'team-a', { metadata: { name: 'web', namespace: 'team-a', labels: { 'app.kubernetes.io/managed-by': 'Helm' } } }, { action: 'update' });

describe('match stage', () => {
  test('an empty match takes every create/update/delete/replace', () => {
    assert.equal(matches({}, db), true);
    assert.equal(matches({}, { ...db, action: 'no-op' }), false);
    assert.equal(matches({}, { ...db, action: 'read' }), false);
  });

  test('explicit actions replace the default (read can be selected)', () => {
    assert.equal(matches({ actions: ['read'] }, { ...db, action: 'read' }), true);
    assert.equal(matches({ actions: ['delete'] }, db), false);
  });

  test('sources', () => {
    assert.equal(matches({ sources: ['terraform'] }, db), true);
    assert.equal(matches({ sources: ['kubernetes', 'image'] }, db), false);
  });

  test('types are globs', () => {
    assert.equal(matches({ types: ['aws_db_*'] }, db), true);
    assert.equal(matches({ types: ['aws_s3_*', 'StatefulSet'] }, db), false);
    assert.equal(matches({ types: ['Deployment', 'StatefulSet'] }, deploy), true);
  });

  test('namespaces are globs over the Kubernetes namespace; no namespace does not match a pattern', () => {
    assert.equal(matches({ namespaces: ['team-*'] }, deploy), true);
    assert.equal(matches({ namespaces: ['kube-*'] }, deploy), false);
    assert.equal(matches({ namespaces: ['team-*'] }, db), false);
  });

  test('labels: Kubernetes labels and Terraform tags; "*" means any value', () => {
    assert.equal(matches({ labels: { 'app.kubernetes.io/managed-by': '*' } }, deploy), true);
    assert.equal(matches({ labels: { 'app.kubernetes.io/managed-by': 'Helm' } }, deploy), true);
    assert.equal(matches({ labels: { 'app.kubernetes.io/managed-by': 'kustomize' } }, deploy), false);
    assert.equal(matches({ labels: { team: 'data', env: '*' } }, db), true);
    assert.equal(matches({ labels: { owner: '*' } }, db), false);
  });

  test('drift: true only drift, false never drift, absent both', () => {
    const drifted = { ...db, drift: true };
    assert.equal(matches({ drift: true }, drifted), true);
    assert.equal(matches({ drift: true }, db), false);
    assert.equal(matches({ drift: false }, drifted), false);
    assert.equal(matches({}, drifted), true);
  });

  test('every criterion must hold', () => {
    assert.equal(matches({ sources: ['kubernetes'], types: ['Deployment'], namespaces: ['team-*'], actions: ['update'] }, deploy), true);
    assert.equal(matches({ sources: ['kubernetes'], types: ['Deployment'], namespaces: ['team-*'], actions: ['create'] }, deploy), false);
  });
});
