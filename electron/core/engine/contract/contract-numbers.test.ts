// Issue 7 hole 6: `.inf`, `-.inf` and `.nan` digested alike (canonical JSON wrote them all as
// null) but decided differently. Every value a digest cannot tell apart from another is now
// refused at load, with the file and line, wherever it sits in a contract or a policy.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { InputError } from '../../model/errors';
import type { Policy } from '../../model/policy';
import { parseContract } from './parse-contract';
import { parsePolicyFile } from './parse-policy';
import type { ResolvedContract } from './resolved-contract';

const root = mkdtempSync(join(tmpdir(), 'countersign-numbers-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'pack', 'limits'), { recursive: true });
writeFileSync(join(root, 'pack', 'limits', 'policy.yaml'), 'id: limits\ntitle: limits\nseverity: low\nenforcement: deny\nparameters:\n  max: {default: 10}\n  any: {default: null}\ncondition: "double(lookup(object, \'size\', 0)) <= params.max"\n');

const CONTRACT = (param: string) => `apiVersion: countersign.dev/v1
kind: Contract
metadata: {name: c}
spec:
  extends: [pack]
  parameters:
    limits: {max: ${param}}
`;

function loadError(load: () => unknown): InputError {
  try {
    load();
  } catch (err) {
    assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the file to be refused');
}

// YAML 1.2 core spellings of the non-finite numbers, a literal that overflows to Infinity,
// and negative zero (canonical JSON would write it as 0).
const AMBIGUOUS = ['.inf', '-.inf', '+.inf', '.Inf', '-.INF', '.nan', '.NaN', '.NAN', '1e400', '-1e400', '-0', '-0.0', '-0e5'];

describe('non-finite numbers and -0 are refused at load, naming file and line', () => {
  for (const spelling of AMBIGUOUS) {
    test(`a contract parameter ${spelling}`, () => {
      const err = loadError(() => parseContract('c.yaml', CONTRACT(spelling), root));
      assert.equal(err.file, 'c.yaml');
      assert.equal(err.line, 7);
      assert.match(err.reason, new RegExp(`"${spelling.replace(/[.+]/g, '\\$&')}" is (not a finite number|negative zero)`));
    });
  }

  const places: readonly (readonly [string, string, number])[] = [
    ['inside a list parameter', CONTRACT('10').replace('{max: 10}', '{any: [1, 2, .nan]}'), 7],
    ['in approvals', CONTRACT('10').replace('  parameters:', '  approvals: {quorum: .inf}\n  parameters:'), 6],
    ['in an own policy match', CONTRACT('10') + '  policies:\n    - id: own\n      title: own\n      severity: low\n      enforcement: deny\n      condition: "true"\n      match: {labels: {a: b}}\n      parameters: {x: {default: -.inf}}\n', 15],
    ['in an own policy test case', CONTRACT('10') + '  policies:\n    - id: own\n      title: own\n      severity: low\n      enforcement: deny\n      condition: "true"\n      tests: [{name: t, input: x.json, parameters: {x: .nan}}]\n', 14],
    ['in a metadata field', CONTRACT('10').replace('{name: c}', '{name: c, vendor: .inf}'), 3],
  ];
  for (const [label, text, line] of places) {
    test(`${label}`, () => {
      const err = loadError(() => parseContract('c.yaml', text, root));
      assert.equal(err.line, line, err.message);
      assert.match(err.reason, /not a finite number|negative zero/);
    });
  }

  test('in a pack policy file (default and test parameters)', () => {
    const policy = 'id: p\ntitle: p\nseverity: low\nenforcement: deny\ncondition: "true"\nparameters:\n  limit: {default: .inf}\n';
    assert.equal(loadError(() => parsePolicyFile('p.yaml', policy, 'pack')).line, 7);
    const inTest = 'id: p\ntitle: p\nseverity: low\nenforcement: deny\ncondition: "true"\ntests:\n  - {name: t, input: x.json, parameters: {limit: -0}}\n';
    assert.equal(loadError(() => parsePolicyFile('p.yaml', inTest, 'pack')).line, 7);
  });

  test('non-string keys and binary values are refused too (they would collide after conversion)', () => {
    assert.match(loadError(() => parseContract('c.yaml', CONTRACT('10').replace('{max: 10}', '{any: {1: a, "1": b}}'), root)).reason, /mapping key "1" must be a string/);
    assert.match(loadError(() => parseContract('c.yaml', CONTRACT('10').replace('{max: 10}', '{any: !!binary aGk=}'), root)).reason, /values are not supported/);
  });

  test('ordinary numbers still load, 0 included', () => {
    for (const n of ['0', '10', '-3', '2.5', '1e3', '0x1F', '0o17']) assert.doesNotThrow(() => parseContract('c.yaml', CONTRACT(n), root), n);
  });
});

/** What a contract decides with: everything but where its files lie and its own tests. */
function decisionContent(c: ResolvedContract): unknown {
  const policy = ({ definedAt: _d, expressionAt: _e, tests: _t, ...rest }: Policy) => rest;
  return { name: c.name, vendor: c.vendor, extends: c.extends, packs: c.packs, policies: c.policies.map(policy), parameters: c.parameters, approvals: c.approvals };
}

// Scalars YAML reads in ways worth telling apart: the number spellings above, their string
// twins, numbers that are equal (1, 1.0, 0x1) and ones that are not.
const scalar = fc.constantFrom('.inf', '-.inf', '.nan', '-0', '0', '0.0', '1', '1.0', '0x1', '"1"', '"Infinity"', '"NaN"', 'null', '~', 'true', '"true"', '1e400', '9007199254740993', '9007199254740992', '[]', '[1]', '{}', '{a: 1}', '"\\u00e9"', '"é"');
const contractText = fc.record({
  max: scalar,
  any: scalar,
  enforcement: fc.constantFrom('', 'advisory', 'deny'),
  enabled: fc.constantFrom('', 'true', 'false'),
  quorum: fc.constantFrom('', '1', '2', '.inf'),
  own: fc.option(fc.record({ condition: fc.constantFrom('"true"', 'object.size < 1', 'object.size < 1.0'), default: scalar }), { nil: undefined }),
}).map((g) => {
  const overrides = [g.enforcement && `enforcement: ${g.enforcement}`, g.enabled && `enabled: ${g.enabled}`].filter(Boolean).join(', ');
  const own = g.own ? `  policies:\n    - {id: own, title: own, severity: low, enforcement: deny, condition: '${g.own.condition}', parameters: {x: {default: ${g.own.default}}}}\n` : '';
  return `apiVersion: countersign.dev/v1
kind: Contract
metadata: {name: c}
spec:
  extends: [pack]
  parameters:
    limits: {max: ${g.max}, any: ${g.any}}
${overrides ? `  overrides: {limits: {${overrides}}}\n` : ''}${g.quorum ? `  approvals: {quorum: ${g.quorum}}\n` : ''}${own}`;
});

test('property: contracts that resolve differently never share a digest', () => {
  fc.assert(fc.property(fc.array(contractText, { minLength: 2, maxLength: 12 }), (texts) => {
    const byDigest = new Map<string, unknown>();
    for (const text of texts) {
      let c: ResolvedContract;
      try {
        c = parseContract('c.yaml', text, root);
      } catch (err) {
        if (err instanceof InputError) continue;
        throw err;
      }
      const content = decisionContent(c);
      const prior = byDigest.get(c.digest);
      if (prior === undefined) byDigest.set(c.digest, content);
      else assert.ok(isDeepStrictEqual(prior, content), `one digest ${c.digest} for two resolutions:\n${JSON.stringify(prior)}\n${JSON.stringify(content)}`);
    }
  }), { seed: 6, numRuns: 300 });
});
