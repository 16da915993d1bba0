import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { corpusDir, readCorpus } from '../../testing/corpus';
import { SENSITIVE_MASK } from '../../model/resource-change';
import type { FieldPath, ResourceChange, SourceLocation } from '../../model/resource-change';
import { isClusterScopedKind, loadKubernetesManifests } from './index';
import { parseYamlStream } from './parse-yaml-stream';

const K8S = 'kubernetes';
const load = (name: string) => loadKubernetesManifests(name, readCorpus(K8S, name));
const lineOf = (text: string, line: number) => text.split('\n')[line - 1] ?? '';

/** A change's locate(), which the loader always provides. */
function locate(change: ResourceChange, path: FieldPath): SourceLocation {
  const at = change.locate?.(path);
  assert.ok(at, `no locate() on ${change.address}`);
  return at;
}

describe('loadKubernetesManifests on the real corpus', () => {
  test('every Kubernetes corpus file loads, each object with a position inside the file', () => {
    const files = readdirSync(`${corpusDir}/${K8S}`).filter((f) => /\.ya?ml$/.test(f));
    assert.ok(files.length >= 20);
    for (const f of files) {
      const text = readCorpus(K8S, f);
      const changes = load(f);
      assert.ok(changes.length > 0, f);
      for (const c of changes) {
        assert.equal(c.source, 'kubernetes');
        assert.equal(c.action, 'create');
        assert.equal(c.before, null);
        assert.equal(c.location.file, f);
        // The object's position is its first key: that line holds a `key:` at that column.
        assert.match(lineOf(text, c.location.line).slice(c.location.column - 1), /^[\w"'-]+\s*:/, `${f} ${c.address}`);
      }
    }
  });

  test('linkerd control plane (Helm render): 40 objects, 13 empty/comment-only documents skipped, all with # Source origins', () => {
    const name = 'helm-render-linkerd-control-plane-ha.yaml';
    const { documents } = parseYamlStream(name, readCorpus(K8S, name));
    assert.equal(documents.length, 53);
    assert.equal(documents.filter((d) => d.value === null).length, 13);
    const changes = load(name);
    assert.equal(changes.length, 40);
    assert.ok(changes.every((c) => c.location.origin?.startsWith('linkerd-control-plane/templates/')));
    // The identity ClusterRole follows a comment-only `# Source: .../identity-rbac.yaml` document.
    const role = changes.find((c) => c.address === 'ClusterRole/linkerd-linkerd-dev-identity');
    assert.equal(role?.location.origin, 'linkerd-control-plane/templates/identity-rbac.yaml');
    assert.equal(role?.clusterScoped, true);
    assert.equal(changes.filter((c) => c.type === 'Deployment').length, 3);
    assert.ok(changes.some((c) => c.type === 'CronJob'));
  });

  test('ingress-nginx helm template: leading blank line, 19 documents, Source origins, addresses', () => {
    const name = 'helm-template-ingress-nginx-4.0.15-cloud.yaml';
    const text = readCorpus(K8S, name);
    assert.equal(text[0], '\n');
    const changes = load(name);
    assert.equal(changes.length, 19);
    assert.deepEqual(changes[0]!.location, { file: name, line: 2, column: 1 }); // Namespace, no Source comment
    assert.equal(changes[0]!.address, 'Namespace/ingress-nginx');
    assert.equal(changes[0]!.namespace, '');
    const deploy = changes.find((c) => c.type === 'Deployment')!;
    assert.equal(deploy.address, 'Deployment/ingress-nginx/ingress-nginx-controller');
    assert.equal(deploy.namespace, 'ingress-nginx');
    assert.equal(deploy.apiVersion, 'apps/v1');
    assert.equal(deploy.location.origin, 'ingress-nginx/templates/controller-deployment.yaml');
    assert.equal(changes.find((c) => c.type === 'IngressClass')?.address, 'IngressClass/nginx');
    assert.equal(changes.filter((c) => c.type === 'Job').length, 2);
    // Plain JS data: numbers stay numbers.
    const after = deploy.after as { spec: { revisionHistoryLimit: unknown } };
    assert.equal(after.spec.revisionHistoryLimit, 10);
  });

  test('locate() points at the exact line and column of a field, and is not serialized', () => {
    const name = 'helm-template-ingress-nginx-4.0.15-cloud.yaml';
    const text = readCorpus(K8S, name);
    const deploy = load(name).find((c) => c.type === 'Deployment')!;
    const container = ['spec', 'template', 'spec', 'containers', 0];
    const image = locate(deploy, [...container, 'image']);
    assert.equal(lineOf(text, image.line).slice(image.column - 1), 'image: k8s.gcr.io/ingress-nginx/controller:v1.1.1@sha256:0bc88eb15f9e7f84e8e56c14fa5735aaa488b840983f87bd79b1054190e660de');
    const resources = locate(deploy, [...container, 'resources']);
    assert.equal(lineOf(text, resources.line).slice(resources.column - 1), 'resources:');
    const requestsCpu = locate(deploy, [...container, 'resources', 'requests', 'cpu']);
    assert.equal(lineOf(text, requestsCpu.line).trim(), 'cpu: 100m');
    assert.ok(requestsCpu.line > resources.line);
    // A missing field points at its nearest existing ancestor.
    assert.deepEqual(locate(deploy, [...container, 'resources', 'limits', 'memory']), resources);
    assert.equal(locate(deploy, [...container, 'resources']).origin, 'ingress-nginx/templates/controller-deployment.yaml');
    assert.equal(Object.keys(deploy).includes('locate'), false);
    assert.equal(JSON.stringify(deploy).includes('locate'), false);
  });

  test('argocd install (1.9 MB): container images located on their own lines', () => {
    const name = 'argocd-install-large.yaml';
    const text = readCorpus(K8S, name);
    const changes = load(name);
    assert.equal(changes.length, 59);
    const server = changes.find((c) => c.address === 'Deployment/argocd-server')!;
    assert.ok(server, 'kustomize output has no namespace: address is Kind/name');
    const at = locate(server, ['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.equal(lineOf(text, at.line).slice(at.column - 1), 'image: quay.io/argoproj/argocd:latest');
  });
});

describe('kind: List', () => {
  const list = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: v1',
    '  kind: ConfigMap',
    '  metadata: {name: one, namespace: team-a}',
    '  data: {k: v}',
    '- apiVersion: apps/v1',
    '  kind: Deployment',
    '  metadata:',
    '    name: two',
    '    namespace: team-a',
    '  spec:',
    '    template:',
    '      spec:',
    '        containers:',
    '        - name: app',
    '          image: nginx:1.27',
    '',
  ].join('\n');

  test('expands items into objects with their own positions', () => {
    const changes = loadKubernetesManifests('list.yaml', list);
    assert.deepEqual(changes.map((c) => c.address), ['ConfigMap/team-a/one', 'Deployment/team-a/two']);
    assert.deepEqual(changes.map((c) => [c.location.line, c.location.column]), [[4, 3], [8, 3]]);
    const image = locate(changes[1]!, ['spec', 'template', 'spec', 'containers', 0, 'image']);
    assert.deepEqual([image.line, image.column], [18, 11]);
  });

  test('a named custom kind ending in List is an object, not a list', () => {
    const text = 'apiVersion: example.com/v1\nkind: AllowList\nmetadata: {name: registries}\nitems: [a, b]\n';
    const changes = loadKubernetesManifests('allow.yaml', text);
    assert.deepEqual(changes.map((c) => c.address), ['AllowList/registries']);
  });

  test('JSON typed lists (kubectl get -o json) expand too', () => {
    const json = JSON.stringify({
      apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '1' },
      items: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'ns' }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }],
    }, null, 2);
    const [pod] = loadKubernetesManifests('pods.json', json);
    assert.equal(pod?.address, 'Pod/ns/p');
    const at = locate(pod, ['spec', 'containers', 0, 'image']);
    assert.match(lineOf(json, at.line).slice(at.column - 1), /^"image": "busybox"/);
  });
});

