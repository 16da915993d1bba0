// Issue 10 (people): "Keys of other people are public only". trustKey takes a public key and
// nothing else: every way a private key can be written is refused, and nothing is stored.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../model/errors';
import { initWorkspace } from '../store';
import { listKeys, trustKey } from './index';

const dir = mkdtempSync(join(tmpdir(), 'countersign-trust-'));
const ws = initWorkspace(join(dir, 'countersign.db'), { actor: 'os:tester' });
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const spki = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'a long enough passphrase' }).toString();
const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
const jwk = JSON.stringify(privateKey.export({ format: 'jwk' }));

const PRIVATE_FORMS: readonly [string, string][] = [
  ['a PKCS#8 private key', pkcs8],
  ['an encrypted PKCS#8 private key', encrypted],
  ['a public key followed by its private key', `${spki}${pkcs8}`],
  ['a private key followed by its public key', `${pkcs8}${spki}`],
  ['an OpenSSH private key header', pkcs8.replaceAll('PRIVATE KEY', 'OPENSSH PRIVATE KEY')],
  ['an EC private key header', pkcs8.replaceAll('PRIVATE KEY', 'EC PRIVATE KEY')],
  ['a lower-case private key header', pkcs8.replaceAll('PRIVATE KEY', 'private key')],
  ['a private key with CRLF line ends', pkcs8.replaceAll('\n', '\r\n')],
  ['a private key as bare base64 DER', der],
  ['a private key as JWK', jwk],
  ['a private key labelled as a public key', pkcs8.replaceAll('PRIVATE KEY', 'PUBLIC KEY')],
];

describe('trustKey refuses private keys in every form', () => {
  for (const [name, text] of PRIVATE_FORMS) {
    test(name, () => {
      assert.throws(() => trustKey(ws, { pem: text, source: 'colleague.pem', name: 'Bob' }), InputError);
      assert.deepEqual(listKeys(ws).trusted, []);
    });
  }

  test('control: the public half is trusted', () => {
    assert.equal(trustKey(ws, { pem: spki, source: 'colleague.pem', name: 'Bob' }).created, true);
  });
});
