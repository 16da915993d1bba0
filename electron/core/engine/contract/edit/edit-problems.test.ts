import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contractEditSchema } from '../../../base/contract-edits';
import type { ContractEdit } from '../../../base/contract-edits';
import { EDIT_FIXTURES, fixtureContext } from '../../../testing/contract-edit-fixtures';
import { applyContractEdits } from './apply-contract-edits';

const COMMENTED = (EDIT_FIXTURES.find((f) => f.name.startsWith('comments everywhere')) as { text: string }).text;
const ROSTER = (EDIT_FIXTURES.find((f) => f.name.startsWith('v3 with a roster')) as { text: string }).text;

interface Case {
  readonly label: string;
  readonly text?: string;
  readonly edits: readonly unknown[];
  readonly message: RegExp;
  readonly line?: number;
}

const CASES: readonly Case[] = [
  { label: 'invalid YAML in the text', text: 'apiVersion: countersign.dev/v2\nkind: [Contract\n', edits: [{ op: 'setApprovals', quorum: 2 }], message: /invalid YAML/, line: 3 },
  { label: 'a duplicate key in the text', text: 'kind: Contract\nkind: Contract\n', edits: [{ op: 'setApprovals', quorum: 2 }], message: /invalid YAML: .*unique/i, line: 2 },
  { label: 'a document that is not a mapping', text: '- a\n- b\n', edits: [{ op: 'setApprovals', quorum: 2 }], message: /must be a YAML mapping/, line: 1 },
  { label: 'setPolicyField on an unknown policy', edits: [{ op: 'setPolicyField', policy: 'ghost', field: 'title', value: 'x' }], message: /unknown policy "ghost"/ },
  { label: 'setPolicyField on a pack policy', edits: [{ op: 'setPolicyField', policy: 'required-tags', field: 'condition', value: 'true' }], message: /comes from an extended pack .*override .*fork/ },
  { label: 'setParameter on an unknown policy', edits: [{ op: 'setParameter', policy: 'ghost', name: 'x', value: 1 }], message: /unknown policy "ghost"/ },
  { label: 'setOverride on an unknown policy', edits: [{ op: 'setOverride', policy: 'ghost', enabled: false }], message: /unknown policy "ghost"/ },
  { label: 'setOverride that sets and clears one field', edits: [{ op: 'setOverride', policy: 'required-tags', enabled: false, clear: ['enabled'] }], message: /both sets and clears "enabled"/ },
  { label: 'removePolicy of a pack policy', edits: [{ op: 'removePolicy', policy: 'required-tags' }], message: /comes from an extended pack/ },
  { label: 'addPolicy with an own id', edits: [{ op: 'addPolicy', policy: { id: 'own-b', title: 'x', severity: 'low', enforcement: 'deny', condition: 'true' } }], message: /"own-b" already exists in this contract/, line: 32 },
  { label: 'addPolicy with a pack id', edits: [{ op: 'addPolicy', policy: { id: 'required-tags', title: 'x', severity: 'low', enforcement: 'deny', condition: 'true' } }], message: /already exists in an extended pack/ },
  { label: 'forkPolicy of an own policy', edits: [{ op: 'forkPolicy', from: 'own-a', id: 'copy' }], message: /already an own policy/, line: 20 },
  { label: 'forkPolicy of an unknown policy', edits: [{ op: 'forkPolicy', from: 'ghost', id: 'copy' }], message: /unknown pack policy "ghost"/ },
  { label: 'forkPolicy onto an existing id', edits: [{ op: 'forkPolicy', from: 'required-tags', id: 'own-a' }], message: /"own-a" already exists/, line: 20 },
  { label: 'addTest with a taken name', edits: [{ op: 'addTest', policy: 'own-a', test: { name: 'first', resource: {}, expect: 'pass' } }], message: /already has a test named "first"/, line: 29 },
  { label: 'removeTest of an unknown test', edits: [{ op: 'removeTest', policy: 'own-b', name: 'nope' }], message: /has no test named "nope"/, line: 32 },
  { label: 'removing a required policy field', edits: [{ op: 'setPolicyField', policy: 'own-a', field: 'condition', value: null }], message: /required and cannot be removed/, line: 25 },
  { label: 'a field value of the wrong kind', edits: [{ op: 'setPolicyField', policy: 'own-a', field: 'enabled', value: 'yes' }], message: /enabled must be true or false/ },
  { label: 'revoking an unknown reviewer', text: ROSTER, edits: [{ op: 'revokeReviewer', fingerprint: 'sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff', at: '2026-01-01T00:00:00Z' }], message: /no reviewer with fingerprint sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff/ },
  {
    // Re-adding a key, or editing an entry, must not quietly lift its revocation: a revoked key's signatures never count.
    label: 'upserting a revoked reviewer without its revocation', text: ROSTER,
    edits: [
      { op: 'revokeReviewer', fingerprint: 'sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', at: '2026-01-01T00:00:00Z' },
      { op: 'upsertReviewer', entry: { name: 'Alice Example', fingerprint: 'sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', publicKey: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n', roles: ['approver'] } },
    ],
    message: /is revoked .*does not lift a revocation/,
  },
  { label: 'removing an unknown reviewer', text: ROSTER, edits: [{ op: 'removeReviewer', fingerprint: 'sha256:ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff' }], message: /no reviewer/ },
  { label: 'an unknown op', edits: [{ op: 'dropTable' }], message: /invalid edit/ },
  { label: 'a value that is not finite', edits: [{ op: 'setParameter', policy: 'required-tags', name: 'n', value: Infinity }], message: /finite/ },
  { label: 'negative zero', edits: [{ op: 'setParameter', policy: 'required-tags', name: 'n', value: -0 }], message: /-0/ },
  { label: 'a value nested too deep', edits: [{ op: 'setParameter', policy: 'required-tags', name: 'n', value: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) as unknown }], message: /deeper/ },
  { label: 'a "__proto__" parameter name', edits: [{ op: 'setParameter', policy: 'required-tags', name: '__proto__', value: 1 }], message: /__proto__/ },
  { label: 'a "__proto__" key inside a value', edits: [{ op: 'setPolicyField', policy: 'own-a', field: 'match', value: JSON.parse('{"__proto__": {"types": ["x"]}}') as unknown }], message: /__proto__/ },
  { label: 'a string too long', edits: [{ op: 'setPolicyField', policy: 'own-a', field: 'description', value: 'x'.repeat(70_000) }], message: /longer than/ },
  { label: 'a v3 field on a contract of an unknown apiVersion', text: 'apiVersion: countersign.dev/v9\nkind: Contract\nmetadata: {name: x}\n', edits: [{ op: 'setMetadata', install: 'eu' }], message: /cannot be upgraded/ },
  { label: 'a parent that is not a mapping', text: 'apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: x}\nspec:\n  approvals: strict\n', edits: [{ op: 'setApprovals', quorum: 2 }], message: /spec\.approvals is not a mapping/, line: 5 },
  {
    label: 'a node an alias refers to (rewriting it would change the alias too)',
    text: 'apiVersion: countersign.dev/v2\nkind: Contract\nmetadata: {name: x}\nspec:\n  approvals: {quorum: &q 2, exceptionQuorum: *q}\n',
    edits: [{ op: 'setApprovals', quorum: 3 }],
    message: /could not write approvals\.quorum in place/,
    line: 5,
  },
  { label: 'the second edit of a batch, named as such', edits: [{ op: 'setApprovals', quorum: 2 }, { op: 'removePolicy', policy: 'ghost' }], message: /^edit 2 \(removePolicy\): unknown policy "ghost"/ },
];

describe('applyContractEdits: a bad edit is a problem (with its line where known), never a throw', () => {
  for (const c of CASES) {
    test(c.label, () => {
      const text = c.text ?? COMMENTED;
      let r: ReturnType<typeof applyContractEdits> | undefined;
      assert.doesNotThrow(() => {
        r = applyContractEdits(text, c.edits as ContractEdit[], fixtureContext);
      });
      assert.ok(r && !r.ok, JSON.stringify(r));
      assert.match(r.problem.message, c.message);
      assert.equal(r.problem.line, c.line);
    });
  }

  test('the API schema refuses the same bad values before they reach the editor', () => {
    assert.equal(contractEditSchema.safeParse({ op: 'setParameter', policy: 'p', name: 'n', value: Number.NaN }).success, false);
    assert.equal(contractEditSchema.safeParse({ op: 'setParameter', policy: 'p', name: 'n', value: new Date() }).success, false);
    assert.equal(contractEditSchema.safeParse({ op: 'setPolicyField', policy: 'p', field: 'id', value: 'x' }).success, false);
    assert.equal(contractEditSchema.safeParse({ op: 'addTest', policy: 'p', test: { resource: {} } }).success, false);
    assert.equal(contractEditSchema.safeParse({ op: 'setApprovals', quorum: 0 }).success, false);
    assert.equal(contractEditSchema.safeParse({ op: 'setOverride', policy: 'p', shadow: true, extra: 1 }).success, false);
    assert.equal(contractEditSchema.safeParse({ op: 'setMetadata', install: null }).success, true);
  });
});
