// Which resource refers to which (resource-references.ts): references resolve to exactly one
// instance or are unresolved, never silently to another resource.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ResourceChange } from '../../model/resource-change';
import { normalizeTerraformPlan } from './normalize-plan';
import { childModulePrefix, parseModuleAddress, parseReference } from './reference-syntax';
import { MAX_UNRESOLVED } from './resource-references';

describe('reference syntax', () => {
  test('resource references, with literal indexes and the attribute referred to', () => {
    assert.deepEqual(parseReference('aws_s3_bucket.b'), { kind: 'resource', mode: 'managed', type: 'aws_s3_bucket', name: 'b', indexed: false, key: undefined, attribute: '' });
    assert.deepEqual(parseReference('aws_s3_bucket.b.id'), { kind: 'resource', mode: 'managed', type: 'aws_s3_bucket', name: 'b', indexed: false, key: undefined, attribute: 'id' });
    assert.deepEqual(parseReference('aws_s3_bucket.b[0].arn'), { kind: 'resource', mode: 'managed', type: 'aws_s3_bucket', name: 'b', indexed: true, key: 0, attribute: 'arn' });
    assert.deepEqual(parseReference('aws_s3_bucket.b["a.b]\\"c"]'), { kind: 'resource', mode: 'managed', type: 'aws_s3_bucket', name: 'b', indexed: true, key: 'a.b]"c', attribute: '' });
    assert.deepEqual(parseReference('data.aws_iam_policy_document.p.json'), { kind: 'resource', mode: 'data', type: 'aws_iam_policy_document', name: 'p', indexed: false, key: undefined, attribute: 'json' });
    assert.deepEqual(parseReference('aws_s3_bucket.__proto__'), { kind: 'resource', mode: 'managed', type: 'aws_s3_bucket', name: '__proto__', indexed: false, key: undefined, attribute: '' });
  });

  test('module outputs, iteration values, opaque and constant values', () => {
    assert.deepEqual(parseReference('module.store.bucket_id'), { kind: 'module', name: 'store' });
    assert.deepEqual(parseReference('module.store'), { kind: 'module', name: 'store' });
    assert.deepEqual(parseReference('each.key'), { kind: 'each-key' });
    assert.deepEqual(parseReference('each.value.id'), { kind: 'each-value' });
    assert.deepEqual(parseReference('count.index'), { kind: 'count-index' });
    assert.deepEqual(parseReference('var.x'), { kind: 'var', name: 'x' });
    assert.deepEqual(parseReference('var.replication_configuration["role"]'), { kind: 'var', name: 'replication_configuration' });
    for (const r of ['local.tags', 'self.id', 'var']) assert.deepEqual(parseReference(r), { kind: 'opaque' }, r);
    for (const r of ['path.module', 'terraform.workspace']) assert.deepEqual(parseReference(r), { kind: 'constant' }, r);
  });

  test('anything else is not a reference (the caller counts it as unresolved)', () => {
    for (const r of ['', '.', 'aws_s3_bucket', 'aws_s3_bucket.', '1abc.b', 'aws_s3_bucket.b[', 'aws_s3_bucket.b["x', 'aws_s3_bucket.b[01]',
      'aws_s3_bucket.b[-1]', 'aws_s3_bucket.b[x]', 'aws_s3_bucket.b]', 'aws_s3_bucket.b .id', 'aws_s3_bucket.b.', 'data.x', 'module.', 'each.keys',
      'count.index.x', 'aws_s3_bucket.b[0]x', 'aws_s3_bucket.b[1e3]', 'aws_s3_bucket.b["\\ud800"', 'aws_s3_bucket.b[9999999999]']) {
      assert.equal(parseReference(r), undefined, JSON.stringify(r));
    }
  });

  test('module instance addresses', () => {
    assert.deepEqual(parseModuleAddress(''), []);
    assert.deepEqual(parseModuleAddress('module.a["k.x]"].module.b[0]'), [{ name: 'a', key: 'k.x]', at: 0 }, { name: 'b', key: 0, at: 17 }]);
    for (const a of ['module', 'module.', 'modules.a', 'module.a.', 'module.a[', 'module.a["k"]x', 'module.a.b', 'aws_s3_bucket.b']) {
      assert.equal(parseModuleAddress(a), undefined, a);
    }
    assert.equal(childModulePrefix('', 'store'), 'module.store');
    assert.equal(childModulePrefix('module.a["k"]', 'store'), 'module.a["k"].module.store');
  });
});

