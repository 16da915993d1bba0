// How the inbox and the review header word a vendor signature: an unsigned change set is only
// informational when the contract does not require a signature, and says it is blocked when it does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signatureBadge } from '../../renderer/src/review/vendor-signature-text';

const signer = [{ keyId: `sha256:${'a'.repeat(64)}`, name: 'Acme Release' }];

test('not required: unsigned is muted, a bad signature still warns or alarms', () => {
  assert.deepEqual([signatureBadge('unsigned', []).tone, signatureBadge('unsigned', []).short], ['muted', 'Unsigned']);
  assert.equal(signatureBadge('untrusted', []).tone, 'warn');
  assert.equal(signatureBadge('invalid', []).tone, 'bad');
  assert.equal(signatureBadge('verified', signer).long, 'Signed by Acme Release');
});

test('required: every state but verified is bad and says the contract blocks it', () => {
  for (const state of ['unsigned', 'untrusted', 'invalid'] as const) {
    const b = signatureBadge(state, [], true);
    assert.equal(b.tone, 'bad', state);
    assert.match(b.short, /\(required\)$/, state);
    assert.match(b.long, /the contract requires the vendor's signature, so it is blocked$/, state);
  }
  assert.equal(signatureBadge('verified', signer, true).tone, 'ok');
});
