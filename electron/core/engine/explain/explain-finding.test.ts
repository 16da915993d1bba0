import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compilePolicy } from '../compile/compile-policy';
import { kubernetesObject, policy, resourceChange } from '../../testing/engine-fixtures';
import { propertyRuns } from '../../testing/property-runs';
import type { ResourceChange } from '../../model/resource-change';
import { explainFinding } from './explain-finding';
import type { Explanation } from '../../model/explanation';

const INPUTS = { changeset: { digest: 'sha256:test', vendor: 'acme' }, at: new Date('2026-01-05T03:00:00Z') };

function explain(condition: string, r: ResourceChange, over: { path?: string; params?: Record<string, unknown> } = {}): Explanation {
  const cp = compilePolicy(policy({ id: 'p', condition, ...(over.path ? { path: over.path } : {}) }), over.params ?? {});
  return explainFinding(cp, r, INPUTS);
}

const db = (after: Record<string, unknown>, over: Partial<ResourceChange> = {}) => resourceChange({ address: 'aws_db_instance.main', type: 'aws_db_instance', action: 'update', after, before: after, ...over });

const pod = (containers: unknown[]) => kubernetesObject('Deployment', 'web', 'shop', { spec: { template: { spec: { containers } } } });

describe('explain stage: the deciding clause and the values it saw', () => {
  test('a comparison names its clause and the field value it saw', () => {
    const e = explain('object.publicly_accessible == false', db({ publicly_accessible: true }), { path: '["publicly_accessible"]' });
    assert.deepEqual(e.clause, { start: 0, end: 35, text: 'object.publicly_accessible == false' });
    assert.deepEqual(e.values, [{ expression: 'object.publicly_accessible', value: 'true' }]);
    assert.deepEqual(e.field, ['publicly_accessible']);
    assert.deepEqual(e.parts, []);
    assert.equal(e.note, undefined);
  });

  test('the first false clause decides, with offsets into the whole condition, before one that errs', () => {
    const condition = 'object.missing > 1 && resource.action == "create" && object.engine_version.startsWith("14")';
    const e = explain(condition, db({ engine_version: '13.2' }));
    assert.equal(e.clause?.text, 'resource.action == "create"');
    assert.equal(condition.slice(e.clause!.start, e.clause!.end), e.clause!.text);
    assert.deepEqual(e.values, [{ expression: 'resource.action', value: '"update"' }]);
  });

  test('a clause that errs is named when none is false, with the error as the value and a note', () => {
    const e = explain('resource.action == "update" && object.missing > 1', db({}));
    assert.equal(e.clause?.text, 'object.missing > 1');
    assert.match(e.values[0]!.value, /^<.*missing.*>$/);
    assert.match(e.note ?? '', /could not be evaluated/);
  });

  test('a condition that holds has no clause (only its field)', () => {
    const e = explain('object.publicly_accessible == false', db({ publicly_accessible: false }), { path: '["publicly_accessible"]' });
    assert.equal(e.clause, null);
    assert.deepEqual(e.field, ['publicly_accessible']);
  });

  test('a disjunction lists its pieces with what each evaluated to, offsets into the condition', () => {
    const condition = 'resource.action != "delete" && (object.a == 1 || !object.b)';
    const e = explain(condition, db({ a: 2, b: true }));
    // A parenthesized clause is named without its outer parentheses (offsets point inside them).
    assert.equal(e.clause?.text, 'object.a == 1 || !object.b');
    assert.deepEqual(e.parts.map((p) => [p.text, p.value, condition.slice(p.start, p.end)]), [['object.a == 1', 'false', 'object.a == 1'], ['object.b', 'true', 'object.b']]);
    assert.deepEqual(e.values, [{ expression: 'object.a', value: '2' }, { expression: 'object.b', value: 'true' }]);
  });

  test('params and now are values the clause saw', () => {
    const e = explain('object.engine in params.allowed', db({ engine: 'mysql' }), { params: { allowed: ['postgres'] } });
    assert.deepEqual(e.values, [{ expression: 'object.engine', value: '"mysql"' }, { expression: 'params.allowed', value: '["postgres"]' }]);
  });
});

