// Two workspaces on two machines for the co-signing tests: Alice (workspace A) owns the
// contract acme-prod-eu; its revision 3 has a roster of Alice (contract-owner, approver,
// exception-signer) and Bob (approver, exception-signer), published by Alice. Bob (workspace B)
// trusts Alice's public key. A holds the blocked demo change set and Alice's exception request.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RosterEntry } from '../base/roster';
import { createKey, exportKey, importChangeSet, importContract, publishContract, requestException, trustKey } from '../app';
import type { ExceptionResult } from '../app';
import { initWorkspace } from '../store';
import type { ReviewerKey, Workspace } from '../store';
import { repoRoot } from './corpus';

export const COSIGN_PASS = 'a long enough passphrase';
export const BLOCKED_BUNDLE = join(repoRoot, 'electron/demo/bundles/acme-2.14.0-blocked');
const DAY = 24 * 3600_000;

export interface TwoWorkspaces {
  readonly a: Workspace;
  readonly b: Workspace;
  readonly alice: ReviewerKey;
  readonly bob: ReviewerKey;
  readonly digest: string;
  readonly exception: ExceptionResult;
  /** The roster contract's text with `edit` applied (say, a new revision). */
  readonly contractText: (edit?: string) => string;
  readonly outboxA: string;
  readonly outboxB: string;
}

/** `given`: workspaces to use (an app context's), else new ones in `dir`. */
export async function twoWorkspaces(dir: string, given: { readonly a?: Workspace; readonly b?: Workspace } = {}): Promise<TwoWorkspaces> {
  const a = given.a ?? initWorkspace(join(dir, 'a.db'));
  const b = given.b ?? initWorkspace(join(dir, 'b.db'));
  const alice = await createKey(a, { name: 'Alice', passphrase: COSIGN_PASS });
  const bob = await createKey(b, { name: 'Bob', passphrase: COSIGN_PASS });
  const entry = (ws: Workspace, k: ReviewerKey, roles: RosterEntry['roles']): RosterEntry => ({ name: k.name, email: '', fingerprint: k.id, publicKey: exportKey(ws, k.id).pem, roles });
  const roster = [entry(a, alice, ['contract-owner', 'approver', 'exception-signer']), entry(b, bob, ['approver', 'exception-signer'])];
  const demo = readFileSync(join(repoRoot, 'electron/demo/contract.yaml'), 'utf8').replace('quorum: 1,', 'quorum: 2,');
  const contractText = (edit = ''): string => `${demo}roster: ${JSON.stringify(roster)}\n${edit}`;
  const save = (name: string, text: string): void => {
    writeFileSync(join(dir, name), text);
    importContract(a, join(dir, name), 'test');
  };
  save('r1.yaml', demo);
  save('r2.yaml', `${demo}# revision 2\n`);
  save('r3.yaml', contractText());
  await publishContract(a, { contract: 'acme-prod-eu', revision: 3, signers: [{ keyId: alice.id, passphrase: COSIGN_PASS }], notAfter: new Date(Date.now() + 30 * DAY) });
  // B trusts Alice as the contract's owner: her publications are what B accepts in a request.
  trustKey(b, { pem: exportKey(a, alice.id).pem, source: 'alice.pem', name: 'Alice', role: 'contract-owner' });
  const { digest } = await importChangeSet(a, [BLOCKED_BUNDLE]);
  const outboxA = join(dir, 'outbox-a');
  const exception = await requestException(a, {
    digest, waives: [{ policy: 'k8s-resource-limits', pattern: 'Deployment/acme-analytics/*' }], justification: 'limits come in 2.14.1',
    expires: new Date(Date.now() + 7 * DAY), keyId: alice.id, passphrase: COSIGN_PASS, outboxDir: outboxA,
  });
  return { a, b, alice, bob, digest, exception, contractText, outboxA, outboxB: join(dir, 'outbox-b') };
}
