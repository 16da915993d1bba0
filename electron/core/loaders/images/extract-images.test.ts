import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readCorpus } from '../../testing/corpus';
import type { ResourceAction, ResourceChange } from '../../model/resource-change';
import { loadKubernetesManifests } from '../kubernetes/index';
import { extractImages } from './index';

const lineOf = (text: string, line: number) => text.split('\n')[line - 1] ?? '';

describe('extractImages from Kubernetes manifests', () => {
  test('argocd install: one image per distinct reference, with every user', () => {
    const name = 'argocd-install-large.yaml';
    const text = readCorpus('kubernetes', name);
    const resources = loadKubernetesManifests(name, text, { component: 'argocd' });
    const images = extractImages(resources);
    const refs = images.map((i) => i.address);
    assert.equal(new Set(refs).size, refs.length);
    assert.deepEqual([...refs].sort(), ['ghcr.io/dexidp/dex:v2.45.1', 'public.ecr.aws/docker/library/redis:8.10.1-alpine', 'quay.io/argoproj/argocd:latest']);

    const argocd = images.find((i) => i.address === 'quay.io/argoproj/argocd:latest')!;
    assert.equal(argocd.source, 'image');
    assert.equal(argocd.type, 'image');
    assert.equal(argocd.name, 'argoproj/argocd');
    assert.deepEqual(argocd.image, { reference: 'quay.io/argoproj/argocd:latest', registry: 'quay.io', repository: 'argoproj/argocd', tag: 'latest', digest: '' });
    assert.equal(argocd.action, 'create');
    assert.equal(argocd.component, 'argocd');
    assert.ok(argocd.usedBy!.length >= 5, `usedBy: ${argocd.usedBy!.join(', ')}`);
    assert.ok(argocd.usedBy!.includes('Deployment/argocd-server'));
    assert.ok(argocd.usedBy!.includes('StatefulSet/argocd-application-controller'));
    // Located where the first user writes it.
    assert.equal(lineOf(text, argocd.location.line).slice(argocd.location.column - 1), 'image: quay.io/argoproj/argocd:latest');
    assert.equal(JSON.stringify(argocd).includes('locate'), false);
  });

  test('init containers count (gatekeeper allowedrepos: init container and container both use nginx)', () => {
    const name = 'gatekeeper-allowedrepos-disallowed-initcontainer-and-container.yaml';
    const text = readCorpus('kubernetes', name);
    const images = extractImages(loadKubernetesManifests(name, text));
    assert.equal(images.length, 1);
    const [nginx] = images;
    assert.equal(nginx!.address, 'nginx');
    assert.equal(nginx!.image!.repository, 'library/nginx');
    assert.deepEqual(nginx!.usedBy, ['Pod/nginx-disallowed']);
    // Located at the first place the file writes it: the init container (line 8), above the container.
    assert.equal(nginx!.location.line, 8);
    assert.equal(lineOf(text, nginx!.location.line).trim(), 'image: nginx');
  });

  test('init-container-only images are found', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - {name: i, image: "busybox:1.36"}\n  containers:\n  - {name: c, image: app}\n';
    const images = extractImages(loadKubernetesManifests('p.yaml', text));
    assert.deepEqual(images.map((i) => [i.address, i.location.line]), [['busybox:1.36', 6], ['app', 8]]);
  });

  test('registry port is not a tag (gatekeeper registry-port sample)', () => {
    const name = 'gatekeeper-disallowedtags-registry-port-no-tag.yaml';
    const [image] = extractImages(loadKubernetesManifests(name, readCorpus('kubernetes', name)));
    assert.equal(image!.image!.registry, 'openpolicyagent:443');
    assert.equal(image!.image!.tag, '');
  });

  test('action follows the users: no-op when all are unchanged, delete when all are deleted', () => {
    const deploy = (name: string, image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: "${image}"}]\n`;
    const previous = [deploy('kept', 'app:1'), deploy('gone', 'old:1'), deploy('bumped', 'lib:1')].join('---\n');
    const current = [deploy('kept', 'app:1'), deploy('bumped', 'lib:2'), deploy('new', 'app:1')].join('---\n');
    const resources = loadKubernetesManifests('new.yaml', current, { previous: { file: 'old.yaml', text: previous } });
    const actions = Object.fromEntries(extractImages(resources).map((i) => [i.address, i.action]));
    assert.deepEqual(actions, { 'app:1': 'create', 'lib:2': 'create', 'old:1': 'delete' });
    const onlyKept = extractImages(resources.filter((r) => r.address === 'Deployment/kept'));
    assert.equal(onlyKept[0]!.action, 'no-op');
    assert.deepEqual(onlyKept[0]!.before, onlyKept[0]!.after);
    const deleted = extractImages(resources).find((i) => i.address === 'old:1')!;
    assert.equal(deleted.after, null);
    assert.equal(deleted.location.file, 'old.yaml');
  });
});

describe('extractImages from Terraform resources', () => {
  const tf = (address: string, type: string, action: ResourceAction, after: unknown, unknownPaths: string[] = []): ResourceChange => ({
    source: 'terraform', address, type, name: address.split('.').pop()!, namespace: '', clusterScoped: false,
    apiVersion: 'registry.terraform.io/hashicorp/aws', action, actions: [action], mode: 'managed',
    before: null, after, unknownPaths, sensitivePaths: [], drift: false,
    location: { file: 'plan.json', line: 1, column: 1 }, component: 'infra', module: '', actionReason: '',
  });
  const ecr = '123456789012.dkr.ecr.us-east-1.amazonaws.com';
  const resources = [
    tf('aws_ecs_task_definition.api', 'aws_ecs_task_definition', 'create', {
      family: 'api',
      container_definitions: JSON.stringify([
        { name: 'api', image: `${ecr}/api:1.4.2`, essential: true },
        { name: 'envoy', image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27.0.0-prod' },
      ]),
    }),
    tf('aws_lambda_function.worker', 'aws_lambda_function', 'update', { function_name: 'worker', package_type: 'Image', image_uri: `${ecr}/api:1.4.2` }),
    tf('aws_lambda_function.zip', 'aws_lambda_function', 'create', { function_name: 'zip', filename: 'fn.zip', image_uri: null }),
    tf('aws_lambda_function.pending', 'aws_lambda_function', 'create', { function_name: 'pending' }, ['image_uri']),
    tf('kubernetes_deployment_v1.web', 'kubernetes_deployment_v1', 'create', {
      metadata: [{ name: 'web' }],
      spec: [{ template: [{ spec: [{ container: [{ name: 'web', image: 'nginx:1.27' }], init_container: [{ name: 'migrate', image: 'flyway/flyway:10' }] }] }] }],
    }),
    tf('kubernetes_cron_job_v1.nightly', 'kubernetes_cron_job_v1', 'no-op', {
      spec: [{ job_template: [{ spec: [{ template: [{ spec: [{ container: [{ name: 'backup', image: 'restic/restic:0.16' }] }] }] }] }] }],
    }),
    tf('kubernetes_pod.debug', 'kubernetes_pod', 'create', {
      spec: [{ container: [{ name: 'sh', image: 'busybox' }, { name: 'unknown' }] }],
    }, ['spec[0].container[1].image']),
    tf('aws_s3_bucket.logs', 'aws_s3_bucket', 'create', { bucket: 'logs' }),
  ];
  const images = extractImages(resources);
  const byRef = new Map(images.map((i) => [i.address, i]));

  test('ECS container definitions, Lambda image_uri and kubernetes provider workloads', () => {
    assert.deepEqual(images.filter((i) => i.unknownPaths.length === 0).map((i) => i.address), [
      `${ecr}/api:1.4.2`,
      'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.27.0.0-prod',
      'nginx:1.27',
      'flyway/flyway:10',
      'restic/restic:0.16',
      'busybox',
    ]);
    const api = byRef.get(`${ecr}/api:1.4.2`)!;
    assert.deepEqual(api.usedBy, ['aws_ecs_task_definition.api', 'aws_lambda_function.worker']);
    assert.equal(api.image!.registry, ecr);
    assert.equal(api.component, 'infra');
    assert.equal(api.location.file, 'plan.json');
  });

  test('an image known only after apply is an entry with an unknown image; empty images are skipped; actions combine', () => {
    assert.deepEqual(images.filter((i) => i.usedBy!.includes('aws_lambda_function.pending')).map((i) => [i.address, i.unknownPaths]),
      [['(known after apply) aws_lambda_function.pending.image_uri', ['image']]]);
    assert.equal(images.some((i) => i.usedBy!.includes('aws_lambda_function.zip')), false);
    assert.deepEqual(byRef.get('busybox')!.usedBy, ['kubernetes_pod.debug']);
    assert.equal(byRef.get('restic/restic:0.16')!.action, 'no-op');
    assert.equal(byRef.get('nginx:1.27')!.action, 'create');
  });
});