describe('explain stage: choices and bindings, as the baseline writes its conditions', () => {
  const condition = 'resource.type == "aws_s3_bucket"\n  ? object.acl == "private"\n  : resource.type == "aws_db_instance"\n  ? object.engine == "postgres" && object.storage_encrypted == true\n  : true';
  test('a choice is followed into the branch taken; the tests taken are listed', () => {
    const e = explain(condition, db({ engine: 'postgres', storage_encrypted: false }));
    assert.equal(e.clause?.text, 'object.storage_encrypted == true');
    assert.equal(condition.slice(e.clause!.start, e.clause!.end), e.clause!.text);
    assert.deepEqual(e.choices, [{ expression: 'resource.type == "aws_s3_bucket"', value: 'false' }, { expression: 'resource.type == "aws_db_instance"', value: 'true' }]);
    assert.deepEqual(e.values, [{ expression: 'object.storage_encrypted', value: 'false' }]);
  });

  test('cel.bind is followed into its body with the name bound; the binding is listed', () => {
    const bound = 'cel.bind(attr, {"aws_db_instance": "storage_encrypted"}[resource.type], lookup(object, attr, false) == true && resource.action != "delete")';
    const e = explain(bound, db({ storage_encrypted: false }));
    assert.equal(e.clause?.text, 'lookup(object, attr, false) == true');
    assert.deepEqual(e.choices, [{ expression: 'attr', value: '"storage_encrypted"' }]);
    assert.deepEqual(e.values, [{ expression: 'lookup(object, attr, false)', value: 'false' }]);
  });

  test('a macro inside a binding sees the bound name', () => {
    const e = explain('cel.bind(prefix, "ghcr.io/", object.images.all(i, i.startsWith(prefix)))', db({ images: ['ghcr.io/a', 'docker.io/b'] }));
    assert.deepEqual([e.element?.index, e.element?.value], [1, '"docker.io/b"']);
  });

  test('a binding whose init errs leaves the whole binding as the clause', () => {
    const e = explain('cel.bind(x, object.missing.deeper, x == 1)', db({}));
    assert.equal(e.clause?.text, 'cel.bind(x, object.missing.deeper, x == 1)');
    assert.deepEqual(e.choices, []);
  });
});

