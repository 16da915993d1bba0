// Issue 9, "Revisions": every save is a revision with author (the reviewer's key identity),
// time, comment and digest; a draft that does not load, compile or pass its tests stores
// nothing and says where; any two revisions diff; a revert is a new revision.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../../model/errors';
import { initWorkspace } from '../../store';
import type { Workspace } from '../../store';
import { createKey, revokeKey } from '../key-service';
// Several own keys: a workspace made before the one-personal-key rule.
import { addLegacyReviewerKey } from '../../testing/legacy-keys';
import { diffRevisions } from './diff-revisions';
import { listContractRevisions, revertContract } from './revisions';
import { saveContractDraft } from './save-draft';

const PASS = 'a long enough passphrase';
const dir = mkdtempSync(join(tmpdir(), 'countersign-revisions-'));
let ws: Workspace;
let alice: { id: string; name: string; publicKeyPem: string };

const deployment = (replicas: number) => `{source: kubernetes, type: Deployment, address: Deployment/shop/web, action: create,
            after: {apiVersion: apps/v1, kind: Deployment, metadata: {name: web, namespace: shop}, spec: {replicas: ${replicas}}}}`;

interface Draft { name?: string; vendor?: string; install?: string; min?: number; expect?: 'fail' | 'pass'; quorum?: number; extra?: string; roster?: string; condition?: string }
function draft(d: Draft = {}): string {
  return `apiVersion: countersign.dev/v3
kind: Contract
metadata:
  name: ${d.name ?? 'acme'}
  vendor: ${JSON.stringify(d.vendor ?? 'acme')}
  install: ${JSON.stringify(d.install ?? '')}
${d.roster ?? ''}spec:
  approvals: {quorum: ${d.quorum ?? 1}, exceptionQuorum: 1, maxExceptionDays: 30}
  parameters:
    min-replicas: {min: ${d.min ?? 2}}
  policies:
    - id: min-replicas
      title: At least N replicas
      severity: low
      enforcement: deny
      match: {types: [Deployment]}
      parameters:
        min: {description: fewest replicas, default: 2}
      condition: ${JSON.stringify(d.condition ?? 'object.spec.replicas >= params.min')}
      message: "{{ resource.address }} has {{ object.spec.replicas }} replicas"
      tests:
        - name: one replica is too few
          expect: ${d.expect ?? 'fail'}
          resource: ${deployment(1)}
${d.extra ?? ''}`;
}

const save = (text: string, comment = '', name = 'acme') => saveContractDraft(ws, { contract: name, text, comment, keyId: alice.id });
const count = () => ws.contracts.listRevisions().length;

