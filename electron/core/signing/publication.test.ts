import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { UsageError } from '../model/errors';
import { checkSignatures, decodeEnvelope } from './dsse';
import { exportPublicKey, generateReviewerKey } from './keys';
import { CONTRACT_REVISION_PREDICATE, contractPublicationPredicateSchema } from './predicates';
import { publicationFileName, signContractPublication } from './publication';
import type { PublishedContract } from './publication';

const T = new Date('2026-11-30T10:00:00Z');
const owner = generateReviewerKey(), second = generateReviewerKey();
const contract: PublishedContract = {
  name: 'acme-prod-eu', vendor: 'Acme', install: 'prod-eu', digest: `sha256:${'2'.repeat(64)}`,
  packs: [{ pack: 'baseline', version: 3, digest: `sha256:${'3'.repeat(64)}` }],
  roster: [{ name: 'Olivia', email: '', fingerprint: owner.keyId, publicKey: exportPublicKey(owner.publicKey).pem, roles: ['contract-owner'] }],
};
const signer = (k: typeof owner, name = 'Olivia') => ({ privateKey: k.privateKey, name });

describe('contract-revision/v2 publication', () => {
  test('one envelope, one verified signature per owner, the contract digest as subject, a strict predicate', () => {
    const p = signContractPublication({ contract, revision: 4, signers: [signer(owner), signer(second, 'Second')], notAfter: new Date(T.getTime() + 86_400_000), time: T });
    assert.equal(p.statement.predicateType, CONTRACT_REVISION_PREDICATE);
    assert.deepEqual(p.statement.subject, [{ name: 'contract', digest: { sha256: '2'.repeat(64) } }]);
    assert.equal(p.fileName, 'acme-prod-eu-r4.publication.json');
    const check = checkSignatures(decodeEnvelope(p.envelope), new Map([[owner.keyId, owner.publicKey], [second.keyId, second.publicKey]]));
    assert.deepEqual(check.verifiedKeyIds, [owner.keyId, second.keyId].sort());
    assert.equal(contractPublicationPredicateSchema.safeParse({ ...p.statement.predicate, extra: 1 }).success, false, 'unknown fields are refused');
    assert.deepEqual(p.statement.predicate.roster, contract.roster);
  });

  const refusals: readonly [string, Parameters<typeof signContractPublication>[0], RegExp][] = [
    ['notAfter not after the time', { contract, revision: 1, signers: [signer(owner)], notAfter: T, time: T }, /notAfter must be later/],
    ['no signer', { contract, revision: 1, signers: [], notAfter: new Date(T.getTime() + 1000), time: T }, /at least one/],
    ['the same key twice', { contract, revision: 1, signers: [signer(owner), signer(owner)], notAfter: new Date(T.getTime() + 1000), time: T }, /twice/],
    ['revision 0', { contract, revision: 0, signers: [signer(owner)], notAfter: new Date(T.getTime() + 1000), time: T }, /positive integer/],
    ['a name verify could not read', { contract: { ...contract, name: 'x'.repeat(300) }, revision: 1, signers: [signer(owner)], notAfter: new Date(T.getTime() + 1000), time: T }, /cannot publish contract/],
  ];
  for (const [name, req, message] of refusals) {
    test(`refused: ${name}`, () => assert.throws(() => signContractPublication(req), (e: unknown) => e instanceof UsageError && message.test(e.message)));
  }

  test('the file name of ANY contract name is one plain, visible file name in the folder', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.integer({ min: 1, max: 1_000_000 }), (name, revision) => {
      const file = publicationFileName(name, revision);
      assert.match(file, /^[A-Za-z0-9_-][A-Za-z0-9._-]*-r\d+\.publication\.json$/);
      assert.ok(file.length <= 130);
    }));
  });
});
