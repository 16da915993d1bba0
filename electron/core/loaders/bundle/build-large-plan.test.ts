import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { largePlanFixture } from '../../testing/large-plan-fixture';
import { InputError } from '../../model/errors';
import { loadChangeSet, startLoadingChangeSet } from '../load-change-set';
import { buildChangeSet } from './build';
import { SHARED_READ_MIN_BYTES } from './read-bare';

const fixture = largePlanFixture('countersign-large-plan-');
const write = fixture.write;

/** What the ordinary, single-threaded path gives (or throws) for the file. */
function ordinary(file: string, name: string): unknown {
  try {
    return buildChangeSet({ origin: file, manifest: null, files: [{ path: name, bytes: readFileSync(file) }] });
  } catch (err) {
    return err;
  }
}

describe('loading one big plan in parallel', () => {
  test('gives exactly the change set of the ordinary path (resources, locations, digest, artifacts)', async () => {
    assert.ok(fixture.planText().length > SHARED_READ_MIN_BYTES, 'the plan is big enough to take the parallel path');
    const file = write('big.tfplan.json', fixture.planText());
    const loaded = await loadChangeSet([file]);
    assert.equal(loaded.resources.filter((r) => r.source === 'terraform').length, 2500);
    assert.deepEqual(loaded, ordinary(file, 'big.tfplan.json'));
  });

  test('a BOM and pretty-printing change nothing', async () => {
    const text = `\ufeff${JSON.stringify(JSON.parse(fixture.planText()), null, 1)}`;
    const file = write('pretty.tfplan.json', text);
    const loaded = await loadChangeSet([file]);
    assert.ok(loaded.resources.some((r) => r.location.line > 1000));
    assert.deepEqual(loaded, ordinary(file, 'pretty.tfplan.json'));
  });

  test('a lone carriage return (a line break to editors, not to our line count) is refused as on the ordinary path', async () => {
    const pretty = JSON.stringify(JSON.parse(fixture.planText()), null, 1);
    const at = pretty.lastIndexOf('\n', pretty.indexOf('"resource_changes"') + 5000);
    const file = write('cr.tfplan.json', `${pretty.slice(0, at)}\r${pretty.slice(at + 1)}`);
    const expected = ordinary(file, 'cr.tfplan.json');
    assert.ok(expected instanceof InputError && /carriage return/.test(expected.message), String(expected));
    await assert.rejects(loadChangeSet([file]), (err: unknown) => err instanceof InputError && err.message === expected.message);
  });

  test('a syntax error in a part only the worker parses fails closed, with the ordinary error', async () => {
    const at = fixture.planText().indexOf('"configuration"') + 100;
    const file = write('broken.tfplan.json', `${fixture.planText().slice(0, at)}\u0001${fixture.planText().slice(at + 1)}`);
    const expected = ordinary(file, 'broken.tfplan.json');
    assert.ok(expected instanceof InputError);
    assert.match(expected.message, /malformed JSON/);
    await assert.rejects(loadChangeSet([file]), (err) => err instanceof InputError && err.message === expected.message);
    // The early change set exists, but its check rejects: the CLI writes nothing before it.
    const pending = await startLoadingChangeSet([file]);
    await assert.rejects(pending.verified, (err) => err instanceof InputError && err.message === expected.message);
  });

  test('references read from the configuration (parsed here when a policy asks) are those of the ordinary path', async () => {
    // The generated plan's configuration names the module calls svc_N: make it match them, so
    // that references resolve, and give one resource a count constant the worker must keep.
    const plan = JSON.parse(fixture.planText()) as { resource_changes: { address: string; module_address: string; type: string; name: string; change: { after_unknown: unknown } }[]; configuration: { root_module: { module_calls: Record<string, unknown> } } };
    const first = plan.resource_changes[0]!;
    const second = plan.resource_changes.find((r) => r.module_address === first.module_address && r !== first)!;
    const call = first.module_address.replace(/^module\./, '');
    plan.configuration.root_module.module_calls = { [call]: { source: './svc', module: { resources: [
      { address: `${first.type}.${first.name}`, mode: 'managed', type: first.type, name: first.name, expressions: { x: { constant_value: { big: 'x'.repeat(100) } } }, count_expression: { constant_value: 1 } },
      { address: `${second.type}.${second.name}`, mode: 'managed', type: second.type, name: second.name, expressions: { link: { references: [`${first.type}.${first.name}.id`, `${first.type}.${first.name}`] } } },
    ] } } };
    const file = write('linked.tfplan.json', JSON.stringify(plan));
    const loaded = await loadChangeSet([file]);
    assert.deepEqual(loaded, ordinary(file, 'linked.tfplan.json'));
    const target = loaded.resources.find((r) => r.address === first.address)!;
    assert.ok(target.referencedBy !== undefined);
  });

  test('errors in the parts parsed here are the ordinary ones too', async () => {
    const cases = [
      fixture.planText().replace('"format_version":"1.2"', '"format_version":"3.0"'),
      fixture.planText().replace('"actions":["', '"actions":[1,"'),
      `${fixture.planText().slice(0, -1)},"x":1`,
    ];
    for (const [i, text] of cases.entries()) {
      const file = write(`bad-${i}.tfplan.json`, text);
      const expected = ordinary(file, `bad-${i}.tfplan.json`);
      assert.ok(expected instanceof InputError, String(i));
      await assert.rejects(loadChangeSet([file]), (err) => err instanceof InputError && err.message === expected.message);
    }
  });

  test('big JSON that is not a plan goes to the Kubernetes loader as before', async () => {
    const object = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big', namespace: 'default' }, data: { blob: 'x'.repeat(SHARED_READ_MIN_BYTES) } });
    const file = write('big-configmap.json', object);
    const loaded = await loadChangeSet([file]);
    assert.deepEqual(loaded.resources.map((r) => r.type), ['ConfigMap']);
    assert.deepEqual(loaded, ordinary(file, 'big-configmap.json'));
  });
});