before(async () => {
  ws = initWorkspace(join(dir, 'countersign.db'));
  const key = await createKey(ws, { name: 'Alice Example', passphrase: PASS });
  alice = { id: key.id, name: key.name, publicKeyPem: key.publicKeyPem };
});
after(() => {
  ws.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('saving a draft', () => {
  test('a new contract, then each change, is a revision with the key identity as author, the comment and the digest', () => {
    const first = save(draft(), 'first cut');
    assert.equal(first.created, true);
    assert.deepEqual([first.revision.contract, first.revision.revision, first.revision.comment], ['acme', 1, 'first cut']);
    assert.equal(first.revision.author, `Alice Example <${alice.id}>`);
    assert.equal(first.revision.authorKeyId, alice.id);
    assert.equal(save(draft(), 'same again').created, false, 'the same text is no new revision');
    const second = save(draft({ min: 3 }), 'three replicas');
    assert.deepEqual([second.created, second.revision.revision], [true, 2]);
    assert.deepEqual(listContractRevisions(ws, 'acme').map((r) => [r.revision, r.comment, r.current, r.authorKeyId]), [
      [1, 'first cut', false, alice.id], [2, 'three replicas', true, alice.id],
    ]);
  });

  // The class: each way a draft can be wrong is refused with its line, and nothing is stored.
  const refused: readonly { what: string; text: () => string; name?: string; message: RegExp; line?: number }[] = [
    { what: 'a failing test (named, at its line)', text: () => draft({ expect: 'pass', min: 4 }), message: /test "one replica is too few" of policy "min-replicas" fails: expected to pass, but it failed/, line: 22 },
    { what: 'CEL that does not compile', text: () => draft({ condition: 'object.spec.replicas >=' }), message: /min-replicas|condition|Syntax/i },
    { what: 'YAML that does not parse', text: () => `${draft()}  - [unclosed\n`, message: /invalid YAML|YAML/ },
    { what: 'an unknown field', text: () => draft().replace('spec:\n', 'spec:\n  surprise: 1\n'), message: /unknown field "spec.surprise"/, line: 8 },
    { what: 'metadata.name other than the contract saved to', text: () => draft({ name: 'other' }), message: /metadata.name is "other", but this saves contract "acme"/, line: 4 },
    { what: "another contract's vendor (a new contract)", text: () => draft({ name: 'acme-2' }), name: 'acme-2', message: /contract "acme" already judges vendor "acme"/, line: 5 },
    { what: "a vendor that reads like another contract's", text: () => draft({ name: 'acme-3', vendor: 'ACME' }), name: 'acme-3', message: /reads the same as contract "acme"'s vendor "acme"/, line: 5 },
    { what: 'a vendor with a surrounding space', text: () => draft({ name: 'spaced', vendor: 'spaced ' }), name: 'spaced', message: /starts or ends with a space/, line: 5 },
    { what: 'an install with an invisible character', text: () => draft({ name: 'zw', vendor: 'zw', install: 'prod\u200b' }), name: 'zw', message: /U\+200B/, line: 6 },
    { what: 'an install without a vendor', text: () => draft({ name: 'house', vendor: '', install: 'prod' }), name: 'house', message: /set metadata.vendor too/, line: 6 },
    { what: 'a new contract name with a control character', text: () => draft({ name: '"bad\\u0007name"', vendor: 'b' }), name: 'bad\u0007name', message: /U\+0007/ },
  ];
  for (const c of refused) {
    test(`refused, nothing stored: ${c.what}`, () => {
      const n = count();
      assert.throws(() => save(c.text(), '', c.name ?? 'acme'), (e: unknown) => {
        assert.ok(e instanceof InputError, String(e));
        assert.match(e.message, c.message);
        if (c.line !== undefined) assert.equal(e.line, c.line, e.message);
        return true;
      });
      assert.equal(count(), n);
    });
  }

  test('an install-specific contract of the same vendor is its own contract', () => {
    assert.equal(save(draft({ name: 'acme-eu', install: 'prod-eu' }), 'EU install', 'acme-eu').revision.revision, 1);
  });

  test('a revoked key cannot author a revision', async () => {
    const bob = await addLegacyReviewerKey(ws, { name: 'Bob', passphrase: PASS });
    revokeKey(ws, bob.id);
    const n = count();
    assert.throws(() => saveContractDraft(ws, { contract: 'acme', text: draft({ min: 9 }), comment: '', keyId: bob.id }), /revoked/);
    assert.equal(count(), n);
  });

  test('a roster-only edit (outside the digest) is still a new revision', () => {
    const roster = `roster:
  - name: Alice Example
    email: alice@example.com
    fingerprint: ${alice.id}
    publicKey: |
${alice.publicKeyPem.trimEnd().split('\n').map((l) => `      ${l}`).join('\n')}
    roles: [approver, contract-owner]
`;
    const before = ws.contracts.latestRevision('acme')!;
    const saved = save(draft({ min: 3, roster }), 'add Alice');
    assert.deepEqual([saved.created, saved.revision.digest], [true, before.digest]);
    const diff = diffRevisions(ws, 'acme', before.revision, saved.revision.revision);
    assert.deepEqual(diff.roster.added.map((e) => [e.name, e.roles, e.inWorkspace]), [['Alice Example', ['approver', 'contract-owner'], true]]);
    assert.deepEqual([diff.policiesChanged, diff.parameters, diff.approvals], [[], [], []]);
  });
});

describe('diff and revert', () => {
  test('a diff names policies added, removed and changed by field, parameters, overrides, approvals; with both texts', () => {
    const extra = `    - id: no-latest
      title: No latest
      severity: high
      enforcement: deny
      condition: "true"
`;
    const from = save(draft({ min: 3 }), 'baseline for the diff').revision;
    const to = save(draft({ min: 5, quorum: 2, extra, condition: 'object.spec.replicas >= params.min && true' })
      .replace('  parameters:\n', '  overrides:\n    min-replicas: {enforcement: approval, shadow: true}\n  parameters:\n'), 'stricter').revision;
    const diff = diffRevisions(ws, 'acme', from.revision, to.revision);
    assert.deepEqual([diff.from.revision, diff.to.revision, diff.to.current], [from.revision, to.revision, true]);
    assert.deepEqual(diff.policiesAdded, ['no-latest']);
    assert.deepEqual(diff.policiesRemoved, []);
    assert.deepEqual(diff.policiesChanged.map((p) => [p.id, p.changes.map((c) => c.field)]), [['min-replicas', ['enforcement', 'shadow', 'condition']]]);
    assert.deepEqual(diff.policiesChanged[0]!.changes[0], { field: 'enforcement', before: 'deny', after: 'approval' });
    assert.deepEqual(diff.parameters, [{ policy: 'min-replicas', name: 'min', before: '3', after: '5' }]);
    assert.deepEqual(diff.approvals, [{ field: 'quorum', before: '1', after: '2' }]);
    assert.deepEqual([diff.textBefore, diff.textAfter], [from.content, to.content]);
    const back = diffRevisions(ws, 'acme', to.revision, from.revision);
    assert.deepEqual([back.policiesAdded, back.policiesRemoved], [[], ['no-latest']]);
  });

  test('revert makes an old revision current again as a new revision; reverting to the latest stores nothing and says so', () => {
    const latest = ws.contracts.latestRevision('acme')!;
    const r = revertContract(ws, { contract: 'acme', revision: 1, comment: 'back to the first cut', keyId: alice.id });
    assert.equal(r.created, true);
    assert.equal(r.revision.revision, latest.revision + 1);
    assert.equal(r.revision.content, ws.contracts.listRevisions('acme')[0]!.content);
    assert.equal(r.revision.comment, 'revert to revision 1: back to the first cut');
    const n = count();
    const again = revertContract(ws, { contract: 'acme', revision: r.revision.revision, comment: '', keyId: alice.id });
    assert.deepEqual([again.created, again.revision.id], [false, r.revision.id]);
    assert.match(again.unchanged!, /already the latest revision/);
    const same = revertContract(ws, { contract: 'acme', revision: 1, comment: '', keyId: alice.id });
    assert.match(same.unchanged!, /already holds exactly revision 1's content/);
    assert.equal(count(), n);
  });

  test('an unknown contract or revision is not found, with the range that exists', () => {
    assert.throws(() => diffRevisions(ws, 'acme', 1, 99), /has no revision 99 \(it has 1\.\.\d+\)/);
    assert.throws(() => listContractRevisions(ws, 'nope'), /no contract with this name/);
    assert.throws(() => revertContract(ws, { contract: 'nope', revision: 1, comment: '', keyId: alice.id }), /no contract with this name/);
  });
});
