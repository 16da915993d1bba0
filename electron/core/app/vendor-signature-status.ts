import type { ResolvedContract } from '../engine';
import type { Workspace } from '../store';
import { checkVendorSignatures } from '../verify/vendor-signature';
import type { ReleaseMetadata, VendorSignatureStatus } from '../verify/vendor-signature';
import { judgingRevision, resolveRevision } from './current-contract';

const UNSIGNED: VendorSignatureStatus = { state: 'unsigned', signers: [], reasons: [] };

/**
 * The vendor release signatures a workspace holds for a change set, judged under `contract`
 * (the one that judges the change set): its roster's unrevoked vendor-release keys, or, when
 * it has no roster, the workspace's trusted keys with role `vendor`. Computed when read, so a
 * roster or trust change shows at once.
 */
export function vendorSignatureOf(ws: Workspace, digest: string, metadata: ReleaseMetadata, contract: Pick<ResolvedContract, 'roster'> | null, now = new Date()): VendorSignatureStatus {
  const signatures = ws.releaseSignatures.attestations(digest);
  if (signatures.length === 0) return UNSIGNED;
  const roster = contract?.roster !== undefined && contract.roster.length > 0 ? contract.roster : null;
  const vendorKeys = roster !== null ? [] : ws.keys.listTrustedKeys('vendor').map((k) => ({ pem: k.publicKeyPem, name: k.name, revokedAt: k.revokedAt, source: `trusted key ${k.fingerprint}` }));
  return checkVendorSignatures({ changeSetDigest: digest, manifest: metadata, signatures, roster, vendorKeys, now });
}

/**
 * The same, for read-only lists (the inbox): under the revision that judges the change set now,
 * without storing a default contract. A revision that no longer resolves is a reason, never a crash.
 */
export function vendorSignatureForList(ws: Workspace, digest: string, metadata: ReleaseMetadata, now = new Date()): VendorSignatureStatus {
  if (!ws.releaseSignatures.holdsAny(digest)) return UNSIGNED;
  const revision = judgingRevision(ws, metadata);
  let contract: ResolvedContract | null = null;
  try {
    contract = revision && resolveRevision(revision).contract;
  } catch (err) {
    return { state: 'invalid', signers: [], reasons: [{ code: 'vendor-signature-invalid', message: `the contract that judges it cannot be read: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  return vendorSignatureOf(ws, digest, metadata, contract, now);
}

/**
 * Whether the contract that judges change sets of this vendor and install requires the vendor's
 * release signature (countersign.dev/v4 `vendorSignature: required`). A contract that no longer
 * reads is taken to require it (fail closed: the inbox never shows "optional" by mistake).
 */
export function vendorSignatureRequiredFor(ws: Workspace, metadata: Pick<ReleaseMetadata, 'vendor' | 'install'>): boolean {
  const revision = judgingRevision(ws, metadata);
  if (revision === null) return false;
  try {
    return resolveRevision(revision).contract.vendorSignature === 'required';
  } catch {
    return true;
  }
}
