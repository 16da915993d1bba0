/**
 * Issue 12 (demo: "one exception expiring soon"): an exception signed to the quorum by people
 * who are not on this machine, as the demo workspace needs it. Each signer gets a key pair made
 * here whose public key the workspace trusts as a reviewer key (as `keys trust` does for a
 * co-reviewer on another machine); the private halves are never stored or returned, so after
 * this no private key of theirs exists anywhere: nothing in the repository or the workspace is
 * a secret that merely claims to be for demos. The signed file is then imported exactly as one
 * that came back from co-reviewers (importAttestations: every signature verified, stored, audited).
 */
import { addSignature, createException, envelopeFileText, exportPublicKey, generateReviewerKey } from '../signing';
import type { Waiver } from '../signing';
import { currentAuditHead } from '../store';
import type { Workspace } from '../store';
import { importAttestations } from './import-attestations';
import { trustKey } from './key-service';
import { workspaceContext } from './review-context';

export interface ThrowawaySignedException {
  /** The stored change set it is scoped to. */
  readonly digest: string;
  /** The signers' names, requester first; one signature each. */
  readonly signers: readonly string[];
  readonly waives: readonly Waiver[];
  readonly justification: string;
  readonly expires: Date;
  readonly now?: Date;
}

/** Signs the exception with one throwaway key per signer, trusts their public keys, imports it: the exception's payload digest. */
export function importExceptionSignedByThrowawayKeys(ws: Workspace, input: ThrowawaySignedException): string {
  if (input.signers.length === 0) throw new Error('an exception needs at least its requester');
  const now = input.now ?? new Date();
  const keys = input.signers.map((name) => {
    const pair = generateReviewerKey();
    trustKey(ws, { pem: exportPublicKey(pair.publicKey).pem, source: 'demo seed', name, role: 'reviewer' });
    return { name, privateKey: pair.privateKey };
  });
  const contract = workspaceContext(ws).contractFor(input.digest).contract;
  const signed = createException({
    contract, changeSetDigest: input.digest, waives: input.waives, expires: input.expires, justification: input.justification,
    requester: { privateKey: keys[0]!.privateKey, name: keys[0]!.name }, auditHead: currentAuditHead(ws), time: now,
  });
  const envelope = keys.slice(1).reduce((e, k) => addSignature(e, k.privateKey, 'exception'), signed.envelope);
  importAttestations(ws, [{ name: signed.fileName, text: envelopeFileText(envelope) }], { now });
  return signed.digest;
}
