import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/errors';
import { parsePolicyFile } from '../contract/parse-policy';
import { policy } from '../../testing/engine-fixtures';
import { compilePolicy, compilePolicyLazily } from './compile-policy';

const FILE = 'policies/p/x/policy.yaml';
const HEAD = 'id: x\ntitle: X\nseverity: high\nenforcement: deny\n';

function compileError(text: string): InputError {
  try {
    compilePolicy(parsePolicyFile(FILE, text, 'p'), {});
  } catch (err) {
    assert.ok(err instanceof InputError, String(err));
    return err;
  }
  assert.fail('expected the policy to be rejected');
}

describe('compilePolicy errors point into the policy file', () => {
  test('a syntax error on the 2nd line of a block condition → that file line and column', () => {
    const err = compileError(`${HEAD}condition: |\n  resource.action != "delete" &&\n    object.size >\n`);
    assert.equal(err.file, FILE);
    assert.match(err.reason, /^policy "x": condition: /);
    assert.equal(err.line, 7);
    assert.equal(err.column, 18);
  });

  test('an unknown function in a one-line quoted condition → its column', () => {
    const err = compileError(`${HEAD}condition: "resource.action == 'create' && frobnicate(object)"\n`);
    assert.equal(err.line, 5);
    assert.equal(err.column, 'condition: "'.length + "resource.action == 'create' && ".length + 1);
    assert.match(err.reason, /frobnicate/);
  });

  test('a backreference in a literal regex is rejected with the RE2 advice', () => {
    const err = compileError(`${HEAD}condition: |\n  object.name.matches("^(a)\\\\1$")\n`);
    assert.equal(err.line, 6);
    assert.equal(err.column, 3 + 'object.name.matches('.length);
    assert.match(err.reason, /needs backtracking \(a backreference\); use RE2 syntax/);
  });

  test('a condition that is not a bool is rejected', () => {
    assert.match(compileError(`${HEAD}condition: size(object.items)\n`).reason, /must be a bool expression, but it is int/);
  });

  test('a broken message segment points at the segment', () => {
    const err = compileError(`${HEAD}condition: "true"\nmessage: "{{ resource.address }} has {{ object. }}"\n`);
    assert.equal(err.line, 6);
    assert.match(err.reason, /^policy "x": message: /);
  });

  test('a path that is not a list is rejected', () => {
    assert.match(compileError(`${HEAD}condition: "true"\npath: '"spec"'\n`).reason, /path must be a list/);
  });

  test('a policy built in code (no positions) still names its definedAt', () => {
    assert.throws(() => compilePolicy(policy({ id: 'y', condition: '1 +', definedAt: { file: 'c.yaml', line: 40, column: 7 } }), {}),
      (err: unknown) => err instanceof InputError && err.file === 'c.yaml' && err.line === 40);
  });
});

describe('compilePolicy', () => {
  test('params are the defaults with the given values on top', () => {
    const p = policy({ id: 'p', condition: 'true', parameters: { a: { description: '', default: 1 }, b: { description: '', default: ['x'] } } });
    assert.deepEqual(compilePolicy(p, { b: ['y'] }).params, { a: 1, b: ['y'] });
  });

  test('message templates interpolate CEL and show <error: …> for a failing segment', () => {
    const cp = compilePolicy(policy({ id: 'p', condition: 'true', message: '{{ resource.address }} has {{ object.replicas }} replicas, {{ object.nope }}, {{ [1, "a"] }}' }), {});
    const text = cp.message({ resource: { address: 'Deployment/a/web' }, object: { replicas: 3 }, oldObject: null, params: {}, changeset: {}, now: new Date() });
    assert.equal(text, 'Deployment/a/web has 3 replicas, <error: No such key: nope>, [1,"a"]');
  });

  test('an empty message falls back to the title', () => {
    const cp = compilePolicy(policy({ id: 'p', title: 'Be good', condition: 'true' }), {});
    assert.equal(cp.message({ resource: {}, object: null, oldObject: null, params: {}, changeset: {}, now: new Date() }), 'Be good');
  });
});

describe('compilePolicyLazily (explaining stored findings)', () => {
  test('compiles each part on first use only, and a part that does not compile throws then, as compilePolicy would', () => {
    const broken = policy({ id: 'p', condition: 'object.x == 1', message: '{{ 1 + }}', parameters: { a: { description: '', default: 2 } } });
    assert.throws(() => compilePolicy(broken, {}), InputError);
    const cp = compilePolicyLazily(broken, { a: 3 });
    // What the explain stage reads works, although the message does not compile.
    assert.deepEqual(cp.params, { a: 3 });
    assert.equal(cp.condition.run({ resource: {}, object: { x: 1 }, oldObject: null, params: {}, changeset: {}, now: new Date() }), true);
    assert.throws(() => cp.message, (err: Error) => err instanceof InputError && /policy "p": message/.test(err.message));
    assert.deepEqual(Object.keys(cp).sort(), ['condition', 'matches', 'message', 'params', 'policy'], 'the same fields as compilePolicy gives');
  });
});