// ---- plans shaped like `terraform show -json` output -------------------------------------------

interface Entry { address: string; module?: string; type: string; name: string; index?: number | string; action?: string; after?: Record<string, unknown> | null; unknown?: Record<string, unknown> }

function entry(e: Entry): Record<string, unknown> {
  const action = e.action ?? 'create';
  const after = action === 'delete' ? null : (e.after ?? {});
  return {
    address: e.address, ...(e.module ? { module_address: e.module } : {}), mode: 'managed', type: e.type, name: e.name,
    ...(e.index !== undefined ? { index: e.index } : {}), provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions: [action], before: action === 'create' ? null : (e.after ?? {}), after, after_unknown: e.unknown ?? {}, before_sensitive: {}, after_sensitive: after === null ? false : {} },
  };
}

function configResource(type: string, name: string, expressions: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { address: `${type}.${name}`, mode: 'managed', type, name, provider_config_key: 'aws', expressions, schema_version: 0, ...extra };
}

const refs = (...r: string[]): { references: string[] } => ({ references: r });

function load(entries: Entry[], configuration?: unknown, drift: Entry[] = []): Map<string, ResourceChange> {
  const plan = { format_version: '1.2', terraform_version: '1.9.5', resource_changes: entries.map(entry), ...(drift.length ? { resource_drift: drift.map(entry) } : {}), ...(configuration !== undefined ? { configuration } : {}) };
  const resources = normalizeTerraformPlan('plan.json', JSON.stringify(plan), plan);
  return new Map(resources.map((r) => [`${r.drift ? 'drift:' : ''}${r.address}`, r]));
}

