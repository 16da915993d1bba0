import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadKubernetesManifests } from '../../loaders/kubernetes';
import { readCorpus } from '../../testing/corpus';
import { approvedChangeSet, liveListJson, rawObjects, serverView, uid } from '../../testing/kubernetes-live';
import type { DriftItem, FieldDrift } from '../drift-types';
import { kubernetesDrift } from './live-drift';
import type { KubernetesDriftOptions } from './live-drift';

type Json = Record<string, unknown>;

const CORPUS = 'helm-template-ingress-nginx-4.0.15-cloud.yaml';
const corpusText = readCorpus('kubernetes', CORPUS);
const approved = approvedChangeSet(CORPUS, corpusText);

/** The corpus as it runs: every object applied by Helm, with what the API server adds. */
function liveCorpus(edit: (objects: Json[]) => void = () => {}): string {
  const objects = rawObjects(CORPUS, corpusText).map((o) => serverView(o));
  edit(objects);
  return liveListJson(objects);
}

function find(objects: Json[], kind: string, name: string): Json {
  const o = objects.find((x) => x.kind === kind && (x.metadata as Json).name === name);
  assert.ok(o, `${kind}/${name} in the corpus`);
  return o;
}

function deployment(objects: Json[]): Json {
  return find(objects, 'Deployment', 'ingress-nginx-controller');
}

function container(objects: Json[]): Json {
  return (((deployment(objects).spec as Json).template as Json).spec as { containers: Json[] }).containers[0]!;
}

function only(items: readonly DriftItem[]): DriftItem {
  assert.equal(items.length, 1, JSON.stringify(items, null, 1));
  return items[0]!;
}

function paths(item: DriftItem): string[] {
  return item.fields.map((f) => f.path.join('/'));
}

const CONTAINER = 'spec/template/spec/containers/name=controller';