describe('explain stage: the element of a list macro that failed', () => {
  const containers = [{ name: 'ok', image: 'ghcr.io/acme/ok:1' }, { name: 'bad', image: 'docker.io/nginx:1' }, { name: 'also-bad', image: 'quay.io/x:1' }];
  const LIST = 'object.spec.template.spec.containers';
  const table: readonly { readonly condition: string; readonly index: number; readonly macro: string }[] = [
    { condition: `${LIST}.all(c, c.image.startsWith("ghcr.io/"))`, index: 1, macro: 'all' },
    { condition: `!${LIST}.exists(c, c.name == "bad")`, index: 1, macro: 'exists' },
    { condition: `${LIST}.exists_one(c, c.name == "bad") == false`, index: 1, macro: 'exists_one' },
    { condition: `!${LIST}.exists_one(c, c.image.startsWith("quay.io/"))`, index: 2, macro: 'exists_one' },
    { condition: `${LIST}.exists_one(c, !c.image.startsWith("ghcr.io/"))`, index: 2, macro: 'exists_one' },
    { condition: `${LIST}.filter(c, !c.image.startsWith("ghcr.io/")).size() == 0`, index: 1, macro: 'filter' },
    { condition: `${LIST}.map(c, c.image).all(i, i.startsWith("ghcr.io/"))`, index: 1, macro: 'all' },
    { condition: `${LIST}.map(c, c.securityContext.privileged).all(p, p == false)`, index: 0, macro: 'map' },
  ];
  for (const row of table) {
    test(`${row.condition} → element ${row.index} (${row.macro})`, () => {
      const e = explain(row.condition, pod(containers));
      assert.equal(e.element?.index, row.index, JSON.stringify(e));
      assert.equal(e.element?.macro, row.macro);
      if (row.macro !== 'all' || !row.condition.includes('.map(')) assert.match(e.element?.value ?? '', new RegExp(`"name": "${containers[row.index]!.name}"`));
    });
  }

  test('the element names its list and what the predicate saw on it', () => {
    const e = explain(`${LIST}.all(c, c.image.startsWith("ghcr.io/"))`, pod(containers));
    assert.deepEqual({ ...e.element, value: undefined }, { macro: 'all', variable: 'c', list: LIST, index: 1, value: undefined, saw: 'false' });
  });

  test('a map macro over keys names the key and shows its value', () => {
    const e = explain('object.tags.all(k, k.startsWith("acme:"))', db({ tags: { 'acme:team': 'a', owner: 'bob' } }));
    assert.deepEqual([e.element?.index, e.element?.value], ['owner', '"bob"']);
  });

  test('exists with no match blames no element', () => {
    assert.equal(explain(`${LIST}.exists(c, c.name == "none")`, pod(containers)).element, undefined);
  });

  test('a macro variable that shadows a policy variable is not evaluated, and nothing throws', () => {
    const e = explain(`${LIST}.all(object, object.name == "ok")`, pod(containers));
    assert.equal(e.clause?.text, `${LIST}.all(object, object.name == "ok")`);
    assert.equal(e.element, undefined);
  });
});

describe('explain stage: masked and unknown values', () => {
  test('a sensitive value reads as the mask; an unknown one as (known after apply)', () => {
    const r = db({ password: '(sensitive value)', engine: 'postgres' }, { unknownPaths: ['endpoint'], sensitivePaths: ['password'] });
    const e = explain('object.password == "" && object.endpoint.endsWith(".internal")', r);
    assert.deepEqual(e.values, [{ expression: 'object.password', value: '(sensitive value)' }]);
    const u = explain('object.endpoint.endsWith(".internal")', r);
    assert.deepEqual(u.values, [{ expression: 'object.endpoint', value: '(known after apply)' }]);
    assert.match(u.note ?? '', /known only after apply/);
    assert.deepEqual(explain('object.engine == "mysql"', r).values, [{ expression: 'object.engine', value: '"postgres"' }]);
  });

  test('an unknown list element is blamed with (known after apply)', () => {
    const r = db({ rules: [{ port: 22 }, null] }, { unknownPaths: ['rules[1]'] });
    const e = explain('object.rules.all(x, x.port != 22)', r);
    assert.equal(e.element?.index, 0);
    const u = explain('object.rules.all(x, x.port != 23)', r);
    assert.deepEqual([u.element?.index, u.element?.value, u.element?.saw], [1, '(known after apply)', '(known after apply)']);
  });
});

describe('explain stage: whole resources are never values', () => {
  test('object, oldObject and resource read whole are not shown; what the clause compared is', () => {
    const r = db({ password: 'unmarked-in-clear', publicly_accessible: true });
    const e = explain('object == null || lookup(object, "publicly_accessible", false) == false || size(resource.actions) == 0 || oldObject == null', r);
    assert.deepEqual(e.values.map((v) => v.expression), ['lookup(object, "publicly_accessible", false)', 'resource.actions']);
    assert.ok(!JSON.stringify(e).includes('unmarked-in-clear'));
  });

  test('nor when the condition reaches them by a bound name or as a list element', () => {
    const r = db({ password: 'unmarked-in-clear', a: 2 });
    for (const condition of ['cel.bind(o, object, o.a == 1)', '[object, oldObject].all(x, x.a == 1)', 'cel.bind(o, object, o == null)', '[resource].exists(x, x.address == "")']) {
      const e = explain(condition, r);
      assert.ok(e.clause, condition);
      assert.ok(!JSON.stringify(e).includes('unmarked-in-clear'), `${condition}: ${JSON.stringify(e)}`);
    }
    assert.deepEqual(explain('cel.bind(o, object, o.a == 1)', r).choices, [{ expression: 'o', value: '(the whole resource)' }]);
  });
});

