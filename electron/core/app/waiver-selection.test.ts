import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { selectFindingsForWaiver } from './waiver-selection';
import type { SelectableFinding, WaiverSelector } from './waiver-selection';

const f = (policy: string, address: string, more: Partial<SelectableFinding> = {}): SelectableFinding => ({
  policy, address, status: 'fail', enforcement: 'deny', severity: 'high', waived: false, ...more,
});

/** One of each kind the selection must tell apart. */
const FINDINGS: readonly SelectableFinding[] = [
  f('db-no-replace', 'module.database.aws_db_instance.main', { severity: 'critical' }),
  f('db-no-replace', 'module.database.aws_db_instance.replica', { severity: 'critical' }),
  f('s3-public', 'aws_s3_bucket.logs', { severity: 'medium' }),
  f('s3-public', 'aws_s3_bucket.b["x.y"]', { severity: 'medium', status: 'error' }),
  f('no-root', 'module.database.kubernetes_pod.a', { enforcement: 'mandatory' }),
  f('trial-policy', 'module.database.aws_db_instance.main', { shadow: true }),
  f('s3-public', 'aws_s3_bucket.waived', { waived: true }),
  f('db-no-replace', 'module.database.aws_db_instance.later', { status: 'unknown' }),
  f('tags', 'aws_s3_bucket.logs', { enforcement: 'approval' }),
  f('tags', 'aws_s3_bucket.other', { enforcement: 'advisory' }),
];
const addresses = (s: WaiverSelector) => selectFindingsForWaiver(FINDINGS, s).waives.map((w) => `${w.policy} ${w.address}`);

describe('selectFindingsForWaiver: only waivable deny findings, as exact addresses', () => {
  test('all deny findings: every failed or errored deny finding not waived yet, grouped by policy', () => {
    const r = selectFindingsForWaiver(FINDINGS, { allDeny: true });
    assert.deepEqual(r.groups.map((g) => [g.policy, g.addresses]), [
      ['db-no-replace', ['module.database.aws_db_instance.main', 'module.database.aws_db_instance.replica']],
      ['s3-public', ['aws_s3_bucket.b["x.y"]', 'aws_s3_bucket.logs']],
    ]);
    assert.equal(r.total, 4);
    assert.ok(r.waives.every((w) => 'address' in w && !('pattern' in w)), 'exact addresses, never a pattern');
  });

  test('mandatory, shadow, waived, unknown, approval and advisory findings are never selected, whatever the selector', () => {
    const never = new Set(['no-root', 'trial-policy', 'tags', 's3-public aws_s3_bucket.waived', 'db-no-replace module.database.aws_db_instance.later']);
    const selectors: WaiverSelector[] = [
      { allDeny: true }, { policies: ['no-root', 'trial-policy', 'tags', 's3-public', 'db-no-replace'] },
      { severities: ['critical', 'high', 'medium', 'low', 'info'] }, { resourcePattern: '**' }, { resourcePattern: 'module.database.*' },
    ];
    for (const s of selectors) {
      for (const a of addresses(s)) assert.ok(![...never].some((n) => a === n || a.startsWith(`${n} `)), `${JSON.stringify(s)} selected ${a}`);
    }
    for (const pick of [FINDINGS[4]!, FINDINGS[5]!, FINDINGS[6]!, FINDINGS[7]!, FINDINGS[8]!]) {
      assert.throws(() => selectFindingsForWaiver(FINDINGS, { findings: [{ policy: pick.policy, address: pick.address }] }), /cannot be waived/);
    }
  });

  test('by policy, by severity, by resource pattern; filters combine (AND)', () => {
    assert.deepEqual(addresses({ policies: ['s3-public'] }), ['s3-public aws_s3_bucket.b["x.y"]', 's3-public aws_s3_bucket.logs']);
    assert.deepEqual(addresses({ severities: ['critical'] }), ['db-no-replace module.database.aws_db_instance.main', 'db-no-replace module.database.aws_db_instance.replica']);
    assert.deepEqual(addresses({ resourcePattern: 'module.database.*' }), ['db-no-replace module.database.aws_db_instance.main', 'db-no-replace module.database.aws_db_instance.replica']);
    assert.deepEqual(addresses({ resourcePattern: '*.replica', severities: ['critical'] }), ['db-no-replace module.database.aws_db_instance.replica']);
    assert.throws(() => addresses({ policies: ['s3-public'], severities: ['critical'] }), /no waivable finding matches/);
  });

  test('a built-in check (not a contract policy) is never waivable', () => {
    const r = selectFindingsForWaiver([...FINDINGS, f('input-integrity', 'x')], { allDeny: true }, { contractPolicies: new Set(['db-no-replace', 's3-public']) });
    assert.ok(!r.waives.some((w) => w.policy === 'input-integrity'));
    assert.throws(() => selectFindingsForWaiver([f('input-integrity', 'x')], { findings: [{ policy: 'input-integrity', address: 'x' }] }, { contractPolicies: new Set(['s3-public']) }), /built-in check/);
  });

  test('an empty selector, or one mixing kinds, is refused rather than read as "everything"', () => {
    assert.throws(() => selectFindingsForWaiver(FINDINGS, {}), /choose what to waive/);
    assert.throws(() => selectFindingsForWaiver(FINDINGS, { allDeny: true, policies: ['s3-public'] }), /not a mix/);
    assert.throws(() => selectFindingsForWaiver(FINDINGS, { findings: [], severities: ['high'] }), /not a mix/);
  });

  test('more than 1000 findings are refused with how to split them; 1000 pass', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => f('s3-public', `aws_s3_bucket.b${i}`));
    assert.equal(selectFindingsForWaiver(many(1000), { allDeny: true }).total, 1000);
    assert.throws(() => selectFindingsForWaiver(many(1001), { allDeny: true }), /1001 findings are selected, but one exception waives at most 1000: narrow the selection/);
  });

  test('the same (policy, address) twice is listed once (exception/v2 refuses duplicates)', () => {
    const r = selectFindingsForWaiver([f('p', 'a'), f('p', 'a'), f('q', 'a')], { allDeny: true });
    assert.deepEqual(r.waives, [{ policy: 'p', address: 'a' }, { policy: 'q', address: 'a' }]);
  });
});