describe('Kubernetes live drift: what counts (rules of docs/drift.md)', () => {
  it('the corpus as the API server returns it (server metadata, status, managedFields, defaults) has no drift', () => {
    const { items, liveResources } = kubernetesDrift(approved, 'live.json', liveCorpus());
    assert.deepEqual(items, []);
    assert.deepEqual(liveResources, []);
  });

  it('a changed field the manifest sets is drift, with its path and both values', () => {
    const item = only(kubernetesDrift(approved, 'live.json', liveCorpus((o) => {
      container(o).image = 'registry.example/miner:latest';
    })).items);
    assert.equal(item.kind, 'changed');
    assert.equal(item.address, 'Deployment/ingress-nginx/ingress-nginx-controller');
    assert.deepEqual(item.fields, [{
      path: [...CONTAINER.split('/'), 'image'],
      approved: JSON.stringify('k8s.gcr.io/ingress-nginx/controller:v1.1.1@sha256:0bc88eb15f9e7f84e8e56c14fa5735aaa488b840983f87bd79b1054190e660de'),
      live: '"registry.example/miner:latest"',
    }]);
    assert.equal(item.otherManagersOnly, false);
    assert.equal(item.location?.file, 'live.json');
  });

  it('fields the manifest does not set (defaults, server fields, another tool\'s labels) are never drift', () => {
    const { items } = kubernetesDrift(approved, 'live.json', liveCorpus((o) => {
      const d = deployment(o);
      (d.metadata as Json).annotations = { 'deployment.kubernetes.io/revision': '3' };
      ((d.metadata as Json).labels as Json)['team'] = 'ops';
      container(o).stdin = false;
      (d.status as Json).replicas = 7;
    }));
    assert.deepEqual(items, []);
  });

  it('server-populated fields are ignored even when the manifest writes them (creationTimestamp: null, status)', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: ns, creationTimestamp: null, uid: "x", resourceVersion: "1", generation: 4, selfLink: /x}
status: {phase: Written}
data: {a: "1"}
`;
    const live = liveListJson([serverView({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'ns' }, data: { a: '1' } })]);
    assert.deepEqual(kubernetesDrift(approvedChangeSet('a.yaml', text), 'live.json', live).items, []);
  });

  it('quantities compare by value (cpu 0.5 = 500m, 1Gi = 1073741824) and different ones are drift', () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
        resources:
          limits: {cpu: 0.5, memory: 1Gi, ephemeral-storage: 1e3}
          requests: {cpu: "0.25", memory: 512Mi}
      volumes: [{name: tmp, emptyDir: {sizeLimit: 1Gi}}]
`;
    const a = approvedChangeSet('a.yaml', text);
    const applied = rawObjects('a.yaml', text)[0]!;
    const live = (limits: Json, requests: Json): string => {
      const o = serverView(applied);
      const pod = ((o.spec as Json).template as Json).spec as { containers: Json[]; volumes: Json[] };
      pod.containers[0]!.resources = { limits, requests };
      pod.volumes[0]!.emptyDir = { sizeLimit: '1073741824' };
      return liveListJson([o]);
    };
    assert.deepEqual(kubernetesDrift(a, 'l.json', live({ cpu: '500m', memory: '1073741824', 'ephemeral-storage': '1k' }, { cpu: '250m', memory: '536870912' })).items, []);
    const item = only(kubernetesDrift(a, 'l.json', live({ cpu: '2', memory: '1G', 'ephemeral-storage': '1k' }, { cpu: '250m', memory: '512Mi' })).items);
    assert.deepEqual(item.fields.map((f) => [f.path.slice(-1)[0], f.approved, f.live]), [['cpu', '0.5', '"2"'], ['memory', '"1Gi"', '"1G"']]);
  });

  it('a custom resource\'s fields are compared exactly (its schema is unknown: no quantity reading)', () => {
    const text = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w, namespace: ns}\nspec: {limits: {cpu: 0.5}}\n';
    const o = serverView(rawObjects('a.yaml', text)[0]!);
    ((o.spec as Json).limits as Json).cpu = '500m';
    const item = only(kubernetesDrift(approvedChangeSet('a.yaml', text), 'l.json', liveListJson([o])).items);
    assert.deepEqual(item.fields.map((f) => f.path.join('/')), ['spec/limits/cpu']);
  });

  it('numbers and strings are not the same value (containerPort 80 vs "80", targetPort 8080 vs "8080" a port name)', () => {
    const text = `apiVersion: v1
kind: Service
metadata: {name: s, namespace: ns}
spec:
  ports: [{port: 80, targetPort: 8080}]
`;
    const o = serverView(rawObjects('a.yaml', text)[0]!);
    ((o.spec as Json).ports as Json[])[0]!.targetPort = '8080';
    const item = only(kubernetesDrift(approvedChangeSet('a.yaml', text), 'l.json', liveListJson([o])).items);
    assert.deepEqual(item.fields, [{ path: ['spec', 'ports', 'port=80,protocol=TCP', 'targetPort'], approved: '8080', live: '"8080"' }]);
  });

  it('lists of named objects match by merge key, not position (containers, env, ports, volumes, volumeMounts)', () => {
    const { items } = kubernetesDrift(approved, 'live.json', liveCorpus((o) => {
      const c = container(o);
      (c.env as Json[]).reverse();
      (c.ports as Json[]).reverse();
      for (const p of c.ports as Json[]) delete p.protocol; // not written live: TCP is the key's default
      (c.ports as Json[]).forEach((p) => { p.protocol = 'TCP'; });
    }));
    assert.deepEqual(items, []);
  });

  it('an item added to or missing from a named list is drift at its key; an atomic list (args) is compared in order', () => {
    const item = only(kubernetesDrift(approved, 'live.json', liveCorpus((o) => {
      const c = container(o);
      (c.env as Json[]).push({ name: 'LD_LIBRARY_PATH', value: '/tmp/evil' });
      c.ports = (c.ports as Json[]).filter((p) => p.name !== 'webhook');
      (c.args as string[]).reverse();
    })).items);
    assert.deepEqual(paths(item).sort(), [
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `${CONTAINER}/args/${i}`), // 8 args reversed: each moved
      `${CONTAINER}/env/name=LD_LIBRARY_PATH`,
      `${CONTAINER}/ports/containerPort=8443,protocol=TCP`,
    ]);
    const env = item.fields.find((f) => f.path.includes('name=LD_LIBRARY_PATH'))!;
    assert.deepEqual([env.approved, env.live], ['(absent)', '{"name":"LD_LIBRARY_PATH","value":"/tmp/evil"}']);
    const port = item.fields.find((f) => f.path.includes('containerPort=8443,protocol=TCP'))!;
    assert.equal(port.live, '(absent)');
  });

  it('an injected container is drift (a new entity in a list the manifest defines, not a default)', () => {
    const item = only(kubernetesDrift(approved, 'live.json', liveCorpus((o) => {
      (((deployment(o).spec as Json).template as Json).spec as { containers: Json[] }).containers.push({ name: 'miner', image: 'evil' });
    })).items);
    assert.deepEqual(paths(item), ['spec/template/spec/containers/name=miner']);
  });
});

