import type { ResolvedContract } from '../engine';
import { reviewerActor } from '../store';
import type { Workspace } from '../store';

/**
 * The audit actor of a signing action: `reviewer:<name> <fingerprint>`, the name as the
 * contract's roster lists the key when it does (what an auditor reads elsewhere), else the
 * name the workspace gave the key.
 */
export function signingActor(ws: Workspace, keyId: string, contract?: Pick<ResolvedContract, 'roster'> | null): string {
  const listed = (contract?.roster ?? []).find((e) => e.fingerprint === keyId);
  const name = listed?.name ?? ws.keys.getReviewerKey(keyId)?.name ?? ws.keys.getTrustedKey(keyId)?.name ?? '';
  return reviewerActor(name, keyId);
}
