// Hole 3 of issue 7: an exception for an exact address must waive only that address, whatever
// characters the address holds; a pattern waives more only when it is given as a pattern.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Evaluation, Finding } from '../model/finding';
import { attestationsFrom } from '../signing/attestation-files';
import { createEnvelope, IN_TOTO_PAYLOAD_TYPE } from '../signing/dsse';
import { keyIdOf } from '../signing/keys';
import { EXCEPTION_PREDICATE, EXCEPTION_PREDICATE_V1 } from '../signing/predicates';
import type { Waiver } from '../signing/predicates';
import { STATEMENT_TYPE, statementBytes, subjectFor } from '../signing/statement';
import type { Statement } from '../signing/statement';
import { judgeRelease } from './judge-release';
import { contractYaml, loadContract, PLAN_TIME, reviewer, TEST_AUDIT_HEAD } from '../testing/release-fixture';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHANGESET = `sha256:${'ab'.repeat(32)}`;
const alice = reviewer('Alice');
const bob = reviewer('Bob');
const dir = mkdtempSync(join(tmpdir(), 'countersign-scope-'));
const contract = loadContract(dir, contractYaml({ privileged: 'deny' }));
rmSync(dir, { recursive: true, force: true });

function finding(address: string, policy = 'rds-not-public'): Finding {
  return {
    policy, title: policy, status: 'fail', enforcement: 'deny', severity: 'high', message: `${address} fails`, remediation: '',
    resource: { address, source: 'terraform', type: 'aws_db_instance', action: 'create', drift: false },
    location: { file: 'plan.json', line: 1 } as Finding['location'],
  };
}

function evaluation(addresses: readonly string[]): Evaluation {
  const findings = addresses.map((a) => finding(a));
  return {
    verdict: 'blocked', findings, at: PLAN_TIME.toISOString(), engineVersion: 'test',
    summary: { resources: findings.length, byAction: {}, findings: findings.length, byEnforcement: {}, bySeverity: {}, errors: 0, checks: 0, evaluations: 0 },
  };
}

/** Signs a statement by hand (both keys), as a file made by another (older or newer) build would be. */
function signed(predicateType: string, predicate: object): unknown {
  const statement: Statement = { _type: STATEMENT_TYPE, subject: [subjectFor('changeset', CHANGESET)], predicateType, predicate };
  const payload = statementBytes(statement);
  const env = createEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, alice.privateKey);
  const second = createEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, bob.privateKey);
  return { ...env, signatures: [...env.signatures, ...second.signatures] };
}

function v1Exception(resource: string): unknown {
  return signed(EXCEPTION_PREDICATE_V1, {
    policy: 'rds-not-public', resource, changeSetDigest: CHANGESET,
    expires: new Date(PLAN_TIME.getTime() + 86_400_000).toISOString(), justification: 'agreed',
    requester: { keyId: keyIdOf(alice.privateKey), name: 'Alice' }, time: new Date(PLAN_TIME.getTime() - 3_600_000).toISOString(),
  });
}

function v2Exception(waives: readonly Waiver[]): unknown {
  return signed(EXCEPTION_PREDICATE, {
    waives, changeSetDigest: CHANGESET, auditHead: TEST_AUDIT_HEAD,
    expires: new Date(PLAN_TIME.getTime() + 86_400_000).toISOString(), justification: 'agreed',
    requester: { keyId: keyIdOf(alice.privateKey), name: 'Alice' }, time: new Date(PLAN_TIME.getTime() - 3_600_000).toISOString(),
  });
}

/** The addresses the exceptions waived (from verify's own result), sorted. */
function waived(envelopes: readonly unknown[], addresses: readonly string[]): string[] {
  const r = judgeRelease({
    changeSetDigest: CHANGESET, contract, evaluation: evaluation(addresses), evaluationDigest: `sha256:${'cd'.repeat(32)}`,
    attestations: attestationsFrom(envelopes), trustedKeys: [alice, bob].map((k) => ({ pem: k.pem })), now: PLAN_TIME,
  });
  const fromApplied = r.exceptionsApplied.flatMap((e) => e.waived.map((w) => w.address)).sort();
  const unwaived = r.reasons.filter((x) => x.code === 'unwaived-finding').length;
  assert.equal(fromApplied.length + unwaived, addresses.length, 'every blocking finding is either listed as waived or reported unwaived');
  return fromApplied;
}