describe('Kubernetes live drift: field managers', () => {
  const hpa = (fields: Json, manager = 'kube-controller-manager'): Json => ({
    manager, operation: 'Update', apiVersion: 'apps/v1', time: '2026-11-30T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: fields, subresource: 'scale',
  });

  /** The corpus Deployment with replicas 3 approved, then written by `manager` live. */
  function scaled(manager: string, ownerIsVendorToo = false): DriftItem[] {
    const text = corpusText.replace('  revisionHistoryLimit: 10\n', '  replicas: 3\n  revisionHistoryLimit: 10\n');
    const a = approvedChangeSet(CORPUS, text);
    const objects = rawObjects(CORPUS, text).map((o) => serverView(o));
    const d = deployment(objects);
    (d.spec as Json).replicas = 9;
    const managed = (d.metadata as Json).managedFields as Json[];
    // Ownership moves to the manager that changed the value (server-side apply field management).
    if (!ownerIsVendorToo) delete ((managed[0]!.fieldsV1 as Json)['f:spec'] as Json)['f:replicas'];
    managed.push(hpa({ 'f:spec': { 'f:replicas': {} } }, manager));
    return kubernetesDrift(a, 'live.json', liveListJson(objects)).items;
  }

  function scaledBy(manager: string, options: KubernetesDriftOptions): DriftItem[] {
    const text = corpusText.replace('  revisionHistoryLimit: 10\n', '  replicas: 3\n  revisionHistoryLimit: 10\n');
    const objects = rawObjects(CORPUS, text).map((o) => serverView(o));
    const d = deployment(objects);
    (d.spec as Json).replicas = 9;
    (d.metadata as Json).managedFields = [hpa({ 'f:spec': { 'f:replicas': {} } }, manager)];
    return kubernetesDrift(approvedChangeSet(CORPUS, text), 'live.json', liveListJson(objects), options).items;
  }

  it('an HPA\'s replicas (owned by kube-controller-manager) show "changed by", and are not open drift', () => {
    const item = only(scaled('kube-controller-manager'));
    assert.deepEqual(item.fields, [{ path: ['spec', 'replicas'], approved: '3', live: '9', changedBy: 'kube-controller-manager' }]);
    assert.equal(item.otherManagersOnly, true);
  });

  it('a hand edit (kubectl-edit, a dashboard) is attributed but stays drift', () => {
    for (const manager of ['kubectl-edit', 'Mozilla', 'kubectl-patch']) {
      const item = only(scaled(manager));
      assert.equal(item.fields[0]!.changedBy, manager);
      assert.equal(item.otherManagersOnly, false, manager);
    }
  });

  it('a value the vendor\'s manager owns (alone or with another) is the vendor\'s drift', () => {
    const item = only(scaled('kube-controller-manager', true));
    assert.equal(item.fields[0]!.changedBy, undefined);
    assert.equal(item.otherManagersOnly, false);
  });

  it('a controller\'s name on a field automation does not manage (an image) is attributed but never silences drift', () => {
    const objects = rawObjects(CORPUS, corpusText).map((o) => serverView(o));
    const d = deployment(objects);
    container(objects).image = 'evil';
    // A leaf high up claims the whole spec, as a forged or hand-set --field-manager could.
    (d.metadata as Json).managedFields = [hpa({ 'f:spec': {} })];
    const item = only(kubernetesDrift(approved, 'live.json', liveListJson(objects)).items);
    assert.equal(item.fields[0]!.changedBy, 'kube-controller-manager');
    assert.equal(item.otherManagersOnly, false);
  });

  it('without managedFields (or with malformed ones) drift is the vendor\'s (fail closed)', () => {
    for (const managedFields of [undefined, 'x', [{ manager: 'kube-controller-manager', fieldsV1: 'f:spec' }], [{ manager: 7, fieldsV1: { 'f:spec': {} } }]]) {
      const objects = rawObjects(CORPUS, corpusText).map((o) => serverView(o));
      const c = container(objects);
      c.image = 'evil';
      (deployment(objects).metadata as Json).managedFields = managedFields;
      const item = only(kubernetesDrift(approved, 'live.json', liveListJson(objects)).items);
      assert.equal(item.fields[0]!.changedBy, undefined, JSON.stringify(managedFields));
    }
  });

  it('the vendor\'s and controllers\' manager names are parameters', () => {
    const objects = rawObjects(CORPUS, corpusText).map((o) => serverView(o, { manager: 'vendor-ci' }));
    container(objects).image = 'evil';
    const item = only(kubernetesDrift(approved, 'live.json', liveListJson(objects)).items);
    assert.equal(item.fields[0]!.changedBy, 'vendor-ci', 'not a default vendor manager');
    const again = only(kubernetesDrift(approved, 'live.json', liveListJson(objects), { vendorManagers: ['vendor-ci'] }).items);
    assert.equal(again.fields[0]!.changedBy, undefined);
    assert.equal(only(scaledBy('vendor-ci', {})).otherManagersOnly, false);
    // A manager named like a list of controllers is one unknown manager.
    assert.equal(only(scaledBy('kube-controller-manager, vpa-updater', {})).otherManagersOnly, false);
    assert.equal(only(scaledBy('vendor-ci', { controllerManagers: ['vendor-ci'] })).otherManagersOnly, true);
  });
});

