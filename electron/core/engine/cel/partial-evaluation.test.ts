// Unknown values (Terraform `after_unknown`) as CEL partial evaluation treats them. Expected
// results follow cel-go's partial evaluation and the CEL spec's ExprValue rules
// (google.api.expr: "unknown takes precedence over error where a value can short-circuit";
// `true || unknown` is true, `false && unknown` is false, `unknown ? a : b` is unknown, an
// operation or function on an unknown is unknown), with the deviations docs/policies.md
// states: `error && unknown` is the error (it cannot hold for any value), and members and keys
// of a container holding an unknown stay known.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression } from './compile-expression';
import type { Activation } from './compile-expression';
import { UnknownValueError, isUnknownValue, unknownValue, unknownsIn, withUnknowns } from './unknown-value';

type Outcome = 'true' | 'false' | 'unknown' | 'error';

const AFTER = {
  name: 'web',
  tags: null,
  known_tags: { Owner: 'ops', Env: 'prod' },
  ports: [22, 443],
  cidrs: ['10.0.0.0/8', null],
  zones: [null, 'a'],
  rules: [{ cidr: '0.0.0.0/0', sg: null }, { cidr: '10.0.0.0/8', sg: 'sg-1' }],
  image: 'nginx:1.25',
  when: '2026-01-01T00:00:00Z',
  enabled: true,
};
// tags_all, arn, policy and flag absent (Terraform omits unknown attributes); cidrs[1] and
// rules[0].sg are null placeholders for unknown list elements; known_tags.Team is unknown.
const UNKNOWN = ['tags_all', 'arn', 'policy', 'flag', 'cidrs[1]', 'rules[0].sg', 'known_tags.Team', 'when2', 'zones[0]'];

function activation(object: unknown): Activation {
  return { resource: { unknown: UNKNOWN }, object, oldObject: null, params: { max: 3 }, changeset: {}, now: new Date('2026-01-05T03:00:00Z') };
}

function outcome(run: (a: Activation) => unknown, object: unknown): Outcome {
  try {
    const v = run(activation(object));
    if (v === true) return 'true';
    if (v === false) return 'false';
    return 'error';
  } catch (err) {
    return err instanceof UnknownValueError ? 'unknown' : 'error';
  }
}

