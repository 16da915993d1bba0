import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Finding } from '../model/finding';
import type { Policy, PolicyTestCase } from '../model/policy';
import { corpusPath } from '../testing/corpus';
import type { PolicyTestResult } from './run-policy-tests';
import { compare, runPolicyTests } from './run-policy-tests';

// A policy folder laid out like policies/<pack>/<id>/, with a real plan as its test input.
const policyDir = mkdtempSync(join(tmpdir(), 'countersign-policy-tests-'));
mkdirSync(join(policyDir, 'tests'));
copyFileSync(corpusPath('terraform', 'tfcompliance-rds-publicly-accessible-create.tfplan.json'), join(policyDir, 'tests', 'rds.tfplan.json'));
const DB = 'aws_db_instance.default';

function policy(condition: string, tests: readonly PolicyTestCase[], extra: Partial<Policy> = {}): Policy {
  return {
    id: 'db-encrypted', title: 'Databases are encrypted', description: '', severity: 'high', enforcement: 'deny',
    enabled: true, match: { types: ['aws_db_instance'] }, condition, message: '{{ resource.address }} is not encrypted',
    parameters: { required: { description: 'require encryption', default: true } }, remediation: '', tags: [],
    pack: 'demo', tests, definedAt: { file: join(policyDir, 'policy.yaml'), line: 1, column: 1 }, ...extra,
  };
}

const ENCRYPTED = '!params.required || lookup(object, "storage_encrypted", false) == true';
const input = 'tests/rds.tfplan.json';

function only(results: readonly PolicyTestResult[]): PolicyTestResult {
  assert.equal(results.length, 1);
  return results[0]!;
}

