import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
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

  test('linear time on a pattern that makes picomatch backtrack for minutes', () => {
    assert.equal(glob('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(50_000)), false);
  });

  test('globAny over a list', () => {
    assert.equal(globAny(['docker.io/**', 'ghcr.io/acme/**'], 'ghcr.io/acme/api'), true);
    assert.equal(globAny([], 'x'), false);
    assert.throws(() => globAny([1], 'x'), { name: 'CelFunctionError' });
  });
});
