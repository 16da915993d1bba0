// An image known only after apply (ECS container definitions, a Lambda image_uri, a Terraform
// kubernetes-provider container) must reach the image policies as unknown: needs approval,
// never a silent pass because no image entry existed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileContract, evaluateChangeSet, parseContract } from '../../engine';
import { livePackVersion } from '../../engine/contract/pack-version';
import { packsRoot } from '../../io/packs-root';
import { loadChangeSet } from '../load-change-set';

const AWS = 'registry.terraform.io/hashicorp/aws';
const change = (address: string, type: string, after: Record<string, unknown>, afterUnknown: Record<string, unknown>) => ({
  address, mode: 'managed', type, name: address.split('.')[1], provider_name: AWS,
  change: { actions: ['create'], before: null, after, after_unknown: afterUnknown },
});

async function planChangeSet() {
  const dir = mkdtempSync(join(tmpdir(), 'countersign-unknown-images-'));
  const file = join(dir, 'plan.json');
  writeFileSync(file, JSON.stringify({
    format_version: '1.2', terraform_version: '1.9.0',
    resource_changes: [
      change('aws_lambda_function.fn', 'aws_lambda_function', { function_name: 'fn', package_type: 'Image' }, { image_uri: true }),
      change('aws_ecs_task_definition.td', 'aws_ecs_task_definition', { family: 'td' }, { container_definitions: true }),
      change('kubernetes_deployment.web', 'kubernetes_deployment',
        { spec: [{ template: [{ spec: [{ container: [{ name: 'web', image: null }, { name: 'side', image: 'nginx:latest' }] }] }] }] },
        { spec: [{ template: [{ spec: [{ container: [{ image: true }, {}] }] }] }] }),
    ],
  }));
  return loadChangeSet([file]);
}

function contract(registries: readonly string[]) {
  return compileContract(parseContract('c.yaml', JSON.stringify({
    apiVersion: 'countersign.dev/v2', kind: 'Contract', metadata: { name: 'c' },
    spec: { extends: [{ pack: 'baseline', version: livePackVersion('baseline', packsRoot()) }], parameters: { 'images-approved-registries': { registries } } },
  })));
}

test('each image known only after apply is an image entry of its own, addressed by its user and field', async () => {
  const cs = await planChangeSet();
  const images = cs.resources.filter((r) => r.source === 'image');
  assert.deepEqual(images.map((r) => [r.address, r.unknownPaths, r.usedBy]), [
    ['(known after apply) aws_lambda_function.fn.image_uri', ['image'], ['aws_lambda_function.fn']],
    ['(known after apply) aws_ecs_task_definition.td.container_definitions', ['image'], ['aws_ecs_task_definition.td']],
    ['(known after apply) kubernetes_deployment.web.spec[0].template[0].spec[0].container[0].image', ['image'], ['kubernetes_deployment.web']],
    ['nginx:latest', [], ['kubernetes_deployment.web']],
  ]);
});

test('the image policies decide unknown for them (needs approval), and still fail the known :latest image', async () => {
  const cs = await planChangeSet();
  const e = evaluateChangeSet(cs, contract(['registry.acme.example']), { at: new Date('2026-01-05T03:00:00Z') });
  const onImages = e.findings.filter((f) => f.resource.source === 'image').map((f) => [f.policy, f.resource.address, f.status]).sort();
  const unknownFor = (address: string) => [['images-approved-registries', address, 'unknown'], ['images-no-latest', address, 'unknown']];
  assert.deepEqual(onImages, [
    ...unknownFor('(known after apply) aws_ecs_task_definition.td.container_definitions'),
    ...unknownFor('(known after apply) aws_lambda_function.fn.image_uri'),
    ...unknownFor('(known after apply) kubernetes_deployment.web.spec[0].template[0].spec[0].container[0].image'),
    ['images-approved-registries', 'nginx:latest', 'fail'],
    ['images-no-latest', 'nginx:latest', 'fail'],
  ].sort());
  const unknown = e.findings.find((f) => f.status === 'unknown' && f.resource.source === 'image')!;
  assert.match(unknown.message, /cannot be decided before apply; depends on image/);
});