describe('diff against the previous release', () => {
  const object = (kind: string, name: string, body: string, apiVersion = 'v1') =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: app\n${body}`;
  const previous = [
    object('ConfigMap', 'same', 'data: {a: "1"}\n'),
    object('ConfigMap', 'changed', 'data: {a: "1"}\n'),
    object('ConfigMap', 'removed', 'data: {a: "1"}\n'),
    object('Deployment', 'web', 'spec: {replicas: 2}\n', 'apps/v1beta2'),
  ].join('---\n');
  const current = [
    object('ConfigMap', 'same', 'data:\n  a: "1"\n'), // same content, different formatting
    object('ConfigMap', 'changed', 'data: {a: "2"}\n'),
    object('Deployment', 'web', 'spec: {replicas: 2}\n', 'apps/v1'),
    object('ConfigMap', 'added', 'data: {}\n'),
  ].join('---\n');
  const changes = loadKubernetesManifests('new.yaml', current, { component: 'web', previous: { file: 'old.yaml', text: previous } });
  const byAddress = new Map(changes.map((c) => [c.address, c]));

  test('create / update / no-op / delete, matched by group, kind, namespace and name', () => {
    assert.deepEqual(changes.map((c) => [c.address, c.action]), [
      ['ConfigMap/app/same', 'no-op'],
      ['ConfigMap/app/changed', 'update'],
      ['Deployment/app/web', 'update'], // apps/v1beta2 → apps/v1 is the same object, changed
      ['ConfigMap/app/added', 'create'],
      ['ConfigMap/app/removed', 'delete'],
    ]);
    assert.ok(changes.every((c) => c.component === 'web'));
  });

  test('before/after and locations come from the right file', () => {
    const changed = byAddress.get('ConfigMap/app/changed')!;
    assert.deepEqual((changed.before as { data: unknown }).data, { a: '1' });
    assert.deepEqual((changed.after as { data: unknown }).data, { a: '2' });
    assert.equal(changed.location.file, 'new.yaml');
    const removed = byAddress.get('ConfigMap/app/removed')!;
    assert.equal(removed.after, null);
    assert.equal(removed.location.file, 'old.yaml');
    assert.equal(locate(removed, ['data', 'a']).file, 'old.yaml');
    assert.equal(byAddress.get('ConfigMap/app/added')!.before, null);
  });
});

describe('Secret values are masked', () => {
  const secret = [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: db',
    '  namespace: app',
    '  annotations:',
    '    kubectl.kubernetes.io/last-applied-configuration: \'{"data":{"password":"aHVudGVyMg=="}}\'',
    'data:',
    '  password: aHVudGVyMg==',
    '  tls.crt: Y2VydA==',
    'stringData:',
    '  token: hunter2-token',
    '',
  ].join('\n');

  test('values are replaced, keys stay, paths are listed, and nothing leaks into JSON', () => {
    const [c] = loadKubernetesManifests('secret.yaml', secret);
    const json = JSON.stringify(c);
    for (const leaked of ['aHVudGVyMg==', 'Y2VydA==', 'hunter2']) assert.equal(json.includes(leaked), false, leaked);
    const after = c!.after as { data: Record<string, string>; stringData: Record<string, string> };
    assert.deepEqual(after.data, { password: SENSITIVE_MASK, 'tls.crt': SENSITIVE_MASK });
    assert.deepEqual(after.stringData, { token: SENSITIVE_MASK });
    assert.deepEqual(c!.sensitivePaths, [
      'data.password', 'data["tls.crt"]', 'stringData.token',
      'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
    ]);
    // Positions still work on masked fields.
    assert.equal(locate(c!, ['data', 'password']).line, 9);
  });

  test('a changed Secret value is an update, though both sides read as masked', () => {
    const old = secret.replace('aHVudGVyMg==\n', 'b2xk\n');
    const [c] = loadKubernetesManifests('new.yaml', secret, { previous: { file: 'old.yaml', text: old } });
    assert.equal(c!.action, 'update');
    assert.equal(JSON.stringify(c).includes('b2xk'), false);
  });
});

describe('scope and addresses', () => {
  test('cluster-scoped kinds', () => {
    for (const k of ['Namespace', 'ClusterRole', 'CustomResourceDefinition', 'ValidatingWebhookConfiguration', 'StorageClass', 'PriorityClass', 'ClusterIssuer']) {
      assert.equal(isClusterScopedKind(k), true, k);
    }
    for (const k of ['Pod', 'Deployment', 'Secret', 'Role', 'Issuer']) assert.equal(isClusterScopedKind(k), false, k);
  });

  test('a cluster-scoped object that names a namespace is still addressed Kind/name', () => {
    const [c] = loadKubernetesManifests('x.yaml', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r, namespace: oops}\n');
    assert.equal(c!.address, 'ClusterRole/r');
    assert.equal(c!.namespace, '');
  });

  test('a byte-order mark does not shift positions', () => {
    const [c] = loadKubernetesManifests('bom.yaml', '\uFEFFapiVersion: v1\nkind: Pod\nmetadata: {name: p}\n');
    assert.deepEqual([c!.location.line, c!.location.column], [1, 1]);
  });

  test('YAML anchors and merge keys load as a plain tree', () => {
    // (Not `y:` as a key: kubectl reads a plain y as the boolean true, so the key would be "true".)
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: m}\ndata:\n  base: &b {x: "1"}\n  copy:\n    <<: *b\n    w: "2"\n';
    const [c] = loadKubernetesManifests('m.yaml', text) as [ResourceChange];
    const data = (c.after as { data: Record<string, Record<string, string>> }).data;
    assert.deepEqual(data, { base: { x: '1' }, copy: { x: '1', w: '2' } });
  });
});
