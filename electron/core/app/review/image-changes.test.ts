import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SENSITIVE_MASK } from '../../model/resource-change';
import { kubernetesObject, resourceChange } from '../../testing/engine-fixtures';
import { imageChanges } from './image-changes';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const pod = (containers: unknown[], initContainers: unknown[] = []) => ({ spec: { template: { spec: { containers, initContainers } } } });

describe('image changes per container', () => {
  test('Kubernetes: previous → new per container name, with tag, digest, pinned and registry', () => {
    const before = kubernetesObject('Deployment', 'web', 'prod', pod([{ name: 'app', image: 'nginx:1.25' }, { name: 'gone', image: 'busybox' }])).after;
    const rc = kubernetesObject('Deployment', 'web', 'prod', pod([{ name: 'app', image: `registry.example.com:5000/team/app:2.0@${DIGEST}` }], [{ name: 'setup', image: 'alpine:3' }]), { action: 'update', before });
    const changes = imageChanges(rc);
    assert.deepEqual(changes.map((c) => [c.container, c.change]), [['containers/app', 'changed'], ['initContainers/setup', 'added'], ['containers/gone', 'removed']]);
    const app = changes[0]!;
    assert.deepEqual([app.before?.registry, app.before?.repository, app.before?.tag, app.before?.pinned], ['docker.io', 'library/nginx', '1.25', false]);
    assert.deepEqual([app.after?.registry, app.after?.tag, app.after?.digest, app.after?.pinned], ['registry.example.com:5000', '2.0', DIGEST, true]);
  });

  test('an unchanged image is "unchanged"; a masked or unknown one says so and is never "unchanged"; an invalid one says why', () => {
    const same = kubernetesObject('Pod', 'p', 'ns', { spec: { containers: [{ name: 'a', image: 'nginx:1' }, { name: 'b', image: SENSITIVE_MASK }, { name: 'c', image: 'UPPER/Case' }] } });
    const changes = imageChanges({ ...same, action: 'update', before: same.after });
    assert.deepEqual(changes.map((c) => [c.container, c.change, c.after?.state]), [
      ['containers/a', 'unchanged', 'known'], ['containers/b', 'changed', 'sensitive'], ['containers/c', 'unchanged', 'invalid'],
    ]);
    assert.ok(!JSON.stringify(changes[1]).includes('(sensitive'), 'the mask is a state, not a reference');
    assert.match(changes[2]!.after?.problem ?? '', /invalid image reference/);
    const spoof = kubernetesObject('Pod', 'p', 'ns', { spec: { containers: [{ name: 'a', image: 'nginx:1.2\u202e3' }] } });
    const [shown] = imageChanges(spoof);
    assert.deepEqual([shown?.after?.state, shown?.after?.reference], ['invalid', 'nginx:1.2\\u202e3']);
    assert.ok(!JSON.stringify(shown).includes('\u202e'), 'no raw bidi control anywhere');
    const lambda = resourceChange({ address: 'aws_lambda_function.f', type: 'aws_lambda_function', action: 'update', before: { image_uri: 'x/y:1' }, after: {}, unknownPaths: ['image_uri'] });
    assert.deepEqual(imageChanges(lambda).map((c) => [c.container, c.change, c.before?.tag, c.after?.state]), [['image_uri', 'changed', '1', 'unknown']]);
    const masked = resourceChange({ address: 'aws_lambda_function.f', type: 'aws_lambda_function', action: 'update', before: { image_uri: SENSITIVE_MASK }, after: { image_uri: SENSITIVE_MASK }, sensitivePaths: ['image_uri'] });
    assert.deepEqual(imageChanges(masked).map((c) => [c.container, c.change, c.before?.state, c.after?.state]), [['image_uri', 'changed', 'sensitive', 'sensitive']], 'a masked image is listed, never dropped');
  });

  test('an image of the change set itself is new when created, with its registry and pinning', () => {
    const ref = `ghcr.io/acme/api:2.0@${DIGEST}`;
    const [img] = imageChanges(resourceChange({ address: ref, source: 'image', type: 'image', action: 'create', after: { reference: ref } }));
    assert.deepEqual([img?.change, img?.before, img?.after?.registry, img?.after?.pinned], ['added', null, 'ghcr.io', true]);
  });

  test('Terraform workloads and ECS task definitions: per container name; a repeated name keeps both images', () => {
    const spec = (containers: unknown[]) => ({ spec: [{ template: [{ spec: [{ container: containers }] }] }] });
    const dep = resourceChange({
      address: 'kubernetes_deployment_v1.app', type: 'kubernetes_deployment_v1', action: 'update',
      before: spec([{ name: 'app', image: 'nginx:1' }]), after: spec([{ name: 'side', image: 'envoy:1' }, { name: 'app', image: 'nginx:2' }, { name: 'app', image: 'evil:1' }]),
    });
    assert.deepEqual(imageChanges(dep).map((c) => [c.container, c.change, c.after?.tag]), [
      ['container/side', 'added', '1'], ['container/app', 'changed', '2'], ['container/app (2)', 'added', '1'],
    ]);
    const defs = (image: string) => ({ container_definitions: JSON.stringify([{ name: 'web', image }]) });
    const ecs = resourceChange({ address: 'aws_ecs_task_definition.t', type: 'aws_ecs_task_definition', action: 'replace', before: defs('a/web:1'), after: defs(`a/web@${DIGEST}`) });
    assert.deepEqual(imageChanges(ecs).map((c) => [c.container, c.change, c.before?.pinned, c.after?.pinned]), [['container_definitions/web', 'changed', false, true]]);
  });

  test('a resource naming no image has none; a malformed value never throws', () => {
    assert.deepEqual(imageChanges(resourceChange({ address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', after: { bucket: 'b' } })), []);
    assert.deepEqual(imageChanges(kubernetesObject('Deployment', 'w', 'n', { spec: { template: { spec: { containers: 'oops' } } } })), []);
  });
});
