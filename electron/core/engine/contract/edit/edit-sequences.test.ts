import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'yaml';
import type { ContractEdit } from '../../../base/contract-edits';
import { EDIT_FIXTURES, FIXTURE_PACKS, fixtureContext } from '../../../testing/contract-edit-fixtures';
import { assertOnlyTouched, expectedAfter } from '../../../testing/contract-edit-model';
import { applyContractEdits } from './apply-contract-edits';
import { propertyRuns } from '../../../testing/property-runs';

const text = fc.array(fc.oneof(
  fc.constantFrom(' ', '\n', '\r', '\t', '#', ' # ', ': ', '- ', '"', "'", '\\', '{', ']', ',', 'yes', '1', 'null', 'é', '😀', '2026-01-01'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
), { maxLength: 8 }).map((p) => p.join(''));
const nonEmpty = text.map((s) => `n${s}`);
const scalar = fc.oneof(text, fc.integer({ min: -5, max: 1_000_000 }), fc.boolean());
const value = fc.oneof(scalar, fc.array(text, { maxLength: 3 }), fc.dictionary(fc.constantFrom('a', 'b c', '#k', 'key: x'), scalar, { maxKeys: 3 }));

const policyIds = fc.constantFrom('no-public-buckets', 'own-a', 'own-b', 'flowy', 'own-r', ...Object.keys(FIXTURE_PACKS), 'ghost', 'new-one', 'new-two');
const newIds = fc.constantFrom('new-one', 'new-two', 'own-a', 'approved-registries');
const paramNames = fc.constantFrom('registries', 'tags', 'p_x');
const fingerprints = fc.constantFrom('sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc');
const enforcement = fc.constantFrom('advisory', 'approval', 'deny', 'mandatory') as fc.Arbitrary<'advisory' | 'approval' | 'deny' | 'mandatory'>;
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const fieldValue = fc.oneof(
  fc.record({ field: fc.constantFrom('title', 'description', 'severity', 'enforcement', 'condition', 'message', 'path', 'remediation'), value: fc.oneof(nonEmpty, fc.constant(null)) }),
  fc.record({ field: fc.constant('enabled'), value: fc.boolean() }),
  fc.record({ field: fc.constantFrom('match', 'parameters'), value: fc.oneof(fc.constant({}), fc.constant({ types: ['aws_*', 'Deployment'] }), fc.constant({ ports: { description: 'p', default: [], type: 'number-list' } }), fc.dictionary(fc.constantFrom('a', 'b'), scalar, { maxKeys: 2 })) }),
);

const edit: fc.Arbitrary<ContractEdit> = fc.oneof(
  fc.record({ op: fc.constant('setParameter'), policy: policyIds, name: paramNames, value }),
  fc.record({ op: fc.constant('clearParameter'), policy: policyIds, name: paramNames }),
  fc.record({ op: fc.constant('setOverride'), policy: policyIds, enforcement: opt(enforcement), enabled: opt(fc.boolean()), shadow: opt(fc.boolean()), clear: opt(fc.subarray(['enforcement', 'enabled', 'shadow'] as ('enforcement' | 'enabled' | 'shadow')[])) }),
  fc.tuple(policyIds, fieldValue).map(([policy, fv]) => ({ op: 'setPolicyField', policy, ...fv })),
  fc.record({ op: fc.constant('addPolicy'), policy: fc.record({ id: newIds, title: nonEmpty, severity: fc.constant('low'), enforcement, condition: nonEmpty }) }),
  fc.record({ op: fc.constant('removePolicy'), policy: policyIds }),
  fc.record({ op: fc.constant('forkPolicy'), from: policyIds, id: newIds }),
  fc.record({ op: fc.constant('addTest'), policy: policyIds, test: fc.record({ name: fc.oneof(nonEmpty, fc.constantFrom('first', 't', 'passes')), resource: fc.record({ source: fc.constant('kubernetes'), type: nonEmpty, after: fc.dictionary(fc.constantFrom('spec', 'data'), value, { maxKeys: 2 }) }), expect: fc.constantFrom('fail', 'pass') }) }),
  fc.record({ op: fc.constant('removeTest'), policy: policyIds, name: fc.constantFrom('first', 't', 'passes', 'nope') }),
  fc.record({ op: fc.constant('setApprovals'), quorum: opt(fc.integer({ min: 1, max: 5 })), exceptionQuorum: opt(fc.integer({ min: 1, max: 5 })), maxExceptionDays: opt(fc.integer({ min: 1, max: 90 })) }),
  fc.record({ op: fc.constant('setMetadata'), vendor: opt(text), install: opt(fc.oneof(nonEmpty, fc.constant(null))) }),
  fc.record({ op: fc.constant('upsertReviewer'), entry: fc.record({ name: nonEmpty, fingerprint: fingerprints, roles: fc.subarray(['approver', 'exception-signer', 'contract-owner'], { minLength: 1 }), publicKey: fc.constant('-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n'), email: opt(text) }, { requiredKeys: ['name', 'fingerprint', 'roles', 'publicKey'] }) }),
  fc.record({ op: fc.constant('revokeReviewer'), fingerprint: fingerprints, at: fc.constant('2026-11-30T10:00:00Z') }),
  fc.record({ op: fc.constant('removeReviewer'), fingerprint: fingerprints }),
  fc.record({ op: fc.constant('addPack'), pack: fc.constantFrom('baseline', 'pss-baseline', 'cloud-hardening'), version: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ op: fc.constant('removePack'), pack: fc.constantFrom('baseline', 'pss-baseline', 'cloud-hardening') }),
  fc.record({ op: fc.constant('setPackVersion'), pack: fc.constantFrom('baseline', 'pss-baseline'), version: fc.integer({ min: 1, max: 6 }) }),
) as fc.Arbitrary<ContractEdit>;

/** An edit as it arrives over the API: JSON (no `undefined` fields, plain objects). */
function asJson(e: ContractEdit): ContractEdit {
  return JSON.parse(JSON.stringify(e)) as ContractEdit;
}

describe('property: random edit sequences', () => {
  for (const fixture of EDIT_FIXTURES) {
    test(`${fixture.name}: each edit parses to the expected model and leaves the rest byte-identical`, () => {
      fc.assert(fc.property(fc.array(edit.map(asJson), { minLength: 1, maxLength: 6 }), (edits) => {
        let current = fixture.text;
        let refused = false;
        for (const e of edits) {
          const want = expectedAfter(parse(current), e, FIXTURE_PACKS);
          const r = applyContractEdits(current, [e], fixtureContext);
          if (want === 'problem') {
            assert.equal(r.ok, false, `expected a problem for ${JSON.stringify(e)}`);
            refused = true;
            continue;
          }
          assert.ok(r.ok, `${JSON.stringify(e)} failed: ${JSON.stringify(r)}\n${current}`);
          assert.deepEqual(parse(r.text), want, `${JSON.stringify(e)}\n${r.text}`);
          assertOnlyTouched(current, r.text, e);
          current = r.text;
        }
        // One call with the whole batch gives the same text as the edits one by one, or a problem.
        const batch = applyContractEdits(fixture.text, edits, fixtureContext);
        assert.equal(batch.ok, !refused);
        if (batch.ok) assert.equal(batch.text, current);
      }), { seed: Number(process.env.SEED ?? 21), numRuns: Number(process.env.RUNS ?? propertyRuns(60)) });
    });
  }
});
