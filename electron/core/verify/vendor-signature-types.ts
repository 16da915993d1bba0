import type { Reason } from './reasons';

/**
 * The state of a change set's vendor release signature(s) (release/v1), as
 * checkVendorSignatures (vendor-signature.ts) finds it. Declared here, apart from the check,
 * so judgeRelease and the check import one type.
 * - verified: at least one signature by a vendor key that counts (roster: unrevoked
 *   `vendor-release`; no roster: a trusted vendor key) verifies over this change-set digest;
 * - unsigned: no signature file at all;
 * - invalid: signature file(s) that do not verify, are malformed, or sign another digest;
 * - untrusted: signatures that verify, but only by keys that do not count.
 */
export type VendorSignatureState = 'verified' | 'unsigned' | 'invalid' | 'untrusted';

export interface VendorSignatureStatus {
  readonly state: VendorSignatureState;
  readonly signers: readonly { readonly keyId: string; readonly name: string }[];
  readonly reasons: readonly Reason[];
}

export type { VendorSignatureRule } from '../base/separation-of-duties';