const root = (resources: unknown[], calls?: Record<string, unknown>): unknown => ({ root_module: { resources, ...(calls ? { module_calls: calls } : {}) } });
const bucket = (address: string, extra: Partial<Entry> = {}): Entry => ({ address, type: 'aws_s3_bucket', name: address.replace(/^.*aws_s3_bucket\./, '').replace(/\[.*$/, ''), unknown: { id: true }, ...extra });
const block = (address: string, extra: Partial<Entry> = {}): Entry => ({ address, type: 'aws_s3_bucket_public_access_block', name: address.replace(/^.*_block\./, '').replace(/\[.*$/, ''), unknown: { bucket: true, id: true }, ...extra });
/** The unresolved referrers as `address.argument (reason)`, or `(reason)` for the whole plan. */
const unresolved = (r: ResourceChange | undefined): string[] => (r?.referencesUnresolved ?? [])
  .map((u) => (u.address === '' ? `(${u.reason})` : `${u.address}${u.attribute === '' ? '' : `.${u.attribute}`}${u.reason === '' ? '' : ` (${u.reason})`}`));
const by = (r: ResourceChange | undefined): string[] => (r?.referencedBy ?? []).map((x) => `${x.address}.${x.attribute}`);

describe('references resolved from the configuration section', () => {
  test('a reference by .id names its resource, with the referrer type and argument', () => {
    const rs = load([bucket('aws_s3_bucket.b'), block('aws_s3_bucket_public_access_block.p')], root([
      configResource('aws_s3_bucket', 'b', {}), configResource('aws_s3_bucket_public_access_block', 'p', { bucket: refs('aws_s3_bucket.b.id', 'aws_s3_bucket.b') }),
    ]));
    assert.deepEqual(rs.get('aws_s3_bucket.b')?.referencedBy, [{ address: 'aws_s3_bucket_public_access_block.p', type: 'aws_s3_bucket_public_access_block', attribute: 'bucket' }]);
    assert.deepEqual(unresolved(rs.get('aws_s3_bucket.b')), []);
    assert.deepEqual(rs.get('aws_s3_bucket.b')?.planTypes, ['aws_s3_bucket', 'aws_s3_bucket_public_access_block']);
  });

  test('references are relative to the referrer\'s module instance', () => {
    const call = { source: './m', module: { resources: [configResource('aws_s3_bucket', 'b', {}), configResource('aws_s3_bucket_public_access_block', 'p', { bucket: refs('aws_s3_bucket.b.id', 'aws_s3_bucket.b') })] } };
    const rs = load([
      bucket('aws_s3_bucket.b'),
      bucket('module.m["x"].aws_s3_bucket.b', { module: 'module.m["x"]' }), block('module.m["x"].aws_s3_bucket_public_access_block.p', { module: 'module.m["x"]' }),
      bucket('module.m["y"].aws_s3_bucket.b', { module: 'module.m["y"]' }),
    ], root([configResource('aws_s3_bucket', 'b', {})], { m: { ...call, for_each_expression: refs('var.m') } }));
    assert.deepEqual(by(rs.get('module.m["x"].aws_s3_bucket.b')), ['module.m["x"].aws_s3_bucket_public_access_block.p.bucket']);
    assert.deepEqual(by(rs.get('module.m["y"].aws_s3_bucket.b')), []);
    assert.deepEqual(by(rs.get('aws_s3_bucket.b')), []);
  });

  test('a literal index names one instance', () => {
    const rs = load([bucket('aws_s3_bucket.b[0]', { index: 0 }), bucket('aws_s3_bucket.b[1]', { index: 1 }), block('aws_s3_bucket_public_access_block.p')], root([
      configResource('aws_s3_bucket', 'b', {}, { count_expression: { constant_value: 2 } }),
      configResource('aws_s3_bucket_public_access_block', 'p', { bucket: refs('aws_s3_bucket.b[1].id', 'aws_s3_bucket.b[1]', 'aws_s3_bucket.b') }),
    ]));
    assert.deepEqual(by(rs.get('aws_s3_bucket.b[1]')), ['aws_s3_bucket_public_access_block.p.bucket']);
    assert.deepEqual(by(rs.get('aws_s3_bucket.b[0]')), []);
    assert.deepEqual(unresolved(rs.get('aws_s3_bucket.b[0]')), []);
  });

  test('[each.key] pairs instances only when both iterate over the same expression; otherwise every instance is unresolved', () => {
    const entries = [bucket('aws_s3_bucket.b["a"]', { index: 'a' }), bucket('aws_s3_bucket.b["b"]', { index: 'b' }), block('aws_s3_bucket_public_access_block.p["a"]', { index: 'a' })];
    const config = (blockForEach: string[]): unknown => root([
      configResource('aws_s3_bucket', 'b', {}, { for_each_expression: refs('var.names') }),
      configResource('aws_s3_bucket_public_access_block', 'p', { bucket: refs('aws_s3_bucket.b', 'each.key') }, { for_each_expression: refs(...blockForEach) }),
    ]);
    const same = load(entries, config(['var.names']));
    assert.deepEqual(by(same.get('aws_s3_bucket.b["a"]')), ['aws_s3_bucket_public_access_block.p["a"].bucket']);
    assert.deepEqual(by(same.get('aws_s3_bucket.b["b"]')), []);
    assert.deepEqual(unresolved(same.get('aws_s3_bucket.b["b"]')), []);
    const overTarget = load(entries, config(['aws_s3_bucket.b']));
    assert.deepEqual(by(overTarget.get('aws_s3_bucket.b["a"]')), ['aws_s3_bucket_public_access_block.p["a"].bucket']);
    const other = load(entries, config(['var.other']));
    for (const k of ['a', 'b']) {
      assert.deepEqual(by(other.get(`aws_s3_bucket.b["${k}"]`)), []);
      assert.deepEqual(unresolved(other.get(`aws_s3_bucket.b["${k}"]`)), ['aws_s3_bucket_public_access_block.p["a"].bucket']);
    }
  });

  test('each.value under for_each = the target, and [count.index] under the same count', () => {
    const rs = load([
      bucket('aws_s3_bucket.e["x"]', { index: 'x' }), block('aws_s3_bucket_public_access_block.e["x"]', { index: 'x' }),
      bucket('aws_s3_bucket.c[0]', { index: 0 }), bucket('aws_s3_bucket.c[1]', { index: 1 }), block('aws_s3_bucket_public_access_block.c[1]', { index: 1 }),
    ], root([
      configResource('aws_s3_bucket', 'e', {}, { for_each_expression: refs('var.e') }),
      configResource('aws_s3_bucket_public_access_block', 'e', { bucket: refs('each.value.id', 'each.value') }, { for_each_expression: refs('aws_s3_bucket.e') }),
      configResource('aws_s3_bucket', 'c', {}, { count_expression: { constant_value: 2 } }),
      configResource('aws_s3_bucket_public_access_block', 'c', { bucket: refs('aws_s3_bucket.c', 'count.index') }, { count_expression: { constant_value: 2 } }),
    ]));
    assert.deepEqual(by(rs.get('aws_s3_bucket.e["x"]')), ['aws_s3_bucket_public_access_block.e["x"].bucket']);
    assert.deepEqual(by(rs.get('aws_s3_bucket.c[1]')), ['aws_s3_bucket_public_access_block.c[1].bucket']);
    assert.deepEqual(by(rs.get('aws_s3_bucket.c[0]')), []);
  });

  test('a known value decides: a different known name is another bucket; an S3 sub-resource names a bucket by its known name', () => {
    const rs = load([
      bucket('aws_s3_bucket.a', { after: { bucket: 'name-a' }, action: 'update' }),
      bucket('aws_s3_bucket.b', { after: { bucket: 'name-b' }, action: 'update' }),
      block('aws_s3_bucket_public_access_block.p', { after: { bucket: 'name-b' }, unknown: {}, action: 'update' }),
    ], root([
      configResource('aws_s3_bucket', 'a', {}), configResource('aws_s3_bucket', 'b', {}),
      configResource('aws_s3_bucket_public_access_block', 'p', { bucket: refs('aws_s3_bucket.a.id', 'aws_s3_bucket.a') }),
    ]));
    assert.deepEqual(by(rs.get('aws_s3_bucket.a')), []);
    assert.deepEqual(by(rs.get('aws_s3_bucket.b')), ['aws_s3_bucket_public_access_block.p.bucket']);
  });

  test('a module output is unresolved for the module\'s resources only; a variable or local for every resource', () => {
    const rs = load([
      bucket('module.store.aws_s3_bucket.b', { module: 'module.store' }), bucket('module.storex.aws_s3_bucket.b', { module: 'module.storex' }),
      block('aws_s3_bucket_public_access_block.p'),
    ], root([configResource('aws_s3_bucket_public_access_block', 'p', { bucket: refs('module.store.id', 'module.store') })], {
      store: { source: './s', module: { resources: [configResource('aws_s3_bucket', 'b', {})] } },
      storex: { source: './s', module: { resources: [configResource('aws_s3_bucket', 'b', {})] } },
    }));
    assert.deepEqual(unresolved(rs.get('module.store.aws_s3_bucket.b')), ['aws_s3_bucket_public_access_block.p.bucket']);
    assert.deepEqual(unresolved(rs.get('module.storex.aws_s3_bucket.b')), []);

    const opaque = load([bucket('aws_s3_bucket.b'), block('aws_s3_bucket_public_access_block.p'), { address: 'aws_instance.i', type: 'aws_instance', name: 'i', after: { tags: { a: 'b' } } }], root([
      configResource('aws_s3_bucket', 'b', {}), configResource('aws_s3_bucket_public_access_block', 'p', { bucket: refs('local.bucket') }),
      // A known value from a local is a value, not a link: nothing unresolved.
      configResource('aws_instance', 'i', { tags: refs('local.tags') }),
    ]));
    for (const r of opaque.values()) assert.deepEqual(unresolved(r), ['aws_s3_bucket_public_access_block.p.bucket'], r.address);
  });

  test('a variable is followed into the module call that sets it, paired with the module instance\'s key', () => {
    const inner = { resources: [configResource('aws_s3_bucket_public_access_block', 'p', { bucket: refs('var.bucket_id') })] };
    const rs = load([
      bucket('aws_s3_bucket.one'), block('module.guard.aws_s3_bucket_public_access_block.p', { module: 'module.guard' }),
      bucket('aws_s3_bucket.many["a"]', { index: 'a' }), bucket('aws_s3_bucket.many["b"]', { index: 'b' }),
      block('module.each["a"].aws_s3_bucket_public_access_block.p', { module: 'module.each["a"]', index: undefined }),
      bucket('aws_s3_bucket.deep'), block('module.outer.module.inner.aws_s3_bucket_public_access_block.p', { module: 'module.outer.module.inner' }),
      bucket('aws_s3_bucket.lost'), block('module.nothing.aws_s3_bucket_public_access_block.p', { module: 'module.nothing' }),
    ], root([
      configResource('aws_s3_bucket', 'one', {}), configResource('aws_s3_bucket', 'many', {}, { for_each_expression: refs('var.names') }),
      configResource('aws_s3_bucket', 'deep', {}), configResource('aws_s3_bucket', 'lost', {}),
    ], {
      guard: { source: './guard', expressions: { bucket_id: refs('aws_s3_bucket.one.id', 'aws_s3_bucket.one') }, module: inner },
      each: { source: './guard', for_each_expression: refs('aws_s3_bucket.many'), expressions: { bucket_id: refs('each.value.id', 'each.value') }, module: inner },
      outer: { source: './outer', expressions: { id: refs('aws_s3_bucket.deep.id', 'aws_s3_bucket.deep') }, module: { module_calls: {
        inner: { source: './guard', expressions: { bucket_id: refs('var.id') }, module: inner },
      } } },
      // An argument from a local: the block may name any bucket.
      nothing: { source: './guard', expressions: { bucket_id: refs('local.id') }, module: inner },
    }));
    assert.deepEqual(by(rs.get('aws_s3_bucket.one')), ['module.guard.aws_s3_bucket_public_access_block.p.bucket']);
    assert.deepEqual(by(rs.get('aws_s3_bucket.many["a"]')), ['module.each["a"].aws_s3_bucket_public_access_block.p.bucket']);
    assert.deepEqual(by(rs.get('aws_s3_bucket.many["b"]')), []);
    assert.deepEqual(by(rs.get('aws_s3_bucket.deep')), ['module.outer.module.inner.aws_s3_bucket_public_access_block.p.bucket']);
    assert.deepEqual(by(rs.get('aws_s3_bucket.lost')), []);
    assert.deepEqual(unresolved(rs.get('aws_s3_bucket.lost')), ['module.nothing.aws_s3_bucket_public_access_block.p.bucket']);
  });

  test('without a configuration section (or with one not in the documented shape) every resource is unresolved; known names still link', () => {
    const entries = [bucket('aws_s3_bucket.b', { after: { bucket: 'n' } }), block('aws_s3_bucket_public_access_block.p', { after: { bucket: 'n' }, unknown: { id: true } })];
    const none = load(entries);
    assert.deepEqual(by(none.get('aws_s3_bucket.b')), ['aws_s3_bucket_public_access_block.p.bucket']);
    assert.deepEqual(unresolved(none.get('aws_s3_bucket.b')), ['(the plan has no configuration section)']);
    for (const bad of [[], 'x', { root_module: { resources: {} } }, { root_module: { resources: [{ type: 1 }] } }, { root_module: { module_calls: [] } },
      root([configResource('aws_s3_bucket', 'b', {}), configResource('aws_s3_bucket', 'b', {})])]) {
      assert.deepEqual(unresolved(load(entries, bad).get('aws_s3_bucket.b')), ['(the plan\'s configuration section is not in the documented shape)'], JSON.stringify(bad));
    }
  });

  test('a resource missing from the configuration, or with a module address that is not one, is unresolved everywhere', () => {
    const rs = load([bucket('aws_s3_bucket.b'), block('aws_s3_bucket_public_access_block.ghost'), block('module.].aws_s3_bucket_public_access_block.p', { module: 'module.]' })], root([configResource('aws_s3_bucket', 'b', {})]));
    assert.deepEqual(unresolved(rs.get('aws_s3_bucket.b')), [
      'aws_s3_bucket_public_access_block.ghost (not in the plan\'s configuration)', 'module.].aws_s3_bucket_public_access_block.p (module address not understood)',
    ]);
  });

  test('deleted resources and data sources refer to nothing; drift shares the planned resource\'s links', () => {
    const rs = load([bucket('aws_s3_bucket.b', { action: 'update', after: {} }), block('aws_s3_bucket_public_access_block.p', { action: 'delete' })], root([
      configResource('aws_s3_bucket', 'b', {}), configResource('aws_s3_bucket_public_access_block', 'p', { bucket: refs('aws_s3_bucket.b.id', 'aws_s3_bucket.b') }),
    ]), [bucket('aws_s3_bucket.b', { action: 'update', after: {} })]);
    assert.deepEqual(by(rs.get('aws_s3_bucket.b')), []);
    assert.deepEqual(rs.get('aws_s3_bucket.b')?.planTypes, ['aws_s3_bucket']);
    assert.equal(rs.get('drift:aws_s3_bucket.b')?.referencedBy, rs.get('aws_s3_bucket.b')?.referencedBy);
  });

  test('names that are JavaScript object keys are ordinary names', () => {
    const rs = load([bucket('aws_s3_bucket.__proto__'), block('aws_s3_bucket_public_access_block.constructor')], root([
      configResource('aws_s3_bucket', '__proto__', {}), configResource('aws_s3_bucket_public_access_block', 'constructor', { bucket: refs('aws_s3_bucket.__proto__.id', 'aws_s3_bucket.__proto__') }),
    ]));
    assert.deepEqual(by(rs.get('aws_s3_bucket.__proto__')), ['aws_s3_bucket_public_access_block.constructor.bucket']);
  });

  test('the unresolved list is cut at MAX_UNRESOLVED (one already makes the answer unknown)', () => {
    const n = MAX_UNRESOLVED + 5;
    const blocks = Array.from({ length: n }, (_, i) => block(`aws_s3_bucket_public_access_block.p${i}`));
    const rs = load([bucket('aws_s3_bucket.b'), ...blocks], root([
      configResource('aws_s3_bucket', 'b', {}), ...blocks.map((b) => configResource(b.type, b.name, { bucket: refs('var.x') })),
    ]));
    assert.equal(rs.get('aws_s3_bucket.b')?.referencesUnresolved?.length, MAX_UNRESOLVED);
  });

  test('the configuration is read once, when a reference field is first read', () => {
    let reads = 0;
    const plan = { format_version: '1.2', resource_changes: [entry(bucket('aws_s3_bucket.b')), entry(block('aws_s3_bucket_public_access_block.p'))] };
    const resources = normalizeTerraformPlan('plan.json', JSON.stringify(plan), plan, { configuration: () => {
      reads++;
      return root([configResource('aws_s3_bucket', 'b', {}), configResource('aws_s3_bucket_public_access_block', 'p', { bucket: refs('aws_s3_bucket.b.id') })]);
    } });
    assert.equal(reads, 0);
    assert.deepEqual(by(resources[0]), ['aws_s3_bucket_public_access_block.p.bucket']);
    assert.deepEqual(resources[1]?.planTypes, ['aws_s3_bucket', 'aws_s3_bucket_public_access_block']);
    assert.equal(reads, 1);
    const broken = normalizeTerraformPlan('plan.json', JSON.stringify(plan), plan, { configuration: () => JSON.parse('{') as unknown });
    assert.deepEqual(unresolved(broken[0]), ['(the plan\'s configuration section is not valid JSON)']);
  });
});