describe('explain stage: never throws', () => {
  test('whatever the object and a condition over it, an explanation comes back', () => {
    const conditions = [
      'object.a == 1', 'object.a.all(x, x > 1) || object.b == "x"', 'object.list.map(x, x.y).exists(y, y == 2)',
      'int(object.a) > 0', 'object.a.filter(k, object.a[k] == 1).size() == 0', 'has(object.a.b) && object.a.b.c',
      '!object.a.exists_one(x, x == null)', 'object.a + object.b == "ab"', 'size(object) > 3 && object.a.b[0].c == 1',
    ];
    fc.assert(fc.property(fc.constantFrom(...conditions), fc.jsonValue(), fc.array(fc.string(), { maxLength: 2 }), (condition, value, unknown) => {
      const r = db({ a: value, b: value, list: [value, value] }, { unknownPaths: unknown });
      const e = explain(condition, r);
      assert.equal(e.condition, condition);
      assert.ok(e.clause === null || condition.slice(e.clause.start, e.clause.end) === e.clause.text);
      JSON.stringify(e);
    }), { numRuns: propertyRuns(300) });
  });

  test('for random conditions of &&, ||, !, choices, bindings and macros: slices of the condition, and a clause whenever it does not hold', () => {
    const leaf = fc.constantFrom('object.a == 1', 'object.l.all(x, x > 0)', 'object.m.exists(k, k == "a")', 'cel.bind(v, object.a, v == 2)', 'object.l.filter(x, x > 1).size() == 0', 'has(object.m.a)', 'object.a > object.b', 'object.l.exists_one(x, x == 1)');
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('and'), tie('or'), tie('not'), tie('choice')),
      and: fc.tuple(tie('node'), tie('node')).map(([a, b]) => `${a} && ${b}`),
      or: fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(${a} || ${b})`),
      not: tie('node').map((a) => `!(${a})`),
      choice: fc.tuple(tie('node'), tie('node'), tie('node')).map(([t, a, b]) => `(${t} ? ${a} : ${b})`),
    })).node as fc.Arbitrary<string>;
    const value = fc.record({ a: fc.integer({ min: 0, max: 3 }), b: fc.integer({ min: 0, max: 3 }), l: fc.array(fc.integer({ min: -1, max: 3 }), { maxLength: 4 }), m: fc.dictionary(fc.constantFrom('a', 'b'), fc.integer()) });
    fc.assert(fc.property(tree, value, (condition, after) => {
      const r = db(after);
      const e = explain(condition, r);
      const holds = compilePolicy(policy({ id: 'p', condition }), {}).condition.run({ resource: null, object: after, oldObject: after, params: {}, changeset: {}, now: INPUTS.at });
      if (e.clause) assert.equal(condition.slice(e.clause.start, e.clause.end), e.clause.text);
      for (const p of e.parts) assert.equal(condition.slice(p.start, p.end), p.text);
      if (holds === false) assert.ok(e.clause, `a false condition names its clause: ${condition} on ${JSON.stringify(after)}`);
      if (holds === true) assert.equal(e.clause, null);
    }), { numRuns: propertyRuns(300) });
  });

  test('a resource whose view cannot be built gives a note, not an exception', () => {
    const r = Object.defineProperty({ ...resourceChange({ address: 'x.y' }) }, 'after', { get: () => { throw new Error('broken'); } });
    const e = explain('object.a == 1', r);
    assert.equal(e.clause, null);
    assert.match(e.note ?? '', /could not be prepared/);
  });
});
