// A refresh-only plan's resource_drift (docs/drift.md), on real plans of the corpus and on
// hostile variants of Terraform's shapes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readCorpus } from '../testing/corpus';
import { refreshPlanJson } from '../testing/drift-fixtures';
import { PlantedSecrets, assertNoPlanted } from '../testing/planted-secrets';
import { InputError } from '../model/errors';
import { SENSITIVE_MASK } from '../model/resource-change';
import { terraformRefreshDrift } from './refresh-plan-drift';
import { pathText } from './render-drift';

const FIXED = { approvedPassword: 'old-pw', livePassword: 'new-pw', liveToken: 't' };

interface Entry { address: string; mode?: string; type: string; name: string; change: Record<string, unknown> }

function planWith(entries: readonly Entry[]): string {
  return JSON.stringify({ format_version: '1.2', resource_drift: entries }, null, 2);
}

function entry(change: Record<string, unknown>, over: Partial<Entry> = {}): Entry {
  return { address: 'aws_security_group.web', mode: 'managed', type: 'aws_security_group', name: 'web', change: { actions: ['update'], ...change }, ...over };
}

describe('refresh-only plan drift', () => {
  test('OpenTofu golden output: the refreshed attribute is the one field that drifted', () => {
    const { items } = terraformRefreshDrift('drift.json', readCorpus('terraform', 'opentofu-resource-drift.plan.json'));
    assert.deepEqual(items.map((i) => [i.address, i.kind, i.fields.map((f) => `${pathText(f.path)}: ${f.approved} -> ${f.live}`)]), [
      ['test_instance.should_refresh', 'changed', ['ami: "refresh-me" -> "refreshed"']],
    ]);
    assert.equal(items[0]!.location?.line, 37);
  });

  test('Terraform 1.0.0 listed unchanged objects as updates: those are no drift; deletes are removed', () => {
    const { items } = terraformRefreshDrift('drift.json', readCorpus('terraform', 'tfcompliance-lambda-deletes-with-drift-tf100.tfplan.json'));
    assert.equal(items.length, 6);
    assert.ok(items.every((i) => i.kind === 'removed' && i.fields.length === 0));
  });

  test('a provider that writes an unset collection as null one time and {} the next is no drift', () => {
    const { items } = terraformRefreshDrift('drift.json', readCorpus('terraform', 'infracost-ec2-resize-with-drift.tfplan.json'));
    assert.deepEqual(items, []);
  });

  test('a changed sensitive value is drift that shows only the mask, whichever side marks it', () => {
    for (const [before_sensitive, after_sensitive] of [[{ password: true }, { password: true }], [{}, { password: true }], [{ password: true }, {}], [true, false], [{ password: [true] }, {}]]) {
      const s = new PlantedSecrets();
      const text = planWith([entry({ before: { password: s.plant('before'), user: 'a' }, after: { password: s.plant('after'), user: 'a' }, before_sensitive, after_sensitive })]);
      const result = terraformRefreshDrift('drift.json', text);
      assert.equal(result.items.length, 1, JSON.stringify([before_sensitive, after_sensitive]));
      for (const f of result.items[0]!.fields) assert.ok(f.approved === SENSITIVE_MASK && f.live === SENSITIVE_MASK, JSON.stringify(f));
      assertNoPlanted(s, [{ where: 'items', text: JSON.stringify(result.items) }, { where: 'live resources', text: JSON.stringify(result.liveResources) }]);
    }
  });

  test('an unchanged sensitive value is no drift (compared raw, not by its mask)', () => {
    const text = planWith([entry({ before: { password: 'same' }, after: { password: 'same' }, before_sensitive: { password: true }, after_sensitive: { password: true } })]);
    assert.deepEqual(terraformRefreshDrift('drift.json', text).items, []);
  });

  test('type confusion between before and after is one field drift at that place, values masked where marked', () => {
    const cases: [unknown, unknown, string][] = [
      [{ port: 22 }, { port: '22' }, 'port'],
      [{ ingress: [{ a: 1 }] }, { ingress: { a: 1 } }, 'ingress'],
      [{ tags: { a: 'b' } }, { tags: 'a=b' }, 'tags'],
      [{ flag: true }, { flag: 'true' }, 'flag'],
      [{ x: 1 }, 'a string', '(whole resource)'],
      [[1], { x: 1 }, '(whole resource)'],
    ];
    for (const [before, after, path] of cases) {
      const { items } = terraformRefreshDrift('drift.json', planWith([entry({ before, after })]));
      assert.deepEqual(items[0]?.fields.map((f) => pathText(f.path)), [path], JSON.stringify([before, after]));
    }
  });

  test('a sensitivity marker shaped unlike its value masks the whole value (fail closed)', () => {
    const s = new PlantedSecrets();
    const text = planWith([entry({ before: { conn: { token: 'x' } }, after: { conn: { token: s.plant('token under a list marker') } }, before_sensitive: { conn: [true] }, after_sensitive: { conn: [true] } })]);
    const { items } = terraformRefreshDrift('drift.json', text);
    assert.deepEqual(items[0]!.fields.map((f) => [pathText(f.path), f.live]), [['conn', SENSITIVE_MASK]]);
    assertNoPlanted(s, [{ where: 'items', text: JSON.stringify(items) }]);
  });

  test('keys named like JavaScript internals are ordinary attributes: a change under "__proto__" is drift', () => {
    const text = '{"format_version": "1.2", "resource_drift": [{"address": "a.b", "mode": "managed", "type": "a", "name": "b", "change": {"actions": ["update"],\n'
      + '"before": {"__proto__": {"cidr": "10.0.0.0/8"}, "constructor": 1}, "after": {"__proto__": {"cidr": "0.0.0.0/0"}, "constructor": 2}}}]}';
    const { items } = terraformRefreshDrift('drift.json', text);
    assert.deepEqual(items[0]!.fields.map((f) => pathText(f.path)), ['__proto__.cidr', 'constructor']);
  });

  test('a change hidden under a key in other letter case is refused, not skipped', () => {
    const text = planWith([entry({ before: { a: 1 }, after: { a: 1 } })]).replace('"change": {', '"Change": {"actions": ["update"], "before": {}, "after": {"a": 2}},\n"change": {');
    assert.throws(() => terraformRefreshDrift('drift.json', text), /in other letter case/);
  });

  test('data sources are reads, never drift; a no-op with equal values is none', () => {
    const text = planWith([
      entry({ before: { id: 1 }, after: { id: 2 } }, { address: 'data.aws_ami.x', mode: 'data', type: 'aws_ami', name: 'x' }),
      entry({ actions: ['no-op'], before: { id: 1 }, after: { id: 1 } }),
    ]);
    assert.deepEqual(terraformRefreshDrift('drift.json', text).items, []);
  });

  test('a no-op whose values differ is still drift (the action is the vendor\'s word, the values are the evidence)', () => {
    const { items } = terraformRefreshDrift('drift.json', planWith([entry({ actions: ['no-op'], before: { id: 1 }, after: { id: 2 } })]));
    assert.deepEqual(items.map((i) => i.kind), ['changed']);
  });

  test('malformed entries are refused with file and line, as the plan loader refuses them', () => {
    const bad: Entry[] = [
      entry({ actions: ['explode'] }),
      entry({ actions: 'update' }),
      { ...entry({}), change: 'x' as unknown as Record<string, unknown> },
      entry({}, { type: '' }),
      entry({}, { mode: 'weird' }),
    ];
    for (const e of bad) {
      assert.throws(() => terraformRefreshDrift('drift.json', planWith([entry({ before: {}, after: {} }), e])), (err: unknown) => {
        assert.ok(err instanceof InputError, String(err));
        assert.ok((err.line ?? 0) > 1, err.message);
        return true;
      });
    }
  });

  test('an object listed twice is refused (one entry could hide what the other shows)', () => {
    const text = planWith([entry({ before: { a: 1 }, after: { a: 2 } }), entry({ before: { a: 1 }, after: { a: 1 } })]);
    assert.throws(() => terraformRefreshDrift('drift.json', text), (err: unknown) => err instanceof InputError && /lists aws_security_group\.web twice/.test(err.message) && (err.line ?? 0) > 1);
    const deposed = planWith([entry({ before: { a: 1 }, after: { a: 2 } }), { ...entry({ before: { a: 1 }, after: { a: 3 } }), deposed: '00000001' } as Entry]);
    const { items, liveResources } = terraformRefreshDrift('drift.json', deposed);
    assert.deepEqual(items.map((i) => i.address), ['aws_security_group.web', 'aws_security_group.web (deposed 00000001)'], 'a deposed object is another object');
    assert.deepEqual(liveResources.map((r) => r.address), items.map((i) => i.address));
  });

  test('the fixture refresh plan: the console-opened security group, the changed password (masked) and the deleted bucket', () => {
    const { items } = terraformRefreshDrift('drift.json', refreshPlanJson(FIXED));
    assert.deepEqual(items.map((i) => [i.address, i.kind, i.fields.map((f) => pathText(f.path))]), [
      ['aws_security_group.web', 'changed', ['ingress[1]']],
      ['aws_db_instance.db', 'changed', ['password']],
      ['aws_s3_bucket.logs', 'removed', []],
    ]);
  });
});
