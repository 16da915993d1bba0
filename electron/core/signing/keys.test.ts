import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { InputError } from '../model/errors';
import { decryptPrivateKey, encryptPrivateKey, TamperedKeyError, WrongPassphraseError } from './encrypted-key';
import type { EncryptedPrivateKey } from './encrypted-key';
import { exportPublicKey, generateReviewerKey, importPublicKeyPem, keyIdOf, passphraseProblem } from './keys';
import { envelopeFileText } from './attestation-files';
import { createException, signApproval } from './sign';
import { otherBase64Spelling } from '../testing/base64-spelling';

const PASS = 'correct horse battery staple';

/** Every form in which the private key could leak: raw seed, PKCS#8 DER, PEM, and their text encodings. */
function secretForms(privateKey: KeyObject): Buffer[] {
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  assert.equal(seed.length, 32);
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pemBody = pem.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
  return [
    seed, der, Buffer.from(pem), Buffer.from(pemBody),
    Buffer.from(seed.toString('hex')), Buffer.from(seed.toString('base64').replace(/=+$/, '')), Buffer.from(seed.toString('base64url')),
    Buffer.from(der.toString('base64').replace(/=+$/, '')), Buffer.from(der.toString('hex')),
  ];
}

function assertNoSecret(haystack: Buffer, privateKey: KeyObject, what: string): void {
  for (const form of secretForms(privateKey)) assert.equal(haystack.indexOf(form), -1, `${what} contains the private key`);
  // Also after decoding every base64 field (a blob's JSON strings).
  for (const m of haystack.toString('latin1').matchAll(/[A-Za-z0-9+/=_-]{40,}/g)) {
    for (const enc of ['base64', 'base64url'] as const) {
      const decoded = Buffer.from(m[0], enc);
      for (const form of secretForms(privateKey).slice(0, 2)) assert.equal(decoded.indexOf(form), -1, `${what} contains the private key (${enc})`);
    }
  }
}

/** A workspace's audit head as v2 attestations record it. */
const TEST_AUDIT_HEAD = { seq: 1, hash: 'a'.repeat(64), genesis: 'a'.repeat(64) };

