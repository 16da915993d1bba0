// Terraform state compared with the approved change set's planned values (docs/drift.md).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTerraformPlan } from '../loaders/terraform';
import { changeSet } from '../testing/engine-fixtures';
import { PRIVATE_INGRESS, approvedPlanJson, liveStateJson } from '../testing/drift-fixtures';
import type { DriftSecrets } from '../testing/drift-fixtures';
import { PlantedSecrets, assertNoPlanted } from '../testing/planted-secrets';
import { SENSITIVE_MASK } from '../model/resource-change';
import { InputError } from '../model/errors';
import { terraformStateDrift } from './state-drift';
import { pathText } from './render-drift';

const FIXED: DriftSecrets = { approvedPassword: 'approved-pw', livePassword: 'live-pw', liveToken: 'token' };

function approved(s: DriftSecrets = FIXED, text = approvedPlanJson(s)) {
  return changeSet(loadTerraformPlan('infra/plan.json', text), { install: 'prod-eu' });
}

function byAddress<T extends { readonly address: string }>(items: readonly T[]): Record<string, T> {
  return Object.fromEntries(items.map((i) => [i.address, i]));
}

describe('terraform state drift', () => {
  test('a console edit, an unapproved resource and a deleted one are changed, added and removed', () => {
    const { items } = terraformStateDrift(approved(), 'state.json', liveStateJson(FIXED));
    const got = byAddress(items);
    assert.deepEqual(Object.keys(got).sort(), ['aws_instance.debug', 'aws_s3_bucket.logs', 'aws_security_group.web']);
    assert.equal(got['aws_security_group.web']!.kind, 'changed');
    assert.equal(got['aws_instance.debug']!.kind, 'added');
    assert.equal(got['aws_s3_bucket.logs']!.kind, 'removed');
    const sg = items.find((i) => i.address === 'aws_security_group.web')!;
    assert.deepEqual(sg.fields.map((f) => pathText(f.path)), ['ingress[1]']);
    assert.equal(sg.fields[0]!.approved, '(absent)');
    assert.match(sg.fields[0]!.live, /0\.0\.0\.0\/0/);
    assert.ok(sg.location && sg.location.line > 1, 'located at its entry in the state file');
  });

  test('attributes unknown in the approved plan (id, arn, endpoint) are not drift, nor what lies under them', () => {
    const state = liveStateJson(FIXED, { keepBucket: true, addedInstance: false, ingress: [PRIVATE_INGRESS] });
    assert.deepEqual(terraformStateDrift(approved(), 'state.json', state).items, []);
    // The same attributes known in the approved plan and different live are drift.
    const known = approvedPlanJson(FIXED).replace('"after_unknown": {\n          "id": true,\n          "arn": true\n        }', '"after_unknown": {}').replace('"name": "web",', '"name": "web", "id": "sg-approved", "arn": {"nested": "approved"},');
    const { items } = terraformStateDrift(approved(FIXED, known), 'state.json', state);
    assert.deepEqual(items.flatMap((i) => i.fields.map((f) => pathText(f.path))).sort(), ['arn', 'id']);
  });

  test('a whole resource unknown in the approved plan is never "changed"', () => {
    const plan = JSON.parse(approvedPlanJson(FIXED)) as { resource_changes: { change: { after_unknown: unknown } }[] };
    plan.resource_changes[0]!.change.after_unknown = true;
    const { items } = terraformStateDrift(approved(FIXED, JSON.stringify(plan)), 'state.json', liveStateJson(FIXED, { keepBucket: true, addedInstance: false }));
    assert.deepEqual(items, []);
  });

  test('sensitive values: never shown; a secret the approved plan masked is not compared, only its removal is drift', () => {
    const s = new PlantedSecrets();
    const secrets = { approvedPassword: s.plant('approved db password'), livePassword: s.plant('live db password (state sensitive_values)'), liveToken: s.plant('unapproved instance user_data') };
    const result = terraformStateDrift(approved(secrets), 'state.json', liveStateJson(secrets));
    assertNoPlanted(s, [{ where: 'state drift items', text: JSON.stringify(result.items) }, { where: 'live resources', text: JSON.stringify(result.liveResources) }]);
    assert.equal(result.items.find((i) => i.address === 'aws_db_instance.db'), undefined, 'a changed password the approved plan masked cannot be seen');
    const debug = result.liveResources.find((r) => r.address === 'aws_instance.debug')!;
    assert.equal((debug.after as Record<string, unknown>).user_data, SENSITIVE_MASK);

    const gone = liveStateJson(secrets).replace(`"password": "${secrets.livePassword}"`, '"password": null');
    const db = terraformStateDrift(approved(secrets), 'state.json', gone).items.find((i) => i.address === 'aws_db_instance.db')!;
    assert.deepEqual(db.fields.map((f) => [pathText(f.path), f.approved, f.live]), [['password', SENSITIVE_MASK, 'null']]);
  });

  test('a value the approved plan masks is masked live even where the state does not mark it', () => {
    const s = new PlantedSecrets();
    const secrets = { approvedPassword: s.plant('approved'), livePassword: s.plant('live password, unmarked in state'), liveToken: 'x' };
    const state = liveStateJson(secrets).replace('"sensitive_values": {\n            "password": true\n          }', '"sensitive_values": {}');
    const result = terraformStateDrift(approved(secrets), 'state.json', state);
    assertNoPlanted(s, [{ where: 'live resources', text: JSON.stringify(result.liveResources) }, { where: 'items', text: JSON.stringify(result.items) }]);
  });

  test('a state entry at an approved address with another type is the approved one removed and an unapproved one added', () => {
    const state = liveStateJson(FIXED, { keepBucket: true, addedInstance: false }).replace('"type": "aws_s3_bucket"', '"type": "aws_instance"');
    const got = terraformStateDrift(approved(), 'state.json', state).items.filter((i) => i.address === 'aws_s3_bucket.logs').map((i) => i.kind).sort();
    assert.deepEqual(got, ['added', 'removed']);
  });

  test('deposed objects are added outside the pipeline; data sources never drift', () => {
    const state = JSON.parse(liveStateJson(FIXED, { keepBucket: true, addedInstance: false, ingress: [PRIVATE_INGRESS] })) as { values: { root_module: { resources: unknown[] } } };
    state.values.root_module.resources.push({ address: 'aws_s3_bucket.logs', mode: 'managed', type: 'aws_s3_bucket', name: 'logs', deposed_key: '00000001', values: { bucket: 'old-logs' } });
    const { items } = terraformStateDrift(approved(), 'state.json', JSON.stringify(state));
    assert.deepEqual(items.map((i) => [i.address, i.kind]), [['aws_s3_bucket.logs (deposed 00000001)', 'added']]);
  });

  test('malformed or ambiguous state is refused with the file and line', () => {
    const base = JSON.parse(liveStateJson(FIXED)) as { values: { root_module: { resources: Record<string, unknown>[] } } };
    const cases: Record<string, unknown> = {
      'the same address twice': { ...base, values: { root_module: { resources: [...base.values.root_module.resources, base.values.root_module.resources[0]] } } },
      'a plan given as state': { format_version: '1.2', resource_changes: [] },
      'values that are a list': { ...base, values: { root_module: { resources: [{ ...base.values.root_module.resources[0], values: [1] }] } } },
      'a resource without an address': { ...base, values: { root_module: { resources: [{ ...base.values.root_module.resources[0], address: '' }] } } },
      'resources that are an object': { ...base, values: { root_module: { resources: {} } } },
      'child modules that are a string': { ...base, values: { root_module: { child_modules: 'x' } } },
      'an unknown mode': { ...base, values: { root_module: { resources: [{ ...base.values.root_module.resources[0], mode: 'MANAGED' }] } } },
      'a format version 2': { ...base, format_version: '2.0' },
      'a top-level list': [base],
    };
    for (const [name, value] of Object.entries(cases)) {
      assert.throws(() => terraformStateDrift(approved(), 'state.json', JSON.stringify(value, null, 2)), (err: unknown) => {
        assert.ok(err instanceof InputError, `${name}: ${String(err)}`);
        assert.equal(err.file, 'state.json', name);
        assert.ok(err.line !== undefined, `${name}: a line`);
        return true;
      }, name);
    }
  });

  test('an approved change set that plans one address in two components is refused (which plan the state belongs to is unknown)', () => {
    const one = loadTerraformPlan('a/plan.json', approvedPlanJson(FIXED));
    const twice = changeSet([...one, ...loadTerraformPlan('b/plan.json', approvedPlanJson(FIXED))]);
    assert.throws(() => terraformStateDrift(twice, 'state.json', liveStateJson(FIXED)), /plans aws_security_group\.web twice/);
  });
});