describe('resource patterns fail closed', () => {
  test('a pattern with an invisible or control character is refused (what is shown would not be what is matched)', () => {
    for (const bad of ['aws_s3_bucket.\u202e*', 'aws_\u200b*', 'a\u0000*', '*\n*', 'x\u001b[31m*', '\u2028*', '*\ufeff']) {
      assert.throws(() => selectFindingsForWaiver(FINDINGS, { resourcePattern: bad }), /does not show/, JSON.stringify(bad));
    }
  });

  test('an empty, too long or invalid glob is refused', () => {
    assert.throws(() => selectFindingsForWaiver(FINDINGS, { resourcePattern: '  ' }), /pattern is empty/);
    assert.throws(() => selectFindingsForWaiver(FINDINGS, { resourcePattern: `${'a'.repeat(1025)}*` }), /not a valid glob/);
  });

  test('the selection is exactly the findings the contract\'s glob matches (glob.ts is the one oracle), never more', async () => {
    const { glob } = await import('../base/glob');
    const seg = fc.stringMatching(/^[a-z0-9_.[\]"*?{},-]{0,8}$/);
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('p', 'q'), seg), { minLength: 1, maxLength: 12 }), seg, (pairs, pattern) => {
      const findings = pairs.map(([p, a]) => f(p, a === '' ? 'x' : a));
      let expected: string[];
      try {
        expected = [...new Set(findings.filter((x) => glob(pattern, x.address)).map((x) => `${x.policy} ${x.address}`))].sort();
      } catch {
        expected = [];
      }
      let got: string[];
      try {
        got = selectFindingsForWaiver(findings, { resourcePattern: pattern }).waives.map((w) => `${w.policy} ${w.address}`).sort();
      } catch {
        got = [];
      }
      assert.deepEqual(got, expected);
    }), { numRuns: 500 });
  });
});