/** Addresses whose characters a glob would read as syntax: brackets, quotes, `*`, `?`, braces, backslashes, module keys, Kubernetes ids. */
const TRICKY_ADDRESSES = [
  'aws_db_instance.db["prod"]',
  'aws_db_instance.db[0]',
  'aws_db_instance.db["a*"]',
  'aws_db_instance.db["?"]',
  'aws_db_instance.db["{a,b}"]',
  'aws_db_instance.db["back\\\\slash"]',
  'aws_db_instance.db["[!x]"]',
  'module.tenant["eu-1"].aws_db_instance.main',
  'module.tenant["*"].module.db[2].aws_db_instance.main',
  'Deployment/acme-analytics/acme-export-worker',
  'Pod/ns/web-*',
  'aws_db_instance.**',
];

/** Neighbours a glob reading of each tricky address would also match. */
const NEIGHBOURS = [
  'aws_db_instance.dbp', 'aws_db_instance.dbr', 'aws_db_instance.dbo', 'aws_db_instance.db0', 'aws_db_instance.dba', 'aws_db_instance.dbb',
  'aws_db_instance.db["ab"]', 'aws_db_instance.db["x"]', 'aws_db_instance.db["a"]', 'aws_db_instance.db["back\\slash"]', 'aws_db_instance.dby',
  'module.tenant["x"].aws_db_instance.main', 'module.tenant["eu-1"].module.db[2].aws_db_instance.main',
  'Pod/ns/web-1', 'Deployment/acme-analytics/acme-export-worker-2', 'aws_db_instance.x',
];

