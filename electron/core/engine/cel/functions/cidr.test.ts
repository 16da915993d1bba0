import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileExpression } from '../compile-expression';
import { cidrContains, isAnyCIDR, isPublicCIDR } from './cidr';

describe('isPublicCIDR', () => {
  const cases: [string, boolean][] = [
    ['0.0.0.0/0', true],
    ['8.8.8.0/24', true],
    ['8.8.8.8', true],
    ['10.0.0.0/8', false],
    ['10.1.2.3/32', false],
    ['172.16.0.0/12', false],
    ['172.32.0.0/16', true], // just outside 172.16/12
    ['192.168.1.0/24', false],
    ['100.64.0.0/10', false],
    ['127.0.0.1/32', false],
    ['169.254.169.254/32', false],
    ['192.0.2.0/24', false],
    ['224.0.0.0/4', false],
    ['0.0.0.0/1', true], // contains 8.8.8.8
    ['10.0.0.0/7', true], // 10/8 plus 11/8
    ['::/0', true],
    ['2600:1f18::/32', true],
    ['2001:db8::/32', false],
    ['fd00::/8', false],
    ['fe80::1/128', false],
    ['::1/128', false],
    ['::ffff:8.8.8.8/128', true],
    ['::ffff:10.0.0.1/128', false],
  ];
  for (const [cidr, expected] of cases) {
    test(`${cidr} → ${expected}`, () => assert.equal(isPublicCIDR(cidr), expected));
  }
});

describe('isAnyCIDR', () => {
  for (const [cidr, expected] of [['0.0.0.0/0', true], ['::/0', true], ['0.0.0.0/1', false], ['10.0.0.0/8', false], ['::/1', false]] as const) {
    test(`${cidr} → ${expected}`, () => assert.equal(isAnyCIDR(cidr), expected));
  }
});

describe('cidrContains', () => {
  const cases: [string, string, boolean][] = [
    ['10.0.0.0/8', '10.1.2.3', true],
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.0.0.0/16', '10.0.0.0/8', false],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['0.0.0.0/0', '203.0.113.9/32', true],
    ['2001:db8::/32', '2001:db8:1::/48', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['::/0', '10.0.0.1', false], // families differ
    ['10.0.0.1/8', '10.200.0.0/16', true], // host bits in the CIDR are ignored
  ];
  for (const [outer, inner, expected] of cases) {
    test(`${outer} ⊇ ${inner} → ${expected}`, () => assert.equal(cidrContains(outer, inner), expected));
  }
});

describe('invalid CIDRs are errors, never a crash or a silent answer', () => {
  for (const bad of ['', 'banana', '10.0.0.0/33', '10.0.0/8', '256.0.0.0/8', '010.0.0.0/8', '10.0.0.0/-1', '1::2::3/64', '::/129', '10.0.0.0/8/8', 'x'.repeat(10_000)]) {
    test(JSON.stringify(bad.slice(0, 20)), () => {
      assert.throws(() => isPublicCIDR(bad), { name: 'CelFunctionError', message: /invalid CIDR/ });
      assert.throws(() => cidrContains('10.0.0.0/8', bad), { name: 'CelFunctionError' });
    });
  }
});

test('the CIDR functions are callable from CEL over plan values', () => {
  const rule = compileExpression('!object.ingress.exists(i, i.cidr_blocks.exists(c, isAnyCIDR(c))) && object.ingress.all(i, i.cidr_blocks.all(c, cidrContains("10.0.0.0/8", c) || !isPublicCIDR(c)))');
  const run = (cidrs: string[]) => rule.run({ resource: {}, object: { ingress: [{ cidr_blocks: cidrs }] }, oldObject: null, params: {}, changeset: {}, now: new Date() });
  assert.equal(run(['10.1.0.0/16', '192.168.0.0/24']), true);
  assert.equal(run(['0.0.0.0/0']), false);
  assert.equal(run(['8.8.8.0/24']), false);
});
