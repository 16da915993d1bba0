import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { InputError } from '../model/errors';
import { readAttestations } from '../signing';
import type { LoadedAttestation } from '../signing';
import { checkRecordedHeads, exportAudit, verifyAuditChain } from '../store';
import type { AuditVerification, HeadCheck, HeadClaim, Workspace } from '../store';
import { resolveTrustedKeys } from '../verify';
import { checkAttestations } from '../verify/check-attestations';
import { workspaceTrust } from './workspace-judgement';

/** Walks the hash chain; names the first broken entry. */
export function verifyAudit(ws: Workspace): AuditVerification {
  return verifyAuditChain(ws);
}

export interface AuditHeadsResult extends HeadCheck {
  /** Attestations read that record no head (v1, or contract revisions). */
  readonly withoutHead: number;
  /** Files or entries that are not attestations signed by a key this workspace holds or trusts (not checked). */
  readonly unverified: number;
}

/**
 * Checks the audit heads recorded in signed attestations (decision/v2, exception/v2) against
 * this workspace's chain. Only attestations with a signature by a key the workspace holds or
 * trusts are read (a forged file must not raise or hide an alarm); a head whose author key
 * is one of this workspace's own keys must be in this chain.
 */
export function verifyAuditHeads(ws: Workspace, attestationsPath: string): AuditHeadsResult {
  return checkAuditHeadsOf(ws, readAttestations(attestationsPath));
}

/** verifyAuditHeads over attestations already read (the audit report passes the ones the workspace holds). */
export function checkAuditHeadsOf(ws: Workspace, loaded: readonly LoadedAttestation[]): AuditHeadsResult {
  const { verified } = checkAttestations(loaded, resolveTrustedKeys(workspaceTrust(ws)), new Date());
  const claims: HeadClaim[] = [];
  let withoutHead = 0;
  for (const a of verified) {
    const author = a.type === 'decision' ? a.predicate.reviewer.keyId : a.type === 'exception' ? a.predicate.requester.keyId : null;
    const head = a.type === 'decision' || a.type === 'exception' ? a.predicate.auditHead : undefined;
    if (!head || author === null) {
      withoutHead++;
      continue;
    }
    // The head is the author's claim only if the author signed it: a file signed by another
    // trusted key that names one of ours as author must not raise (or hide) an alarm.
    if (!a.signers.includes(author)) {
      withoutHead++;
      continue;
    }
    claims.push({ source: a.source, head, ownKey: ws.keys.getReviewerKey(author) !== null });
  }
  return { ...checkRecordedHeads(ws.db, claims), withoutHead, unverified: loaded.length - verified.length };
}

/** Writes the audit log as JSON lines to a file (or to `out`); resolves with the entry count. */
export async function exportAuditLog(ws: Workspace, target: { readonly file: string } | { readonly stream: Writable }): Promise<number> {
  if ('stream' in target) return exportAudit(ws, target.stream);
  const out = createWriteStream(target.file);
  const failed = new Promise<never>((_, reject) => out.once('error', (err: NodeJS.ErrnoException) => {
    reject(new InputError(target.file, `cannot write the audit export (${err.code ?? err.message})`));
  }));
  const written = await Promise.race([exportAudit(ws, out), failed]);
  out.end();
  await Promise.race([finished(out), failed]);
  return written;
}