describe('Kubernetes live drift: added outside the pipeline, removed', () => {
  it('an object live but never approved is "added"; one approved but missing live is "removed"', () => {
    const { items, liveResources } = kubernetesDrift(approved, 'live.json', liveCorpus((o) => {
      o.splice(o.indexOf(find(o, 'Role', 'ingress-nginx')), 1);
      o.push(serverView({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'backdoor' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin', apiGroup: 'rbac.authorization.k8s.io' }, subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'ingress-nginx' }] }, { manager: 'kubectl-create' }));
    }));
    assert.deepEqual(items.map((i) => [i.kind, i.address]), [['removed', 'Role/ingress-nginx/ingress-nginx'], ['added', 'ClusterRoleBinding/backdoor']]);
    assert.deepEqual(liveResources.map((r) => [r.action, r.address, r.drift]), [['delete', 'Role/ingress-nginx/ingress-nginx', true], ['create', 'ClusterRoleBinding/backdoor', true]]);
    const added = liveResources[1]!;
    assert.equal((added.after as Json).status, undefined);
    assert.equal(((added.after as Json).metadata as Json).managedFields, undefined, 'server metadata left out of what the contract sees');
    assert.equal(added.locate?.(['subjects', 0, 'name'])?.file, 'live.json');
  });

  it('objects the control plane makes (owned by a live controller, per-namespace defaults, Events, Endpoints) are not "added"', () => {
    const { items } = kubernetesDrift(approved, 'live.json', liveCorpus((o) => {
      const d = deployment(o);
      const rsUid = uid();
      const own = (kind: string, name: string, u: string): Json => ({ apiVersion: 'apps/v1', kind, name, uid: u, controller: true, blockOwnerDeletion: true });
      o.push({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'ingress-nginx-controller-5c8d66c76d', namespace: 'ingress-nginx', uid: rsUid, ownerReferences: [own('Deployment', 'ingress-nginx-controller', (d.metadata as Json).uid as string)] }, spec: {} });
      o.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ingress-nginx-controller-5c8d66c76d-x2x9q', namespace: 'ingress-nginx', uid: uid(), ownerReferences: [own('ReplicaSet', 'x', rsUid)] }, spec: {} });
      o.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'ingress-nginx', uid: uid() }, data: { 'ca.crt': 'x' } });
      o.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'ingress-nginx', uid: uid() } });
      o.push({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', uid: uid() } });
      o.push({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'e.1', namespace: 'ingress-nginx', uid: uid() } });
    }));
    assert.deepEqual(items, []);
  });

  it('a controller chain that loops, or whose controller is not in the snapshot, is "added" (fail closed)', () => {
    const { items } = kubernetesDrift(approved, 'live.json', liveCorpus((o) => {
      const a = uid();
      const b = uid();
      const ref = (u: string): Json[] => [{ apiVersion: 'v1', kind: 'Pod', name: 'x', uid: u, controller: true }];
      o.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'loop-a', namespace: 'ingress-nginx', uid: a, ownerReferences: ref(b) } });
      o.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'loop-b', namespace: 'ingress-nginx', uid: b, ownerReferences: ref(a) } });
      o.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'orphan', namespace: 'ingress-nginx', uid: uid(), ownerReferences: ref('no-such-uid') } });
    }));
    assert.deepEqual(items.map((i) => [i.kind, i.address]), [['added', 'Pod/ingress-nginx/loop-a'], ['added', 'Pod/ingress-nginx/loop-b'], ['added', 'Pod/ingress-nginx/orphan']]);
  });

  it('an approved object without a namespace matches the one live object of that name, or the namespace given', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: "1"}\n';
    const a = approvedChangeSet('a.yaml', text);
    const inNs = (ns: string, value: string): Json => serverView({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: ns }, data: { a: value } });
    assert.deepEqual(kubernetesDrift(a, 'l.json', liveListJson([inNs('vendor', '1')])).items, []);
    assert.throws(() => kubernetesDrift(a, 'l.json', liveListJson([inNs('vendor', '1'), inNs('other', '2')])), /approved without a namespace.*several \(vendor, other\)/);
    const chosen = kubernetesDrift(a, 'l.json', liveListJson([inNs('vendor', '1'), inNs('other', '2')]), { defaultNamespace: 'other' }).items;
    assert.deepEqual(chosen.map((i) => [i.kind, i.address, i.fields.map((f: FieldDrift) => f.live)]), [
      ['changed', 'ConfigMap/other/c', ['"2"']], ['added', 'ConfigMap/vendor/c', []],
    ]);
  });

  it('Helm and Argo CD hooks deleted on success are not "removed" when gone; other objects are', () => {
    const isHook = (x: Json): boolean => Object.hasOwn(((x.metadata as Json).annotations as Json | undefined) ?? {}, 'helm.sh/hook');
    const { items } = kubernetesDrift(approved, 'live.json', liveCorpus((o) => {
      const kept = o.filter((x) => !isHook(x));
      assert.equal(o.length - kept.length, 7, 'the corpus has 7 hook-succeeded hooks (admission Jobs and their RBAC)');
      o.splice(0, o.length, ...kept);
    }));
    assert.deepEqual(items, []);
    const argo = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  namespace: ns\n  annotations: {argocd.argoproj.io/hook: PreSync, argocd.argoproj.io/hook-delete-policy: HookSucceeded}\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: kept\n  namespace: ns\n  annotations: {helm.sh/hook: post-install}\n';
    assert.deepEqual(kubernetesDrift(approvedChangeSet('a.yaml', argo), 'l.json', liveListJson([])).items.map((i) => [i.kind, i.address]), [['removed', 'Job/ns/kept']]);
  });

  it('an object the approved change set deletes is "added" when it is still live', () => {
    const prev = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: old, namespace: ns}\n';
    const cs = { ...approvedChangeSet('a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: new, namespace: ns}\n') };
    const withDelete = { ...cs, resources: loadKubernetesManifests('a.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: new, namespace: ns}\n', { previous: { file: 'p.yaml', text: prev } }) };
    const live = liveListJson([
      serverView({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'new', namespace: 'ns' } }),
      serverView({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'old', namespace: 'ns' } }),
    ]);
    assert.deepEqual(kubernetesDrift(withDelete, 'l.json', live).items.map((i) => [i.kind, i.address]), [['added', 'ConfigMap/ns/old']]);
  });
});