/** [expression, result with every value known as in AFTER + a value, result with UNKNOWN unknown]. */
const TABLE: readonly (readonly [string, Outcome])[] = [
  // field access, has(), optional access, lookup
  ['object.tags_all == {}', 'unknown'],
  ['has(object.tags_all)', 'unknown'],
  ['has(object.tags_all.Owner)', 'unknown'],
  ['has(object.name)', 'true'],
  ['has(object.missing)', 'false'],
  ['object.?tags_all.orValue({}) == {}', 'unknown'],
  ['object.?missing.orValue(1) == 1', 'true'],
  ['lookup(object, "tags_all", {}) == {}', 'unknown'],
  ['lookup(object, "tags_all.Owner", "") == ""', 'unknown'],
  ['lookup(object, "missing", "x") == "x"', 'true'],
  ['lookup(object, ["rules", 0, "cidr"], "") == "0.0.0.0/0"', 'true'],
  ['lookup(object, ["rules", 0, "sg"], "") == ""', 'unknown'],
  ['"tags_all" in object', 'true'],
  ['"missing" in object', 'false'],
  ['object.size() > 0', 'unknown'],
  // logical operators: commutative absorption
  ['true || object.arn == "x"', 'true'],
  ['object.arn == "x" || true', 'true'],
  ['false || object.arn == "x"', 'unknown'],
  ['object.arn == "x" || false', 'unknown'],
  ['false && object.arn == "x"', 'false'],
  ['object.arn == "x" && false', 'false'],
  ['true && object.arn == "x"', 'unknown'],
  ['object.arn == "x" && true', 'unknown'],
  ['object.arn == "x" || object.missing == 1', 'unknown'],
  ['object.missing == 1 || object.arn == "x"', 'unknown'],
  ['object.arn == "x" && object.missing == 1', 'error'],
  ['object.missing == 1 && object.arn == "x"', 'error'],
  ['object.arn == "x" || object.policy == "y"', 'unknown'],
  ['!(object.arn == "x")', 'unknown'],
  ['object.flag', 'unknown'],
  ['!object.flag', 'unknown'],
  // ternary
  ['object.flag ? true : false', 'unknown'],
  ['object.enabled ? true : object.flag', 'true'],
  ['!object.enabled ? true : object.flag', 'unknown'],
  ['(object.flag ? 1 : 2) == 1', 'unknown'],
  // comparisons and arithmetic
  ['object.arn != "x"', 'unknown'],
  ['object.arn < "x"', 'unknown'],
  ['size(object.arn) > 0', 'unknown'],
  ['object.ports[0] == 22', 'true'],
  ['object.ports[0] + object.flag == 23', 'unknown'],
  ['type(object.arn) == string', 'unknown'],
  ['string(object.arn) == "x"', 'unknown'],
  // lists holding unknowns: members known, the whole list unknown
  ['object.cidrs[0] == "10.0.0.0/8"', 'true'],
  ['object.cidrs[1] == "10.0.0.0/8"', 'unknown'],
  ['"10.0.0.0/8" in object.cidrs', 'true'],
  ['"0.0.0.0/0" in object.cidrs', 'unknown'],
  ['object.cidrs == ["10.0.0.0/8", "x"]', 'unknown'],
  ['object.cidrs == ["1.1.1.1/32", "x"]', 'unknown'],
  ['object.cidrs != ["10.0.0.0/8", "x"]', 'unknown'],
  ['[object.cidrs[0]] == ["10.0.0.0/8"]', 'true'],
  ['size(object.cidrs) == 2', 'unknown'],
  ['object.cidrs.size() == 2', 'unknown'],
  ['object.cidrs.join(",") != ""', 'unknown'],
  ['(object.cidrs + ["x"]).exists(c, c == "x")', 'true'],
  ['"y" in object.cidrs + ["x"]', 'unknown'],
  // a list literal is strict in its elements (cel-go): it is unknown as a whole
  ['[object.flag, true].exists(x, x)', 'unknown'],
  ['[1, object.flag].exists(x, x == 2)', 'unknown'],
  // macros over lists holding unknowns
  ['object.cidrs.exists(c, c == "10.0.0.0/8")', 'true'],
  ['(["x"] + object.cidrs.map(c, "y")).exists(c, c == "x")', 'unknown'],
  ['[object.cidrs[1], "x"].size() == 2', 'unknown'],
  ['(object.cidrs.filter(c, c == "10.0.0.0/8") + [object.name]).size() == 2', 'unknown'],
  ['object.cidrs.exists(c, c == "0.0.0.0/0")', 'unknown'],
  ['object.cidrs.all(c, c != "0.0.0.0/0")', 'unknown'],
  ['object.cidrs.all(c, c == "1.1.1.1/32")', 'false'],
  // the unknown element first: the known one still decides
  ['object.zones.exists(z, z == "a")', 'true'],
  ['object.zones.exists(z, true)', 'true'],
  ['object.zones.all(z, z == "b")', 'false'],
  ['object.zones.all(z, z == "a")', 'unknown'],
  ['object.zones.all(z, z.missing == 1)', 'error'],
  ['object.zones.exists(z, z.missing == 1)', 'unknown'],
  ['object.rules.all(r, r.missing == 1)', 'error'],
  ['object.cidrs.exists_one(c, c == "10.0.0.0/8")', 'unknown'],
  ['object.cidrs.map(c, c).size() == 2', 'unknown'],
  ['object.cidrs.filter(c, true).size() > 0', 'unknown'],
  ['object.rules.exists(r, r.cidr == "0.0.0.0/0")', 'true'],
  ['object.rules.all(r, r.cidr != "0.0.0.0/0")', 'false'],
  ['object.rules.all(r, has(r.sg))', 'unknown'],
  ['object.rules.map(r, r.cidr).exists(c, c == "0.0.0.0/0")', 'true'],
  ['object.rules.map(r, r.sg).size() == 2', 'unknown'],
  // maps holding unknowns: keys known, values at unknown keys unknown
  ['"Owner" in object.known_tags', 'true'],
  ['"Team" in object.known_tags', 'true'],
  ['"Nope" in object.known_tags', 'false'],
  ['object.known_tags.Owner == "ops"', 'true'],
  ['object.known_tags.Team == "ops"', 'unknown'],
  ['object.known_tags.all(k, k != "")', 'true'],
  ['object.known_tags.all(k, object.known_tags[k] != "")', 'unknown'],
  ['object.known_tags == {"Owner": "ops"}', 'unknown'],
  ['size(object.known_tags) == 3', 'unknown'],
  // cel.bind
  ['cel.bind(t, object.known_tags, "Owner" in t)', 'true'],
  ['cel.bind(t, object.tags_all, "Owner" in t)', 'unknown'],
  // string functions
  ['object.arn.startsWith("arn:")', 'unknown'],
  ['object.name.startsWith("w")', 'true'],
  ['object.arn.matches("^arn:")', 'unknown'],
  ['matches(object.arn, "^arn:")', 'unknown'],
  ['object.policy.contains("*")', 'unknown'],
  ['parseJSON(object.policy).Statement.size() > 0', 'unknown'],
  ['asList(lookup(object, "policy", [])).size() > 0', 'unknown'],
  ['asList(object.cidrs)[0] == "10.0.0.0/8"', 'true'],
  // domain functions
  ['isAnyCIDR(object.rules[0].cidr)', 'true'],
  ['isAnyCIDR(object.cidrs[1])', 'unknown'],
  ['isPublicCIDR(object.cidrs[1])', 'unknown'],
  ['cidrContains("10.0.0.0/8", object.cidrs[1])', 'unknown'],
  ['object.rules.exists(r, isAnyCIDR(r.cidr))', 'true'],
  ['object.cidrs.exists(c, isAnyCIDR(c))', 'unknown'],
  ['image(object.arn).tag == "latest"', 'unknown'],
  ['image(object.image).tag == "1.25"', 'true'],
  ['glob(object.arn, "arn:*")', 'unknown'],
  ['globAny(object.cidrs, "10.0.0.0/8")', 'unknown'],
  ['globAny(["10.*/8"], object.cidrs[0])', 'true'],
  ['globAny(["10.*/8"], object.cidrs[1])', 'unknown'],
  ['daysUntil(object.when2, now) > 0', 'unknown'],
  ['daysUntil(object.when, now) < 0', 'true'],
  ['timestamp(object.when2) > now', 'unknown'],
  ['inWindow(now, [{"days": ["Mon"], "start": "00:00", "end": "23:59", "timezone": "UTC"}])', 'true'],
  // genuine errors stay errors
  ['object.missing == 1', 'error'],
  ['object.name.foo == 1', 'error'],
  ['int(object.name) == 1', 'error'],
  // the resource's own list of unknown paths is known
  ['"tags_all" in resource.unknown', 'true'],
];

