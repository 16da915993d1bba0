// `changeset sign --key-file`: one Ed25519 PKCS#8 PEM (plain or encrypted), nothing else.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { InputError } from '../model/errors';
import { keyIdOf } from './keys';
import { importPrivateKeyPem, isEncryptedPrivateKeyPem } from './private-key-file';

const ed = generateKeyPairSync('ed25519');
const plain = ed.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const encrypted = ed.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'a long enough passphrase' }).toString();

const refused = (text: string, pattern: RegExp, passphrase?: string): void => {
  assert.throws(() => importPrivateKeyPem(text, 'vendor.pem', passphrase), (e: unknown) => e instanceof InputError && e.file === 'vendor.pem' && pattern.test(e.reason));
};

describe('importPrivateKeyPem', () => {
  test('reads a plain and an encrypted Ed25519 PKCS#8 key (with its passphrase)', () => {
    assert.equal(keyIdOf(importPrivateKeyPem(plain, 'vendor.pem')), keyIdOf(ed.publicKey));
    assert.equal(isEncryptedPrivateKeyPem(encrypted), true);
    assert.equal(keyIdOf(importPrivateKeyPem(encrypted, 'vendor.pem', 'a long enough passphrase')), keyIdOf(ed.publicKey));
  });

  test('refuses a wrong passphrase, a public key, an RSA key, two keys and garbage, naming the file', () => {
    refused(encrypted, /cannot be decrypted \(wrong passphrase\?\)/, 'wrong');
    refused(ed.publicKey.export({ type: 'spki', format: 'pem' }).toString(), /not one PKCS#8 PEM private key/);
    refused(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), /is a rsa key; Countersign signs with Ed25519 keys only/);
    refused(plain + plain, /not one PKCS#8 PEM private key/);
    refused('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n', /cannot be read as a private key/);
    refused('x'.repeat(70_000), /too large/);
  });
});
