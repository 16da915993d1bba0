// countersign.dev/v4: separation of duties and the vendor-signature rule. Both decide what a
// signature is worth, so they are digest content; v1–v3 files digest exactly as before (their
// digests are pinned below: stored revisions and signed approvals name them), and an older
// file that writes a v4 field is refused with its line rather than read differently.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../model/errors';
import { parseContract } from './parse-contract';

const body = (version: string, spec = '', approvals = '{quorum: 2, exceptionQuorum: 2, maxExceptionDays: 14}') => `apiVersion: countersign.dev/${version}
kind: Contract
metadata: {name: acme, vendor: acme-vendor}
spec:
  approvals: ${approvals}
${spec}  policies:
    - id: replicas
      title: Replicas
      severity: low
      enforcement: deny
      condition: "true"
`;

function inputError(text: string): InputError {
  try {
    parseContract('contract.yaml', text);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  assert.fail('expected an InputError');
}

describe('countersign.dev/v4 contracts', () => {
  test('v1–v3 digests are unchanged (computed by the build before v4 existed)', () => {
    assert.equal(parseContract('c.yaml', body('v1')).digest, 'sha256:fe6040c336ca6255d9629cccd78d0530411b043532d163897c5a077be2204c39');
    assert.equal(parseContract('c.yaml', body('v2')).digest, 'sha256:6474d5934104205ef837d9c8447beaa2d9cfb94a9f6dc495fef37ae843ad0496');
    assert.equal(parseContract('c.yaml', body('v3')).digest, 'sha256:5dd799f7bc7402e2ff1a5536805959774715ed14a674b9babc758b37306c4489');
  });

  test('v1–v3 mean no separation-of-duties rule and an optional vendor signature', () => {
    for (const v of ['v1', 'v2', 'v3']) {
      const c = parseContract('c.yaml', body(v));
      assert.deepEqual(c.approvals.separationOfDuties, { requesterMayWaiveAlone: true, approverMaySignReliedExceptions: true }, v);
      assert.equal(c.vendorSignature, 'optional', v);
    }
  });

  test('v4 fills the defaults: the requester never waives alone, an approver may sign what they rely on, signatures optional', () => {
    const c = parseContract('c.yaml', body('v4'));
    assert.equal(c.apiVersion, 'countersign.dev/v4');
    assert.deepEqual(c.approvals, { quorum: 2, exceptionQuorum: 2, maxExceptionDays: 14, separationOfDuties: { requesterMayWaiveAlone: false, approverMaySignReliedExceptions: true } });
    assert.equal(c.vendorSignature, 'optional');
    // A v4 contract never shares a digest with the same content as v3.
    assert.notEqual(c.digest, parseContract('c.yaml', body('v3')).digest);
  });

  test('v4: written defaults digest as absent ones; each new field is digest content', () => {
    const plain = parseContract('c.yaml', body('v4')).digest;
    const explicit = body('v4', '  vendorSignature: optional\n', '{quorum: 2, exceptionQuorum: 2, maxExceptionDays: 14, separationOfDuties: {requesterMayWaiveAlone: false, approverMaySignReliedExceptions: true}}');
    assert.equal(parseContract('c.yaml', explicit).digest, plain);
    const variants = [
      body('v4', '  vendorSignature: required\n'),
      body('v4', '', '{quorum: 2, exceptionQuorum: 2, maxExceptionDays: 14, separationOfDuties: {requesterMayWaiveAlone: true}}'),
      body('v4', '', '{quorum: 2, exceptionQuorum: 2, maxExceptionDays: 14, separationOfDuties: {approverMaySignReliedExceptions: false}}'),
    ];
    const digests = variants.map((t) => parseContract('c.yaml', t).digest);
    assert.equal(new Set([plain, ...digests]).size, 4);
    assert.equal(parseContract('c.yaml', variants[0]!).vendorSignature, 'required');
  });

  const errors: [string, string, number, RegExp][] = [
    ['separationOfDuties in a v3 file', body('v3', '', '\n    quorum: 2\n    separationOfDuties: {requesterMayWaiveAlone: false}'), 7, /spec\.approvals\.separationOfDuties needs countersign\.dev\/v4 \(this contract is countersign\.dev\/v3\)/],
    ['separationOfDuties in a v1 file', body('v1', '', '\n    separationOfDuties: {}'), 6, /needs countersign\.dev\/v4/],
    ['vendorSignature in a v2 file', body('v2', '  vendorSignature: required\n'), 6, /spec\.vendorSignature needs countersign\.dev\/v4 \(this contract is countersign\.dev\/v2\)/],
    ['vendorSignature: maybe', body('v4', '  vendorSignature: maybe\n'), 6, /optional|required/],
    ['vendorSignature: true (not a word)', body('v4', '  vendorSignature: true\n'), 6, /optional|required/],
    ['a non-boolean rule ("false" as a string)', body('v4', '', '\n    separationOfDuties: {requesterMayWaiveAlone: "false"}'), 6, /boolean/],
    ['a YAML 1.1 boolean word (no: a string in YAML 1.2, true to other readers)', body('v4', '', '\n    separationOfDuties: {requesterMayWaiveAlone: no}'), 6, /boolean/],
    ['vendorSignature: Required (case matters)', body('v4', '  vendorSignature: Required\n'), 6, /optional|required/],
    ['an unknown separationOfDuties key (a typo must not read as the default)', body('v4', '', '\n    separationOfDuties: {requesterMayWaiveAlon: true}'), 6, /requesterMayWaiveAlon/],
  ];
  for (const [label, text, line, reason] of errors) {
    test(`${label} is an InputError on line ${line}`, () => {
      const err = inputError(text);
      assert.equal(err.file, 'contract.yaml');
      assert.equal(err.line, line, err.message);
      assert.match(err.reason, reason);
    });
  }
});
