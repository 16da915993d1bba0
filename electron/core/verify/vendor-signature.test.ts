// Vendor release signatures (release/v1 in a bundle's signatures/ folder): which count, and
// what every other file is reported as.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { RosterEntry, RosterRole } from '../base/roster';
import type { LoadedAttestation } from '../signing/attestation-files';
import { createEnvelope, IN_TOTO_PAYLOAD_TYPE } from '../signing/dsse';
import { signApproval, signRelease } from '../signing/sign';
import { CHANGESET_SUBJECT, statementBytes, subjectFor, STATEMENT_TYPE } from '../signing/statement';
import { RELEASE_PREDICATE } from '../signing/predicates';
import { reviewer, TEST_AUDIT_HEAD } from '../testing/release-fixture';
import type { Reviewer } from '../testing/release-fixture';
import { checkVendorSignatures } from './vendor-signature';
import type { VendorSignatureInput } from './vendor-signature';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const OTHER = `sha256:${'cd'.repeat(32)}`;
const META: { readonly vendor: string; readonly app: string; readonly install: string; readonly release: string } = { vendor: 'acme', app: 'shop', install: 'prod', release: '1.0' };
const NOW = new Date('2026-11-30T12:00:00Z');
const vendor = reviewer('Acme Release Bot');
const stranger = reviewer('Mallory');
const approver = reviewer('Alice Approver');

function entry(r: Reviewer, roles: readonly RosterEntry['roles'][number][], revoked?: string): RosterEntry {
  return { name: r.signer.name, email: '', fingerprint: r.keyId, publicKey: r.pem, roles: [...roles] as RosterRole[], ...(revoked ? { revoked } : {}) };
}

const file = (envelope: unknown, name = 'signatures/a.release.dsse.json'): LoadedAttestation => ({ source: name, envelope: JSON.parse(JSON.stringify(envelope)) as unknown });
const signed = (by: Reviewer = vendor, over = DIGEST, meta: typeof META = META, time = new Date('2026-11-30T10:00:00Z')): LoadedAttestation =>
  file(signRelease({ changeSetDigest: over, release: meta, signer: by.signer, time }).envelope);

function check(signatures: readonly LoadedAttestation[], opts: Partial<VendorSignatureInput> = {}): ReturnType<typeof checkVendorSignatures> {
  return checkVendorSignatures({ changeSetDigest: DIGEST, manifest: META, signatures, roster: [entry(vendor, ['vendor-release']), entry(approver, ['approver'])], vendorKeys: [], now: NOW, ...opts });
}

const codes = (s: ReturnType<typeof check>): string[] => s.reasons.map((r) => r.code);