describe('reviewer keys', () => {
  test('the key id is sha256 of the SubjectPublicKeyInfo DER, for the public and the private half', () => {
    const k = generateReviewerKey();
    const der = k.publicKey.export({ type: 'spki', format: 'der' });
    assert.equal(k.keyId, `sha256:${createHash('sha256').update(der).digest('hex')}`);
    assert.equal(keyIdOf(k.privateKey), k.keyId);
    assert.equal(k.privateKey.asymmetricKeyType, 'ed25519');
  });

  test('export as PEM, import (trust) gives the same key id and a key that verifies its signatures', () => {
    const k = generateReviewerKey();
    const exported = exportPublicKey(k.privateKey);
    assert.match(exported.pem, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/);
    const trusted = importPublicKeyPem(`# Alice's key\n${exported.pem}`, 'alice.pem');
    assert.equal(trusted.keyId, k.keyId);
    const sig = sign(null, Buffer.from('hello'), k.privateKey);
    assert.ok(verify(null, Buffer.from('hello'), trusted.publicKey, sig));
  });

  test('trusting refuses private keys, RSA and EC keys, several keys and garbage, naming the file', () => {
    const k = generateReviewerKey();
    const reject = (text: string, pattern: RegExp): void => {
      assert.throws(() => importPublicKeyPem(text, 'bob.pem'), (err: unknown) => err instanceof InputError && err.file === 'bob.pem' && pattern.test(err.message));
    };
    reject(k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), /PRIVATE key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    reject(rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(), /is a rsa key; Countersign keys are Ed25519/);
    reject(rsa.publicKey.export({ type: 'pkcs1', format: 'pem' }).toString(), /"RSA PUBLIC KEY" block/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    reject(ec.publicKey.export({ type: 'spki', format: 'pem' }).toString(), /is a ec key/);
    reject(exportPublicKey(k.publicKey).pem + exportPublicKey(generateReviewerKey().publicKey).pem, /2 PEM blocks/);
    reject('hello world', /not a PEM public key/);
    reject('-----BEGIN PUBLIC KEY-----\nAAAAnotakey\n-----END PUBLIC KEY-----\n', /not a valid key/);
    reject('', /not a PEM public key/);
  });

  test('keys read once per PEM text: the same key for the same text; a refusal is never kept, so each file gets its own error', () => {
    const k = generateReviewerKey();
    const pem = exportPublicKey(k.privateKey).pem;
    assert.equal(importPublicKeyPem(pem, 'a.pem'), importPublicKeyPem(pem, 'b.pem'), 'one read, shared');
    for (const file of ['first.pem', 'second.pem']) {
      assert.throws(() => importPublicKeyPem('hello world', file), (err: unknown) => err instanceof InputError && err.file === file);
    }
    // A PEM inside more than 1 KiB of comments is read each time (not kept), and still reads.
    const long = `# ${'x'.repeat(2048)}\n${pem}`;
    assert.equal(importPublicKeyPem(long, 'c.pem').keyId, k.keyId);
    assert.notEqual(importPublicKeyPem(long, 'c.pem'), importPublicKeyPem(long, 'c.pem'));
  });

  test('passphrase strength: at least 12 characters, not one character repeated', () => {
    assert.match(passphraseProblem('short')!, /at least 12 characters long \(it has 5\)/);
    assert.match(passphraseProblem('aaaaaaaaaaaaaaaa')!, /different characters/);
    assert.equal(passphraseProblem(PASS), null);
  });
});

describe('encrypted private keys', () => {
  test('round trip: the decrypted key signs for the same key id; scrypt params stored with the blob', async () => {
    const k = generateReviewerKey();
    const blob = await encryptPrivateKey(k.privateKey, PASS);
    assert.equal(blob.keyId, k.keyId);
    assert.ok(blob.kdf.N >= 2 ** 15 && blob.kdf.r === 8 && blob.kdf.p === 1);
    const key = await decryptPrivateKey(JSON.parse(JSON.stringify(blob)), PASS);
    assert.equal(keyIdOf(key), k.keyId);
    assert.ok(verify(null, Buffer.from('x'), k.publicKey, sign(null, Buffer.from('x'), key)));
    // Fresh salt and nonce each time: two encryptions of one key differ.
    const again = await encryptPrivateKey(k.privateKey, PASS);
    assert.notEqual(again.ciphertext, blob.ciphertext);
    assert.notEqual(again.kdf.salt, blob.kdf.salt);
  });

  test('a wrong passphrase is a WrongPassphraseError naming the key', async () => {
    const k = generateReviewerKey();
    const blob = await encryptPrivateKey(k.privateKey, PASS);
    await assert.rejects(decryptPrivateKey(blob, 'correct horse battery stapler'), (err: unknown) =>
      err instanceof WrongPassphraseError && err.message === `wrong passphrase for key ${k.keyId}`);
  });

  test('a tampered blob is a TamperedKeyError, never a wrong-passphrase or a raw crypto error', async () => {
    const k = generateReviewerKey();
    const other = generateReviewerKey();
    const blob = await encryptPrivateKey(k.privateKey, PASS);
    const flip = (b64: string): string => {
      const b = Buffer.from(b64, 'base64');
      b[0] = b[0]! ^ 1;
      return b.toString('base64');
    };
    const variants: EncryptedPrivateKey[] = [
      { ...blob, ciphertext: flip(blob.ciphertext) },
      { ...blob, cipher: { ...blob.cipher, tag: flip(blob.cipher.tag) } },
      { ...blob, cipher: { ...blob.cipher, nonce: flip(blob.cipher.nonce) } },
      { ...blob, keyId: other.keyId }, // relabelled as another key: AAD mismatch
    ];
    for (const v of variants) await assert.rejects(decryptPrivateKey(v, PASS), TamperedKeyError);
    // Malformed blobs, and hostile KDF parameters (scrypt memory bomb), are refused before any work.
    const hostile = [null, 'x', { ...blob, format: 'other' }, { ...blob, kdf: { ...blob.kdf, N: 2 ** 30 } }, { ...blob, kdf: { ...blob.kdf, r: 1 } }, { ...blob, ciphertext: 'not base64!' },
      // The same bytes spelled another way, or unpadded: one spelling per value.
      { ...blob, cipher: { ...blob.cipher, tag: otherBase64Spelling(blob.cipher.tag) } }, { ...blob, cipher: { ...blob.cipher, tag: blob.cipher.tag.replace(/=+$/, '') } }];
    for (const v of hostile) await assert.rejects(decryptPrivateKey(v, PASS), TamperedKeyError);
    // Each parameter within its own range, together past twice the work or memory ever written
    // (N 2^15, r 8, p 1): refused by the bounds, before any key is derived.
    const costly = [{ N: 2 ** 20, r: 16, p: 4 }, { N: 2 ** 17, r: 8, p: 1 }, { N: 2 ** 15, r: 16, p: 2 }, { N: 2 ** 16, r: 8, p: 2 }];
    for (const kdf of costly) {
      await assert.rejects(decryptPrivateKey({ ...blob, kdf: { ...blob.kdf, ...kdf } }, PASS), (err: Error) => err instanceof TamperedKeyError && /scrypt (memory|work)/.test(err.message));
    }
    // What older versions wrote, and twice its cost, still opens (a wrong parameter is then a wrong check value, not a refusal).
    assert.ok(await decryptPrivateKey(blob, PASS));
    await assert.rejects(decryptPrivateKey({ ...blob, kdf: { ...blob.kdf, N: 2 ** 16 } }, PASS), (err: Error) => !/scrypt (memory|work)/.test(err.message));
  });

  test('the private key never appears unencrypted in the blob, its JSON, the public export or any attestation', async () => {
    const k = generateReviewerKey();
    // The search itself works: it finds the key where it is.
    assert.throws(() => assertNoSecret(Buffer.from(k.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()), k.privateKey, 'pem'));
    assert.throws(() => assertNoSecret(Buffer.from(JSON.stringify({ d: k.privateKey.export({ format: 'jwk' }).d })), k.privateKey, 'jwk'));

    const blob = await encryptPrivateKey(k.privateKey, PASS);
    assertNoSecret(Buffer.from(JSON.stringify(blob)), k.privateKey, 'encrypted blob');
    assertNoSecret(Buffer.from(exportPublicKey(k.privateKey).pem), k.privateKey, 'public key export');
    const contract = { name: 'c', digest: `sha256:${'a'.repeat(64)}`, approvals: { quorum: 1, exceptionQuorum: 1, maxExceptionDays: 30 }, policies: [{ id: 'p', enforcement: 'deny' as const }] };
    const approval = signApproval({
      auditHead: TEST_AUDIT_HEAD, changeSetDigest: `sha256:${'b'.repeat(64)}`, contract,
      evaluation: { digest: `sha256:${'c'.repeat(64)}`, verdict: 'pass', engineVersion: 'e', at: '2026-01-01T00:00:00.000Z' },
      reviewer: { privateKey: k.privateKey, name: 'Alice' },
    });
    const exception = createException({ auditHead: TEST_AUDIT_HEAD, contract, changeSetDigest: null, waives: [{ policy: 'p', pattern: '*' }], expires: new Date(Date.now() + 86_400_000), justification: 'j', requester: { privateKey: k.privateKey, name: 'Alice' } });
    assertNoSecret(Buffer.from(envelopeFileText(approval.envelope) + envelopeFileText(exception.envelope)), k.privateKey, 'attestations');
  });
});