describe('runPolicyTests', () => {
  test('an expected failure passes; an unexpected failure is a mismatch with the finding message', async () => {
    const seen: string[] = [];
    const report = await runPolicyTests([policy(ENCRYPTED, [
      { name: 'unencrypted fails', input, expectFail: [DB] },
      { name: 'wrong: expects no failure', input, expectFail: [] },
    ])], { onResult: (r) => seen.push(r.name) });
    assert.deepEqual(seen, ['unencrypted fails', 'wrong: expects no failure']);
    assert.equal(report.passed, 1);
    assert.equal(report.failed, 1);
    assert.equal(report.errors, 0);
    const [ok, bad] = report.results;
    assert.equal(ok!.status, 'pass');
    assert.equal(ok!.findings.length, 1);
    assert.equal(bad!.status, 'fail');
    assert.deepEqual(bad!.mismatches, [{ address: DB, expected: 'pass', actual: 'fail', message: `${DB} is not encrypted` }]);
  });

  test('an expected failure of an address the input lacks is reported as absent', async () => {
    const r = only((await runPolicyTests([policy(ENCRYPTED, [{ name: 'typo', input, expectFail: ['aws_db_instance.defualt'] }])])).results);
    assert.equal(r.status, 'fail');
    assert.deepEqual(r.mismatches.map((m) => [m.address, m.expected, m.actual]), [
      ['aws_db_instance.defualt', 'fail', 'absent'],
      [DB, 'pass', 'fail'],
    ]);
  });

  test('case parameters are merged over the defaults', async () => {
    const r = only((await runPolicyTests([policy(ENCRYPTED, [{ name: 'not required', input, parameters: { required: false }, expectFail: [] }])])).results);
    assert.equal(r.status, 'pass', JSON.stringify(r.mismatches));
  });

  test('expectError: a CEL runtime error must happen where expected (fail closed)', async () => {
    const erroring = policy('object.no_such_attribute == true', [
      { name: 'errors', input, expectFail: [], expectError: [DB] },
      { name: 'error is not a failure', input, expectFail: [DB] },
    ]);
    const [ok, bad] = (await runPolicyTests([erroring])).results;
    assert.equal(ok!.status, 'pass', JSON.stringify(ok!.mismatches));
    assert.equal(bad!.status, 'fail');
    assert.equal(bad!.mismatches[0]!.actual, 'error');
  });

  test('the case time is `now`', async () => {
    const timed = policy('now < timestamp("2026-01-01T00:00:00Z")', [
      { name: 'before the deadline', input, at: '2025-06-01T00:00:00Z', expectFail: [] },
      { name: 'after the deadline', input, at: '2026-06-01T00:00:00Z', expectFail: [DB] },
    ]);
    const report = await runPolicyTests([timed]);
    assert.deepEqual(report.results.map((r) => r.status), ['pass', 'pass']);
    assert.equal(report.results[0]!.at, '2025-06-01T00:00:00.000Z');
  });

  test('a disabled policy is still tested', async () => {
    const r = only((await runPolicyTests([policy(ENCRYPTED, [{ name: 'fails', input, expectFail: [DB] }], { enabled: false })])).results);
    assert.equal(r.status, 'pass');
  });

  test('cases that cannot run are errors naming the reason; policies without tests are listed', async () => {
    const report = await runPolicyTests([
      policy(ENCRYPTED, [
        { name: 'missing input', input: 'tests/nope.json', expectFail: [] },
        { name: 'unknown parameter', input, parameters: { requird: false }, expectFail: [] },
        { name: 'bad time', input, at: 'next tuesday', expectFail: [] },
      ]),
      policy(ENCRYPTED, [], { id: 'untested-policy' }),
    ]);
    assert.equal(report.errors, 3);
    assert.deepEqual(report.untested, ['untested-policy']);
    const [missing, unknown, badTime] = report.results;
    assert.match(missing!.error ?? '', /nope\.json/);
    assert.match(unknown!.error ?? '', /unknown parameter 'requird' \(the policy has required\)/);
    assert.match(badTime!.error ?? '', /next tuesday/);
  });

  test('inline cases (countersign test CONTRACT on a v3 contract) run next to file cases, with the same statuses', async () => {
    const db = (encrypted: boolean) => ({ source: 'terraform' as const, type: 'aws_db_instance', address: 'aws_db_instance.x', action: 'create' as const, after: { storage_encrypted: encrypted } });
    const report = await runPolicyTests([policy(ENCRYPTED, [
      { name: 'unencrypted fails', resource: db(false), expect: 'fail' },
      { name: 'wrong', resource: db(true), expect: 'fail' },
      { name: 'bad parameter', resource: db(true), expect: 'pass', parameters: { requried: true } },
      { name: 'file case', input, expectFail: [DB] },
    ])]);
    assert.deepEqual(report.results.map((r) => [r.name, r.status, r.input]), [
      ['unencrypted fails', 'pass', '(inline resource)'], ['wrong', 'fail', '(inline resource)'], ['bad parameter', 'error', '(inline resource)'], ['file case', 'pass', join(policyDir, input)],
    ]);
    assert.deepEqual(report.results[1]!.mismatches, [{ address: 'aws_db_instance.x', expected: 'fail', actual: 'pass' }]);
  });

  test('a policy that does not compile throws its InputError', async () => {
    await assert.rejects(runPolicyTests([policy('object.storage_encrypted ==', [{ name: 'x', input, expectFail: [] }])]), { name: 'InputError' });
  });
});

describe('compare (expectations vs findings)', () => {
  const f = (address: string, status: Finding['status']): Finding => ({
    policy: 'p', title: '', status, enforcement: 'deny', severity: 'high', message: `${address} ${status}`, remediation: '',
    resource: { address, source: 'terraform', type: 't', action: 'create', drift: false }, location: { file: 'f', line: 1, column: 1 },
  });
  const present = new Set(['a', 'b', 'c']);

  test('all as expected: no mismatches', () => {
    assert.deepEqual(compare({ name: 'n', input: 'i', expectFail: ['a'], expectError: ['b'] }, [f('a', 'fail'), f('b', 'error')], present), []);
  });

  test('an expected failure that passed, and an error where a failure was expected', () => {
    assert.deepEqual(compare({ name: 'n', input: 'i', expectFail: ['a', 'b'] }, [f('b', 'error')], present), [
      { address: 'a', expected: 'fail', actual: 'pass' },
      { address: 'b', expected: 'fail', actual: 'error', message: 'b error' },
    ]);
  });

  test('an unexpected error on another resource', () => {
    assert.deepEqual(compare({ name: 'n', input: 'i', expectFail: [] }, [f('c', 'fail'), f('c', 'error')], present), [
      { address: 'c', expected: 'pass', actual: 'error', message: 'c error' },
    ]);
  });
});