describe('Kubernetes live drift: snapshot formats', () => {
  const approvedText = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.25
        ports: [{containerPort: 80}]
`;
  // As \`kubectl get deploy -o yaml --show-managed-fields\` writes it (go-yaml: FieldsV1 keys plain).
  const kubectlYaml = `apiVersion: v1
items:
- apiVersion: apps/v1
  kind: Deployment
  metadata:
    annotations:
      deployment.kubernetes.io/revision: "2"
    creationTimestamp: "2026-11-30T09:12:44Z"
    generation: 3
    managedFields:
    - apiVersion: apps/v1
      fieldsType: FieldsV1
      fieldsV1:
        f:spec:
          f:template:
            f:spec:
              f:containers:
                k:{"name":"web"}:
                  .: {}
                  f:image: {}
                  f:name: {}
                  f:ports:
                    .: {}
                    k:{"containerPort":80,"protocol":"TCP"}:
                      .: {}
                      f:containerPort: {}
                      f:protocol: {}
      manager: helm
      operation: Update
      time: "2026-11-30T09:12:44Z"
    - apiVersion: autoscaling/v1
      fieldsType: FieldsV1
      fieldsV1:
        f:spec:
          f:replicas: {}
      manager: kube-controller-manager
      operation: Update
      subresource: scale
      time: "2026-11-30T10:02:11Z"
    name: web
    namespace: shop
    resourceVersion: "91823"
    uid: 3b1f7c2e-5d7a-4c1e-9f0a-2a6b8e4d1c90
  spec:
    progressDeadlineSeconds: 600
    replicas: 6
    template:
      spec:
        containers:
        - image: nginx:1.25
          imagePullPolicy: IfNotPresent
          name: web
          ports:
          - containerPort: 80
            protocol: TCP
  status:
    availableReplicas: 6
kind: List
metadata:
  resourceVersion: ""
`;

  it('real `kubectl get -o yaml --show-managed-fields` output reads, FieldsV1 keys included', () => {
    const item = only(kubernetesDrift(approvedChangeSet('a.yaml', approvedText), 'live.yaml', kubectlYaml).items);
    assert.deepEqual(item.fields, [{ path: ['spec', 'replicas'], approved: '2', live: '6', changedBy: 'kube-controller-manager' }]);
    assert.equal(item.otherManagersOnly, true);
    assert.deepEqual(item.location, { file: 'live.yaml', line: 3, column: 3 });
  });

  it('a stream of documents (`kubectl get deploy web -o yaml` per object) reads like a List', () => {
    const items = kubectlYaml.split('\n').slice(2, -4).map((l) => l.slice(2)).join('\n').replace(/^- /, '');
    const stream = `---\n${items}\n---\n`;
    const item = only(kubernetesDrift(approvedChangeSet('a.yaml', approvedText), 'live.yaml', stream).items);
    assert.deepEqual(item.fields.map((f) => f.path.join('.')), ['spec.replicas']);
  });
});
