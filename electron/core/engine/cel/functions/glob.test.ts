import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { glob, globAny, globToRE2 } from './glob';

describe('glob', () => {
  const cases: [string, string, boolean][] = [
    ['aws_db_*', 'aws_db_instance', true],
    ['aws_db_*', 'aws_rds_cluster', false],
    ['team-*', 'team-a', true],
    ['team-*', 'team-a/sub', false], // * does not cross /
    ['registry.example.com/**', 'registry.example.com/a/b/c:1', true],
    ['registry.example.com/**', 'registry.example.com', true],
    ['registry.example.com/**', 'registry.example.comx/a', false],
    ['ghcr.io/*/app', 'ghcr.io/acme/app', true],
    ['ghcr.io/*/app', 'ghcr.io/acme/x/app', false],
    ['ghcr.io/**/app', 'ghcr.io/acme/x/app', true],
    ['ghcr.io/**/app', 'ghcr.io/app', true],
    ['v?', 'v1', true],
    ['v?', 'v10', false],
    ['[abc]x', 'bx', true],
    ['[!abc]x', 'bx', false],
    ['[a-c]x', 'cx', true],
    ['{dev,prod}-*', 'prod-eu', true],
    ['{dev,prod}-*', 'test-eu', false],
    ['a.b', 'aXb', false], // the dot is literal
    ['a+b', 'a+b', true],
    ['(x)', '(x)', true],
    // `**` glued to other text is a plain `*`: it never crosses `/` (an exception pattern for
    // `api**` must not waive `api-evil/backdoor`).
    ['ghcr.io/acme/api**', 'ghcr.io/acme/api:1.2', true],
    ['ghcr.io/acme/api**', 'ghcr.io/acme/api-evil/backdoor:6.6.6', false],
    ['Pod/pay**', 'Pod/payments', true],
    ['Pod/pay**', 'Pod/payroll-attacker/miner', false],
    ['**x', 'ax', true],
    ['**x', 'a/bx', false],
    ['a/**b/c', 'a/xb/c', true],
    ['a/**b/c', 'a/x/yb/c', false],
    ['**', 'a/b/c', true],
  ];
  for (const [pattern, s, expected] of cases) {
    test(`${pattern} ~ ${s} → ${expected}`, () => assert.equal(glob(pattern, s), expected));
  }

  test('agrees with picomatch (dot: true) on every case above but [!…]', () => {
    // picomatch 4 reads `[!abc]` as the set {!, a, b, c}; we follow POSIX fnmatch (negation).
    for (const [pattern, s] of cases.filter(([p]) => !p.startsWith('[!'))) {
      assert.equal(glob(pattern, s), picomatch(pattern, { dot: true })(s), `${pattern} ~ ${s} (RE2: ${globToRE2(pattern)})`);
    }
  });

  test('property: never matches where picomatch does not (no widening), on generated patterns', () => {
    const parts = ['a', 'b', '/', '*', '**', '?', '-', '.', 'x/', '{a,b}'];
    const words = ['a', 'b', 'ab', 'a/b', 'a-b', 'x/a', 'x/b/a', 'ba', 'a.b', 'x/ab/b', ''];
    fc.assert(fc.property(fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 6 }), fc.constantFrom(...words), (ps, w) => {
      const pattern = ps.join('');
      if (glob(pattern, w)) assert.ok(picomatch(pattern, { dot: true })(w) || w === '', `${pattern} ~ ${w} (RE2: ${globToRE2(pattern)})`);
    }), { seed: 7, numRuns: 3000 });
  });

  test('linear time on a pattern that makes picomatch backtrack for minutes', () => {
    assert.equal(glob('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(50_000)), false);
  });

  test('globAny over a list', () => {
    assert.equal(globAny(['docker.io/**', 'ghcr.io/acme/**'], 'ghcr.io/acme/api'), true);
    assert.equal(globAny([], 'x'), false);
    assert.throws(() => globAny([1], 'x'), { name: 'CelFunctionError' });
  });
});
