// countersign.dev/v3: install, shadow overrides and the reviewer roster. The roster is outside
// the digest (adding a reviewer must not void pending approvals); install and shadow decide
// verdicts, so they are inside it. v2 does not accept the v3 fields.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync, createHash } from 'node:crypto';
import { InputError } from '../../model/errors';
import { parseContract } from './parse-contract';

const { publicKey } = generateKeyPairSync('ed25519');
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const fingerprint = `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;

function v3(extra: { install?: string; roster?: string; overrides?: string } = {}): string {
  return `apiVersion: countersign.dev/v3
kind: Contract
metadata:
  name: acme
  vendor: acme-vendor
${extra.install !== undefined ? `  install: ${extra.install}\n` : ''}${extra.roster ?? ''}spec:
  overrides: {${extra.overrides ?? ''}}
  policies:
    - id: replicas
      title: Replicas
      severity: low
      enforcement: deny
      condition: "true"
`;
}

const roster = (name: string) => `roster:
  - name: ${name}
    email: ${name.toLowerCase()}@example.com
    fingerprint: ${fingerprint}
    publicKey: |
${pem.trimEnd().split('\n').map((l) => `      ${l}`).join('\n')}
    roles: [approver, contract-owner]
`;

describe('countersign.dev/v3 contracts', () => {
  test('the roster is read but is not part of the digest', () => {
    const without = parseContract('a.yaml', v3());
    const withAlice = parseContract('b.yaml', v3({ roster: roster('Alice') }));
    const withBob = parseContract('c.yaml', v3({ roster: roster('Bob') }));
    assert.equal(withAlice.roster?.[0]?.name, 'Alice');
    assert.deepEqual(withAlice.roster?.[0]?.roles, ['approver', 'contract-owner']);
    assert.equal(withAlice.digest, without.digest);
    assert.equal(withBob.digest, without.digest);
  });

  test('the install and shadow mode are part of the digest', () => {
    const base = parseContract('a.yaml', v3());
    const prod = parseContract('b.yaml', v3({ install: 'prod-eu' }));
    const shadow = parseContract('c.yaml', v3({ overrides: 'replicas: {shadow: true}' }));
    const notShadow = parseContract('d.yaml', v3({ overrides: 'replicas: {shadow: false}' }));
    assert.equal(prod.install, 'prod-eu');
    assert.notEqual(prod.digest, base.digest);
    assert.equal(shadow.policies[0]?.shadow, true);
    assert.notEqual(shadow.digest, base.digest);
    assert.equal(notShadow.digest, base.digest, 'shadow: false is the default');
  });

  test('a v3 contract never shares a digest with the same v2 contract', () => {
    const v2 = parseContract('a.yaml', v3().replace('countersign.dev/v3', 'countersign.dev/v2'));
    assert.notEqual(v2.digest, parseContract('b.yaml', v3()).digest);
  });

  test('v2 refuses the v3 fields, with the line', () => {
    const asV2 = (text: string) => text.replace('countersign.dev/v3', 'countersign.dev/v2');
    assert.throws(() => parseContract('a.yaml', asV2(v3({ overrides: 'replicas: {shadow: true}' }))), (e: unknown) => e instanceof InputError && /shadow/.test(e.message));
    assert.throws(() => parseContract('a.yaml', asV2(v3({ install: 'prod' }))), (e: unknown) => e instanceof InputError && /install/.test(e.message));
    assert.throws(() => parseContract('a.yaml', asV2(v3({ roster: roster('Alice') }))), (e: unknown) => e instanceof InputError && /roster/.test(e.message));
  });

  test('a bad roster entry is refused with its line', () => {
    const bad = roster('Alice').replace('roles: [approver, contract-owner]', 'roles: [admin]');
    assert.throws(() => parseContract('a.yaml', v3({ roster: bad })), (e: unknown) => e instanceof InputError && e.line !== undefined && /roles/.test(e.message));
    const twice = roster('Alice') + roster('Bob').replace('roster:\n', '');
    assert.throws(() => parseContract('a.yaml', v3({ roster: twice })), (e: unknown) => e instanceof InputError && /twice/.test(e.message));
    const badTime = roster('Alice').replace('    roles:', '    revoked: yesterday\n    roles:');
    assert.throws(() => parseContract('a.yaml', v3({ roster: badTime })), (e: unknown) => e instanceof InputError && /revoked/.test(e.message));
  });
});