describe('checkVendorSignatures', () => {
  test('a signature by a roster vendor-release key verifies and names the roster name', () => {
    const s = check([signed()]);
    assert.equal(s.state, 'verified');
    assert.deepEqual(s.signers, [{ keyId: vendor.keyId, name: 'Acme Release Bot' }]);
    assert.deepEqual(s.reasons, []);
  });

  test('no signature files: unsigned', () => {
    assert.deepEqual(check([]), { state: 'unsigned', signers: [], reasons: [] });
  });

  test('a tampered payload is invalid (bad signature)', () => {
    const env = signRelease({ changeSetDigest: DIGEST, release: META, signer: vendor.signer }).envelope;
    const payload = Buffer.from(env.payload, 'base64').toString('utf8').replace('"1.0"', '"1.1"');
    const s = check([file({ ...env, payload: Buffer.from(payload).toString('base64') })]);
    assert.equal(s.state, 'invalid');
    assert.deepEqual(codes(s), ['bad-signature']);
    assert.match(s.reasons[0]!.message, /^signatures\/a\.release\.dsse\.json: the signature by Acme Release Bot/);
  });

  test('a signature over another change set is invalid and says so', () => {
    const s = check([signed(vendor, OTHER)]);
    assert.equal(s.state, 'invalid');
    assert.deepEqual(codes(s), ['digest-mismatch']);
    assert.match(s.reasons[0]!.message, /signs another change set .*cdcd/);
  });

  test('each metadata field that differs from the manifest makes it invalid, naming the field', () => {
    for (const field of ['vendor', 'app', 'install', 'release'] as const) {
      const s = check([signed(vendor, DIGEST, { ...META, [field]: `${META[field]}-x` })]);
      assert.equal(s.state, 'invalid', field);
      assert.deepEqual(codes(s), ['vendor-signature-invalid']);
      assert.match(s.reasons[0]!.message, new RegExp(`the signed ${field} '.*-x' differs from the manifest's`));
    }
  });

  test('a key outside the roster is untrusted; a roster key without the role, or a revoked vendor-release entry, too', () => {
    assert.deepEqual([check([signed(stranger)]).state, codes(check([signed(stranger)]))], ['untrusted', ['not-in-roster']]);
    assert.deepEqual([check([signed(approver)]).state, codes(check([signed(approver)]))], ['untrusted', ['role-missing']]);
    const revoked = check([signed()], { roster: [entry(vendor, ['vendor-release'], '2026-12-01T00:00:00Z')] });
    // A revoked roster entry never counts, whatever time the signature claims.
    assert.deepEqual([revoked.state, codes(revoked)], ['untrusted', ['revoked-key']]);
  });

  test('without a roster, the vendor keys given count, and one revoked before the signature does not', () => {
    const noRoster = { roster: null, vendorKeys: [{ pem: vendor.pem, name: 'Acme (trusted)' }] };
    assert.deepEqual(check([signed()], noRoster).signers, [{ keyId: vendor.keyId, name: 'Acme (trusted)' }]);
    assert.deepEqual(codes(check([signed(stranger)], noRoster)), ['untrusted-key']);
    const revoked = check([signed()], { roster: null, vendorKeys: [{ pem: vendor.pem, revokedAt: '2026-11-30T09:00:00Z' }] });
    assert.deepEqual([revoked.state, codes(revoked)], ['untrusted', ['revoked-key']]);
    assert.equal(check([signed()], { roster: null, vendorKeys: [] }).state, 'untrusted');
  });

  test('garbage files are invalid with the reason, and another predicate (an approval) is not a release signature', () => {
    assert.deepEqual(codes(check([{ source: 'signatures/x', error: 'not valid JSON (Unexpected token)' }])), ['malformed-envelope']);
    assert.deepEqual(codes(check([file([1, 2])])), ['malformed-envelope']);
    assert.deepEqual(codes(check([file({ payloadType: 'text/plain', payload: '', signatures: [{ keyid: vendor.keyId, sig: 'AAAA' }] })])), ['wrong-payload-type']);
    const approval = signApproval({ changeSetDigest: DIGEST, contract: { name: 'c', digest: OTHER }, evaluation: { digest: OTHER, verdict: 'pass', engineVersion: 'x', at: NOW.toISOString() }, reviewer: vendor.signer, auditHead: TEST_AUDIT_HEAD });
    const s = check([file(approval.envelope)]);
    assert.deepEqual([s.state, codes(s)], ['invalid', ['malformed-statement']]);
    assert.match(s.reasons[0]!.message, /not a release signature/);
  });

  test('a predicate naming another signer than the key is invalid', () => {
    const predicate = { ...META, signer: { keyId: stranger.keyId, name: 'x' }, time: NOW.toISOString() };
    const payload = statementBytes({ _type: STATEMENT_TYPE, subject: [subjectFor(CHANGESET_SUBJECT, DIGEST)], predicateType: RELEASE_PREDICATE, predicate });
    assert.deepEqual(codes(check([file(createEnvelope(IN_TOTO_PAYLOAD_TYPE, payload, vendor.privateKey))])), ['signer-mismatch']);
  });

  test('one valid vendor signature verifies the release, and every bad file beside it is still reported', () => {
    const s = check([signed(), signed(stranger, DIGEST, META), { source: 'signatures/junk', error: 'not valid JSON' }, signed(vendor, OTHER)]);
    assert.equal(s.state, 'verified');
    assert.deepEqual(codes(s).sort(), ['digest-mismatch', 'malformed-envelope', 'not-in-roster']);
  });

  test('invalid outranks untrusted when nothing verifies', () => {
    assert.equal(check([signed(stranger), { source: 'x', error: 'bad' }]).state, 'invalid');
  });

  test('hostile names and values never reach a message raw (property)', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), (name, value) => {
      const s = check([
        { source: `signatures/${name}`, error: value },
        signed(vendor, DIGEST, { ...META, release: value }),
        file({ payloadType: value, payload: '', signatures: [{ keyid: value, sig: '' }] }, `signatures/${name}`),
      ]);
      for (const r of s.reasons) assert.doesNotMatch(r.message, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
    }), { numRuns: 200 });
  });
});