describe('partial evaluation over values unknown until apply', () => {
  const object = withUnknowns(AFTER, UNKNOWN);

  for (const [expr, expected] of TABLE) {
    test(`${expr} → ${expected}`, () => {
      const c = compileExpression(expr);
      assert.equal(outcome(c.runPartial, object), expected);
    });
  }

  test('an unknown result names the unknown paths it depended on', () => {
    const c = compileExpression('object.arn == "x" || object.policy == "y"');
    try {
      c.runPartial(activation(object));
      assert.fail('expected unknown');
    } catch (err) {
      assert.ok(err instanceof UnknownValueError);
      assert.deepEqual([...err.paths].sort(), ['arn', 'policy']);
      assert.match(err.message, /known only after apply: /);
    }
  });

  test('where nothing is unknown, the partial program answers exactly as the ordinary one', () => {
    // Every table expression over the same values made known: the two programs agree.
    const filled = { ...AFTER, tags_all: {}, arn: 'arn:aws:x', policy: '{"Statement":[]}', flag: false, when2: '2027-01-01T00:00:00Z', zones: ['b', 'a'],
      cidrs: ['10.0.0.0/8', '0.0.0.0/0'], rules: [{ cidr: '0.0.0.0/0', sg: 'sg-0' }, AFTER.rules[1]], known_tags: { ...AFTER.known_tags, Team: 't' } };
    for (const [expr] of TABLE) {
      const c = compileExpression(expr);
      assert.equal(outcome(c.runPartial, filled), outcome(c.run, filled), expr);
    }
  });

  test('property: a known result never changes whatever the unknowns turn out to be', () => {
    // Soundness: for any concrete values in place of the unknowns, an expression the partial
    // program decided (true/false) evaluates to the same answer on the concrete values.
    const concrete = fc.oneof(fc.constant(null), fc.boolean(), fc.string({ maxLength: 4 }), fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', 'arn:x', 'ops'),
      fc.integer({ min: -2, max: 2 }), fc.constant({}), fc.constant({ Owner: 'ops' }), fc.constant([]), fc.constant(['0.0.0.0/0']));
    const decided = TABLE.filter(([, e]) => e === 'true' || e === 'false').map(([expr]) => compileExpression(expr));
    fc.assert(fc.property(fc.array(concrete, { minLength: UNKNOWN.length, maxLength: UNKNOWN.length }), (values) => {
      const filled = structuredClone(AFTER) as Record<string, unknown> & typeof AFTER;
      const [tagsAll, arn, policy, flag, cidr1, sg0, team, when2, zone0] = values;
      (filled.zones as unknown[])[0] = zone0;
      Object.assign(filled, { tags_all: tagsAll, arn, policy, flag, when2 });
      (filled.cidrs as unknown[])[1] = cidr1;
      (filled.rules[0] as Record<string, unknown>).sg = sg0;
      (filled.known_tags as Record<string, unknown>).Team = team;
      for (const c of decided) {
        const partial = outcome(c.runPartial, object);
        assert.equal(outcome(c.run, filled), partial, c.source);
      }
    }), { numRuns: 200, seed: 7 });
  });
});

