/**
 * Issue 7 hole 11: every place that reads a timestamp from input refuses an impossible date
 * instead of rolling it over (`2026-02-30` → March 2, `T24:00` → the next day).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiContract } from '../../shared/api-contract';
import { parseChangeSetManifest } from '../loaders/bundle/manifest';
import { parseIsoInstant } from '../engine/cel/functions/time';
import { testCaseSchema } from '../engine/contract/schemas';
import { decisionPredicateSchema, decisionPredicateV1Schema, exceptionPredicateSchema, exceptionPredicateV1Schema } from '../signing/predicates';
import { resolveTrustedKeys } from '../verify/trusted-keys';
import { generateKeyPairSync } from 'node:crypto';

const IMPOSSIBLE = ['2026-02-30T00:00:00Z', '2026-04-31T10:00:00Z', '2025-02-29T10:00:00Z', '2026-01-05T24:00:00Z', '2026-01-05T10:00:00+25:00'];
const GOOD = '2026-03-02T00:00:00Z';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const AUDIT_HEAD = { seq: 1, hash: 'b'.repeat(64), genesis: 'b'.repeat(64) };
const exceptionPredicateV1 = (time: string) => ({
  policy: 'p', resource: 'r', changeSetDigest: null, expires: time, justification: 'j', requester: { keyId: DIGEST, name: 'n' }, time: GOOD,
});
const exceptionPredicate = (time: string) => ({
  waives: [{ policy: 'p', address: 'r' }], changeSetDigest: null, expires: time, justification: 'j', requester: { keyId: DIGEST, name: 'n' }, time: GOOD, auditHead: AUDIT_HEAD,
});
const decisionPredicateV1 = (time: string) => ({
  decision: 'approve', contract: { name: 'c', digest: DIGEST }, evaluation: { digest: DIGEST, verdict: 'pass', engineVersion: '1', at: time },
  exceptions: [], reviewer: { keyId: DIGEST, name: 'n' }, time: GOOD, comment: '',
});
const decisionPredicate = (time: string) => ({ ...decisionPredicateV1(time), auditHead: AUDIT_HEAD });

describe('impossible times are refused by every reader', () => {
  test('signed predicates, v1 and v2 (decision evaluation.at, exception expires)', () => {
    const readers = [
      [decisionPredicateV1Schema, decisionPredicateV1], [decisionPredicateSchema, decisionPredicate],
      [exceptionPredicateV1Schema, exceptionPredicateV1], [exceptionPredicateSchema, exceptionPredicate],
    ] as const;
    for (const [schema, predicate] of readers) {
      assert.ok(schema.safeParse(predicate(GOOD)).success);
      for (const t of IMPOSSIBLE) assert.equal(schema.safeParse(predicate(t)).success, false, t);
    }
  });

  test('contract test cases (at)', () => {
    const tc = (at: string) => ({ name: 'n', input: 'i.yaml', at });
    assert.ok(testCaseSchema.safeParse(tc(GOOD)).success);
    assert.ok(testCaseSchema.safeParse(tc('2026-03-02')).success);
    for (const t of [...IMPOSSIBLE, '2026-02-30', 'March 5, 2026', '2026-01-05T03:00:00']) assert.equal(testCaseSchema.safeParse(tc(t)).success, false, t);
  });

  test('CEL daysUntil', () => {
    assert.equal(parseIsoInstant(GOOD).toISOString(), '2026-03-02T00:00:00.000Z');
    for (const t of [...IMPOSSIBLE, '2026-02-30']) assert.throws(() => parseIsoInstant(t), /not an ISO-8601 date or date-time|does not exist|zone/, t);
  });

  test('changeset.yaml times', () => {
    const manifest = (t: string) => `apiVersion: countersign.dev/v1\nkind: ChangeSet\nmetadata:\n  plannedApplyAt: "${t}"\nartifacts:\n  - {kind: kubernetes, path: a.yaml}\n`;
    assert.equal(parseChangeSetManifest('changeset.yaml', manifest(GOOD)).metadata.plannedApplyAt, GOOD);
    for (const t of IMPOSSIBLE) assert.throws(() => parseChangeSetManifest('changeset.yaml', manifest(t)), /plannedApplyAt/, t);
  });

  test('key revocation times', () => {
    const pem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    assert.equal(resolveTrustedKeys([{ pem, revokedAt: GOOD }]).size, 1);
    for (const t of [...IMPOSSIBLE, 'March 5, 2026']) assert.throws(() => resolveTrustedKeys([{ pem, revokedAt: t, source: 'k.pem' }]), /k\.pem: revocation time/, t);
  });

  test('the app API (exception expiry)', () => {
    const input = (expires: string) => ({ digest: DIGEST, waives: [{ policy: 'p', address: 'r' }], justification: 'j', expires, scope: 'changeset', keyId: DIGEST, passphrase: 'x' });
    assert.ok(apiContract.requestException.input.safeParse(input(GOOD)).success);
    for (const t of [...IMPOSSIBLE, 'March 5, 2026 Z']) assert.equal(apiContract.requestException.input.safeParse(input(t)).success, false, t);
  });
});