describe('exception scope: v1 files (resource) are read fail-closed', () => {
  test('the reported case: ["prod"] waives only itself, not dbp and dbr', () => {
    const addresses = ['aws_db_instance.db["prod"]', 'aws_db_instance.dbp', 'aws_db_instance.dbr'];
    assert.deepEqual(waived([v1Exception('aws_db_instance.db["prod"]')], addresses), ['aws_db_instance.db["prod"]']);
  });

  for (const address of TRICKY_ADDRESSES.filter((a) => /[[\]{}\\"?]/.test(a))) {
    test(`a v1 resource holding glob syntax is exact: ${address}`, () => {
      assert.deepEqual(waived([v1Exception(address)], [address, ...NEIGHBOURS]), [address]);
    });
  }

  test('a v1 resource with only `*` wildcards (no brackets, quotes, braces, `?` or backslashes) keeps its glob meaning', () => {
    const addresses = ['Pod/ns/web-1', 'Pod/ns/web-2', 'Pod/other/web-1', 'aws_db_instance.x'];
    assert.deepEqual(waived([v1Exception('Pod/ns/web-*')], addresses), ['Pod/ns/web-1', 'Pod/ns/web-2']);
  });

  test('a v1 pattern mixing `*` with brackets is exact (it waives nothing but the identical address)', () => {
    const addresses = ['module.tenant["a"].aws_db_instance.main', 'module.tenant["*"].aws_db_instance.main'];
    assert.deepEqual(waived([v1Exception('module.tenant["*"].aws_db_instance.main')], addresses), ['module.tenant["*"].aws_db_instance.main']);
  });

  test('property: a v1 resource holding `[`, `"`, `{`, `?` or `\\` waives exactly the findings with that address', () => {
    const chars = fc.constantFrom('a', 'b', '.', '[', ']', '"', '*', '?', '{', '}', ',', '\\', '/', '-', '0', '!');
    const address = fc.string({ unit: chars, minLength: 1, maxLength: 12 }).filter((s) => /[[\]{}\\"?]/.test(s));
    fc.assert(fc.property(address, fc.array(fc.string({ unit: chars, minLength: 1, maxLength: 12 }), { maxLength: 6 }), (target, others) => {
      const addresses = [target, ...others];
      const expected = addresses.filter((a) => a === target).sort();
      assert.deepEqual(waived([v1Exception(target)], addresses), expected);
    }), { numRuns: 150, seed: 7 });
  });
});

describe('exception scope: exception/v2 waives addresses exactly and patterns only when asked', () => {
  for (const address of TRICKY_ADDRESSES) {
    test(`an address waiver matches only itself: ${address}`, () => {
      assert.deepEqual(waived([v2Exception([{ policy: 'rds-not-public', address }])], [address, ...NEIGHBOURS]), [address]);
    });
  }

  test('an explicit pattern waives every match, and verify lists each one', () => {
    const addresses = ['aws_db_instance.db["prod"]', 'aws_db_instance.dbp', 'Pod/ns/web-1'];
    assert.deepEqual(waived([v2Exception([{ policy: 'rds-not-public', pattern: 'aws_db_instance.db*' }])], addresses),
      ['aws_db_instance.db["prod"]', 'aws_db_instance.dbp']);
  });

  test('a batch waives exactly its addresses, for its policy only', () => {
    const addresses = ['a.x', 'a.y', 'a.z'];
    const batch = v2Exception([{ policy: 'rds-not-public', address: 'a.x' }, { policy: 'rds-not-public', address: 'a.z' }, { policy: 'sg-rule-not-world', address: 'a.y' }]);
    assert.deepEqual(waived([batch], addresses), ['a.x', 'a.z']);
  });

  test('a waiver with both address and pattern, or neither, is malformed and waives nothing', () => {
    const both = v2Exception([{ policy: 'rds-not-public', address: 'a.x', pattern: '*' } as unknown as Waiver]);
    const neither = v2Exception([{ policy: 'rds-not-public' } as unknown as Waiver]);
    assert.deepEqual(waived([both, neither], ['a.x', 'a.y']), []);
  });

  test('property: an address waiver waives exactly the findings with that address, whatever its characters', () => {
    const chars = fc.constantFrom('a', '.', '[', ']', '"', '*', '?', '{', '}', ',', '\\', '/', '!', '-', 'é', '\u202e');
    const str = fc.string({ unit: chars, minLength: 1, maxLength: 12 });
    fc.assert(fc.property(str, fc.array(str, { maxLength: 6 }), (target, others) => {
      const addresses = [target, ...others];
      assert.deepEqual(waived([v2Exception([{ policy: 'rds-not-public', address: target }])], addresses), addresses.filter((a) => a === target).sort());
    }), { numRuns: 150, seed: 11 });
  });
});

describe('exception requester: a claim of the payload, shown as such unless the requester signed', () => {
  function onlyBobSigned(): unknown {
    const statement: Statement = { _type: STATEMENT_TYPE, subject: [subjectFor('changeset', CHANGESET)], predicateType: EXCEPTION_PREDICATE, predicate: {
      waives: [{ policy: 'rds-not-public', address: 'aws_db_instance.a' }], changeSetDigest: CHANGESET, auditHead: TEST_AUDIT_HEAD,
      expires: new Date(PLAN_TIME.getTime() + 86_400_000).toISOString(), justification: 'agreed',
      requester: { keyId: keyIdOf(alice.privateKey), name: 'Alice' }, time: new Date(PLAN_TIME.getTime() - 3_600_000).toISOString(),
    } };
    return createEnvelope(IN_TOTO_PAYLOAD_TYPE, statementBytes(statement), bob.privateKey);
  }
  const requesters = (envelopes: readonly unknown[]) => judgeRelease({
    changeSetDigest: CHANGESET, contract, evaluation: evaluation(['aws_db_instance.a']), evaluationDigest: `sha256:${'cd'.repeat(32)}`,
    attestations: attestationsFrom(envelopes), trustedKeys: [alice, bob].map((k) => ({ pem: k.pem })), now: PLAN_TIME,
  }).exceptions.map((e) => e.requester);

  test('Bob alone signed a file naming Alice as requester: verify does not present Alice as its requester', () => {
    assert.deepEqual(requesters([onlyBobSigned()]), ['Alice (claimed, not a signer)']);
    assert.deepEqual(requesters([v2Exception([{ policy: 'rds-not-public', address: 'aws_db_instance.a' }])]), ['Alice']);
  });
});