describe('unknown sentinels', () => {
  test('messages name at most five paths, each of bounded length', () => {
    const e = new UnknownValueError(['a', 'b', 'c', 'd', 'e', 'f', 'g', `tags["${'x'.repeat(500)}"]`, '']);
    assert.equal(e.message, 'known only after apply: a, b, c, d, e and 4 more');
    assert.equal(new UnknownValueError([`tags["${'x'.repeat(500)}"]`, '']).message, `known only after apply: tags["${'x'.repeat(111)}..., (the whole value)`);
  });

  test('any look at a sentinel throws the error naming its path', () => {
    const s = unknownValue('tags_all') as Record<string, unknown>;
    assert.ok(isUnknownValue(s));
    for (const look of [() => s.constructor, () => Object.keys(s), () => 'a' in s, () => s instanceof Map, () => JSON.stringify(s), () => `${String(s)}`]) {
      assert.throws(look, (err: unknown) => err instanceof UnknownValueError && err.paths[0] === 'tags_all');
    }
  });

  test('withUnknowns copies only the containers on the unknown paths and leaves the input alone', () => {
    const after = { a: { b: 1 }, list: [1, null], m: {}, other: { x: 1 } };
    const out = withUnknowns(after, ['a.c', 'list[1]', 'm["k.v"]', 'absent.x']) as Record<string, Record<string, unknown>>;
    assert.equal(after.list[1], null);
    assert.deepEqual(after.m, {});
    assert.equal(out.other, after.other);
    // a missing container on the way: that whole attribute is unknown
    assert.deepEqual(unknownsIn(out).sort(), ['a.c', 'absent', 'list[1]', 'm["k.v"]']);
    assert.deepEqual(Object.keys(out.m as object), ['k.v']);
    assert.equal((out.a as { b: number }).b, 1);
  });

  test('a path through a value that is not a container makes that value unknown', () => {
    assert.deepEqual(unknownsIn(withUnknowns({ a: 'str' }, ['a.b'])), ['a']);
    assert.ok(isUnknownValue(withUnknowns(null, ['x'])));
    assert.ok(isUnknownValue(withUnknowns({ a: 1 }, [''])));
  });
});
