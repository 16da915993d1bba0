import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCorpus } from '../../testing/corpus';
import { approvedChangeSet, liveListJson, rawObjects, serverView } from '../../testing/kubernetes-live';
import { PlantedSecrets, assertNoPlanted, searchable } from '../../testing/planted-secrets';
import type { DriftItem } from '../drift-types';
import { kubernetesDrift } from './live-drift';

type Json = Record<string, unknown>;

const CORPUS = 'helm-template-ingress-nginx-4.0.15-cloud.yaml';
const corpusText = readCorpus('kubernetes', CORPUS);
const approved = approvedChangeSet(CORPUS, corpusText);

/** A managedFields entry of an Update by `manager`. */
function update(manager: string, fieldsV1: Json): Json {
  return { manager, operation: 'Update', apiVersion: 'apps/v1', time: '2026-11-30T11:00:00Z', fieldsType: 'FieldsV1', fieldsV1 };
}

function inPod(fields: Json): Json {
  return { 'f:spec': { 'f:template': { 'f:spec': fields } } };
}
const CONTAINER_KEY = 'k:{"name":"controller"}';

/** The corpus live, the controller Deployment edited by `edit` and recorded as written by `entry`. */
function edited(edit: (deployment: Json, container: Json) => void, entry: Json | undefined, options = {}): DriftItem[] {
  const objects = rawObjects(CORPUS, corpusText).map((o) => serverView(o, options));
  const d = objects.find((o) => o.kind === 'Deployment')!;
  const pod = ((d.spec as Json).template as Json).spec as Json;
  edit(pod, (pod.containers as Json[])[0]!);
  if (entry) ((d.metadata as Json).managedFields as Json[]).push(entry);
  return kubernetesDrift(approved, 'live.json', liveListJson(objects)).items;
}

function fieldsOf(items: readonly DriftItem[]): [string, string, string, string | undefined][] {
  return items.flatMap((i) => i.fields.map((f): [string, string, string, string | undefined] => [f.path.join('.'), f.approved, f.live, f.changedBy]));
}

describe('hand edits of fields the manifest does not set', () => {
  it('kubectl edit adding privileged: true, hostNetwork and an env var is drift, changed by kubectl-edit', () => {
    const items = edited((pod, c) => {
      (c.securityContext as Json).privileged = true;
      pod.hostNetwork = true;
    }, update('kubectl-edit', inPod({ 'f:hostNetwork': {}, 'f:containers': { [CONTAINER_KEY]: { 'f:securityContext': { 'f:privileged': {} } } } })));
    assert.deepEqual(fieldsOf(items), [
      ['spec.template.spec.containers.name=controller.securityContext.privileged', '(absent)', 'true', 'kubectl-edit'],
      ['spec.template.spec.hostNetwork', '(absent)', 'true', 'kubectl-edit'],
    ]);
    assert.equal(items[0]!.otherManagersOnly, false);
  });

  it('a list the manifest does not set, added by hand (initContainers), is drift item by item', () => {
    const items = edited((pod) => {
      pod.initContainers = [{ name: 'grab', image: 'busybox', command: ['sh'] }];
    }, update('kubectl-patch', inPod({ 'f:initContainers': { 'k:{"name":"grab"}': { '.': {}, 'f:name': {}, 'f:image': {}, 'f:command': {} } } })));
    assert.deepEqual(fieldsOf(items), [['spec.template.spec.initContainers.name=grab', '(absent)', '{"name":"grab","image":"busybox","command":["sh"]}', 'kubectl-patch']]);
  });

  it('defaults and the fields of the object\'s creator (even a tool not in the vendor list) are not hand edits', () => {
    assert.deepEqual(edited(() => {}, undefined, { manager: 'Terraform' }), []);
    assert.deepEqual(edited(() => {}, undefined, { manager: 'helm' }), []);
  });

  it('fields written by cluster automation (a revision annotation, replicas the manifest leaves out) are not drift', () => {
    assert.deepEqual(edited((pod) => {
      pod.priority = 0;
    }, update('kube-controller-manager', {
      'f:metadata': { 'f:annotations': { 'f:deployment.kubernetes.io/revision': {} } },
      'f:spec': { 'f:replicas': {}, 'f:template': { 'f:spec': { 'f:priority': {} } } },
    })), []);
  });

  it('a field gone live, or a manager set naming nothing live, is not reported', () => {
    assert.deepEqual(edited(() => {}, update('kubectl-edit', inPod({ 'f:hostPID': {}, 'f:containers': { 'k:{"name":"gone"}': { 'f:image': {} } } }))), []);
  });

  it('a key added to a Secret by hand is drift, its value masked', () => {
    const s = new PlantedSecrets();
    const a = approvedChangeSet('a.yaml', `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: app}\ndata: {password: ${Buffer.from(s.plant('approved')).toString('base64')}}\n`);
    const live = serverView({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'app' }, data: { password: 'eA==', backdoor: Buffer.from(s.plant('added by hand')).toString('base64') } });
    ((live.metadata as Json).managedFields as Json[]).splice(0, 1,
      update('helm', { 'f:data': { '.': {}, 'f:password': {} } }),
      update('kubectl-edit', { 'f:data': { 'f:backdoor': {} } }));
    const result = kubernetesDrift(a, 'live.json', liveListJson([live]));
    assert.deepEqual(fieldsOf(result.items), [['data.backdoor', '(absent)', '(sensitive value)', 'kubectl-edit']]);
    assertNoPlanted(s, [{ where: 'hand-edit drift of a Secret', text: searchable(result) }]);
  });
});
